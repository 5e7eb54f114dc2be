import { describe, expect, it } from 'vitest';
import type { ClusterState, StateObject } from '../../../policies/cluster-state/types.js';
import { diffChartRenders } from '../../../tools/diff/chart-diff.js';
import { diffTrees } from '../../../tools/diff/diff.js';
import { renderMarkdown } from '../../../tools/diff/markdown.js';
import { policyDelta } from '../../../tools/diff/policy-delta.js';
import { buildReport } from '../../../tools/diff/report.js';

const daemonSet = (image: string, env: Record<string, string>): Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'falco', namespace: 'falco' },
  spec: {
    template: {
      spec: {
        containers: [
          { name: 'falcoctl', image: 'falcoctl:0.11' },
          { name: 'falco', image, env: Object.entries(env).map(([name, value]) => ({ name, value })) },
        ],
      },
    },
  },
});
const object = (source: string, body: Record<string, unknown>): StateObject => {
  const metadata = body.metadata as { name: string; namespace?: string };
  return {
    application: 'falco',
    source,
    apiVersion: String(body.apiVersion),
    kind: String(body.kind),
    name: metadata.name,
    namespace: metadata.namespace,
    clusterScoped: false,
    wave: 0,
    body,
    bytes: 1,
  };
};
const state = (version: string, objects: StateObject[]): ClusterState => ({
  dir: 'prod/us-east-1',
  envName: 'prod',
  region: 'us-east-1',
  kubeVersion: '1.33',
  applications: [
    { name: 'falco', project: 'platform', wave: 2, destinationNamespace: 'falco', syncOptions: [], spec: {}, chart: `falco@${version}` },
  ],
  objects,
});
const ours = (replicas: number) =>
  object('falco-secrets.k8s.yaml', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'ours', namespace: 'falco' },
    data: { replicas: String(replicas) },
  });

const base = state('7.0.0', [object('helm:falco-7.0.0', daemonSet('falco:0.41.0', { A: '1', B: '2' })), ours(1)]);
const head = state('7.0.1', [
  object('helm:falco-7.0.1', daemonSet('falco:0.41.1', { B: '2', A: '1' })),
  object('helm:falco-7.0.1', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'falco-rules', namespace: 'falco' }, data: {} }),
  ours(2),
]);

describe('chart renders', () => {
  it('shows the rendered Helm objects a chart bump changes, per Application, field by field', () => {
    const d = diffChartRenders({ base: [base], head: [head] });
    expect(d).toEqual({
      available: true,
      applications: [
        {
          cluster: 'prod/us-east-1',
          application: 'falco',
          chartBefore: 'falco@7.0.0',
          chartAfter: 'falco@7.0.1',
          objects: [
            {
              id: 'apps/DaemonSet/falco/falco',
              action: 'update',
              changes: [
                expect.objectContaining({
                  path: 'spec.template.spec.containers[name=falco].image',
                  before: 'falco:0.41.0',
                  after: 'falco:0.41.1',
                }),
              ],
            },
            { id: 'core/ConfigMap/falco/falco-rules', action: 'create', changes: [] },
          ],
        },
      ],
    });
  });

  it('summarizes per Application in the comment, with the structural detail collapsed', () => {
    const markdown = renderMarkdown(
      buildReport({
        base: { ref: 'main', sha: 'd'.repeat(40) },
        diff: diffTrees({ stacks: [], clusters: [] }, { stacks: [], clusters: [] }),
        policy: policyDelta([], []),
        cost: { available: false, reason: '-' },
        charts: diffChartRenders({ base: [base], head: [head] }),
        allowDestroy: false,
      }),
    );
    expect(markdown).toMatch(/### Helm renders\n\n1 Helm Application\(s\) render differently/);
    expect(markdown).toContain(
      '<details><summary><code>falco</code> in prod/us-east-1: <code>falco@7.0.0 → falco@7.0.1</code> — 1 added, 1 changed, 0 removed</summary>',
    );
    expect(markdown).toContain(
      '<details><summary><code>apps/DaemonSet/falco/falco</code></summary>\n\n```diff\n! spec.template.spec.containers[name=falco].image: "falco:0.41.0" -> "falco:0.41.1"\n```',
    );
  });

  it('is not compared when a side has no cluster states (a base from before chart rendering)', () => {
    const d = diffChartRenders({ head: [head], reason: 'the base revision does not render Helm charts' });
    expect(d).toEqual({ available: false, reason: 'the base revision does not render Helm charts' });
  });

  it('is silent when the charts render the same', () => {
    expect(diffChartRenders({ base: [base], head: [base] })).toEqual({ available: true, applications: [] });
  });
});
