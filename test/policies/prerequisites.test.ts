import { describe, expect, it } from 'vitest';
import type { PlatformConfig } from '../../config/schema/platform.js';
import type { ClusterState } from '../../policies/cluster-state/types.js';
import { policyCheck, policyFindings } from '../../policies/engine.js';
import type { Finding, SynthStack } from '../../policies/output.js';
import { accountPrerequisites } from '../../policies/packs/account-prerequisites.js';
import { arnNamed } from '../../policies/prerequisites/arn.js';
import type { Waiver } from '../../policies/types.js';
import { OUTPUT_CHECKS } from '../../tools/synth/checks.js';
import { fixtureState, platformStates, stateObject } from '../support/cluster-state.js';
import { configWith, platformConfig, platformStacks } from '../support/platform.js';
import { ref } from './fixtures.js';

const PREREQUISITES_CHECK = 'account-prerequisites-declared';

/** The pack's findings (both rules) over stacks and cluster states, sorted by where (no waivers unless given). */
function prerequisiteFindings(
  stacks: readonly SynthStack[],
  config: PlatformConfig,
  options: { waivers?: readonly Waiver[]; today?: string } = {},
  states?: readonly ClusterState[],
): Finding[] {
  const findings = policyFindings(
    { stacks, clusters: [], ...(states ? { states } : {}) },
    { config, packs: [accountPrerequisites], waivers: options.waivers ?? [], ...(options.today ? { today: options.today } : {}) },
  );
  return findings.sort((a, b) => a.where.localeCompare(b.where) || a.message.localeCompare(b.message));
}
const prerequisitesCheck = policyCheck({ packs: [accountPrerequisites], waivers: [] });

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

const DEV = '210987654321';
const PROD = '410987654321';
const stack = (
  name: string,
  account: string,
  parts: { resource?: Blocks; data?: Blocks; backend?: Record<string, unknown> } = {},
): SynthStack => ({
  name,
  json: {
    provider: { aws: [{ region: 'us-east-1', allowed_account_ids: [account] }] },
    resource: parts.resource ?? {},
    data: parts.data ?? {},
    terraform: parts.backend ? { backend: { s3: parts.backend } } : {},
  },
});
const errors = (stacks: SynthStack[], config: PlatformConfig = platformConfig()) =>
  prerequisiteFindings(stacks, config, { waivers: [], today: '2026-12-07' }).filter((f) => f.severity === 'error');
const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

describe('account prerequisites check', () => {
  it("passes on today's stacks: every external reference is created by a stack of its account or declared", () => {
    expect(prerequisitesCheck({ stacks: platformStacks(), clusters: [] }, platformConfig())).toEqual([]);
  });

  it('passes on every cluster: each secret an ExternalSecret names exists in its region (created empty, replicated)', async () => {
    expect(prerequisitesCheck({ stacks: platformStacks(), clusters: [], states: await platformStates() }, platformConfig())).toEqual([]);
  });

  it('fails an ExternalSecret naming a secret no stack of the account creates in the cluster region, naming cluster and object', () => {
    const externalSecret = (key: string) =>
      stateObject({
        application: 'service-secrets',
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        name: 'x-app',
        body: { spec: { dataFrom: [{ extract: { key } }], data: [{ secretKey: 'k', remoteRef: { key: 'prod/alerting/slack' } }] } },
      });
    const created = platformStacks().filter((s) => s.name === 'prod-global-cluster-secrets');
    const found = prerequisiteFindings(created, platformConfig(), { waivers: [], today: '2026-12-07' }, [
      fixtureState([externalSecret('prod/typo/app')], [], 'prod/us-west-2'),
    ]).filter((f) => f.severity === 'error' && f.where.startsWith('cluster '));
    expect(found.map((f) => f.where)).toEqual(['cluster prod/us-west-2/service-secrets#ExternalSecret/team-trading/x-app']);
    expect(found[0]?.message).toMatch(
      /'arn:aws:secretsmanager:us-west-2:410987654321:secret:prod\/typo\/app' is created by no stack of account 410987654321/,
    );
  });

  it('fails when a stack references an undeclared role, naming the stack, the address and the fix', () => {
    const config = configWith((c) => {
      c.prerequisites.prod = (c.prerequisites.prod ?? []).filter((p) => !p.match.endsWith(':role/platform-admin'));
    });
    const found = prerequisiteFindings(platformStacks(), config).filter((f) => f.severity === 'error');
    expect(found.map((f) => f.where)).toEqual([
      expect.stringMatching(/^prod-us-east-1-cluster\/aws_eks_access_entry\.eks_access-entry-0_/),
      expect.stringMatching(/^prod-us-west-2-cluster\/aws_eks_access_entry\.eks_access-entry-0_/),
    ]);
    expect(found[0]?.message).toMatch(
      /iam-role 'arn:aws:iam::410987654321:role\/platform-admin' is created by no stack of account 410987654321 and not declared in prerequisites\.prod\. Fix: create it in a stack of account 410987654321, or declare it in config\/values\/prerequisites\.ts \(\{ kind: 'iam-role', match: 'arn:aws:iam::410987654321:role\/platform-admin', why, create \}\)/,
    );
  });

  it('fails synth on an undeclared external: an error of the output check synth runs (test/tools/synth.test.ts: an error leaves the previous output untouched)', () => {
    const config = configWith((c) => {
      c.prerequisites.prod = (c.prerequisites.prod ?? []).filter((p) => p.kind !== 'route53-zone');
    });
    const found = OUTPUT_CHECKS['policy-catalog']?.({ stacks: platformStacks(), clusters: [] }, config).filter(
      (f) => f.severity === 'error' && f.check === PREREQUISITES_CHECK,
    );
    expect(found?.map((f) => `[${f.check}] ${f.where}: ${f.message}`)).toContainEqual(
      expect.stringMatching(
        /^\[account-prerequisites-declared\] prod-global-edge\/data\.aws_route53_zone\.zone: .*route53-zone 'tradesense\.io' is created by no stack/,
      ),
    );
    // Only the zone, wherever a prod stack looks it up.
    expect(found?.every((f) => f.where.startsWith('prod-') && f.message.includes("route53-zone 'tradesense.io'"))).toBe(true);
  });

  it('reads data sources, literal ARNs in resources and in policy JSON, and the backend', () => {
    const found = errors([
      stack('dev-us-east-1-x', DEV, {
        data: { aws_route53_zone: { z: { name: 'example.org.' } }, aws_iam_role: { r: { name: 'legacy' } } },
        resource: {
          aws_kms_key: {
            k: { policy: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEV}:role/ops` }, Action: 'kms:*', Resource: '*' }) },
          },
          aws_lambda_function: { f: { role: `arn:aws:iam::${DEV}:role/lambda-exec` } },
        },
        backend: {
          bucket: 'nobody-made-this',
          key: 'dev-us-east-1-x/terraform.tfstate',
          kms_key_id: `arn:aws:kms:us-east-1:${DEV}:alias/state`,
        },
      }),
    ]);
    expect(found.map((f) => `${f.where} ${/'([^']+)'/.exec(f.message)?.[1]}`)).toEqual([
      `dev-us-east-1-x/aws_kms_key.k arn:aws:iam::${DEV}:role/ops`,
      `dev-us-east-1-x/aws_lambda_function.f arn:aws:iam::${DEV}:role/lambda-exec`,
      `dev-us-east-1-x/data.aws_iam_role.r arn:aws:iam::${DEV}:role/legacy`,
      'dev-us-east-1-x/data.aws_route53_zone.z example.org',
      `dev-us-east-1-x/terraform.backend.s3 arn:aws:kms:us-east-1:${DEV}:alias/state`,
      'dev-us-east-1-x/terraform.backend.s3 nobody-made-this',
    ]);
  });

  it('counts what any stack of the same account creates, and nothing another account creates', () => {
    const maker = stack('dev-global-iam', DEV, {
      resource: { aws_iam_role: { r: { name: 'ops' } }, aws_route53_zone: { z: { name: 'example.org' } } },
    });
    const user = (account: string, name: string) =>
      stack(name, account, {
        resource: {
          aws_iam_role_policy: {
            p: { policy: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${account}:role/ops` }) },
          },
        },
        data: { aws_route53_zone: { z: { name: 'example.org' } } },
      });
    expect(errors([maker, user(DEV, 'dev-us-east-1-x')])).toEqual([]);
    expect(errors([maker, user(PROD, 'prod-us-east-1-x')]).map((f) => f.where)).toEqual([
      'prod-us-east-1-x/aws_iam_role_policy.p',
      'prod-us-east-1-x/data.aws_route53_zone.z',
    ]);
  });

  it('takes what AWS provides as present, and ARN patterns as scopes, not references', () => {
    const found = errors([
      stack('dev-us-east-1-x', DEV, {
        data: {
          aws_caller_identity: { me: {} },
          aws_availability_zones: { azs: {} },
          aws_ssm_parameter: { ami: { name: '/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/arm64/standard/recommended/image_id' } },
          aws_cloudfront_cache_policy: { c: { name: 'Managed-CachingDisabled' } },
          aws_eks_cluster: { same: { name: ref('aws_eks_cluster.c.name') } },
        },
        resource: {
          aws_iam_role_policy_attachment: { a: { policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
          aws_iam_role_policy: {
            p: {
              policy: policy({
                Effect: 'Allow',
                Action: '*',
                Resource: [`arn:aws:kms:us-east-1:${DEV}:key/*`, `arn:aws:iam::${DEV}:role/dev-*`, `arn:aws:iam::${DEV}:root`],
              }),
            },
          },
        },
      }),
    ]);
    expect(found).toEqual([]);
  });

  it('names one secret through its random suffix and one bucket through an object path', () => {
    expect(arnNamed(`arn:aws:secretsmanager:us-east-1:${PROD}:secret:prod/finops/slack-webhook-*`)).toEqual({
      kind: 'secret-value-filled-out-of-band',
      identifier: `arn:aws:secretsmanager:us-east-1:${PROD}:secret:prod/finops/slack-webhook`,
    });
    expect(arnNamed('arn:aws:s3:::tradesense-prod-velero-us-east-1-410987654321/*')).toEqual({
      kind: 's3-bucket',
      identifier: 'tradesense-prod-velero-us-east-1-410987654321',
    });
    expect(arnNamed(`arn:aws:secretsmanager:us-east-1:${PROD}:secret:prod/*`)).toBeUndefined();
  });

  it('fails on a data source type it does not index and on remote state no stack keeps', () => {
    const found = errors([
      stack('dev-us-east-1-x', DEV, {
        data: {
          aws_vpc: { v: { tags: { Name: 'legacy' } } },
          terraform_remote_state: { s: { backend: 's3', config: { bucket: 'b', key: 'dev-gone/terraform.tfstate' } } },
        },
      }),
    ]);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /data source type aws_vpc is not indexed.*Fix: add what it looks up to policies\/prerequisites\/references\.ts/,
      ),
      expect.stringMatching(/reads remote state 'b\/dev-gone\/terraform\.tfstate', which no stack keeps/),
    ]);
  });

  it('requires the management-account role of the cost governance provider to be declared', () => {
    const config = configWith((c) => {
      c.organization.managementAccountId = '999988887777';
    });
    const management = stack('prod-global-cost-controls', PROD);
    management.json.provider?.aws?.push({
      alias: 'management',
      region: 'us-east-1',
      allowed_account_ids: ['999988887777'],
      assume_role: [{ role_arn: 'arn:aws:iam::999988887777:role/tradesense-cost-governance' }],
    });
    expect(errors([management], config).map((f) => `${f.where}: ${f.message}`)).toEqual([
      expect.stringMatching(
        /^prod-global-cost-controls\/provider\.aws\.management: .*iam-role 'arn:aws:iam::999988887777:role\/tradesense-cost-governance' is created by no stack of account 999988887777/,
      ),
    ]);
  });

  it('warns about a declaration no stack needs', () => {
    const findings = prerequisiteFindings([stack('dev-us-east-1-x', DEV)], platformConfig(), { waivers: [], today: '2026-12-07' });
    expect(findings.filter((f) => f.where === 'prerequisites.dev[1]')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/iam-role 'arn:aws:iam::210987654321:role\/platform-admin' is referenced by no stack of dev/),
      }),
    ]);
  });

  it('honours a reviewed waiver until it expires', () => {
    const dangling = [
      stack('dev-us-east-1-x', DEV, {
        resource: {
          aws_iam_role_policy: {
            p: { policy: policy({ Effect: 'Allow', Action: 'sqs:*', Resource: `arn:aws:sqs:us-east-1:${DEV}:gone` }) },
          },
        },
      }),
    ];
    const waiver = {
      rule: PREREQUISITES_CHECK,
      resource: 'dev-us-east-1-x/aws_iam_role_policy.p',
      reason: 'queue comes with the next change',
      expires: '2027-01-31',
    };
    const active = prerequisiteFindings(dangling, platformConfig(), { waivers: [waiver], today: '2026-12-07' });
    expect(active.filter((f) => f.severity === 'error')).toEqual([]);
    const expired = prerequisiteFindings(dangling, platformConfig(), { waivers: [waiver], today: '2027-02-01' });
    expect(expired.filter((f) => f.severity === 'error').map((f) => f.check)).toEqual([PREREQUISITES_CHECK, 'policy-waivers']);
  });
});
