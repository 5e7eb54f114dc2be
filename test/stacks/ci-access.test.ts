import { describe, expect, test } from 'vitest';
import { resourcesOf } from '../support/platform.js';

const STACK = 'prod-global-ci-access';
const roles = () => resourcesOf(STACK, 'aws_iam_role');
const trustOf = (name: string) => JSON.parse(roles().find((r) => r.name === name)?.assume_role_policy ?? '{}').Statement[0];

describe('CI access stack', () => {
  test('trusts the GitHub OIDC provider, audience sts', () => {
    expect(resourcesOf(STACK, 'aws_iam_openid_connect_provider')).toEqual([
      expect.objectContaining({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] }),
    ]);
  });

  test("the deploy role is assumable only from the environment's GitHub environment", () => {
    const trust = trustOf('github-actions-deploy');
    expect(trust.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(trust.Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': 'repo:tradesense/platform:environment:prod',
    });
  });

  test('the read-only role is assumable only by workflows on main, and cannot write', () => {
    expect(trustOf('github-actions-readonly').Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe('repo:tradesense/platform:ref:refs/heads/main');
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
    const roleStatement = policy.Statement.find((s: any) => s.Sid === 'PlatformRoles');
    expect(roleStatement.Resource).toContain('arn:aws:iam::410987654321:role/prod-*');
  });

  test('every environment has its own CI access stack', () => {
    for (const env of ['dev', 'staging']) {
      expect(resourcesOf(`${env}-global-ci-access`, 'aws_iam_role').map((r) => r.name).sort()).toEqual(['github-actions-deploy', 'github-actions-readonly']);
    }
  });
});
