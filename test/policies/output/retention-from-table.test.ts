import { describe, expect, test } from 'vitest';
import { PACKS } from '../../../policies/catalog.js';
import type { PolicyInput } from '../../../policies/output.js';
import { durationDays, retentionInventory } from '../../../policies/output/retention-inventory.js';
import { indexOutput } from '../../../policies/output-index.js';
import { OUTPUT_CHECKS } from '../../../tools/synth/checks.js';
import { platformConfig } from '../../support/platform.js';
import { outputOf, ref, tradesenseOutput } from '../../tools/security/fixtures.js';
import { ruleFindings } from '../fixtures.js';

const logGroup = (name: string, days?: number, tags?: Record<string, string>) =>
  outputOf({ s: { resource: { aws_cloudwatch_log_group: { g: { name, retention_in_days: days, tags } } } } });
const findings = (output: PolicyInput) => ruleFindings('retention-from-table', output);

describe('retention check', () => {
  test('the TradeSense synth output keeps every class exactly as the table says', () => {
    expect(findings(tradesenseOutput())).toEqual([]);
    expect(PACKS.flatMap((p) => p.entries.map((e) => e.rule.id))).toContain('retention-from-table');
  });

  test('the registered synth check fails the real output once one EKS audit log group is shortened', () => {
    const real = tradesenseOutput();
    const stacks = real.stacks.map((s) => (s.name === 'prod-us-east-1-cluster' ? { ...s, json: structuredClone(s.json) } : s));
    const groups = stacks.find((s) => s.name === 'prod-us-east-1-cluster')?.json.resource?.aws_cloudwatch_log_group ?? {};
    for (const group of Object.values(groups)) group.retention_in_days = 30;
    const check = OUTPUT_CHECKS['policy-catalog'];
    if (!check) throw new Error('policy catalog not registered');
    expect(check({ ...real, stacks }, platformConfig()).filter((f) => f.severity === 'error')).toEqual([
      expect.objectContaining({
        severity: 'error',
        where: expect.stringMatching(/^prod-us-east-1-cluster\/aws_cloudwatch_log_group\./),
        message: expect.stringMatching(/audit-logs keeps data 30 days: shorter than the 365-day minimum of SOC 2/),
      }),
    ]);
  });

  test('classifies log groups by tag, by name and by CloudTrail use', () => {
    const output = outputOf({
      s: {
        resource: {
          aws_cloudwatch_log_group: {
            eks: { name: '/aws/eks/c1/cluster', retention_in_days: 2557 },
            flow: { name: '/aws/vpc/prod-us-east-1/flow-logs', retention_in_days: 365 },
            trail: { name: '/custom/trail', retention_in_days: 2557 },
            tagged: { name: '/aws/lambda/x', retention_in_days: 30, tags: { DataClass: 'traces' } },
            app: { name: '/aws/lambda/y', retention_in_days: 365 },
          },
          aws_cloudtrail: { t: { cloud_watch_logs_group_arn: `${ref('aws_cloudwatch_log_group.trail.arn')}:*` } },
        },
      },
    });
    const classes = Object.fromEntries(retentionInventory(indexOutput(output)).map((i) => [i.where.split('.').pop(), i.dataClass]));
    expect(classes).toEqual({ eks: 'audit-logs', flow: 'network-logs', trail: 'audit-logs', tagged: 'traces', app: 'application-logs' });
    expect(findings(output)).toEqual([]);
  });

  test.each([
    [
      'a too-short audit log group',
      logGroup('/aws/eks/c1/cluster', 90),
      /keeps data 90 days: shorter than the 365-day minimum of SOC 2.*PCI DSS/,
    ],
    ['an application log group beyond the GDPR maximum', logGroup('/aws/lambda/x', 731), /longer than the 400-day maximum of GDPR/],
    [
      'a log group that never expires',
      logGroup('/aws/lambda/x'),
      /has no retention; set it from retentionDays\(config, 'application-logs'\) \(365 days\)/,
    ],
    ['a drift within the bounds', logGroup('/aws/lambda/x', 180), /differs from the retention table/],
    ['an unknown DataClass tag', logGroup('/aws/lambda/x', 365, { DataClass: 'forever' }), /cannot classify: DataClass tag 'forever'/],
  ])('fails synth for %s', (_, output, message) => {
    const [finding] = findings(output);
    expect(finding).toMatchObject({ severity: 'error', check: 'retention-from-table', where: 's/aws_cloudwatch_log_group.g' });
    expect(finding?.message).toMatch(message);
  });

  test('reads lifecycle expirations and Object Lock of DataClass-tagged buckets, ignores untagged ones', () => {
    const bucket = (lifecycleDays: number | undefined, lockDays: number) =>
      outputOf({
        s: {
          resource: {
            aws_s3_bucket: { b: { bucket: 'x', tags: { DataClass: 'audit-logs' } }, untagged: { bucket: 'y' } },
            aws_s3_bucket_lifecycle_configuration: {
              l: {
                bucket: ref('aws_s3_bucket.b.id'),
                rule: [{ id: 'retention', status: 'Enabled', expiration: lifecycleDays ? [{ days: lifecycleDays }] : undefined }],
              },
              u: { bucket: ref('aws_s3_bucket.untagged.id'), rule: [{ id: 'short', status: 'Enabled', expiration: [{ days: 1 }] }] },
            },
            aws_s3_bucket_object_lock_configuration: {
              o: { bucket: ref('aws_s3_bucket.b.id'), rule: { default_retention: { mode: 'COMPLIANCE', days: lockDays } } },
            },
          },
        },
      });
    expect(findings(bucket(2557, 2557))).toEqual([]);
    expect(findings(bucket(2557, 30)).map((f) => f.where)).toEqual(['s/aws_s3_bucket_object_lock_configuration.o']);
    expect(findings(bucket(undefined, 2557))).toEqual([
      expect.objectContaining({ where: 's/aws_s3_bucket.b', message: expect.stringMatching(/no retention/) }),
    ]);
  });

  test('backup plans (and their copies) keep backups for the table figure', () => {
    const plan = (days: number, copyDays: number) =>
      outputOf({
        s: {
          resource: {
            aws_backup_plan: {
              p: {
                rule: [{ rule_name: 'daily', lifecycle: { delete_after: days }, copy_action: [{ lifecycle: { delete_after: copyDays } }] }],
              },
            },
          },
        },
      });
    expect(findings(plan(35, 35))).toEqual([]);
    const [finding] = findings(plan(35, 120));
    expect(finding?.where).toBe('s/aws_backup_plan.p#daily#copy');
    expect(finding?.message).toMatch(/longer than the 90-day maximum of GDPR/);
  });

  test('RDS automated backups are database snapshots; replicas without their own period are skipped', () => {
    const db = (period: number | undefined) =>
      outputOf({
        s: {
          resource: {
            aws_db_instance: {
              primary: { backup_retention_period: period },
              replica: { replicate_source_db: ref('aws_db_instance.primary.identifier') },
            },
          },
        },
      });
    expect(findings(db(35))).toEqual([]);
    expect(findings(db(7))).toEqual([
      expect.objectContaining({
        where: 's/aws_db_instance.primary',
        message: expect.stringMatching(/shorter than the 14-day minimum of SOC 2/),
      }),
    ]);
  });

  test('Velero schedule TTLs are read from rendered manifests', () => {
    expect(durationDays('840h0m0s')).toBe(35);
    expect(durationDays('720h')).toBe(30);
    expect(durationDays('soon')).toBeUndefined();
    const real = tradesenseOutput();
    const cluster = real.clusters[0];
    if (!cluster) throw new Error('no rendered cluster');
    const schedule = {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: 'weekly', namespace: 'velero' },
      spec: { schedule: '@weekly', template: { ttl: '720h0m0s' } },
    };
    const output: PolicyInput = { stacks: [], clusters: [{ ...cluster, objects: new Map([['extra.k8s.yaml', [schedule]]]) }] };
    expect(findings(output)).toEqual([
      expect.objectContaining({
        where: `${cluster.dir}/extra.k8s.yaml#Schedule/velero/weekly`,
        message: expect.stringMatching(/keeps data 30 days: differs/),
      }),
    ]);
  });
});
