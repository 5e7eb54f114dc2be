import type { ClusterStateRule, StateViolation } from '../types.js';
import { annotationsOf, stateWhere, type ClusterState, type StateObject } from './types.js';

const DEFAULT_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One claim: a PersistentVolumeClaim, or a claim template inside a workload or an operator's resource. */
interface Claim {
  readonly object: StateObject;
  /** `spec.volumeClaimTemplates[0]` and the like, for the finding. */
  readonly path: string;
  /** `undefined`: unset (the default class applies); `''`: a pre-provisioned volume without class. */
  readonly storageClassName: string | undefined;
}

const classOf = (claimSpec: unknown): string | undefined => {
  const name = isObject(claimSpec) ? claimSpec.storageClassName : undefined;
  return typeof name === 'string' ? name : undefined;
};

/** Every claim template anywhere in an object: StatefulSets, Prometheus' `storage.volumeClaimTemplate`, ephemeral volumes... */
function claimTemplates(object: StateObject, value: unknown, path: string): Claim[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => claimTemplates(object, v, `${path}[${i}]`));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const at = path ? `${path}.${key}` : key;
    if (key === 'volumeClaimTemplate' && isObject(v)) return [{ object, path: at, storageClassName: classOf(v.spec) }];
    if (key === 'volumeClaimTemplates' && Array.isArray(v)) {
      return v.map((t, i) => ({ object, path: `${at}[${i}]`, storageClassName: classOf(isObject(t) ? t.spec : undefined) }));
    }
    return claimTemplates(object, v, at);
  });
}

function claimsOf(state: ClusterState): Claim[] {
  return state.objects.flatMap((o) => {
    // CRD schemas describe claims, Argo CD Applications carry Helm values: neither is a claim.
    if (o.kind === 'CustomResourceDefinition' || o.apiVersion.startsWith('argoproj.io/')) return [];
    if (o.kind === 'PersistentVolumeClaim') return [{ object: o, path: 'spec', storageClassName: classOf(o.body.spec) }];
    return claimTemplates(o, o.body.spec, 'spec');
  });
}

/** A StorageClass the cluster has: one an Application applies, or one EKS creates itself. */
interface ClusterClass {
  readonly name: string;
  readonly isDefault: boolean;
  /** The Application that applies it; absent for EKS's own. */
  readonly object?: StateObject;
}

const minor = (version: string) => Number(version.split('.')[1] ?? 0);

/**
 * EKS creates `gp2` (in-tree EBS, served by the CSI driver) in every cluster,
 * marked default only in clusters created before Kubernetes 1.30. A cluster is
 * taken as created at its configured version: one created earlier and upgraded
 * keeps the annotation, which nothing here counts on.
 */
export function eksStorageClasses(kubeVersion: string): ClusterClass[] {
  return [{ name: 'gp2', isDefault: minor(kubeVersion) < 30 }];
}

function classesOf(state: ClusterState): ClusterClass[] {
  const applied = state.objects
    .filter((o) => o.kind === 'StorageClass' && o.apiVersion.startsWith('storage.k8s.io/'))
    .map((o) => ({ name: o.name, isDefault: annotationsOf(o)[DEFAULT_ANNOTATION] === 'true', object: o }));
  const names = new Set(applied.map((c) => c.name));
  return [...applied, ...eksStorageClasses(state.kubeVersion).filter((c) => !names.has(c.name))];
}

/**
 * A claim whose StorageClass does not exist (or, unset, with no default class)
 * stays Pending: its pod never starts, its StatefulSet or operator never turns
 * healthy, and Argo CD's waves stop there. A class from a later wave than the
 * claim never arrives for the same reason.
 */
export const claimsHaveStorageClass: ClusterStateRule = {
  id: 'claims-have-storage-class',
  check: (state) => {
    const classes = classesOf(state);
    const byName = new Map(classes.map((c) => [c.name, c]));
    const defaults = classes.filter((c) => c.isDefault);
    const waveOf = new Map(state.applications.map((a) => [a.name, a.wave]));
    const violations: StateViolation[] = [];
    if (defaults.length > 1) {
      for (const c of defaults.filter((d) => d.object)) {
        violations.push({
          where: stateWhere(c.object as StateObject),
          detail: `more than one default StorageClass (${defaults.map((d) => d.name).join(', ')}): claims without a class get whichever was created last`,
        });
      }
    }
    const hasPreProvisioned = state.objects.some((o) => o.kind === 'PersistentVolume' && !classOf(o.body.spec));
    for (const claim of claimsOf(state)) {
      const where = stateWhere(claim.object);
      const name = claim.storageClassName;
      if (name === '') {
        if (!hasPreProvisioned)
          violations.push({
            where,
            detail: `${claim.path} sets storageClassName '' (a pre-provisioned volume without class), and no Application creates such a PersistentVolume`,
          });
        continue;
      }
      const cls = name === undefined ? defaults[0] : byName.get(name);
      if (!cls) {
        const has = classes.map((c) => `${c.name}${c.isDefault ? ' (default)' : ''}`).join(', ');
        violations.push({
          where,
          detail:
            name === undefined
              ? `${claim.path} sets no storageClassName and the cluster has no default StorageClass (it has: ${has})`
              : `${claim.path} asks for StorageClass '${name}', which the cluster does not have (it has: ${has})`,
        });
        continue;
      }
      const classWave = cls.object ? (waveOf.get(cls.object.application) ?? 0) : Number.NEGATIVE_INFINITY;
      const claimWave = waveOf.get(claim.object.application) ?? 0;
      // Same wave: Argo CD syncs both and the claim binds once the class exists; a later wave never comes.
      if (classWave > claimWave) {
        violations.push({
          where,
          detail: `${claim.path} uses StorageClass '${cls.name}' from Application '${cls.object?.application ?? ''}' at wave ${classWave}, after this claim's wave ${claimWave}: the claim stays Pending and its wave never completes`,
        });
      }
    }
    return violations;
  },
};
