import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { describe, expect, test } from 'vitest';
import { cidrsOverlap, parseCidr } from '../../config/derive/cidr.js';
import { clusterFacts } from '../../config/derive/facts.js';
import { SERVICE_REPOSITORY_PREFIX } from '../../config/derive/registry.js';
import { clusterTargets, type ClusterTarget } from '../../config/derive/targets.js';
import { availabilityZones } from '../../config/reference/aws-regions.js';
import { evaluatePolicies } from '../../policies/engine.js';
import { addAccountStacks, addRegionStacks } from '../../stacks/app.js';
import { prodOnThreeRegions, THIRD_REGION } from '../support/third-region.js';

const config = prodOnThreeRegions();
const targets = clusterTargets(config).filter((t) => t.envName === 'prod');
const added = targets.find((t) => t.region === THIRD_REGION.region) as ClusterTarget;
const primary = targets.find((t) => t.role === 'primary') as ClusterTarget;
const facts = (t: ClusterTarget) => clusterFacts(config, t);

/** prod's account and region stacks, as the app wires them, synthesized once (cross-stack references resolved). */
const synthesized = (() => {
  const outdir = mkdtempSync(join(tmpdir(), 'third-region-'));
  const app = new App({ outdir, stackTraces: false });
  addAccountStacks(app, config, 'prod');
  for (const target of targets) addRegionStacks(app, config, target);
  app.synth();
  const names = app.node.children.map((c) => c.node.id);
  const json = (name: string) => JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  return { names, json, manifest: JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) };
})();
const resources = (stack: string, type: string): any[] => Object.values(synthesized.json(stack).resource[type] ?? {});
const stack = (t: ClusterTarget, kind: string) => `${t.envName}-${t.region}-${kind}`;

describe('a third prod region is a config-only change for the platform stacks', () => {
  test('the new region gets every platform stack the other replica has', () => {
    const kinds = (t: ClusterTarget) =>
      synthesized.names
        .filter((n) => n.startsWith(`prod-${t.region}-`))
        .map((n) => n.slice(`prod-${t.region}-`.length))
        .sort();
    const replica = targets.find((t) => t.role === 'replica' && t !== added) as ClusterTarget;
    expect(kinds(added)).toEqual(kinds(replica));
    expect(kinds(added)).toEqual(expect.arrayContaining(['ci-tunnel', 'cluster', 'idle-cleanup', 'network', 'registry', 'security']));
    for (const kind of kinds(added)) expect(synthesized.json(stack(added, kind)).provider.aws[0].region).toBe(THIRD_REGION.region);
  });

  test("its network: the configured block, disjoint from every other prod VPC, over the region's three AZs", () => {
    const [vpc] = resources(stack(added, 'network'), 'aws_vpc');
    expect(vpc.cidr_block).toBe(THIRD_REGION.vpcCidr);
    const own = parseCidr(vpc.cidr_block);
    for (const other of targets.filter((t) => t !== added)) {
      const [theirs] = resources(stack(other, 'network'), 'aws_vpc');
      const block = parseCidr(theirs.cidr_block);
      expect(own && block && cidrsOverlap(own, block), `${other.region} ${theirs.cidr_block}`).toBe(false);
    }
    const zones = [...new Set(resources(stack(added, 'network'), 'aws_subnet').map((s) => s.availability_zone))].sort();
    expect(zones).toEqual([...availabilityZones(added.region)].sort());
  });

  test("its cluster, whose Velero role reads every peer region's bucket and writes only its own prefix", () => {
    expect(resources(stack(added, 'cluster'), 'aws_eks_cluster').map((c) => c.name)).toEqual([facts(added).clusterName]);
    const policy = resources(stack(added, 'cluster'), 'aws_iam_role_policy').find((p) => p.role.includes('aws_iam_role.velero-identity'));
    const statements: any[] = JSON.parse(policy.policy).Statement;
    const arn = (t: ClusterTarget) => `arn:aws:s3:::${facts(t).veleroBucket}`;
    const listed = statements.find((s) => s.Sid === 'ListBackups').Resource;
    expect(listed).toEqual([arn(added), ...added.peers.map((region) => arn({ ...added, region }))]);
    expect(added.peers).toHaveLength(2);
    const writes = statements.filter((s) => [s.Action].flat().some((a: string) => /^s3:(Put|Delete|Abort)/.test(a)));
    expect(writes.flatMap((s) => [s.Resource].flat())).toEqual([`${arn(added)}/${facts(added).clusterName}/*`]);
    // Every other cluster reads the new region's bucket too.
    for (const other of targets.filter((t) => t !== added)) {
      const theirs = resources(stack(other, 'cluster'), 'aws_iam_role_policy').find((p) => p.role.includes('aws_iam_role.velero-identity'));
      expect(JSON.parse(theirs.policy).Statement.find((s: any) => s.Sid === 'ListBackups').Resource).toContain(arn(added));
    }
  });

  test("its registry is a destination of the primary's one replication rule, beside the other replica", () => {
    const [replication] = resources(stack(primary, 'registry'), 'aws_ecr_replication_configuration');
    expect(replication.replication_configuration.rule).toHaveLength(1);
    const [rule] = replication.replication_configuration.rule;
    expect(rule.destination).toEqual(primary.peers.map((region) => ({ region, registry_id: config.environments.prod?.accountId })));
    expect(rule.destination.map((d: any) => d.region)).toContain(THIRD_REGION.region);
    expect(rule.repository_filter).toEqual([{ filter: SERVICE_REPOSITORY_PREFIX, filter_type: 'PREFIX_MATCH' }]);
    // The destination holds the same repositories and its own pull-through caches, and replicates nothing itself.
    const repositories = (t: ClusterTarget) =>
      resources(stack(t, 'registry'), 'aws_ecr_repository')
        .map((r) => r.name)
        .sort();
    expect(repositories(added)).toEqual(repositories(primary));
    expect(resources(stack(added, 'registry'), 'aws_ecr_pull_through_cache_rule')).toHaveLength(
      resources(stack(primary, 'registry'), 'aws_ecr_pull_through_cache_rule').length,
    );
    expect(resources(stack(added, 'registry'), 'aws_ecr_replication_configuration')).toEqual([]);
  });

  test('its security posture: GuardDuty, Security Hub and AWS Config, global resources recorded in one region only', () => {
    expect(resources(stack(added, 'security'), 'aws_guardduty_detector')).toHaveLength(1);
    expect(resources(stack(added, 'security'), 'aws_securityhub_account')).toHaveLength(1);
    const recordsGlobal = targets.map(
      (t) => resources(stack(t, 'security'), 'aws_config_configuration_recorder')[0].recording_group.include_global_resource_types,
    );
    expect(recordsGlobal.filter(Boolean)).toHaveLength(1);
    expect(resources(stack(added, 'security'), 'aws_config_configuration_recorder')[0].recording_group.include_global_resource_types).toBe(
      false,
    );
  });

  test("its CI tunnel, reachable by the CI roles beside every other cluster's", () => {
    const [asg] = resources(stack(added, 'ci-tunnel'), 'aws_autoscaling_group');
    expect(asg.name).toBe(facts(added).ciTunnel.name);
    expect(resources(stack(added, 'ci-tunnel'), 'aws_ssm_document').map((d) => d.name)).toEqual([facts(added).ciTunnel.documentName]);
    expect(synthesized.manifest.stacks[stack(added, 'ci-tunnel')].dependencies).toEqual([stack(added, 'cluster'), stack(added, 'network')]);
    const tunnelPolicy = resources('prod-global-ci-access', 'aws_iam_role_policy').find((p) => p.name === 'cluster-tunnel');
    const documents = JSON.parse(tunnelPolicy.policy).Statement.find((s: any) => s.Sid === 'TunnelDocuments').Resource;
    expect(documents).toEqual(targets.map((t) => facts(t).ciTunnel.documentArn));
  });

  test('its Karpenter queue and idle sweep, and the audit trail records object access to its Velero bucket', () => {
    expect(resources(stack(added, 'karpenter'), 'aws_sqs_queue').map((q) => q.name)).toEqual([`${facts(added).clusterName}-interruptions`]);
    expect(resources(stack(added, 'idle-cleanup'), 'aws_lambda_function').map((f) => f.environment.variables.SCOPE)).toEqual([
      `prod/${THIRD_REGION.region}`,
    ]);
    const [trail] = resources('prod-global-audit', 'aws_cloudtrail');
    const arns = trail.advanced_event_selector[1].field_selector.find((f: any) => f.field === 'resources.ARN').starts_with;
    for (const t of targets) expect(arns).toContain(`arn:aws:s3:::${facts(t).veleroBucket}/`);
  });

  test('the guardrails find nothing in them, but what the stacks this test leaves out provide', () => {
    const stacks = [...synthesized.names].sort().map((name) => ({ name, json: synthesized.json(name) }));
    // The state stack creates the bucket, key and boundary the others name; the data stacks create the Velero
    // buckets and the backup plans that copy buckets to another region; the platform stacks alone lack them.
    const providedElsewhere = ['account-prerequisites-declared', 'prerequisite-declarations-used', 'production-data-copied-cross-region'];
    const violations = evaluatePolicies({ stacks, clusters: [] }, config);
    // They do fire here: the engine read these stacks.
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.filter((v) => !providedElsewhere.includes(v.rule)).map((v) => `${v.rule} ${v.where}: ${v.detail}`)).toEqual([]);
  });
});
