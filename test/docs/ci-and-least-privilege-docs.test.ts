import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capacityOf } from '../../config/derive/cost.js';
import { CI_TUNNEL_TAG, CONTROLLERS, permissionsBoundary } from '../../config/derive/facts.js';
import { retentionDays } from '../../config/derive/retention.js';
import { clusterTargets } from '../../config/derive/targets.js';
import { awsLeastPrivilege } from '../../policies/packs/aws-least-privilege.js';
import { DEPLOY_SESSION_SECONDS } from '../../stacks/ci-access.js';
import { TUNNEL_INSTANCE_TYPE } from '../../stacks/ci-tunnel.js';
import { loadWorkflow, ROOT } from '../ci/workflows.js';
import { platformConfig, resourcesOf } from '../support/platform.js';

const doc = (name: string) => readFileSync(join(ROOT, 'docs', name), 'utf8').replace(/\s+/g, ' ');
const ciCd = doc('ci-cd.md');
const security = doc('security-compliance.md');

describe('docs/ci-cd.md says what the code does', () => {
  it('the deploy session and the job timeout', () => {
    const hours = Number(/The session lasts (\d+) hours/.exec(ciCd)?.[1]);
    const minutes = Number(/than the job's (\d+)-minute timeout/.exec(ciCd)?.[1]);
    const job = loadWorkflow('deploy-environment.yml').jobs.deploy as {
      'timeout-minutes'?: number;
      steps?: { uses?: string; with?: Record<string, unknown> }[];
    };
    expect(hours * 3600).toBe(DEPLOY_SESSION_SECONDS);
    expect(minutes).toBe(job['timeout-minutes']);
    const aws = job.steps?.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(aws?.with?.['role-duration-seconds']).toBe(DEPLOY_SESSION_SECONDS);
  });

  it('the tunnel host, its tag and its document', () => {
    expect(ciCd).toContain(`one \`${TUNNEL_INSTANCE_TYPE}\` with a 10 GiB gp3 volume per cluster`);
    const [template] = resourcesOf('staging-us-east-1-ci-tunnel', 'aws_launch_template');
    expect(template.block_device_mappings[0].ebs).toMatchObject({ volume_size: 10, volume_type: 'gp3' });
    expect(ciCd).toContain(`\`${CI_TUNNEL_TAG}=<cluster>\``);
    expect(resourcesOf('staging-us-east-1-ci-tunnel', 'aws_ssm_document')[0].name).toBe('tradesense-staging-us-east-1-ci-tunnel');
    expect(ciCd).toContain('starts the session with document `<cluster>-ci-tunnel`');
  });

  it('the boundary name and the platform names the deploy role manages', () => {
    expect(ciCd).toContain(`\`${permissionsBoundary(platformConfig(), '').name}\``);
    const platformIam = JSON.parse(
      resourcesOf('staging-global-ci-access', 'aws_iam_role_policy').find((p) => p.name === 'platform-iam').policy,
    );
    const roles = platformIam.Statement.find((s: any) => s.Sid === 'ManagePlatformRoles').Resource;
    expect(roles).toEqual(['arn:aws:iam::310987654321:role/staging-*', 'arn:aws:iam::310987654321:role/tradesense-*']);
    expect(ciCd).toContain("IAM on the platform's names (`<env>-*`, `tradesense-*`)");
  });
});

describe('docs/security-compliance.md says what the code does', () => {
  it('lists every rule of the aws-least-privilege pack', () => {
    const listed = [...security.matchAll(/`((?:iam|ecr)-[a-z-]+)`/g)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual(awsLeastPrivilege.entries.map((e) => e.rule.id).sort());
  });

  it('Karpenter has a role only where it runs; no load balancer controller or external-dns', () => {
    expect(security).toContain(
      "Karpenter's role and Pod Identity association exist only in clusters whose environment's capacity is `karpenter`",
    );
    const config = platformConfig();
    for (const t of clusterTargets(config)) {
      const names = resourcesOf(`${t.envName}-${t.region}-cluster`, 'aws_iam_role').map((r) => r.name);
      expect(names.includes(`${t.envName}-${t.region}-karpenter`)).toBe(capacityOf(config, t.envName) === 'karpenter');
    }
    expect(security).toContain('No AWS Load Balancer Controller and no external-dns run in a cluster');
    expect(CONTROLLERS).not.toContain('aws-load-balancer-controller');
    expect(CONTROLLERS).not.toContain('external-dns');
  });

  it('Velero buckets are locked in governance mode for the backups retention', () => {
    expect(security).toContain('**Velero buckets: S3 Object Lock, governance mode**, default retention = the `backups` retention');
    for (const lock of resourcesOf('prod-us-east-1-velero-storage', 'aws_s3_bucket_object_lock_configuration')) {
      expect(lock.rule.default_retention).toEqual({ mode: 'GOVERNANCE', days: retentionDays(platformConfig(), 'backups') });
    }
  });
});
