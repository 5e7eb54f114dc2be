import { CI_TUNNEL_TAG } from '../../config/derive/facts.js';
import type { PolicyStatement } from './iam-policy.js';

const GITHUB_OIDC = 'token.actions.githubusercontent.com';
/** The IAM policy variable `aws:userid`, escaped (`$$`) so that Terraform leaves it to IAM instead of interpolating it. */
const AWS_USERID = '$$' + '{aws:userid}';

/** One environment's account: what the boundary is written from. */
export interface AccountScope {
  readonly accountId: string;
  /** Name prefixes of the platform's roles (config/derive/facts.ts `platformNamePrefixes`). */
  readonly namePrefixes: readonly string[];
}

/** One cluster CI reaches through its SSM tunnel (stacks/ci-tunnel.ts). */
export interface CiTunnel {
  /** The cluster's name: the value of the tunnel host's CI tag. */
  readonly clusterName: string;
  /** The tunnel's Session document, pinned to the cluster endpoint. */
  readonly documentArn: string;
}

/** What the CI roles' policies are written from, resolved from config by stacks/app.ts. */
export interface CiPolicyScope {
  readonly accountId: string;
  /** Name prefixes of the platform's roles, policies and instance profiles (config/derive/facts.ts `platformNamePrefixes`). */
  readonly namePrefixes: readonly string[];
  /** The deploy and read-only roles (config.ownership), which nothing they run may change. */
  readonly roleNames: { readonly deploy: string; readonly readOnly: string };
  /** ARN of the permissions boundary (config/derive/facts.ts permissionsBoundary). */
  readonly boundaryArn: string;
  /** The environment's Terraform state bucket. */
  readonly stateBucket: string;
  /** Every cluster of the environment, in every region, with its tunnel's Session document. */
  readonly tunnels: readonly CiTunnel[];
}

const iamArns = (accountId: string, prefixes: readonly string[], kind: string) =>
  prefixes.map((p) => `arn:aws:iam::${accountId}:${kind}/${p}*`);

/** Role actions that change what a role may do: allowed only on a role that carries the boundary. */
export const BOUNDED_ROLE_ACTIONS = [
  'iam:CreateRole',
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:PutRolePermissionsBoundary',
];

/**
 * The permissions boundary: everything but identity administration, plus the
 * few IAM actions workloads need (reads, service-linked roles, Karpenter's
 * instance profiles, passing a platform role, which carries this boundary
 * too). A bounded role can neither create nor change a role or policy.
 */
export function boundaryStatements(s: AccountScope): PolicyStatement[] {
  return [
    { Sid: 'ServicesButIdentityAdministration', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    // AWS Config and Security Hub describe the organization and account; nothing here writes.
    {
      Sid: 'ReadIdentityAndOrganization',
      Effect: 'Allow',
      Action: [
        'iam:Get*',
        'iam:List*',
        'iam:GenerateCredentialReport',
        'organizations:Describe*',
        'organizations:List*',
        'account:Get*',
        'account:List*',
      ],
      Resource: '*',
    },
    {
      Sid: 'ServiceLinkedRoles',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: `arn:aws:iam::${s.accountId}:role/aws-service-role/*`,
    },
    {
      Sid: 'NodeInstanceProfiles',
      Effect: 'Allow',
      Action: [
        'iam:CreateInstanceProfile',
        'iam:DeleteInstanceProfile',
        'iam:AddRoleToInstanceProfile',
        'iam:RemoveRoleFromInstanceProfile',
        'iam:TagInstanceProfile',
      ],
      Resource: `arn:aws:iam::${s.accountId}:instance-profile/*`,
    },
    { Sid: 'PassBoundedPlatformRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: iamArns(s.accountId, s.namePrefixes, 'role') },
  ];
}

/** The deploy role's IAM rights beside PowerUserAccess, and the denies that keep the boundary in place. */
export function deployIamStatements(s: CiPolicyScope): PolicyStatement[] {
  const ciRoles = [s.roleNames.deploy, s.roleNames.readOnly].map((name) => `arn:aws:iam::${s.accountId}:role/${name}`);
  const state = s.stateBucket;
  const platform = (kind: string) => iamArns(s.accountId, s.namePrefixes, kind);
  return [
    {
      Sid: 'CreateAndChangeRolesOnlyWithTheBoundary',
      Effect: 'Allow',
      Action: BOUNDED_ROLE_ACTIONS,
      Resource: platform('role'),
      Condition: { StringEquals: { 'iam:PermissionsBoundary': s.boundaryArn } },
    },
    {
      Sid: 'ManagePlatformRoles',
      Effect: 'Allow',
      Action: [
        'iam:GetRole',
        'iam:GetRolePolicy',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
        'iam:ListInstanceProfilesForRole',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:UpdateRole',
        'iam:UpdateRoleDescription',
        'iam:UpdateAssumeRolePolicy',
        'iam:DeleteRole',
        'iam:PassRole',
      ],
      Resource: platform('role'),
    },
    { Sid: 'PlatformInstanceProfiles', Effect: 'Allow', Action: 'iam:*InstanceProfile*', Resource: platform('instance-profile') },
    {
      Sid: 'PlatformPolicies',
      Effect: 'Allow',
      Action: [
        'iam:CreatePolicy',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:SetDefaultPolicyVersion',
        'iam:TagPolicy',
        'iam:UntagPolicy',
        'iam:GetPolicy',
        'iam:GetPolicyVersion',
        'iam:ListPolicyVersions',
      ],
      Resource: platform('policy'),
    },
    {
      Sid: 'CiRolesMetadata',
      Effect: 'Allow',
      Action: ['iam:TagRole', 'iam:UntagRole', 'iam:UpdateRole', 'iam:UpdateRoleDescription'],
      Resource: ciRoles,
    },
    {
      Sid: 'GithubOidcProvider',
      Effect: 'Allow',
      Action: 'iam:*OpenIDConnectProvider*',
      Resource: `arn:aws:iam::${s.accountId}:oidc-provider/${GITHUB_OIDC}`,
    },
    {
      Sid: 'ServiceLinkedRoles',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: `arn:aws:iam::${s.accountId}:role/aws-service-role/*`,
    },
    { Sid: 'ReadIam', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
    {
      Sid: 'StateBucket',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'],
      Resource: [`arn:aws:s3:::${state}`, `arn:aws:s3:::${state}/*`],
    },
    {
      Sid: 'DenyRemovingBoundaries',
      Effect: 'Deny',
      Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
      Resource: '*',
    },
    {
      Sid: 'DenyChangingTheBoundary',
      Effect: 'Deny',
      Action: [
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:SetDefaultPolicyVersion',
        'iam:TagPolicy',
        'iam:UntagPolicy',
      ],
      Resource: s.boundaryArn,
    },
    {
      Sid: 'DenyChangingTheCiRoles',
      Effect: 'Deny',
      Action: [...BOUNDED_ROLE_ACTIONS, 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRole'],
      Resource: ciRoles,
    },
    // PowerUserAccess allows every SSM session: only port forwarding through the CI tunnels remains.
    {
      Sid: 'DenySessionsToOtherInstances',
      Effect: 'Deny',
      Action: 'ssm:StartSession',
      Resource: `arn:aws:ec2:*:${s.accountId}:instance/*`,
      Condition: { StringNotEquals: { [`ssm:resourceTag/${CI_TUNNEL_TAG}`]: s.tunnels.map((t) => t.clusterName) } },
    },
    {
      Sid: 'DenyOtherSessionDocuments',
      Effect: 'Deny',
      Action: 'ssm:StartSession',
      NotResource: [`arn:aws:ec2:*:${s.accountId}:instance/*`, ...s.tunnels.map((t) => t.documentArn)],
    },
  ];
}

/**
 * Port forwarding through a CI tunnel for a role without SSM rights (the
 * read-only role): only to instances tagged as this environment's tunnels,
 * only with their Session documents (pinned to the cluster endpoint), and the
 * document check makes the default shell document unusable.
 */
export function tunnelSessionStatements(s: CiPolicyScope): PolicyStatement[] {
  return [
    {
      Sid: 'TunnelInstances',
      Effect: 'Allow',
      Action: 'ssm:StartSession',
      Resource: `arn:aws:ec2:*:${s.accountId}:instance/*`,
      Condition: {
        StringEquals: { [`ssm:resourceTag/${CI_TUNNEL_TAG}`]: s.tunnels.map((t) => t.clusterName) },
        Bool: { 'ssm:SessionDocumentAccessCheck': 'true' },
      },
    },
    { Sid: 'TunnelDocuments', Effect: 'Allow', Action: 'ssm:StartSession', Resource: s.tunnels.map((t) => t.documentArn) },
    {
      Sid: 'OwnSessions',
      Effect: 'Allow',
      Action: ['ssm:TerminateSession', 'ssm:ResumeSession'],
      Resource: `arn:aws:ssm:*:${s.accountId}:session/${AWS_USERID}-*`,
    },
  ];
}
