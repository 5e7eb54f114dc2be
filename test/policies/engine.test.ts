import { describe, expect, it } from 'vitest';
import { evaluateKubernetesHalf, evaluatePolicies, policyCheck, policyFindings } from '../../policies/engine.js';
import type { ClusterState } from '../../policies/cluster-state/types.js';
import { OUTPUT_CHECKS } from '../../tools/synth/checks.js';
import { SynthFailed } from '../../tools/synth/run.js';
import type { ClusterStatePack, Pack, Waiver } from '../../policies/types.js';
import { platformConfig, platformStacks } from '../support/platform.js';
import { ref, tfStack } from './fixtures.js';

const openBucket = (name: string) =>
  tfStack(
    {
      aws_s3_bucket: { logs: { bucket: 'x', lifecycle: { prevent_destroy: true } } },
      aws_sns_topic: { alerts: { name: 'a', kms_master_key_id: ref('aws_kms_key.k.arn') } },
    },
    name,
  );

const rootPod = `apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: ops }
spec:
  containers: [{ name: shell, image: "docker.io/library/busybox" }]
`;

const input = {
  stacks: [openBucket('dev-us-east-1-data'), openBucket('prod-us-east-1-data')],
  clusters: [
    {
      dir: 'dev/us-east-1',
      files: new Map([
        ['debug.k8s.yaml', rootPod],
        ['kustomization.yaml', 'kind: Kustomization\n'],
      ]),
    },
  ],
};

const run = (waivers: readonly Waiver[] = [], today = '2026-11-27') => policyFindings(input, { config: platformConfig(), waivers, today });

describe('policy engine', () => {
  it('reports every violation, with rule id, location and fix', () => {
    const findings = run();
    const encrypted = findings.filter((f) => f.check === 's3-bucket-encrypted');
    expect(encrypted.map((f) => f.where)).toEqual(['dev-us-east-1-data/aws_s3_bucket.logs', 'prod-us-east-1-data/aws_s3_bucket.logs']);
    expect(encrypted[0]).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/^S3 buckets are encrypted with KMS: .*Fix: build the bucket with SecureBucket/),
    });
  });

  it('locates Kubernetes findings by env/region/file and Kind/namespace/name', () => {
    const pod = run().filter((f) => f.where === 'dev/us-east-1/debug.k8s.yaml#Pod/ops/debug');
    expect(pod.map((f) => f.check)).toEqual(
      expect.arrayContaining(['allowed-registries', 'no-latest-tag', 'run-as-non-root', 'requests-and-limits']),
    );
    // A bare Pod runs to completion: no probes asked.
    expect(pod.map((f) => f.check)).not.toContain('probes-configured');
  });

  it('uses the cluster registry from config (clusterFacts().ecrRegistry)', () => {
    const registry = run().find((f) => f.check === 'allowed-registries');
    expect(registry?.message).toMatch(/not from 210987654321\.dkr\.ecr\.us-east-1\.amazonaws\.com/);
  });

  it('fails synth on errors and lists them all', () => {
    const failure = new SynthFailed(run());
    expect(failure.message).toMatch(/\[s3-bucket-encrypted\] dev-us-east-1-data\/aws_s3_bucket.logs/);
    expect(failure.message).toMatch(/\[s3-bucket-encrypted\] prod-us-east-1-data\/aws_s3_bucket.logs/);
  });

  it('runs in every synth as an output check', () => {
    expect(OUTPUT_CHECKS['policy-catalog']).toBeTypeOf('function');
    const check = policyCheck({ config: platformConfig(), waivers: [] });
    expect(check({ stacks: input.stacks, clusters: [] }, platformConfig()).some((f) => f.check === 's3-tls-only')).toBe(true);
  });
});

describe('the Kubernetes half evaluated ahead (while synth writes the Terraform half)', () => {
  const state: ClusterState = {
    dir: 'dev/us-east-1',
    envName: 'dev',
    region: 'us-east-1',
    kubeVersion: '1.33',
    applications: [],
    objects: [],
  };
  const calls = { stateOnly: 0, readsStack: 0 };
  const entry = (id: string, check: ClusterStatePack['entries'][number]['rule']['check']) => ({
    rule: { id, check },
    severity: 'error' as const,
    title: id,
    rationale: '-',
    remediation: '-',
  });
  const packs: Pack[] = [
    {
      name: 'probe',
      target: 'cluster-state',
      entries: [
        entry('state-only', () => (calls.stateOnly++, [{ where: 'x', detail: 'from the state alone' }])),
        entry('reads-stack', (_s, ctx) => (calls.readsStack++, ctx.clusterStack ? [] : [{ where: 'cluster', detail: 'no cluster stack' }])),
      ],
    },
  ];
  const clusterStack = tfStack({ aws_eks_cluster: { main: { name: 'dev' } } }, 'dev-us-east-1-cluster');

  it('gives the findings of a whole evaluation; a rule that read the (absent) cluster stack runs again with it, the others once', () => {
    const clusters = [input.clusters[0] ?? { dir: '', files: new Map<string, string>() }];
    const states = [state];
    const whole = evaluatePolicies({ stacks: [clusterStack], clusters, states }, platformConfig(), packs);
    Object.assign(calls, { stateOnly: 0, readsStack: 0 });
    evaluateKubernetesHalf({ clusters, states }, platformConfig(), packs);
    const staged = evaluatePolicies({ stacks: [clusterStack], clusters, states }, platformConfig(), packs);
    expect(staged).toEqual(whole);
    expect(staged.map((v) => v.rule)).toEqual(['state-only']);
    expect(calls).toEqual({ stateOnly: 1, readsStack: 2 });
  });

  it('is not reused for other arrays, config or packs', () => {
    const states = [state];
    evaluateKubernetesHalf({ clusters: [], states }, platformConfig(), packs);
    Object.assign(calls, { stateOnly: 0, readsStack: 0 });
    evaluatePolicies({ stacks: [clusterStack], clusters: [], states: [state] }, platformConfig(), packs);
    evaluatePolicies({ stacks: [clusterStack], clusters: [], states }, platformConfig(), [...packs]);
    expect(calls).toEqual({ stateOnly: 2, readsStack: 2 });
  });
});

describe('waivers', () => {
  const waiver = (overrides: Partial<Waiver> = {}): Waiver => ({
    rule: 's3-bucket-encrypted',
    resource: '*-us-east-1-data/aws_s3_bucket.logs',
    reason: 'access-log target: S3 log delivery supports SSE-S3 only',
    expires: '2027-01-31',
    ...overrides,
  });

  it('suppresses the findings an active waiver names, in every segment its * matches', () => {
    expect(run([waiver()]).filter((f) => f.check === 's3-bucket-encrypted')).toEqual([]);
  });

  it('lets * match within one path segment only', () => {
    const findings = run([waiver({ resource: '*/aws_s3_bucket.logs', rule: 's3-tls-only' }), waiver({ resource: '*' })]);
    expect(findings.filter((f) => f.check === 's3-tls-only')).toEqual([]);
    expect(findings.filter((f) => f.check === 's3-bucket-encrypted')).toHaveLength(2);
  });

  it('fails synth on an expired waiver, which then suppresses nothing', () => {
    const findings = run([waiver({ expires: '2026-11-26' })]);
    expect(findings).toContainEqual(
      expect.objectContaining({ severity: 'error', check: 'policy-waivers', message: expect.stringMatching(/expired on 2026-11-26/) }),
    );
    expect(findings.filter((f) => f.check === 's3-bucket-encrypted')).toHaveLength(2);
  });

  it('holds on its expiry day', () => {
    expect(run([waiver({ expires: '2026-11-27' })]).filter((f) => f.check === 'policy-waivers')).toEqual([]);
  });

  it('reports an unused waiver as a warning', () => {
    const findings = run([waiver({ resource: 'dev-us-east-1-data/aws_s3_bucket.gone' })]);
    expect(findings).toContainEqual(
      expect.objectContaining({ severity: 'warning', check: 'policy-waivers', message: expect.stringMatching(/matches no finding/) }),
    );
  });

  it('rejects a waiver without a reason or with a malformed date', () => {
    const findings = run([waiver({ reason: ' ' }), waiver({ expires: '31/01/2027' })]);
    expect(findings.filter((f) => f.check === 'policy-waivers' && f.severity === 'error').map((f) => f.message)).toEqual([
      'has no reason: say why the finding is acceptable',
      "expires '31/01/2027' is not a YYYY-MM-DD date",
    ]);
  });
});

describe('in synth', () => {
  it('fails on an expired waiver: an error of the output check (test/tools/synth.test.ts: an error leaves the previous output untouched)', () => {
    const expired: Waiver = { rule: 's3-tls-only', resource: 'x/y', reason: 'trial', expires: '2020-01-01' };
    const findings = policyCheck({ waivers: [expired] })({ stacks: platformStacks(), clusters: [] }, platformConfig());
    const errors = findings.filter((f) => f.severity === 'error' && f.check === 'policy-waivers');
    expect(errors.map((f) => `[${f.check}] ${f.where}: ${f.message}`)).toEqual([
      expect.stringMatching(/^\[policy-waivers\] waiver s3-tls-only @ x\/y: expired on 2020-01-01/),
    ]);
  });
});
