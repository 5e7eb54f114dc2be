import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { Construct } from 'constructs';
import type { PlatformConfig } from '../config/index.js';
import { stateBucketName } from '../config/state.js';
import { policyDocument, type PolicyStatement } from '../constructs/aws/iam-policy.js';
import { PlatformStack } from './platform-stack.js';

const GITHUB_OIDC = 'token.actions.githubusercontent.com';

/**
 * `<env>-global-ci-access`: how GitHub Actions reaches the account without a
 * static key. The deploy role is assumable only by a job bound to this
 * environment's GitHub environment (so prod deploys pass its required
 * reviewers); the read-only role only by workflows on main (drift plans, load
 * tests). Role names come from config.ownership, as the workflows' do.
 */
export class CiAccessStack extends PlatformStack {
  readonly deployRole: IamRole;
  readonly readOnlyRole: IamRole;

  constructor(scope: Construct, config: PlatformConfig, envName: string) {
    super(scope, { config, envName, region: 'global', kind: 'ci-access', tags: { Service: 'ci-cd' } });
    const { repository } = config.organization;
    const { deployRoleName, readOnlyRoleName } = config.ownership;
    const provider = new IamOpenidConnectProvider(this, 'github-oidc', { url: `https://${GITHUB_OIDC}`, clientIdList: ['sts.amazonaws.com'] });
    const trust = (subject: string) =>
      policyDocument([
        {
          Effect: 'Allow',
          Principal: { Federated: provider.arn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${GITHUB_OIDC}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC}:sub`]: subject } },
        },
      ]);

    this.deployRole = new IamRole(this, 'deploy-role', {
      name: deployRoleName,
      description: `cdktf deploy of ${envName} from the ${envName} GitHub environment of ${repository}`,
      assumeRolePolicy: trust(`repo:${repository}:environment:${envName}`),
      maxSessionDuration: 3600,
    });
    // Everything but IAM and Organizations, then IAM only on the platform's own names.
    new IamRolePolicyAttachment(this, 'deploy-power-user', { role: this.deployRole.name, policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' });
    new IamRolePolicy(this, 'deploy-iam', { role: this.deployRole.id, name: 'platform-iam', policy: policyDocument(deployIamStatements(config, envName, this.accountId)) });

    this.readOnlyRole = new IamRole(this, 'read-only-role', {
      name: readOnlyRoleName,
      description: `Drift plans and load tests of ${envName} from workflows on main of ${repository}`,
      assumeRolePolicy: trust(`repo:${repository}:ref:refs/heads/main`),
      maxSessionDuration: 3600,
    });
    new IamRolePolicyAttachment(this, 'read-only-access', { role: this.readOnlyRole.name, policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    new IamRolePolicy(this, 'read-only-state', {
      role: this.readOnlyRole.id,
      name: 'read-terraform-state',
      policy: policyDocument([
        {
          Sid: 'DecryptStateThroughS3',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: `arn:aws:kms:${config.organization.homeRegion}:${this.accountId}:key/*`,
          Condition: { StringEquals: { 'kms:ViaService': `s3.${config.organization.homeRegion}.amazonaws.com` } },
        },
      ]),
    });
  }
}

/** IAM rights of the deploy role: the roles, policies and profiles the stacks create, named by their prefixes. */
function deployIamStatements(config: PlatformConfig, envName: string, accountId: string): PolicyStatement[] {
  const iam = (kind: string, prefix: string) => `arn:aws:iam::${accountId}:${kind}/${prefix}*`;
  const prefixes = [`${envName}-`, `${config.organization.name}-`];
  return [
    {
      Sid: 'PlatformRoles',
      Effect: 'Allow',
      Action: ['iam:*Role*', 'iam:*RolePolicy*', 'iam:*InstanceProfile*', 'iam:TagPolicy', 'iam:CreatePolicy*', 'iam:DeletePolicy*', 'iam:GetPolicy*', 'iam:ListPolicyVersions'],
      Resource: prefixes.flatMap((p) => [iam('role', p), iam('policy', p), iam('instance-profile', p)]).concat(iam('instance-profile', '')),
    },
    { Sid: 'CiRolesThemselves', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:Tag*', 'iam:Update*'], Resource: [iam('role', config.ownership.deployRoleName), iam('role', config.ownership.readOnlyRoleName)] },
    { Sid: 'GithubOidcProvider', Effect: 'Allow', Action: ['iam:*OpenIDConnectProvider*'], Resource: `arn:aws:iam::${accountId}:oidc-provider/${GITHUB_OIDC}` },
    { Sid: 'ServiceLinkedRoles', Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: `arn:aws:iam::${accountId}:role/aws-service-role/*` },
    { Sid: 'ReadIam', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
    { Sid: 'StateBucket', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${stateBucketName(config, envName)}`, `arn:aws:s3:::${stateBucketName(config, envName)}/*`] },
  ];
}
