import { describe, expect, test } from 'vitest';
import { replicaRegions } from '../../config/derive/regions.js';
import { PULL_THROUGH_CACHES, SERVICE_REPOSITORY_PREFIX } from '../../config/derive/registry.js';
import { clusterTargets, type ClusterTarget } from '../../config/derive/targets.js';
import { INVARIANTS } from '../../config/invariants/all.js';
import { AWS_REGIONS } from '../../config/reference/aws-regions.js';
import { ECR_REPLICATION_RULE_DESTINATIONS } from '../../config/reference/aws-limits.js';
import { platformConfig, resourcesOf } from '../support/platform.js';
import { renderedClusters } from '../support/manifests.js';

const targets = clusterTargets(platformConfig());
const prod = targets.find((t) => t.envName === 'prod' && t.role === 'primary') as ClusterTarget;
const STACK = `prod-${prod.region}-registry`;
const ecrArn = (t: ClusterTarget, repository: string) => `arn:aws:ecr:${t.region}:${t.env.accountId}:repository/${repository}`;

/** Every string in an object tree. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('registry stack', () => {
  test('a pull-through cache per upstream registry, credentials from Secrets Manager where required', () => {
    const rules = resourcesOf(STACK, 'aws_ecr_pull_through_cache_rule');
    expect(rules.map((r) => [r.ecr_repository_prefix, r.upstream_registry_url]).sort()).toEqual(
      Object.entries(PULL_THROUGH_CACHES)
        .map(([prefix, c]) => [prefix, c.upstream])
        .sort(),
    );
    const dockerHub = rules.find((r) => r.ecr_repository_prefix === 'docker-hub');
    expect(dockerHub?.credential_arn).toMatch(/aws_secretsmanager_secret\.docker-hub-credentials/);
    expect(rules.find((r) => r.ecr_repository_prefix === 'quay')?.credential_arn).toBeUndefined();
    const secrets = resourcesOf(STACK, 'aws_secretsmanager_secret');
    expect(secrets.map((s) => s.name).sort()).toEqual(['ecr-pullthroughcache/docker-hub', 'ecr-pullthroughcache/ghcr']);
    expect(secrets.every((s) => /aws_kms_key/.test(s.kms_key_id))).toBe(true);
  });

  test('cached repositories are created KMS-encrypted with a lifecycle', () => {
    const templates = resourcesOf(STACK, 'aws_ecr_repository_creation_template');
    expect(templates).toHaveLength(Object.keys(PULL_THROUGH_CACHES).length);
    for (const t of templates) {
      expect(t.applied_for).toEqual(['PULL_THROUGH_CACHE']);
      expect(t.encryption_configuration).toEqual([{ encryption_type: 'KMS', kms_key: expect.stringContaining('aws_kms_key') }]);
      expect(JSON.parse(t.lifecycle_policy).rules[0].action.type).toBe('expire');
    }
  });

  test('the KMS-encrypted templates name a custom role ECR can assume, with kms:CreateGrant on the registry key', () => {
    const templates = resourcesOf(STACK, 'aws_ecr_repository_creation_template');
    for (const t of templates) expect(t.custom_role_arn).toMatch(/aws_iam_role\.creation-template-role\.arn/);
    const [role] = resourcesOf(STACK, 'aws_iam_role').filter((r) => r.name === `prod-${prod.region}-ecr-templates`);
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'ecr.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    const policy = JSON.parse(resourcesOf(STACK, 'aws_iam_role_policy').find((p) => p.name === 'create-encrypted-repositories').policy);
    const kms = policy.Statement.find((st: any) => st.Sid === 'EncryptWithRegistryKey');
    expect(kms.Action).toContain('kms:CreateGrant');
    expect(kms.Resource).toMatch(/aws_kms_key\.registry-key/);
    const create = policy.Statement.find((st: any) => st.Sid === 'CreateCacheRepositories');
    expect(create.Resource.sort()).toEqual(
      Object.keys(PULL_THROUGH_CACHES)
        .map((p) => ecrArn(prod, `${p}/*`))
        .sort(),
    );
  });

  test('a service repository per service: immutable tags, scan on push, KMS, protected', () => {
    const repositories = resourcesOf(STACK, 'aws_ecr_repository');
    expect(repositories.map((r) => r.name).sort()).toEqual(
      platformConfig()
        .services.map((s) => `tradesense/${s.name}`)
        .sort(),
    );
    for (const r of repositories) {
      expect(r).toMatchObject({
        image_tag_mutability: 'IMMUTABLE',
        image_scanning_configuration: { scan_on_push: true },
        force_delete: false,
        lifecycle: { prevent_destroy: true },
      });
      expect(r.encryption_configuration[0].encryption_type).toBe('KMS');
    }
  });

  test('each primary region replicates service images to every replica in one rule; replicas and one-region environments replicate nothing', () => {
    for (const target of targets) {
      const replications = resourcesOf(`${target.envName}-${target.region}-registry`, 'aws_ecr_replication_configuration');
      const replicas = target.role === 'primary' ? replicaRegions(target.env) : [];
      if (replicas.length === 0) {
        expect(replications, `${target.envName}/${target.region}`).toEqual([]);
        continue;
      }
      expect(replications.map((r) => r.replication_configuration.rule)).toEqual([
        [
          {
            destination: replicas.map((region) => ({ region, registry_id: target.env.accountId })),
            repository_filter: [{ filter: SERVICE_REPOSITORY_PREFIX, filter_type: 'PREFIX_MATCH' }],
          },
        ],
      ]);
    }
    expect(targets.some((t) => t.role === 'replica')).toBe(true);
  });

  test('ECR allows 25 destinations in a rule: any replica set the region list allows fits, and config refuses more', () => {
    expect(AWS_REGIONS.length - 1).toBeLessThanOrEqual(ECR_REPLICATION_RULE_DESTINATIONS);
    const rule = INVARIANTS.find((r) => r.id === 'registry-replicas-fit-one-rule');
    const config = platformConfig();
    expect(rule?.check(config)).toEqual([]);
    const replica = config.environments.prod?.regions.replicas[0];
    const crowded = structuredClone(config);
    if (crowded.environments.prod && replica)
      crowded.environments.prod.regions.replicas = Array.from({ length: ECR_REPLICATION_RULE_DESTINATIONS + 1 }, () => replica);
    expect(rule?.check(crowded)).toEqual([
      {
        path: ['environments', 'prod', 'regions', 'replicas'],
        message: expect.stringMatching(/one rule of at most 25 destinations, and 'prod' has 26 replicas; keep at most 25/),
      },
    ]);
  });

  test('enhanced continuous scanning of every repository', () => {
    expect(resourcesOf(STACK, 'aws_ecr_registry_scanning_configuration')).toEqual([
      expect.objectContaining({
        scan_type: 'ENHANCED',
        rule: [{ scan_frequency: 'CONTINUOUS_SCAN', repository_filter: [{ filter: '*', filter_type: 'WILDCARD' }] }],
      }),
    ]);
  });

  test('nodes may import upstream images through the caches, and nothing else', () => {
    const policy = resourcesOf(`prod-${prod.region}-cluster`, 'aws_iam_role_policy').find((p) => p.name === 'pull-through-cache');
    const [statement] = JSON.parse(policy.policy).Statement;
    expect(statement.Action).toEqual(['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository']);
    expect(statement.Resource).toEqual(
      Object.keys(PULL_THROUGH_CACHES)
        .sort()
        .map((p) => ecrArn(prod, `${p}/*`)),
    );
  });

  test('every image any cluster references comes from its own ECR through a cache or a service repository', () => {
    const prefixes = [...Object.keys(PULL_THROUGH_CACHES), SERVICE_REPOSITORY_PREFIX];
    for (const cluster of renderedClusters()) {
      const references = [...cluster.objects.values()]
        .flat()
        .flatMap(strings)
        .filter((s) => /\.dkr\.ecr\./.test(s));
      expect(references.length).toBeGreaterThan(0);
      for (const ref of references) {
        const match = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\/([a-z0-9-]+))?/.exec(ref);
        expect(match, ref).not.toBeNull();
        expect(`${match?.[1]}.dkr.ecr.${match?.[2]}.amazonaws.com`, ref).toBe(cluster.view.facts.ecrRegistry);
        if (match?.[3]) expect(prefixes, `${cluster.dir}: ${ref}`).toContain(match[3]);
      }
    }
  });
});
