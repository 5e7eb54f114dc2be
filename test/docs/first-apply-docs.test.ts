import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateBucketName, stateKeyAlias, stateReplicaBucketName } from '../../config/derive/state.js';
import { EnvironmentCostSchema } from '../../config/schema/cost.js';
import { AWS_PROVIDED_ARNS, AWS_PROVIDED_DATA } from '../../policies/prerequisites/aws-provided.js';
import { BOOTSTRAP_OVERRIDE_FILE, BOOTSTRAP_STATE_DIR, DR_OVERRIDE_FILE, stateStackName } from '../../tools/state/overrides.js';
import { platformConfig, resourcesOf, stackJson } from '../support/platform.js';

const read = (...path: string[]) => readFileSync(join(import.meta.dirname, '..', '..', ...path), 'utf8');
const section = (text: string, heading: string) => {
  const start = text.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = text.slice(start + heading.length).search(/\n#{2,3} /);
  return next < 0 ? text.slice(start) : text.slice(start, start + heading.length + next);
};

describe('README: bootstrapping an account', () => {
  const readme = section(read('README.md'), '### Bootstrapping an account');

  it('runs the commands the tools provide, with the files they write', () => {
    expect(JSON.parse(read('package.json')).scripts.state).toBe('node tools/run.mjs tools/state/cli.ts');
    expect(readme).toContain('npm run state -- bootstrap prod');
    expect(readme).toContain(`${BOOTSTRAP_OVERRIDE_FILE}: local state in ${BOOTSTRAP_STATE_DIR}/${stateStackName('prod')}.tfstate`);
    expect(readme).toContain(`rm ${BOOTSTRAP_OVERRIDE_FILE}`);
    expect(readme).toContain('terraform init -migrate-state -force-copy');
    expect(readme).toContain(`rm -r ../../../${BOOTSTRAP_STATE_DIR}`);
    expect(read('.gitignore').split('\n')).toEqual(expect.arrayContaining([`${BOOTSTRAP_STATE_DIR}/`, '*.tfstate']));
  });

  it('names the bucket and the key as the stacks do', () => {
    const config = platformConfig();
    for (const env of Object.keys(config.environments)) {
      const account = config.environments[env]?.accountId ?? '';
      expect(stateBucketName(config, env)).toBe('tradesense-<env>-tfstate-<account>'.replace('<env>', env).replace('<account>', account));
      expect(`alias/${stateKeyAlias(env)}`).toBe(`alias/<env>-terraform-state`.replace('<env>', env));
    }
    expect(readme).toContain('`tradesense-<env>-tfstate-<account>`');
    expect(readme).toContain('`alias/<env>-terraform-state`');
  });

  it('points at the prerequisites report and the cost allocation tag flag, which exist', () => {
    expect(readme).toContain('dist/reports/prerequisites-<env>.md');
    expect(readme).toContain('config/values/prerequisites.ts');
    expect(Object.keys(EnvironmentCostSchema.shape)).toContain('activateCostAllocationTags');
    expect(EnvironmentCostSchema.shape.activateCostAllocationTags.parse(undefined)).toBe(false);
    expect(readme).toContain('`cost.environments.<env>.activateCostAllocationTags`');
    expect(readme).toContain('`<env>-global-cost-tag-activation`');
  });
});

describe('docs/disaster-recovery.md: Terraform state', () => {
  const doc = section(read('docs', 'disaster-recovery.md'), '## Terraform state');

  it('names the replica as the state stack creates it, and dev has none', () => {
    const config = platformConfig();
    expect(stateReplicaBucketName(config, 'prod')).toBe(
      'tradesense-<env>-tfstate-<account>-<region>'
        .replace('<env>', 'prod')
        .replace('<account>', '410987654321')
        .replace('<region>', 'us-west-2'),
    );
    expect(resourcesOf('prod-global-state', 'aws_s3_bucket').map((b) => b.bucket)).toContain(stateReplicaBucketName(config, 'prod'));
    expect(stateReplicaBucketName(config, 'dev')).toBeUndefined();
    expect(doc).toContain('`tradesense-<env>-tfstate-<account>-<region>`');
    expect(doc).toContain('(dev) has no replica');
  });

  it('keeps old versions 365 days in both buckets, as it says', () => {
    const lifecycles = resourcesOf('prod-global-state', 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycles).toHaveLength(2);
    for (const l of lifecycles) expect(l.rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 365 }]);
    expect(doc).toContain('old versions 365 days');
  });

  it('uses the DR override the tool writes, with -reconfigure', () => {
    expect(doc).toContain(`npm run state -- dr prod          # ${DR_OVERRIDE_FILE}`);
    expect(doc).toContain('terraform init -reconfigure');
  });

  it('is right that the CI read-only role decrypts state only through S3 in the home region', () => {
    const policy = Object.entries(stackJson('prod-global-ci-access').resource.aws_iam_role_policy).find(([id]) =>
      id.startsWith('read-only-state'),
    )?.[1] as { policy: string };
    const [statement] = JSON.parse(policy.policy).Statement;
    expect(statement).toMatchObject({
      Action: 'kms:Decrypt',
      Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
    });
    expect(doc).toContain('the CI read-only role decrypts\nstate only through S3 in the home region');
  });
});

describe('docs/security-compliance.md: account prerequisites', () => {
  const doc = section(read('docs', 'security-compliance.md'), '## Account prerequisites');

  it('lists exactly what the check takes as AWS-provided', () => {
    expect(AWS_PROVIDED_ARNS.map((a) => a.what)).toEqual([
      'AWS managed policies',
      'EKS access policies',
      'Security Hub standards',
      'AWS public parameters',
      'public AMIs',
      'AWS-managed prefix lists',
      'the account principal itself',
    ]);
    expect(Object.keys(AWS_PROVIDED_DATA).sort()).toEqual([
      'aws_ami',
      'aws_availability_zone',
      'aws_availability_zones',
      'aws_caller_identity',
      'aws_cloudfront_cache_policy',
      'aws_cloudfront_origin_request_policy',
      'aws_cloudfront_response_headers_policy',
      'aws_ec2_managed_prefix_list',
      'aws_eks_addon_version',
      'aws_elb_service_account',
      'aws_iam_policy',
      'aws_iam_policy_document',
      'aws_kms_alias',
      'aws_partition',
      'aws_region',
      'aws_ssm_parameter',
    ]);
    expect(doc).toContain(
      'managed policies, EKS access policies,\nSecurity Hub standards, the account root, public parameters and AMIs, managed prefix\nlists',
    );
  });

  it('declares, rather than creates, the service-linked role and the people roles', () => {
    const declared = (platformConfig().prerequisites.prod ?? []).map((p) => p.match);
    expect(declared).toEqual(
      expect.arrayContaining([
        'arn:aws:iam::410987654321:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
        'arn:aws:iam::410987654321:role/platform-admin',
        'arn:aws:iam::410987654321:role/sre-readonly',
      ]),
    );
    const roles = resourcesOf('prod-global-ci-access', 'aws_iam_role').map((r) => r.name);
    expect(roles).not.toContain('platform-admin');
    expect(doc).toContain('create `<env>-*` and `tradesense-*` roles');
    const iam = JSON.parse(
      (
        Object.entries(stackJson('prod-global-ci-access').resource.aws_iam_role_policy).find(([id]) =>
          id.startsWith('deploy-iam'),
        )?.[1] as { policy: string }
      ).policy,
    );
    const platformRoles = iam.Statement.find((st: { Sid: string }) => st.Sid === 'ManagePlatformRoles');
    expect(platformRoles.Resource.filter((r: string) => r.includes(':role/'))).toEqual([
      'arn:aws:iam::410987654321:role/prod-*',
      'arn:aws:iam::410987654321:role/tradesense-*',
    ]);
  });
});
