import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPLICA_IGNORED_AFTER_PROMOTION } from '../../../constructs/aws/rds-replica.js';
import { drFacts } from '../../../tools/dr/dr-facts.js';
import { cronIntervalMinutes, recoveryObjectives } from '../../../tools/dr/recovery-objectives.js';
import { outageProblems } from '../../../tools/dr/runbook-dns-steps.js';
import { failbackSteps, failoverSteps, type Step } from '../../../tools/dr/runbook-steps.js';
import { drRunbook } from '../../../tools/dr/runbook.js';
import type { SynthOutput, TerraformJson } from '../../../tools/synth/output.js';
import { synthReports } from '../../../tools/synth/reports.js';
import { configWith, platformConfig, stackJson } from '../../support/platform.js';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'disaster-recovery.md'), 'utf8');

/** The step ids (`1. \`id\`: ...`) listed under a `### <heading>` of docs/disaster-recovery.md, in order. */
function documentedSteps(heading: string): string[] {
  const start = DOC.indexOf(`### ${heading}`);
  if (start < 0) throw new Error(`docs/disaster-recovery.md has no '### ${heading}'`);
  const section = DOC.slice(start).split(/\n#{2,3} /)[0] ?? '';
  return [...section.matchAll(/^\d+\. `([a-z-]+)`/gm)].map((m) => m[1] ?? '');
}

const DATA_STACKS = (env: string) => [
  `${env}-us-east-1-database`,
  `${env}-us-east-1-backup`,
  `${env}-us-east-1-velero-storage`,
  ...(env === 'prod' ? ['prod-global-dns-failover'] : []),
];

function synthesized(...envs: string[]): SynthOutput {
  return { stacks: envs.flatMap(DATA_STACKS).map((name) => ({ name, json: stackJson(name) as TerraformJson })), clusters: [] };
}

describe('DR runbook', () => {
  const prod = drRunbook('prod')(synthesized('prod'), platformConfig());

  test('one generated runbook per environment of the config being synthesized', () => {
    const files = (config: ReturnType<typeof platformConfig>) =>
      synthReports(synthesized('dev'), config)
        .map(([file]) => file)
        .filter((f) => f.startsWith('dr-runbook-'));
    expect(files(platformConfig())).toEqual(['dr-runbook-dev.md', 'dr-runbook-prod.md', 'dr-runbook-staging.md']);
    const others = Object.fromEntries(Object.entries(platformConfig().environments).filter(([name]) => name !== 'dev'));
    expect(files({ ...platformConfig(), environments: others })).toEqual(['dr-runbook-prod.md', 'dr-runbook-staging.md']);
    expect(prod.split('\n')[0]).toMatch(/Generated at synth .* DO NOT EDIT/);
  });

  test('it names the synthesized resources of both regions', () => {
    for (const name of [
      'tradesense-prod-postgres-us-east-1',
      'tradesense-prod-postgres-us-west-2',
      'tradesense-prod-us-west-2',
      'tradesense-prod-velero-us-west-2-410987654321',
      'api-us-west-2.tradesense.io',
      'tradesense-prod-postgres-us-west-2-replica-lag',
      'prod-us-east-1-api-unhealthy',
    ])
      expect(prod).toContain(name);
  });

  test('RPO and RTO per component, each with the config it follows from', () => {
    expect(prod).toContain('| Database (RDS cross-region replica) | ≤ 30 s |');
    expect(prod).toMatch(
      /\| AWS Backup plan 'databases' \(copies in us-west-2\) \| 5 min in-region; 1 d from the copies \| backup\.plans 'databases' is continuous: point-in-time restore \(logs every 5 min\), a snapshot copied daily at backup\.dailyStartHourUtc 8:00 UTC/,
    );
    expect(prod).toMatch(/\| Kubernetes state \(Velero\) \| 75 min \|/);
    expect(prod).toMatch(/\| Public API DNS \(api-origin\.tradesense\.io\) \| n\/a \(stateless\) \| - \| 90 s \|/);
  });

  test('the figures move with the config', () => {
    const config = configWith((c) => {
      const data = c.data.prod;
      if (!data) return;
      data.database.alarms.replicaLagSeconds = 45;
      data.database.promotionMinutes = 25;
      data.backup.plans = [{ name: 'databases', frequency: 'daily', dataClass: 'database-snapshots' }];
    });
    const facts = drFacts(synthesized('prod'), config, 'prod');
    if (!facts) throw new Error('no facts');
    const [database, plan] = recoveryObjectives(facts, config);
    expect(database).toMatchObject({ rpo: '≤ 45 s', rto: '25 min + 90 s' });
    expect(plan).toMatchObject({ rpo: '1 d' });
  });

  test('failover: fence the primary through its gate, promote in the secondary region, restore Velero from the replicated prefix, in that order', () => {
    const failover = prod.slice(prod.indexOf('## Failover'), prod.indexOf('## Fail-back'));
    const order = [
      'aws cloudwatch put-metric-data --namespace tradesense/dns-failover --metric-name RegionClosed --dimensions Environment=prod,Region=us-east-1 --value 1 --region us-west-2',
      'aws rds promote-read-replica --db-instance-identifier tradesense-prod-postgres-us-west-2 --region us-west-2',
      '--manage-master-user-password --master-user-secret-kms-key-id alias/tradesense-prod-database',
      '--tags Key=BackupPlan,Value=databases',
      'Repoint services',
      'velero backup get --selector velero.io/storage-location=peer-region',
      'velero restore create --from-backup',
    ].map((text) => failover.indexOf(text));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(failover).toContain('aws cloudwatch describe-alarms --alarm-names prod-us-east-1-api-gate-closed');
  });

  test('the data at risk is read from the lag alarm with its reason, since the alarm reads missing data as OK', () => {
    const failover = prod.slice(prod.indexOf('## Failover'), prod.indexOf('## Fail-back'));
    expect(failover).toContain(
      "aws cloudwatch describe-alarms --alarm-names tradesense-prod-postgres-us-west-2-replica-lag --query 'MetricAlarms[].[StateValue,StateReason]' --region us-west-2",
    );
    expect(failover).toContain('"no datapoints were received" means the copy stopped reporting');
  });

  test("whatever the failover changes on the replica, the replica's Terraform ignores", () => {
    const failover = prod.slice(prod.indexOf('## Failover'), prod.indexOf('## Fail-back'));
    const changes = [
      ['aws rds promote-read-replica --db-instance-identifier tradesense-prod-postgres-us-west-2', 'replicate_source_db'],
      ['--db-instance-identifier tradesense-prod-postgres-us-west-2 --manage-master-user-password', 'manage_master_user_password'],
      ['add-tags-to-resource --resource-name arn:aws:rds:us-west-2:410987654321:db:tradesense-prod-postgres-us-west-2', 'tags'],
    ] as const;
    for (const [command, attribute] of changes) {
      expect(failover).toContain(command);
      expect(REPLICA_IGNORED_AFTER_PROMOTION).toContain(attribute);
    }
  });

  test('failover works with us-east-1 down: no call to it, to Terraform state or to a global control plane', () => {
    const facts = drFacts(synthesized('prod'), platformConfig(), 'prod');
    if (!facts) throw new Error('no facts');
    expect(outageProblems(failoverSteps(facts), 'us-east-1')).toEqual([]);
    const aurora = configWith((c) => {
      const d = c.data.prod;
      if (d) Object.assign(d.database, { engine: 'aurora-postgres-global', engineVersion: '16.6' });
    });
    const auroraFacts = drFacts(synthesized('prod'), aurora, 'prod');
    if (!auroraFacts) throw new Error('no facts');
    expect(outageProblems(failoverSteps(auroraFacts), 'us-east-1')).toEqual([]);
    const failover = prod.slice(prod.indexOf('## Failover'), prod.indexOf('## Fail-back'));
    expect(failover).not.toMatch(/aws route53|terraform -chdir|--region us-east-1/);
  });

  test('the outage check catches what the old runbook did: Route53 and Terraform state, both in us-east-1', () => {
    const old: Step[] = [
      {
        id: 'switch-dns',
        title: 'Switch DNS',
        commands: [
          'HC=$(terraform -chdir=cdktf.out/stacks/prod-global-dns-failover output -raw health_check_id_us_east_1)',
          'aws route53 update-health-check --health-check-id "$HC" --inverted',
          'aws rds describe-db-instances --region us-east-1',
        ],
      },
    ];
    expect(outageProblems(old, 'us-east-1')).toEqual([
      expect.stringMatching(/reads Terraform state/),
      expect.stringMatching(/route53 control plane in us-east-1/),
      expect.stringMatching(/leaves the region to the profile's default/),
      expect.stringMatching(/calls us-east-1/),
    ]);
  });

  test("fail-back rebuilds the primary from the promoted writer in the maintenance window and opens the primary's gate again", () => {
    const back = prod.slice(prod.indexOf('## Fail-back to us-east-1'));
    expect(back).toContain('--source-db-instance-identifier arn:aws:rds:us-west-2:410987654321:db:tradesense-prod-postgres-us-west-2');
    expect(back).toContain('In sun:06:00-sun:07:00 (UTC, outside market hours)');
    expect(back).toContain('--dimensions Environment=prod,Region=us-east-1 --value 0 --region us-west-2');
    expect(back).toContain('velero backup get --selector velero.io/storage-location=peer-region');
  });

  test('docs/disaster-recovery.md describes the generated failover and fail-back step by step', () => {
    const facts = drFacts(synthesized('prod'), platformConfig(), 'prod');
    if (!facts) throw new Error('no facts');
    expect(documentedSteps('Failover, step by step')).toEqual(failoverSteps(facts).map((s) => s.id));
    expect(documentedSteps('Fail-back, step by step')).toEqual(failbackSteps(facts).map((s) => s.id));
  });

  test('the Aurora path fails over the global cluster to the secondary cluster', () => {
    const config = configWith((c) => {
      const d = c.data.prod;
      if (d) Object.assign(d.database, { engine: 'aurora-postgres-global', engineVersion: '16.6' });
    });
    const db: TerraformJson = {
      provider: { aws: [{ region: 'us-east-1' }, { alias: 'us-west-2', region: 'us-west-2' }] },
      resource: {
        aws_rds_global_cluster: { g: { global_cluster_identifier: 'tradesense-prod-aurora' } },
        aws_rds_cluster: {
          a: { cluster_identifier: 'tradesense-prod-aurora-us-east-1' },
          b: { cluster_identifier: 'tradesense-prod-aurora-us-west-2', provider: 'aws.us-west-2' },
        },
      },
    };
    const text = drRunbook('prod')({ stacks: [{ name: 'prod-us-east-1-database', json: db }], clusters: [] }, config);
    expect(text).toContain(
      'aws rds failover-global-cluster --global-cluster-identifier tradesense-prod-aurora --target-db-cluster-identifier arn:aws:rds:us-west-2:410987654321:cluster:tradesense-prod-aurora-us-west-2 --allow-data-loss',
    );
    expect(text).toContain(
      'aws rds switchover-global-cluster --global-cluster-identifier tradesense-prod-aurora --target-db-cluster-identifier arn:aws:rds:us-east-1:410987654321:cluster:tradesense-prod-aurora-us-east-1',
    );
    expect(text).toContain('| Database (Aurora Global Database) | ≤ 30 s |');
  });

  test('a single-region environment says its database waits for the region', () => {
    const dev = drRunbook('dev')(synthesized('dev'), platformConfig());
    expect(dev).toContain('No secondary region');
    expect(dev).toContain('regional outage: until the region returns');
    // The config field it names is the one to add a region to.
    expect(dev).toContain('no regions.replicas: point-in-time recovery');
    expect(dev).not.toContain('## Fail-back');
  });

  test('an environment missing from the config is reported, not invented', () => {
    expect(drRunbook('qa')(synthesized('dev'), platformConfig())).toContain("No environment 'qa'");
  });

  test.each([
    ['0 * * * *', 60],
    ['*/15 * * * *', 15],
    ['0 */6 * * *', 360],
    ['0 3 * * *', 1440],
  ])('cron %s runs every %i minutes', (cron, minutes) => {
    expect(cronIntervalMinutes(cron)).toBe(minutes);
  });
});
