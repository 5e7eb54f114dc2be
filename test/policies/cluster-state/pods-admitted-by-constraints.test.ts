import { describe, expect, it } from 'vitest';
import { podsAdmittedByConstraints } from '../../../policies/cluster-state/pods-admitted-by-constraints.js';
import { evaluatePolicies } from '../../../policies/engine.js';
import { clusterState } from '../../../policies/packs/cluster-state.js';
import { platformConfig } from '../../support/platform.js';
import type { StateObject } from '../../../policies/cluster-state/types.js';
import { fixtureState, stateContext, stateObject } from '../../support/cluster-state.js';

const ECR = '210987654321.dkr.ecr.us-east-1.amazonaws.com';
const LABELS: Record<string, string> = { 'tradesense.io/team': 'trading' };
const MATCH = {
  kinds: [
    { apiGroups: [''], kinds: ['Pod'] },
    { apiGroups: ['apps'], kinds: ['Deployment', 'ReplicaSet'] },
    { apiGroups: ['batch'], kinds: ['CronJob', 'Job'] },
  ],
  excludedNamespaces: ['kube-*', 'monitoring'],
};

const constraint = (kind: string, name: string, enforcementAction: string, parameters?: Record<string, unknown>) =>
  stateObject({
    application: 'gatekeeper-constraints',
    apiVersion: 'constraints.gatekeeper.sh/v1beta1',
    kind,
    name,
    clusterScoped: true,
    body: { spec: { enforcementAction, match: MATCH, ...(parameters ? { parameters } : {}) } },
  });
const labelsDeny = constraint('TsRequiredLabels', 'required-labels', 'deny', { labels: ['tradesense.io/team'] });

const securityContext = { readOnlyRootFilesystem: true };
const deployment = (namespace: string, podLabels: Record<string, string>, ownLabels = LABELS): StateObject =>
  stateObject({
    application: 'app',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'web',
    namespace,
    body: {
      metadata: { name: 'web', labels: ownLabels },
      spec: {
        template: {
          metadata: { labels: podLabels },
          spec: { containers: [{ name: 'web', image: `${ECR}/tradesense/web:1.0`, securityContext }] },
        },
      },
    },
  });
const check = (...objects: StateObject[]) => podsAdmittedByConstraints.check(fixtureState(objects), stateContext());

/** A team namespace with injection on, and a minimal istiod whose istio-init the mesh adds to its pods. */
function meshObjects(): StateObject[] {
  const values = {
    global: {
      hub: `${ECR}/docker-hub/istio`,
      tag: '1.28.0',
      proxy: { image: 'proxyv2', resources: { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '100m', memory: '128Mi' } } },
      proxy_init: { image: 'proxyv2' },
    },
  };
  return [
    stateObject({
      application: 'team-namespaces',
      kind: 'Namespace',
      name: 'team-trading',
      clusterScoped: true,
      body: { metadata: { name: 'team-trading', labels: { 'istio-injection': 'enabled' } } },
    }),
    stateObject({
      application: 'istiod',
      kind: 'ConfigMap',
      name: 'istio-sidecar-injector',
      namespace: 'istio-system',
      body: { data: { values: JSON.stringify(values), config: 'policy: enabled\n' } },
    }),
    stateObject({
      application: 'istiod',
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      name: 'istio-sidecar-injector',
      clusterScoped: true,
      body: { webhooks: [{ namespaceSelector: { matchLabels: { 'istio-injection': 'enabled' } } }] },
    }),
  ];
}

describe('pods-admitted-by-constraints', () => {
  it('passes a workload whose objects and pods satisfy the constraints', () => {
    expect(check(labelsDeny, deployment('team-trading', LABELS))).toEqual([]);
  });

  it('fails, as an error, a deny constraint on the pods a Deployment creates, naming object, constraint and fix', () => {
    const [v] = check(labelsDeny, deployment('team-trading', {}));
    expect(v?.where).toBe('app#Deployment/team-trading/web');
    expect(v?.severity).toBe('error');
    expect(v?.detail).toMatch(
      /^denied by Gatekeeper TsRequiredLabels\/required-labels \(deny\): the Deployment as applied: pod template lacks label tradesense.io\/team/,
    );
    expect(v?.detail).toMatch(/the Pod created by its ReplicaSet: metadata lacks label tradesense.io\/team/);
  });

  it('reports a warn constraint as a warning, skips dryrun and excluded namespaces', () => {
    expect(
      check(
        constraint('TsRequiredLabels', 'required-labels', 'warn', { labels: ['tradesense.io/team'] }),
        deployment('team-trading', {}),
      )[0]?.severity,
    ).toBe('warning');
    expect(
      check(
        constraint('TsRequiredLabels', 'required-labels', 'dryrun', { labels: ['tradesense.io/team'] }),
        deployment('team-trading', {}),
      ),
    ).toEqual([]);
    expect(check(labelsDeny, deployment('kube-system', {}, {}), deployment('monitoring', {}, {}))).toEqual([]);
  });

  it("judges the Jobs a CronJob creates by the jobTemplate's own labels", () => {
    const cron = stateObject({
      application: 'janitor',
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      name: 'janitor',
      namespace: 'janitor',
      body: {
        metadata: { labels: LABELS },
        spec: { jobTemplate: { spec: { template: { metadata: { labels: LABELS }, spec: { containers: [] } } } } },
      },
    });
    expect(check(labelsDeny, cron)[0]?.detail).toMatch(/the Job created by the CronJob: metadata lacks label tradesense.io\/team/);
  });

  it('judges pods with the containers the mesh injects: istio-init is denied unless the constraint exempts it by name and image', () => {
    const readOnly = (parameters?: Record<string, unknown>) =>
      constraint('TsReadOnlyRootFilesystem', 'read-only-root-filesystem', 'deny', parameters);
    const [denied] = check(readOnly(), deployment('team-trading', LABELS), ...meshObjects());
    expect(denied?.detail).toMatch(
      /the Pod created by its ReplicaSet with the mesh's istio-init, istio-proxy: container istio-init has a writable root filesystem/,
    );
    const exempt = readOnly({ exemptInitContainers: [{ name: 'istio-init', repository: `${ECR}/docker-hub/istio/proxyv2` }] });
    expect(check(exempt, deployment('team-trading', LABELS), ...meshObjects())).toEqual([]);
    const otherImage = readOnly({ exemptInitContainers: [{ name: 'istio-init', repository: `${ECR}/docker-hub/istio/other` }] });
    expect(check(otherImage, deployment('team-trading', LABELS), ...meshObjects())).toHaveLength(1);
  });

  it('fails a constraint kind without a TypeScript twin: its verdicts cannot be checked', () => {
    const [v] = check(constraint('K8sPspHostFilesystem', 'host-fs', 'deny'));
    expect(v?.detail).toMatch(/constraint kind K8sPspHostFilesystem has no TypeScript twin/);
  });
});

describe('pods-admitted-by-constraints in the engine', () => {
  it("reports a warn constraint's finding as a warning, a deny constraint's as an error", () => {
    const states = (action: string) => [
      fixtureState([
        constraint('TsRequiredLabels', 'required-labels', action, { labels: ['tradesense.io/team'] }),
        deployment('team-trading', {}),
      ]),
    ];
    const severities = (action: string) => [
      ...new Set(
        evaluatePolicies({ stacks: [], clusters: [], states: states(action) }, platformConfig(), [clusterState])
          .filter((v) => v.rule === 'pods-admitted-by-constraints')
          .map((v) => v.severity),
      ),
    ];
    expect(severities('warn')).toEqual(['warning']);
    expect(severities('deny')).toEqual(['error']);
  });

  it('judges a bare Pod as the mesh mutates it', () => {
    const bare = stateObject({
      application: 'app',
      kind: 'Pod',
      name: 'p',
      namespace: 'team-trading',
      body: { metadata: { name: 'p', labels: {} }, spec: { containers: [] } },
    });
    expect(check(labelsDeny, bare)[0]?.detail).toMatch(/the Pod created by Argo CD \(after the mesh webhook\): metadata lacks label/);
  });
});
