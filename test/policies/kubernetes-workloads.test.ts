import { describe, expect, it } from 'vitest';
import { isPinned } from '../../policies/k8s/image-reference.js';
import { kubernetesWorkloads } from '../../policies/packs/kubernetes-workloads.js';
import type { K8sObject, K8sRule } from '../../policies/types.js';
import { deployment, ECR, k8sVerdict, objectsOf } from './fixtures.js';

const container = (d: any) => d.spec.template.spec.containers[0];
const podSpec = (d: any) => d.spec.template.spec;

const pdb = (matchLabels: Record<string, string>): K8sObject =>
  objectsOf(`apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: order-gateway, namespace: team-trading }
spec: { maxUnavailable: 1, selector: { matchLabels: ${JSON.stringify(matchLabels)} } }
`)[0] as K8sObject;

interface Case {
  readonly rule: string;
  readonly failing: (d: any) => void;
  readonly detail: RegExp;
  /** Objects beside the workload (PodDisruptionBudgets...). */
  readonly passingWith?: K8sObject[];
  /** Makes the default workload one the rule applies to. */
  readonly applicable?: (d: any) => void;
}

const CASES: Case[] = [
  {
    rule: 'run-as-non-root',
    failing: (d) => (podSpec(d).securityContext = { seccompProfile: { type: 'RuntimeDefault' } }),
    detail: /may run as root/,
  },
  {
    rule: 'read-only-root-filesystem',
    failing: (d) => (container(d).securityContext.readOnlyRootFilesystem = false),
    detail: /writable root filesystem/,
  },
  {
    rule: 'no-privilege-escalation',
    failing: (d) => delete container(d).securityContext.allowPrivilegeEscalation,
    detail: /allowPrivilegeEscalation/,
  },
  { rule: 'capabilities-dropped', failing: (d) => (container(d).securityContext.capabilities = { drop: ['NET_RAW'] }), detail: /drop ALL/ },
  {
    rule: 'seccomp-runtime-default',
    failing: (d) => (podSpec(d).securityContext.seccompProfile = { type: 'Unconfined' }),
    detail: /seccompProfile/,
  },
  { rule: 'requests-and-limits', failing: (d) => delete container(d).resources.limits.memory, detail: /resources\.limits\.memory/ },
  { rule: 'probes-configured', failing: (d) => delete container(d).livenessProbe, detail: /no livenessProbe/ },
  { rule: 'allowed-registries', failing: (d) => (container(d).image = 'docker.io/library/nginx:1.27'), detail: /pulls docker\.io/ },
  { rule: 'no-latest-tag', failing: (d) => (container(d).image = `${ECR}/trading/order-gateway:latest`), detail: /unpinned image/ },
  {
    rule: 'disruption-budget-for-replicas',
    applicable: (d) => (d.spec.replicas = 3),
    failing: (d) => (d.spec.replicas = 3),
    passingWith: [pdb({ app: 'order-gateway' })],
    detail: /3 replicas and no PodDisruptionBudget/,
  },
  { rule: 'no-privileged', failing: (d) => (container(d).securityContext.privileged = true), detail: /is privileged/ },
  { rule: 'no-host-namespaces', failing: (d) => (podSpec(d).hostNetwork = true), detail: /hostNetwork/ },
  { rule: 'no-default-sa-token', failing: (d) => delete podSpec(d).serviceAccountName, detail: /default service account/ },
  {
    rule: 'required-labels',
    failing: (d) => delete d.spec.template.metadata.labels['tradesense.io/team'],
    detail: /pod template lacks label tradesense\.io\/team/,
  },
];

const rule = (id: string): K8sRule => {
  const entry = kubernetesWorkloads.entries.find((e) => e.rule.id === id);
  if (!entry) throw new Error(`no rule ${id} in kubernetes-workloads`);
  return entry.rule;
};

describe('kubernetes-workloads pack', () => {
  it('has a passing and a failing case for every rule', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(kubernetesWorkloads.entries.map((e) => e.rule.id).sort());
  });

  describe.each(CASES)('$rule', ({ rule: id, failing, detail, passingWith, applicable }) => {
    it('passes a compliant workload', () => {
      expect(k8sVerdict(rule(id), deployment(applicable), passingWith)).toBe('compliant');
    });
    it('flags a non-compliant workload', () => {
      expect(k8sVerdict(rule(id), deployment(failing))).toEqual({ violation: expect.stringMatching(detail) });
    });
  });
});

describe('workload shapes', () => {
  const cronJob = (image: string) =>
    objectsOf(`apiVersion: batch/v1
kind: CronJob
metadata: { name: janitor, namespace: ops }
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{ name: janitor, image: "${image}" }]
`)[0] as K8sObject;

  it('reads the pod template of a CronJob', () => {
    expect(k8sVerdict(rule('allowed-registries'), cronJob(`${ECR}/ops/janitor:1.0`))).toBe('compliant');
    expect(k8sVerdict(rule('allowed-registries'), cronJob('ghcr.io/ops/janitor:1.0'))).not.toBe('compliant');
  });

  it('asks probes of long-running workloads only', () => {
    expect(k8sVerdict(rule('probes-configured'), cronJob(`${ECR}/ops/janitor:1.0`))).toBe('not-applicable');
  });

  it('reads the pod template of an Argo Rollout', () => {
    const rollout = deployment((d) => {
      d.apiVersion = 'argoproj.io/v1alpha1';
      d.kind = 'Rollout';
      podSpec(d).hostPID = true;
    });
    expect(k8sVerdict(rule('no-host-namespaces'), rollout)).toEqual({ violation: 'sets hostPID: true' });
  });

  it('ignores objects without pods', () => {
    const [namespace] = objectsOf('apiVersion: v1\nkind: Namespace\nmetadata: { name: team-trading }\n');
    expect(namespace && k8sVerdict(rule('required-labels'), namespace)).toBe('not-applicable');
  });

  it('counts an HPA floor as replicas and matches a PDB by its selector', () => {
    const hpa = objectsOf(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: hpa, namespace: team-trading }
spec: { minReplicas: 2, maxReplicas: 6, scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: order-gateway } }
`);
    expect(k8sVerdict(rule('disruption-budget-for-replicas'), deployment(), hpa)).toEqual({
      violation: expect.stringMatching(/2 replicas/),
    });
    expect(k8sVerdict(rule('disruption-budget-for-replicas'), deployment(), [...hpa, pdb({ app: 'other' })])).not.toBe('compliant');
    expect(k8sVerdict(rule('disruption-budget-for-replicas'), deployment(), [...hpa, pdb({ app: 'order-gateway' })])).toBe('compliant');
  });

  it('rejects a taxonomy label with a value outside allowedValues', () => {
    const d = deployment((x) => (x.metadata.labels['tradesense.io/managed-by'] = 'helm'));
    expect(k8sVerdict(rule('required-labels'), d)).toEqual({
      violation: expect.stringMatching(/managed-by=helm is not one of terraform, argocd/),
    });
  });

  it.each([
    ['repo/app:1.2.3', true],
    [`repo/app@sha256:${'a'.repeat(64)}`, true],
    [`registry:5000/app:1.0@sha256:${'0'.repeat(64)}`, true],
    ['repo/app@sha256:abc', false],
    ['registry:5000/app', false],
    ['repo/app', false],
    ['repo/app:latest', false],
    ['repo/app@sha1:abc', false],
  ])('pins %s: %s', (image, pinned) => {
    expect(isPinned(image)).toBe(pinned);
  });
});
