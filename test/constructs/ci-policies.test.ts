import { describe, expect, test } from 'vitest';
import { CI_TUNNEL_TAG, platformNamePrefixes } from '../../config/derive/facts.js';
import { stateBucketName } from '../../config/derive/state.js';
import {
  BOUNDED_ROLE_ACTIONS,
  boundaryStatements,
  deployIamStatements,
  tunnelSessionStatements,
  type AccountScope,
  type CiPolicyScope,
} from '../../constructs/aws/ci-policies.js';
import type { PolicyStatement } from '../../constructs/aws/iam-policy.js';
import { platformConfig } from '../support/platform.js';
import { ACCOUNT } from './construct-stack.js';

const config = platformConfig();
const envName = Object.keys(config.environments)[0] ?? '';
const account: AccountScope = { accountId: ACCOUNT, namePrefixes: platformNamePrefixes(config, envName) };
const scope: CiPolicyScope = {
  accountId: ACCOUNT,
  namePrefixes: platformNamePrefixes(config, envName),
  roleNames: { deploy: config.ownership.deployRoleName, readOnly: config.ownership.readOnlyRoleName },
  stateBucket: stateBucketName(config, envName),
  boundaryArn: `arn:aws:iam::${ACCOUNT}:policy/deploy-boundary`,
  tunnels: [
    { clusterName: `${envName}-use1`, documentArn: `arn:aws:ssm:us-east-1:${ACCOUNT}:document/${envName}-use1-tunnel` },
    { clusterName: `${envName}-usw2`, documentArn: `arn:aws:ssm:us-west-2:${ACCOUNT}:document/${envName}-usw2-tunnel` },
  ],
};
const { deployRoleName, readOnlyRoleName } = config.ownership;
const ciRoles = [deployRoleName, readOnlyRoleName].map((n) => `arn:aws:iam::${ACCOUNT}:role/${n}`);
const platformRoles = [`arn:aws:iam::${ACCOUNT}:role/${envName}-*`, `arn:aws:iam::${ACCOUNT}:role/${config.organization.name}-*`];

const bySid = (statements: PolicyStatement[]) => Object.fromEntries(statements.map((s) => [s.Sid, s]));
const actions = (s: PolicyStatement) => [s.Action ?? []].flat();
const allowed = (statements: PolicyStatement[]) => statements.filter((s) => s.Effect === 'Allow').flatMap(actions);

describe('CI policies', () => {
  describe('permissions boundary', () => {
    const boundary = boundaryStatements(account);

    test('everything but identity administration', () => {
      expect(bySid(boundary).ServicesButIdentityAdministration).toEqual({
        Sid: 'ServicesButIdentityAdministration',
        Effect: 'Allow',
        NotAction: ['iam:*', 'organizations:*', 'account:*'],
        Resource: '*',
      });
    });

    test('a bounded role can neither create nor change a role or a policy', () => {
      const granted = allowed(boundary);
      for (const action of [...BOUNDED_ROLE_ACTIONS, 'iam:CreatePolicy', 'iam:CreatePolicyVersion', 'iam:UpdateAssumeRolePolicy', 'iam:*'])
        expect(granted, action).not.toContain(action);
      expect(granted.filter((a) => a.startsWith('iam:') && !/^iam:(Get|List)/.test(a)).sort()).toEqual(
        [
          'iam:AddRoleToInstanceProfile',
          'iam:CreateInstanceProfile',
          'iam:CreateServiceLinkedRole',
          'iam:DeleteInstanceProfile',
          'iam:GenerateCredentialReport',
          'iam:PassRole',
          'iam:RemoveRoleFromInstanceProfile',
          'iam:TagInstanceProfile',
        ].sort(),
      );
    });

    test('it passes only platform roles (which carry the boundary too) and creates only service-linked roles', () => {
      const s = bySid(boundary);
      expect(s.PassBoundedPlatformRoles?.Resource).toEqual(platformRoles);
      expect(s.ServiceLinkedRoles?.Resource).toBe(`arn:aws:iam::${ACCOUNT}:role/aws-service-role/*`);
    });
  });

  describe('deploy role IAM rights', () => {
    const deploy = deployIamStatements(scope);
    const s = bySid(deploy);

    test('creates and changes platform roles only with the boundary attached', () => {
      expect(s.CreateAndChangeRolesOnlyWithTheBoundary).toEqual({
        Sid: 'CreateAndChangeRolesOnlyWithTheBoundary',
        Effect: 'Allow',
        Action: BOUNDED_ROLE_ACTIONS,
        Resource: platformRoles,
        Condition: { StringEquals: { 'iam:PermissionsBoundary': scope.boundaryArn } },
      });
      const unconditioned = deploy.filter((x) => x.Effect === 'Allow' && !x.Condition).flatMap(actions);
      for (const action of BOUNDED_ROLE_ACTIONS) expect(unconditioned, action).not.toContain(action);
    });

    test('cannot remove boundaries, change the boundary policy, or change the CI roles', () => {
      expect(s.DenyRemovingBoundaries).toMatchObject({
        Effect: 'Deny',
        Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
        Resource: '*',
      });
      expect(s.DenyChangingTheBoundary).toMatchObject({ Effect: 'Deny', Resource: scope.boundaryArn });
      expect(actions(s.DenyChangingTheBoundary as PolicyStatement)).toEqual(
        expect.arrayContaining(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy']),
      );
      expect(s.DenyChangingTheCiRoles).toMatchObject({ Effect: 'Deny', Resource: ciRoles });
      expect(actions(s.DenyChangingTheCiRoles as PolicyStatement)).toEqual(
        expect.arrayContaining([...BOUNDED_ROLE_ACTIONS, 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRole']),
      );
    });

    test("reads and writes the environment's state bucket only", () => {
      const bucket = stateBucketName(config, envName);
      expect(s.StateBucket?.Resource).toEqual([`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`]);
    });

    test('SSM sessions: only to the tagged tunnels, only with their documents', () => {
      expect(s.DenySessionsToOtherInstances).toMatchObject({
        Effect: 'Deny',
        Action: 'ssm:StartSession',
        Condition: { StringNotEquals: { [`ssm:resourceTag/${CI_TUNNEL_TAG}`]: scope.tunnels.map((t) => t.clusterName) } },
      });
      expect(s.DenyOtherSessionDocuments).toMatchObject({
        Effect: 'Deny',
        NotResource: [`arn:aws:ec2:*:${ACCOUNT}:instance/*`, ...scope.tunnels.map((t) => t.documentArn)],
      });
    });
  });

  describe('tunnel sessions of the read-only role', () => {
    const s = bySid(tunnelSessionStatements(scope));

    test('starts sessions only on tunnel instances, with the document check on, and only with tunnel documents', () => {
      expect(s.TunnelInstances?.Condition).toEqual({
        StringEquals: { [`ssm:resourceTag/${CI_TUNNEL_TAG}`]: scope.tunnels.map((t) => t.clusterName) },
        Bool: { 'ssm:SessionDocumentAccessCheck': 'true' },
      });
      expect(s.TunnelDocuments?.Resource).toEqual(scope.tunnels.map((t) => t.documentArn));
    });

    test('terminates and resumes its own sessions only, aws:userid escaped so Terraform leaves it to IAM', () => {
      expect(s.OwnSessions).toMatchObject({
        Action: ['ssm:TerminateSession', 'ssm:ResumeSession'],
        Resource: `arn:aws:ssm:*:${ACCOUNT}:session/$\${aws:userid}-*`,
      });
    });
  });
});
