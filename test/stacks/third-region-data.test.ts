import { describe, expect, test } from 'vitest';
import { failoverHostname, regionalApiHostname } from '../../config/derive/endpoints.js';
import { clusterFacts } from '../../config/derive/facts.js';
import { environmentRegions, peersOf } from '../../config/derive/regions.js';
import { clusterTargets } from '../../config/derive/targets.js';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { locateResources, type Located } from '../../policies/output/cross-region-copies.js';
import { productionDataCopiedCrossRegion } from '../../policies/output/production-data-copied-cross-region.js';
import { dataStacksOf } from '../support/data-stacks.js';
import { configWith } from '../support/platform.js';
import { outputViolations, ruleFindings } from '../policies/fixtures.js';
import { addThirdRegion, auroraGlobal, prodOnThreeRegions, THIRD_REGION } from '../support/third-region.js';

const NEW = THIRD_REGION.region;

function built(config: PlatformConfig) {
  const stacks = dataStacksOf(config, 'prod');
  const located = locateResources({ stacks, clusters: [] });
  const env = config.environments.prod;
  if (!env) throw new Error('no prod');
  const of = (stackKind: string, type: string) => located.filter((r) => r.stack.endsWith(`-${stackKind}`) && r.type === type);
  return { stacks, located, of, env, regions: environmentRegions(env) };
}

const config = prodOnThreeRegions();
const prod = built(config);
const refersTo = (value: unknown, r: Located) => typeof value === 'string' && value.includes(`${r.type}.${r.name}.`);

describe('prod on a third region, added in config only: the data, DR and edge stacks cover it', () => {
  test('the fixture: three regions, the new one last, every stack still named by the rule', () => {
    expect(prod.regions).toEqual(['us-east-1', 'us-west-2', NEW]);
    expect(prod.stacks.map((s) => s.name).sort()).toEqual([
      'prod-eu-west-1-ingress',
      'prod-global-cluster-secrets',
      'prod-global-dns-failover',
      'prod-global-edge',
      'prod-us-east-1-backup',
      'prod-us-east-1-database',
      'prod-us-east-1-ingress',
      'prod-us-east-1-velero-storage',
      'prod-us-west-2-ingress',
    ]);
  });

  test('a cross-region read replica of the writer in the new region, with its own key, network and lag alarm', () => {
    const instances = prod.of('database', 'aws_db_instance');
    const writer = instances.find((i) => i.body.replicate_source_db === undefined);
    const replica = instances.find((i) => i.region === NEW);
    if (!writer || !replica) throw new Error('no writer or no eu-west-1 replica');
    expect(replica.body).toMatchObject({
      identifier: `tradesense-prod-postgres-${NEW}`,
      storage_encrypted: true,
      deletion_protection: true,
    });
    expect(refersTo(replica.body.replicate_source_db, writer)).toBe(true);
    const key = prod.of('database', 'aws_kms_key').find((k) => refersTo(replica.body.kms_key_id, k));
    expect(key?.region).toBe(NEW);
    expect(prod.of('database', 'aws_db_subnet_group').find((g) => g.region === NEW)?.body.subnet_ids).toEqual([`subnet-${NEW}-isolated`]);
    expect(
      prod
        .of('database', 'aws_cloudwatch_metric_alarm')
        .filter((a) => a.region === NEW)
        .map((a) => a.body.alarm_name)
        .sort(),
    ).toEqual([
      `tradesense-prod-postgres-${NEW}-cpu`,
      `tradesense-prod-postgres-${NEW}-free-storage`,
      `tradesense-prod-postgres-${NEW}-replica-lag`,
    ]);
    // The first replica region keeps the ids of the one-replica design; the new one adds its region.
    expect(instances.find((i) => i.region === 'us-west-2')?.name).toMatch(/^replica_instance_/);
    expect(replica.name).toMatch(/^replica-eu-west-1_instance_/);
    // RDS replicates automated backups to one destination: the first replica region keeps that second path.
    expect(prod.of('database', 'aws_db_instance_automated_backups_replication').map((r) => r.region)).toEqual(['us-west-2']);
  });

  test('with Aurora, a secondary cluster of the global database in the new region', () => {
    const { of } = built(
      configWith((c) => {
        addThirdRegion(c);
        auroraGlobal(c);
      }),
    );
    const clusters = of('database', 'aws_rds_cluster');
    expect(clusters.map((c) => [c.body.cluster_identifier, c.region]).sort()).toEqual([
      ['tradesense-prod-aurora-eu-west-1', NEW],
      ['tradesense-prod-aurora-us-east-1', 'us-east-1'],
      ['tradesense-prod-aurora-us-west-2', 'us-west-2'],
    ]);
    const global = of('database', 'aws_rds_global_cluster')[0];
    for (const cluster of clusters) expect(global && refersTo(cluster.body.global_cluster_identifier, global)).toBe(true);
    expect(of('database', 'aws_secretsmanager_secret')[0]?.body.replica).toEqual(
      expect.arrayContaining([expect.objectContaining({ region: NEW })]),
    );
  });

  test('a Velero bucket in the new region, replicating to every peer and receiving from every peer', () => {
    const buckets = prod.of('velero-storage', 'aws_s3_bucket');
    const target = clusterTargets(config).find((t) => t.envName === 'prod' && t.region === NEW);
    if (!target) throw new Error('no eu-west-1 target');
    const bucket = buckets.find((b) => b.region === NEW);
    expect(bucket?.body.bucket).toBe(clusterFacts(config, target).veleroBucket);
    const destinationsOf = (source: Located) => {
      const configuration = prod
        .of('velero-storage', 'aws_s3_bucket_replication_configuration')
        .find((c) => refersTo(c.body.bucket, source));
      const rules = (configuration?.body.rule ?? []) as { destination: { bucket: string } }[];
      return rules.map((rule) => buckets.find((b) => refersTo(rule.destination.bucket, b))?.region);
    };
    for (const source of buckets) expect(destinationsOf(source)).toEqual(peersOf(prod.env, source.region as AwsRegion));
    expect(buckets.filter((b) => b.region !== NEW).every((b) => destinationsOf(b).includes(NEW))).toBe(true);
  });

  test('backups: a vault in the new region, copies into it from every region, and its plans copy to every peer', () => {
    const vaults = prod.of('backup', 'aws_backup_vault');
    const newVault = vaults.find((v) => v.region === NEW);
    if (!newVault) throw new Error('no eu-west-1 vault');
    const plans = prod.of('backup', 'aws_backup_plan');
    expect(plans.map((p) => p.region).sort()).toEqual([...prod.regions].sort());
    for (const plan of plans) {
      const copies = ((plan.body.rule as { copy_action: { destination_vault_arn: string }[] }[])[0]?.copy_action ?? []).map(
        (c) => vaults.find((v) => refersTo(c.destination_vault_arn, v))?.region,
      );
      expect(copies).toEqual(peersOf(prod.env, plan.region as AwsRegion));
    }
  });

  test('DNS failover: one PRIMARY and one SECONDARY per name, chained so the new region answers after the others', () => {
    const records = prod.of('dns-failover', 'aws_route53_record');
    const byName = new Map<string, Located[]>();
    for (const r of records) byName.set(String(r.body.name), [...(byName.get(String(r.body.name)) ?? []), r]);
    for (const set of byName.values())
      expect(set.map((r) => (r.body.failover_routing_policy as { type: string }).type).sort()).toEqual(['PRIMARY', 'SECONDARY']);
    const dns = config.data.prod?.dnsFailover;
    if (!dns) throw new Error('no dnsFailover');
    const failoverName = failoverHostname(config.organization.domain, dns);
    const link = `${dns.recordName}-from-us-west-2.${config.organization.domain}`;
    const role = (name: string, type: string) =>
      byName.get(name)?.find((r) => (r.body.failover_routing_policy as { type: string }).type === type)?.body;
    expect(role(failoverName, 'PRIMARY')).toMatchObject({ type: 'CNAME', records: [regionalApiHostname(config, 'us-east-1')] });
    expect(role(failoverName, 'SECONDARY')).toMatchObject({ type: 'CNAME', alias: { name: link, evaluate_target_health: true } });
    expect(role(link, 'PRIMARY')).toMatchObject({ type: 'CNAME', records: [regionalApiHostname(config, 'us-west-2')] });
    expect(role(link, 'SECONDARY')).toMatchObject({ type: 'CNAME', records: [regionalApiHostname(config, NEW)] });
    // Every record that answers with a region follows that region's endpoint AND gate.
    const checks = prod.of('dns-failover', 'aws_route53_health_check');
    for (const record of records.filter((r) => Array.isArray(r.body.records))) {
      const combined = checks.find((c) => refersTo(record.body.health_check_id, c));
      expect(combined?.body).toMatchObject({ type: 'CALCULATED', child_health_threshold: 3 });
    }
  });

  test("the new region's gate has an alarm in each other region, and each other region's gate one in the new region", () => {
    const gates = prod.of('dns-failover', 'aws_cloudwatch_metric_alarm').filter((a) => a.body.namespace === 'tradesense/dns-failover');
    const pairs = gates.map((a) => `${(a.body.dimensions as { Region: string }).Region} in ${a.region}`).sort();
    expect(pairs).toEqual(prod.regions.flatMap((gated) => peersOf(prod.env, gated).map((home) => `${gated} in ${home}`)).sort());
    expect(
      prod
        .of('dns-failover', 'aws_route53_health_check')
        .filter((c) => c.body.type === 'HTTPS')
        .map((c) => c.body.fqdn),
    ).toContain(regionalApiHostname(config, NEW));
  });

  test('the edge keeps its two-origin group (primary + failoverRegion); writes follow the failover name', () => {
    const [distribution] = prod.of('edge', 'aws_cloudfront_distribution');
    const origins = (distribution?.body.origin as { domain_name: string }[]).map((o) => o.domain_name).sort();
    const dns = config.data.prod?.dnsFailover;
    if (!dns) throw new Error('no dnsFailover');
    expect(origins).toEqual(
      [
        regionalApiHostname(config, 'us-east-1'),
        regionalApiHostname(config, 'us-west-2'),
        failoverHostname(config.organization.domain, dns),
      ].sort(),
    );
  });

  test('the regional ingress and the cluster secrets reach the new region', () => {
    const certificate = prod.located.find((r) => r.stack === `prod-${NEW}-ingress` && r.type === 'aws_acm_certificate');
    const dns = config.data.prod?.dnsFailover;
    if (!dns) throw new Error('no dnsFailover');
    expect(certificate?.body).toMatchObject({
      domain_name: regionalApiHostname(config, NEW),
      subject_alternative_names: [failoverHostname(config.organization.domain, dns)],
    });
    for (const secret of prod.of('cluster-secrets', 'aws_secretsmanager_secret')) {
      expect((secret.body.replica as { region: string }[]).map((r) => r.region)).toEqual(['us-west-2', NEW]);
    }
  });

  test('the data-loss guards pass over the three-region stacks, and catch a plan that skips the new region', () => {
    const input = { stacks: prod.stacks, clusters: [] };
    expect(outputViolations(productionDataCopiedCrossRegion, input, config)).toEqual([]);
    expect(ruleFindings('stateful-deletion-protected', input, { config })).toEqual([]);
    const skipping = structuredClone(prod.stacks);
    for (const plan of Object.values<any>(skipping.find((s) => s.name === 'prod-us-east-1-backup')?.json.resource?.aws_backup_plan ?? {})) {
      plan.rule[0].copy_action = plan.rule[0].copy_action.slice(0, 1);
    }
    expect(outputViolations(productionDataCopiedCrossRegion, { stacks: skipping, clusters: [] }, config).map((v) => v.detail)).toContain(
      'a rule of this production plan copies into no vault of eu-west-1; add a copy_action into the eu-west-1 vault, so a failover there finds the recovery points',
    );
  });
});
