import { asObject, containersOf, podTemplateOf, type Json } from '../k8s/pod-spec.js';
import type { StateObject } from './types.js';

/** Kinds an object can need by name before it works: mounted or read config, and Alertmanager's global config. */
export type ReferencedKind = 'Secret' | 'ConfigMap' | 'AlertmanagerConfig';

/** One object naming another of its namespace. */
export interface Reference {
  readonly kind: ReferencedKind;
  readonly namespace: string;
  readonly name: string;
  /** `optional: true`: the referrer works without it. */
  readonly optional: boolean;
  /** Where the name sits, for findings: `env DB_PASSWORD`, `spec.secrets`. */
  readonly via: string;
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(asObject) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function podReferences(spec: Json, add: (kind: ReferencedKind, name: unknown, optional: unknown, via: string) => void): void {
  for (const v of list(spec.volumes)) {
    const secret = asObject(v.secret);
    const configMap = asObject(v.configMap);
    add('Secret', secret.secretName, secret.optional, `volume ${str(v.name)}`);
    add('ConfigMap', configMap.name, configMap.optional, `volume ${str(v.name)}`);
    for (const source of list(asObject(v.projected).sources)) {
      add('Secret', asObject(source.secret).name, asObject(source.secret).optional, `projected volume ${str(v.name)}`);
      add('ConfigMap', asObject(source.configMap).name, asObject(source.configMap).optional, `projected volume ${str(v.name)}`);
    }
  }
  for (const c of containersOf(spec)) {
    for (const e of list(c.body.env)) {
      const from = asObject(e.valueFrom);
      add('Secret', asObject(from.secretKeyRef).name, asObject(from.secretKeyRef).optional, `container ${c.name} env ${str(e.name)}`);
      add(
        'ConfigMap',
        asObject(from.configMapKeyRef).name,
        asObject(from.configMapKeyRef).optional,
        `container ${c.name} env ${str(e.name)}`,
      );
    }
    for (const e of list(c.body.envFrom)) {
      add('Secret', asObject(e.secretRef).name, asObject(e.secretRef).optional, `container ${c.name} envFrom`);
      add('ConfigMap', asObject(e.configMapRef).name, asObject(e.configMapRef).optional, `container ${c.name} envFrom`);
    }
  }
  for (const s of list(spec.imagePullSecrets)) add('Secret', s.name, false, 'imagePullSecrets');
}

/** `{name, key}` selectors anywhere below `value`: Secrets, or ConfigMaps where the parent field says so. */
function keySelectors(
  value: unknown,
  path: string,
  add: (kind: ReferencedKind, name: unknown, optional: unknown, via: string) => void,
  parentKey = '',
): void {
  if (Array.isArray(value)) {
    value.forEach((v) => keySelectors(v, path, add, parentKey));
    return;
  }
  const o = asObject(value);
  if (typeof o.name === 'string' && typeof o.key === 'string') {
    add(parentKey === 'configMap' ? 'ConfigMap' : 'Secret', o.name, o.optional, `${path}.${parentKey}`);
    return;
  }
  for (const [k, v] of Object.entries(o)) if (typeof v === 'object' && v !== null) keySelectors(v, path, add, k);
}

/** Operator custom resources that name Secrets and ConfigMaps (fields of the pinned CRDs). */
function operatorReferences(o: StateObject, add: (kind: ReferencedKind, name: unknown, optional: unknown, via: string) => void): void {
  const spec = asObject(o.body.spec);
  const group = o.apiVersion.split('/')[0];
  if (group === 'monitoring.coreos.com' && (o.kind === 'Alertmanager' || o.kind === 'Prometheus')) {
    for (const name of Array.isArray(spec.secrets) ? spec.secrets : []) add('Secret', name, false, 'spec.secrets');
    for (const name of Array.isArray(spec.configMaps) ? spec.configMaps : []) add('ConfigMap', name, false, 'spec.configMaps');
    if (o.kind === 'Alertmanager') {
      add('Secret', spec.configSecret, false, 'spec.configSecret');
      add('AlertmanagerConfig', asObject(spec.alertmanagerConfiguration).name, false, 'spec.alertmanagerConfiguration');
    } else {
      for (const field of ['additionalScrapeConfigs', 'additionalAlertManagerConfigs', 'additionalAlertRelabelConfigs']) {
        const ref = asObject(spec[field]);
        add('Secret', ref.name, ref.optional, `spec.${field}`);
      }
    }
  }
  if (group === 'monitoring.coreos.com' && o.kind === 'AlertmanagerConfig') keySelectors(spec.receivers, 'spec.receivers', add);
  if (group === 'external-secrets.io' && o.kind === 'ExternalSecret') {
    for (const t of list(asObject(asObject(spec.target).template).templateFrom)) {
      add('ConfigMap', asObject(t.configMap).name, false, 'spec.target.template.templateFrom');
      add('Secret', asObject(t.secret).name, false, 'spec.target.template.templateFrom');
    }
  }
}

/**
 * Secrets read by controllers that work without them until they appear (no
 * pod waits): registry credentials of a ServiceAccount, TLS certificates of
 * an Ingress or gateway. Optional for ordering; consumers all the same.
 */
function servingReferences(o: StateObject, add: (kind: ReferencedKind, name: unknown, optional: unknown, via: string) => void): void {
  const spec = asObject(o.body.spec);
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  if (group === '' && o.kind === 'ServiceAccount')
    for (const s of list(o.body.imagePullSecrets)) add('Secret', s.name, true, 'imagePullSecrets');
  if (group === 'networking.k8s.io' && o.kind === 'Ingress') for (const t of list(spec.tls)) add('Secret', t.secretName, true, 'spec.tls');
  if (group === 'networking.istio.io' && o.kind === 'Gateway')
    for (const s of list(spec.servers)) add('Secret', asObject(s.tls).credentialName, true, 'spec.servers.tls.credentialName');
  if (group === 'gateway.networking.k8s.io' && o.kind === 'Gateway') {
    for (const l of list(spec.listeners))
      for (const ref of list(asObject(l.tls).certificateRefs))
        if (!ref.namespace && (ref.kind ?? 'Secret') === 'Secret') add('Secret', ref.name, true, 'spec.listeners.tls.certificateRefs');
  }
}

/** Several rules read the references of the same objects: compute them once per object. */
const memo = new WeakMap<StateObject, readonly Reference[]>();

/** Every Secret, ConfigMap and AlertmanagerConfig an object needs by name (all in its own namespace). */
export function referencesOf(o: StateObject): readonly Reference[] {
  const hit = memo.get(o);
  if (hit) return hit;
  const found = collectReferences(o);
  memo.set(o, found);
  return found;
}

function collectReferences(o: StateObject): Reference[] {
  const namespace = o.namespace;
  if (!namespace) return [];
  const out: Reference[] = [];
  const add = (kind: ReferencedKind, name: unknown, optional: unknown, via: string) => {
    if (typeof name === 'string' && name !== '') out.push({ kind, namespace, name, optional: optional === true, via });
  };
  const pod = podTemplateOf({ file: o.source, apiVersion: o.apiVersion, kind: o.kind, name: o.name, body: o.body });
  if (pod) podReferences(pod.spec, add);
  operatorReferences(o, add);
  servingReferences(o, add);
  return out;
}

/** One object another creates: a Secret, ConfigMap or AlertmanagerConfig, directly or through a controller. */
export interface Created {
  readonly kind: ReferencedKind;
  readonly namespace: string;
  readonly name: string;
}

/** ESO creates the target Secret unless told to merge into (or leave alone) an existing one. */
const CREATING_POLICIES = new Set(['Owner', 'Orphan']);

/**
 * What an object brings into existence: itself, or the Secret a controller
 * makes from it as soon as it is applied (an ExternalSecret's target, a
 * cert-manager Certificate's secretName).
 */
export function createdBy(o: StateObject): Created | undefined {
  const namespace = o.namespace;
  if (!namespace) return undefined;
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  if (group === '' && (o.kind === 'Secret' || o.kind === 'ConfigMap')) return { kind: o.kind, namespace, name: o.name };
  if (group === 'monitoring.coreos.com' && o.kind === 'AlertmanagerConfig') return { kind: 'AlertmanagerConfig', namespace, name: o.name };
  const spec = asObject(o.body.spec);
  if (group === 'external-secrets.io' && o.kind === 'ExternalSecret') {
    const target = asObject(spec.target);
    if (!CREATING_POLICIES.has(str(target.creationPolicy) || 'Owner')) return undefined;
    return { kind: 'Secret', namespace, name: str(target.name) || o.name };
  }
  if (group === 'cert-manager.io' && o.kind === 'Certificate' && str(spec.secretName))
    return { kind: 'Secret', namespace, name: str(spec.secretName) };
  return undefined;
}

export const refKey = (r: { kind: string; namespace: string; name: string }) => `${r.kind}/${r.namespace}/${r.name}`;
