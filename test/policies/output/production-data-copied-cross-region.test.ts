import { describe, expect, test } from 'vitest';
import { PACKS } from '../../../policies/catalog.js';
import type { PolicyInput, TerraformJson } from '../../../policies/output.js';
import { productionDataCopiedCrossRegion } from '../../../policies/output/production-data-copied-cross-region.js';
import { WAIVERS } from '../../../policies/waivers.js';
import { platformConfig, stackJson } from '../../support/platform.js';
import { outputViolations, ruleFindings } from '../fixtures.js';

type Resources = Record<string, Record<string, Record<string, unknown>>>;
const PROVIDERS = { aws: [{ region: 'us-east-1' }, { alias: 'us-west-2', region: 'us-west-2' }] };
const WEST = 'aws.us-west-2';
const RULE = 'production-data-copied-cross-region';
const protectedBy = { lifecycle: { prevent_destroy: true } };
/** A Terraform reference as cdktf writes it: `${type.name.attribute}`. */
const ref = (address: string) => `\${${address}}`;

function output(stacks: Record<string, Resources>): PolicyInput {
  return {
    stacks: Object.entries(stacks).map(([name, resource]) => ({ name, json: { resource, provider: PROVIDERS } as TerraformJson })),
    clusters: [],
  };
}

const check = (stacks: Record<string, Resources>) => outputViolations(productionDataCopiedCrossRegion, output(stacks));
const wheres = (stacks: Record<string, Resources>) => check(stacks).map((f) => `${f.where}: ${f.detail.slice(0, 40)}`);

const vaults = {
  aws_backup_vault: { east: { name: 'e', ...protectedBy }, west: { name: 'w', provider: WEST, ...protectedBy } },
};

describe('data-loss guards', () => {
  test('are rules of the catalog (the copy rule here, deletion protection in aws-foundations)', () => {
    const ids = PACKS.flatMap((p) => p.entries.map((e) => e.rule.id));
    expect(ids).toEqual(expect.arrayContaining([RULE, 'stateful-deletion-protected']));
  });

  // Deletion protection is one rule, stateful-deletion-protected (the data-loss check's copy of it is gone).
  test.each([
    ['deletion_protection', 'aws_db_instance', { deletion_protection: true }, 0],
    ['prevent_destroy', 'aws_kms_key', protectedBy, 0],
    ['nothing', 'aws_kms_key', {}, 1],
  ])('a stateful resource protected by %s: %d finding(s)', (_name, type, body, count) => {
    const findings = ruleFindings('stateful-deletion-protected', output({ 'dev-us-east-1-data': { [type]: { key: body } } }));
    expect(findings).toHaveLength(count);
    if (count)
      expect(findings[0]).toMatchObject({
        severity: 'error',
        where: `dev-us-east-1-data/${type}.key`,
        message: expect.stringMatching(
          /lifecycle\.prevent_destroy is not true.*Fix: set deletion_protection = true .* or lifecycle \{ prevent_destroy = true \}/,
        ),
      });
  });

  test('a production bucket without a copy in the other region fails; a non-production one passes', () => {
    const bucket = { aws_s3_bucket: { logs: { bucket: 'logs', ...protectedBy } } };
    expect(wheres({ 'prod-us-east-1-logs': bucket })).toEqual([
      'prod-us-east-1-logs/aws_s3_bucket.logs: production data in us-east-1 has no repl',
    ]);
    expect(check({ 'staging-us-east-1-logs': bucket })).toEqual([]);
  });

  test('bucket replication into another region covers both ends; into the same region it does not', () => {
    const buckets = (destinationProvider?: string) => ({
      aws_s3_bucket: { a: { bucket: 'a', ...protectedBy }, b: { bucket: 'b', provider: destinationProvider, ...protectedBy } },
      aws_s3_bucket_replication_configuration: {
        r: { bucket: ref('aws_s3_bucket.a.id'), rule: [{ destination: { bucket: ref('aws_s3_bucket.b.arn') } }] },
      },
    });
    expect(check({ 'prod-us-east-1-x': buckets(WEST) })).toEqual([]);
    expect(wheres({ 'prod-us-east-1-x': buckets() }).sort()).toEqual([
      'prod-us-east-1-x/aws_s3_bucket.a: production data in us-east-1 has no repl',
      'prod-us-east-1-x/aws_s3_bucket.b: production data in us-east-1 has no repl',
    ]);
  });

  test('a database is covered by a replica or by automated-backup replication in another region', () => {
    const primary = { aws_db_instance: { p: { identifier: 'p', deletion_protection: true } } };
    expect(wheres({ 'prod-us-east-1-database': primary })).toEqual([
      'prod-us-east-1-database/aws_db_instance.p: production data in us-east-1 has no repl',
    ]);
    const replica = { r: { replicate_source_db: ref('aws_db_instance.p.arn'), provider: WEST, deletion_protection: true } };
    expect(check({ 'prod-us-east-1-database': { aws_db_instance: { ...primary.aws_db_instance, ...replica } } })).toEqual([]);
    const sameRegionReplica = { r: { replicate_source_db: ref('aws_db_instance.p.arn'), deletion_protection: true } };
    expect(check({ 'prod-us-east-1-database': { aws_db_instance: { ...primary.aws_db_instance, ...sameRegionReplica } } })).toHaveLength(1);
    const backups = {
      aws_db_instance_automated_backups_replication: { b: { source_db_instance_arn: ref('aws_db_instance.p.arn'), provider: WEST } },
    };
    expect(check({ 'prod-us-east-1-database': { ...primary, ...backups } })).toEqual([]);
  });

  test('a tagged resource is covered by a plan of its region that copies to another region; a plan without a copy fails', () => {
    const table = {
      aws_dynamodb_table: { t: { name: 't', deletion_protection_enabled: true, ...protectedBy, tags: { BackupPlan: 'databases' } } },
    };
    const plan = (copy: boolean) => ({
      ...vaults,
      aws_backup_plan: {
        p: { rule: [{ rule_name: 'p', copy_action: copy ? [{ destination_vault_arn: ref('aws_backup_vault.west.arn') }] : undefined }] },
      },
      aws_backup_selection: {
        s: { plan_id: ref('aws_backup_plan.p.id'), selection_tag: [{ type: 'STRINGEQUALS', key: 'BackupPlan', value: 'databases' }] },
      },
    });
    expect(check({ 'prod-us-east-1-table': table, 'prod-us-east-1-backup': plan(true) })).toEqual([]);
    expect(wheres({ 'prod-us-east-1-table': table, 'prod-us-east-1-backup': plan(false) }).sort()).toEqual([
      'prod-us-east-1-backup/aws_backup_plan.p: a rule of this production plan has no co',
      'prod-us-east-1-table/aws_dynamodb_table.t: production data in us-east-1 has no repl',
    ]);
  });

  test("a plan without a copy names the other region's vault to copy into, from either region", () => {
    const plan = (provider?: string) => ({ ...vaults, aws_backup_plan: { p: { rule: [{ rule_name: 'p' }], provider } } });
    const detail = (stacks: Record<string, Resources>) => check(stacks).map((f) => f.detail.replace(/.*; /, ''));
    expect(detail({ 'prod-us-east-1-backup': plan() })).toEqual(['copy into the us-west-2 vault']);
    expect(detail({ 'prod-us-east-1-backup': plan(WEST) })).toEqual(['copy into the us-east-1 vault']);
  });

  test('an Aurora cluster is covered by a cluster of the same global database in another region', () => {
    const cluster = (provider?: string) => ({
      global_cluster_identifier: ref('aws_rds_global_cluster.g.id'),
      provider,
      deletion_protection: true,
    });
    expect(check({ 'prod-us-east-1-database': { aws_rds_cluster: { a: cluster(), b: cluster(WEST) } } })).toEqual([]);
    expect(check({ 'prod-us-east-1-database': { aws_rds_cluster: { a: cluster() } } })).toHaveLength(1);
  });

  test('a DisasterRecoveryExemption tag or a reviewed waiver (policies/waivers.ts) says why a resource needs no copy', () => {
    const exempt = {
      aws_s3_bucket: { tmp: { bucket: 'tmp', ...protectedBy, tags: { DisasterRecoveryExemption: 'scratch data, rebuilt by the job' } } },
    };
    expect(check({ 'prod-us-east-1-scratch': exempt })).toEqual([]);
    const exports = output({
      'prod-global-cost-reporting': { aws_s3_bucket: { 'exports-bucket_6E237373': { bucket: 's', ...protectedBy } } },
    });
    expect(ruleFindings(RULE, exports).map((f) => f.where)).toEqual(['prod-global-cost-reporting/aws_s3_bucket.exports-bucket_6E237373']);
    expect(ruleFindings(RULE, exports, { waivers: WAIVERS }).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('reads as a catalog finding: what, where and the fix', () => {
    const [finding] = ruleFindings(
      RULE,
      output({ 'prod-us-east-1-logs': { aws_s3_bucket: { logs: { bucket: 'logs', ...protectedBy } } } }),
    );
    expect(finding).toMatchObject({ severity: 'error', check: RULE, where: 'prod-us-east-1-logs/aws_s3_bucket.logs' });
    expect(finding?.message).toBe(
      'Production data has a copy in another region: production data in us-east-1 has no replica or copy in another region. ' +
        "Fix: replicate it (a cross-region read replica, bucket replication, a member of the global cluster), or tag it BackupPlan=<plan> for a plan whose every rule copies into another region's vault; " +
        'data that needs no copy carries DisasterRecoveryExemption=<reason> (resources of another owner: a waiver in policies/waivers.ts)',
    );
  });

  test('the synthesized prod data stacks pass (the state bucket through its replica: no waiver), and lose their cover when the replica goes', () => {
    const names = [
      'prod-us-east-1-database',
      'prod-us-east-1-backup',
      'prod-us-east-1-velero-storage',
      'prod-global-dns-failover',
      'prod-global-state',
    ];
    const real = (mutate: (name: string, json: any) => void = () => undefined): PolicyInput => ({
      stacks: names.map((name) => {
        const json = structuredClone(stackJson(name));
        mutate(name, json);
        return { name, json };
      }),
      clusters: [],
    });
    expect(outputViolations(productionDataCopiedCrossRegion, real())).toEqual([]);
    expect(ruleFindings('stateful-deletion-protected', real())).toEqual([]);
    const withoutReplica = real((name, json) => {
      if (name !== 'prod-us-east-1-database') return;
      for (const [id, db] of Object.entries<any>(json.resource.aws_db_instance))
        if (db.replicate_source_db) delete json.resource.aws_db_instance[id];
      delete json.resource.aws_db_instance_automated_backups_replication;
      for (const db of Object.values<any>(json.resource.aws_db_instance)) delete db.tags;
    });
    expect(outputViolations(productionDataCopiedCrossRegion, withoutReplica, platformConfig()).map((f) => f.where)).toEqual([
      expect.stringMatching(/^prod-us-east-1-database\/aws_db_instance\.primary_instance/),
    ]);
  });
});

describe('with three regions, every plan copies into every other region', () => {
  const THREE = { aws: [...PROVIDERS.aws, { alias: 'eu-west-1', region: 'eu-west-1' }] };
  const plan = (...destinations: string[]) => ({
    aws_backup_vault: { ...vaults.aws_backup_vault, eu: { name: 'eu', provider: 'aws.eu-west-1', ...protectedBy } },
    aws_backup_plan: {
      p: {
        rule: [{ rule_name: 'p', copy_action: destinations.map((d) => ({ destination_vault_arn: ref(`aws_backup_vault.${d}.arn`) })) }],
      },
    },
  });
  const threeRegion = (resource: Resources): PolicyInput => ({
    stacks: [{ name: 'prod-us-east-1-backup', json: { resource, provider: THREE } as TerraformJson }],
    clusters: [],
  });

  test('a plan that skips a region names it and the fix; one that copies into both passes', () => {
    expect(outputViolations(productionDataCopiedCrossRegion, threeRegion(plan('west')))).toEqual([
      {
        where: 'prod-us-east-1-backup/aws_backup_plan.p',
        detail:
          'a rule of this production plan copies into no vault of eu-west-1; add a copy_action into the eu-west-1 vault, so a failover there finds the recovery points',
      },
    ]);
    expect(outputViolations(productionDataCopiedCrossRegion, threeRegion(plan('west', 'eu')))).toEqual([]);
  });
});
