import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { Construct } from 'constructs';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import { deployIamStatements, tunnelSessionStatements, type CiPolicyScope, type CiTunnel } from '../constructs/aws/ci-policies.js';
import { policyDocument } from '../constructs/aws/iam-policy.js';
import { PlatformStack } from './platform-stack.js';

const GITHUB_OIDC = 'token.actions.githubusercontent.com';

/**
 * Longest session of the deploy role, in seconds: the deploy job asks for
 * exactly this (role-duration-seconds) and its timeout is shorter, so its
 * credentials outlive the job (a test binds the workflow to this value).
 */
export const DEPLOY_SESSION_SECONDS = 3 * 3600;
/** Longest session of the read-only role: longer than the drift and load-test jobs' timeouts. */
export const READ_ONLY_SESSION_SECONDS = 3600;

export interface CiAccessStackProps {
  readonly environment: StackEnvironment;
  /** `owner/name` of the GitHub repository whose workflows assume the roles (config.organization.repository). */
  readonly repository: string;
  /** The deploy and read-only roles' names (config.ownership), as the workflows name them. */
  readonly roleNames: CiPolicyScope['roleNames'];
  /** Name prefixes of the platform's roles, policies and instance profiles (config/derive/facts.ts `platformNamePrefixes`). */
  readonly namePrefixes: readonly string[];
  /** Every cluster of the environment, in every region, with its tunnel's Session document. */
  readonly tunnels: readonly CiTunnel[];
}

/**
 * `<env>-global-ci-access`: how GitHub Actions reaches the account without a
 * static key. The deploy role is assumable only by a job bound to this
 * environment's GitHub environment (so prod deploys pass its required
 * reviewers); the read-only role only by workflows on main (drift plans, load
 * tests). Role names come from config.ownership, as the workflows' do.
 *
 * The deploy role has PowerUserAccess and may create and change the platform's
 * roles only with the permissions boundary attached (created by the state
 * stack, the first of the account), which it cannot alter or remove: no role
 * it creates can exceed the boundary, and the boundary grants no IAM write
 * beyond instance profiles. It cannot change its own or the read-only role's
 * permissions or trust either, so changes to this stack's roles and to the
 * boundary are applied by an administrator (as at bootstrap).
 */
export class CiAccessStack extends PlatformStack {
  readonly deployRole: IamRole;
  readonly readOnlyRole: IamRole;

  constructor(scope: Construct, id: string, props: CiAccessStackProps) {
    super(scope, { environment: props.environment, region: 'global', kind: 'ci-access', tags: { Service: 'ci-cd' } }, id);
    const { repository, environment } = props;
    const envName = this.envName;
    const { deploy: deployRoleName, readOnly: readOnlyRoleName } = props.roleNames;
    const provider = new IamOpenidConnectProvider(this, 'github-oidc', {
      url: `https://${GITHUB_OIDC}`,
      clientIdList: ['sts.amazonaws.com'],
    });
    const trust = (subject: string) =>
      policyDocument([
        {
          Effect: 'Allow',
          Principal: { Federated: provider.arn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${GITHUB_OIDC}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC}:sub`]: subject } },
        },
      ]);
    const boundaryArn = environment.permissionsBoundaryArn;
    const policyScope: CiPolicyScope = {
      accountId: this.accountId,
      namePrefixes: props.namePrefixes,
      roleNames: props.roleNames,
      boundaryArn,
      stateBucket: environment.stateBucket,
      tunnels: props.tunnels,
    };

    this.deployRole = new IamRole(this, 'deploy-role', {
      name: deployRoleName,
      description: `cdktf deploy of ${envName} from the ${envName} GitHub environment of ${repository}`,
      assumeRolePolicy: trust(`repo:${repository}:environment:${envName}`),
      maxSessionDuration: DEPLOY_SESSION_SECONDS,
    });
    // Everything but IAM and Organizations, then IAM only on the platform's own names and only with the boundary.
    new IamRolePolicyAttachment(this, 'deploy-power-user', {
      role: this.deployRole.name,
      policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
    });
    new IamRolePolicy(this, 'deploy-iam', {
      role: this.deployRole.id,
      name: 'platform-iam',
      policy: policyDocument(deployIamStatements(policyScope)),
    });

    this.readOnlyRole = new IamRole(this, 'read-only-role', {
      name: readOnlyRoleName,
      description: `Drift plans and load tests of ${envName} from workflows on main of ${repository}`,
      assumeRolePolicy: trust(`repo:${repository}:ref:refs/heads/main`),
      maxSessionDuration: READ_ONLY_SESSION_SECONDS,
      // The boundary comes from the state stack, applied before this one (stacks/app.ts adds the dependency).
      permissionsBoundary: boundaryArn,
    });
    new IamRolePolicyAttachment(this, 'read-only-access', {
      role: this.readOnlyRole.name,
      policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
    new IamRolePolicy(this, 'read-only-state', {
      role: this.readOnlyRole.id,
      name: 'read-terraform-state',
      policy: policyDocument([
        {
          Sid: 'DecryptStateThroughS3',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: `arn:aws:kms:${environment.homeRegion}:${this.accountId}:key/*`,
          Condition: { StringEquals: { 'kms:ViaService': `s3.${environment.homeRegion}.amazonaws.com` } },
        },
      ]),
    });
    // Load tests reach the staging-tier cluster through its SSM tunnel (stacks/ci-tunnel.ts).
    new IamRolePolicy(this, 'read-only-tunnel', {
      role: this.readOnlyRole.id,
      name: 'cluster-tunnel',
      policy: policyDocument(tunnelSessionStatements(policyScope)),
    });
  }
}
