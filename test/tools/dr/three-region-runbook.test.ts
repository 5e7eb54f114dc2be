import { describe, expect, test } from 'vitest';
import type { PlatformConfig } from '../../../config/schema/platform.js';
import type { ClusterManifests, PolicyInput } from '../../../policies/output.js';
import { drFacts, type DrFacts } from '../../../tools/dr/dr-facts.js';
import { outageProblems } from '../../../tools/dr/runbook-dns-steps.js';
import { failbackSteps, failoverSteps } from '../../../tools/dr/runbook-steps.js';
import { renderRunbook } from '../../../tools/dr/runbook.js';
import { dataStacksOf } from '../../support/data-stacks.js';
import { configWith } from '../../support/platform.js';
import { addThirdRegion, auroraGlobal, prodOnThreeRegions, THIRD_REGION } from '../../support/third-region.js';

const NEW = THIRD_REGION.region;

/** A cluster folder holding one read-only Velero location, as charts/velero renders it. */
const veleroCluster = (dir: string, name: string, prefix: string): ClusterManifests => ({
  dir,
  files: new Map(),
  objects: new Map([
    [
      'velero.k8s.yaml',
      [
        {
          apiVersion: 'velero.io/v1',
          kind: 'BackupStorageLocation',
          metadata: { name },
          spec: { accessMode: 'ReadOnly', objectStorage: { prefix } },
        },
      ],
    ],
  ]),
});

function facts(config: PlatformConfig, clusters: ClusterManifests[] = []): { facts: DrFacts; output: PolicyInput } {
  const output = { stacks: dataStacksOf(config, 'prod'), clusters };
  const found = drFacts(output, config, 'prod');
  if (!found) throw new Error('no facts');
  return { facts: found, output };
}

const config = prodOnThreeRegions();
const { facts: prod } = facts(config, [veleroCluster(`prod/${NEW}`, 'peer-us-east-1', 'tradesense-prod-us-east-1')]);
const runbook = renderRunbook(prod, config);
const section = (heading: string) => {
  const start = runbook.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no '## ${heading}'`);
  return runbook.slice(start + 1).split(/\n## /)[0] ?? '';
};

describe('DR runbook of prod on three regions', () => {
  test('it names the new region: its database replica, vault, Velero bucket and API hostname', () => {
    expect(prod.replicas.map((r) => r.region)).toEqual(['us-west-2', NEW]);
    expect(runbook).toContain(
      `| secondary | ${NEW} | tradesense-prod-${NEW} | tradesense-prod-postgres-${NEW} | tradesense-prod-${NEW} | tradesense-prod-velero-${NEW}-410987654321 | api-${NEW}.tradesense.io |`,
    );
    expect(runbook).toContain(`(copies in us-west-2, ${NEW})`);
    expect(runbook).toContain(
      `\`tradesense-prod-postgres-us-west-2-replica-lag\`, \`tradesense-prod-postgres-${NEW}-replica-lag\` page when a replica lags`,
    );
    expect(runbook).toMatch(new RegExp(`tradesense-prod-databases-us-east-1\` \\(us-east-1\\): .*copied to us-west-2, ${NEW}`));
  });

  test('failover goes to the first replica by default and says how to pick the other', () => {
    const first = section('Failover to us-west-2');
    expect(first).toContain(
      `Fail over to the first replica region, in order (us-west-2, ${NEW}), that is healthy and within its lag threshold`,
    );
    expect(first).toContain(`follow its section 'Failover to <region> instead'`);
    expect(runbook).toContain(`## Failover to ${NEW} instead`);
    expect(runbook).toContain(`## Fail-back to us-east-1 from ${NEW}`);
  });

  test('failing over to the new region closes the primary and the replica passed over, from the new region, and promotes its replica', () => {
    const steps = section(`Failover to ${NEW} instead`);
    for (const gated of ['us-east-1', 'us-west-2']) {
      expect(steps).toContain(`--dimensions Environment=prod,Region=${gated} --value 1 --region ${NEW}`);
      expect(steps).toContain(
        `--alarm-names prod-${gated}-api-gate-closed --query 'MetricAlarms[0].StateValue' --output text --region ${NEW}`,
      );
    }
    expect(steps).toContain(`dig +short api-origin.tradesense.io   # expect api-${NEW}.tradesense.io`);
    expect(steps).toContain(`aws rds promote-read-replica --db-instance-identifier tradesense-prod-postgres-${NEW} --region ${NEW}`);
    expect(steps).toContain(`--alarm-names tradesense-prod-postgres-${NEW}-replica-lag`);
    expect(steps).toContain('The other replicas (tradesense-prod-postgres-us-west-2) keep following the stale primary');
    // The Velero location is the one the rendered manifests hold for the primary's backups.
    expect(steps).toContain('velero backup get --selector velero.io/storage-location=peer-us-east-1');
  });

  test('fail-back from the new region opens every gate it closed, where it closed them', () => {
    const steps = section(`Fail-back to us-east-1 from ${NEW}`);
    expect(steps).toContain(`--source-db-instance-identifier arn:aws:rds:${NEW}:410987654321:db:tradesense-prod-postgres-${NEW}`);
    for (const gated of ['us-east-1', 'us-west-2'])
      expect(steps).toContain(`--dimensions Environment=prod,Region=${gated} --value 0 --region ${NEW}`);
  });

  test.each([
    ['rds-postgres', config],
    [
      'aurora-postgres-global',
      configWith((c) => {
        addThirdRegion(c);
        auroraGlobal(c);
      }),
    ],
  ])('%s: every failover works with us-east-1 down, and the one to the new region with us-west-2 down too', (_engine, subject) => {
    const { facts: f } = facts(subject);
    for (const target of f.replicas) expect(outageProblems(failoverSteps(f, target), 'us-east-1')).toEqual([]);
    const last = f.replicas.at(-1);
    expect(last && outageProblems(failoverSteps(f, last), 'us-west-2')).toEqual([]);
    expect(failbackSteps(f, last).map((s) => s.id)).toEqual(failbackSteps(f).map((s) => s.id));
  });

  test('the Aurora failover to the new region targets its secondary cluster', () => {
    const subject = configWith((c) => {
      addThirdRegion(c);
      auroraGlobal(c);
    });
    const { facts: f } = facts(subject);
    const text = renderRunbook(f, subject);
    expect(text).toContain(
      `aws rds failover-global-cluster --global-cluster-identifier tradesense-prod-aurora --target-db-cluster-identifier arn:aws:rds:${NEW}:410987654321:cluster:tradesense-prod-aurora-${NEW} --allow-data-loss --region ${NEW}`,
    );
  });
});
