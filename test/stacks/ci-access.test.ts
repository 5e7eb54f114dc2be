import { describe, expect, test } from 'vitest';
import { clusterFacts, permissionsBoundary, platformNamePrefixes } from '../../config/derive/facts.js';
import { clusterTargets } from '../../config/derive/targets.js';
import { DEPLOY_SESSION_SECONDS, READ_ONLY_SESSION_SECONDS } from '../../stacks/ci-access.js';
import { manifestDependencies, platformConfig, platformStackNames, resourcesOf, stackJson } from '../support/platform.js';

const config = platformConfig();
const STACK = 'prod-global-ci-access';
const ACCOUNT = config.environments.prod?.accountId ?? '';
const { deployRoleName, readOnlyRoleName } = config.ownership;
const { repository } = config.organization;
const roles = () => resourcesOf(STACK, 'aws_iam_role');
const trustOf = (name: string) => JSON.parse(roles().find((r) => r.name === name)?.assume_role_policy ?? '{}').Statement[0];

describe('CI access stack', () => {
  test('trusts the GitHub OIDC provider, audience sts', () => {
    expect(resourcesOf(STACK, 'aws_iam_openid_connect_provider')).toEqual([
      expect.objectContaining({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] }),
    ]);
  });

  test("the deploy role is assumable only from the environment's GitHub environment", () => {
    const trust = trustOf(deployRoleName);
    expect(trust.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(trust.Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': `repo:${repository}:environment:prod`,
    });
  });

  test('the read-only role is assumable only by workflows on main, and cannot write', () => {
    expect(trustOf(readOnlyRoleName).Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe(
      `repo:${repository}:ref:refs/heads/main`,
    );
    const attached = resourcesOf(STACK, 'aws_iam_role_policy_attachment').filter((a) => a.role.includes('read-only-role'));
    expect(attached.map((a) => a.policy_arn)).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
  });

  test('the deploy role gets IAM rights only on the platform names, never * on *', () => {
    const policy = JSON.parse(resourcesOf(STACK, 'aws_iam_role_policy').find((p) => p.name === 'platform-iam')?.policy ?? '{}');
    for (const st of policy.Statement) {
      expect(st.Action === '*' || (Array.isArray(st.Action) && st.Action.includes('*'))).toBe(false);
      if ([st.Action].flat().some((a: string) => /^iam:\*|:\*Role/.test(a))) {
        expect([st.Resource].flat().every((r: string) => r !== '*')).toBe(true);
      }
    }
    const roleStatement = policy.Statement.find((s: any) => s.Sid === 'ManagePlatformRoles');
    expect(roleStatement.Resource).toContain(`arn:aws:iam::${ACCOUNT}:role/prod-*`);
  });

  test('every environment has its own CI access stack', () => {
    for (const env of ['dev', 'staging']) {
      expect(
        resourcesOf(`${env}-global-ci-access`, 'aws_iam_role')
          .map((r) => r.name)
          .sort(),
      ).toEqual([deployRoleName, readOnlyRoleName].sort());
    }
  });
});

describe('CI deploy role cannot create an administrator', () => {
  const BOUNDARY = permissionsBoundary(config, ACCOUNT).arn;
  const deployPolicy = () =>
    JSON.parse(resourcesOf(STACK, 'aws_iam_role_policy').find((p) => p.name === 'platform-iam')?.policy ?? '{}').Statement as any[];
  const allows = (statements: any[], action: string) =>
    statements.filter(
      (s) => s.Effect === 'Allow' && [s.Action ?? []].flat().some((a: string) => new RegExp(`^${a.replace(/\*/g, '.*')}$`).test(action)),
    );

  test('creates and changes roles only with the permissions boundary attached', () => {
    const statements = deployPolicy();
    for (const action of ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary']) {
      const granting = allows(statements, action);
      expect(granting.length, action).toBeGreaterThan(0);
      for (const s of granting) expect(s.Condition?.StringEquals?.['iam:PermissionsBoundary'], action).toBe(BOUNDARY);
    }
  });

  test('cannot remove a boundary, change the boundary policy, or change the CI roles themselves', () => {
    const denies = deployPolicy().filter((s) => s.Effect === 'Deny');
    const denied = (action: string, resource: string) =>
      denies.some((s) => [s.Action].flat().includes(action) && [s.Resource].flat().some((r: string) => r === '*' || r === resource));
    expect(
      denied(
        'iam:DeleteRolePermissionsBoundary',
        `arn:aws:iam::${ACCOUNT}:role/prod-${config.environments.prod?.regions.primary.region}-velero`,
      ),
    ).toBe(true);
    for (const action of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy'])
      expect(denied(action, BOUNDARY), action).toBe(true);
    for (const action of ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy']) {
      expect(denied(action, `arn:aws:iam::${ACCOUNT}:role/${deployRoleName}`), action).toBe(true);
    }
  });

  test('the boundary allows no IAM write but instance profiles, service-linked roles and passing bounded platform roles', () => {
    // Created by the state stack, the first stack of an empty account: every later role names it.
    const { name } = permissionsBoundary(config, ACCOUNT);
    const [boundary] = resourcesOf('prod-global-state', 'aws_iam_policy').filter((p) => p.name === name);
    expect(resourcesOf(STACK, 'aws_iam_policy').filter((p) => p.name === name)).toEqual([]);
    const statements = JSON.parse(boundary.policy).Statement as any[];
    const broad = statements.find((s) => s.NotAction);
    expect(broad.NotAction).toEqual(['iam:*', 'organizations:*', 'account:*']);
    const iamActions = statements.flatMap((s) => [s.Action ?? []].flat()).filter((a: string) => a.startsWith('iam:'));
    const writes = iamActions.filter((a: string) => !/^iam:(Get|List|Generate)/.test(a));
    expect(writes.sort()).toEqual([
      'iam:AddRoleToInstanceProfile',
      'iam:CreateInstanceProfile',
      'iam:CreateServiceLinkedRole',
      'iam:DeleteInstanceProfile',
      'iam:PassRole',
      'iam:RemoveRoleFromInstanceProfile',
      'iam:TagInstanceProfile',
    ]);
    expect(statements.find((s) => [s.Action].flat().includes('iam:PassRole')).Resource).toEqual(
      platformNamePrefixes(config, 'prod').map((p) => `arn:aws:iam::${ACCOUNT}:role/${p}*`),
    );
  });

  test('every role of every stack carries the boundary and a name the deploy role may create', () => {
    for (const stack of platformStackNames()) {
      const json = stackJson(stack);
      const env = stack.split('-')[0] ?? '';
      for (const role of Object.values<any>(json.resource?.aws_iam_role ?? {})) {
        if (role.name === deployRoleName) continue;
        const boundary = permissionsBoundary(config, json.provider.aws[0].allowed_account_ids[0]).arn;
        // The state stack names the boundary it creates by reference.
        expect([boundary, '$' + '{aws_iam_policy.permissions-boundary.arn}'], `${stack} ${role.name}`).toContain(role.permissions_boundary);
        if (role.name !== readOnlyRoleName)
          expect(role.name, stack).toMatch(new RegExp(`^(${platformNamePrefixes(config, env).join('|')})`));
      }
    }
  });

  test("the deploy role's session lasts three hours (its job asks for exactly that, below its timeout)", () => {
    expect(roles().find((r) => r.name === deployRoleName)?.max_session_duration).toBe(DEPLOY_SESSION_SECONDS);
    expect(roles().find((r) => r.name === readOnlyRoleName)?.max_session_duration).toBe(READ_ONLY_SESSION_SECONDS);
  });

  test('the read-only role may open sessions only to tagged CI tunnels of every region, only with their pinned documents', () => {
    const policy = JSON.parse(resourcesOf(STACK, 'aws_iam_role_policy').find((p) => p.name === 'cluster-tunnel')?.policy ?? '{}')
      .Statement as any[];
    const clusters = clusterTargets(config)
      .filter((t) => t.envName === 'prod')
      .map((t) => clusterFacts(config, t));
    const instances = policy.find((s) => s.Sid === 'TunnelInstances');
    expect(instances.Condition.StringEquals['ssm:resourceTag/tradesense:ci-tunnel'].sort()).toEqual(
      clusters.map((c) => c.clusterName).sort(),
    );
    expect(instances.Condition.Bool['ssm:SessionDocumentAccessCheck']).toBe('true');
    expect(policy.find((s) => s.Sid === 'TunnelDocuments').Resource.sort()).toEqual(clusters.map((c) => c.ciTunnel.documentArn).sort());
    // Terraform would interpolate a bare IAM policy variable: it must reach IAM escaped.
    expect(policy.find((s) => s.Sid === 'OwnSessions').Resource).toBe(`arn:aws:ssm:*:${ACCOUNT}:session/$$` + '{aws:userid}-*');
    const deny = deployPolicy().find((s) => s.Sid === 'DenyOtherSessionDocuments');
    expect(deny.NotResource).toEqual([`arn:aws:ec2:*:${ACCOUNT}:instance/*`, ...clusters.map((c) => c.ciTunnel.documentArn)]);
  });
});

describe('first apply on an empty account', () => {
  test('the state stack creates the boundary its own replication role names by reference, and ci-access applies after it', () => {
    const replication = resourcesOf('prod-global-state', 'aws_iam_role');
    expect(replication.length).toBeGreaterThan(0);
    for (const role of replication) expect(role.permissions_boundary).toMatch(/^\$\{aws_iam_policy\.permissions-boundary\.arn\}$/);
    expect(manifestDependencies('prod-global-ci-access')).toContain('prod-global-state');
  });
});
