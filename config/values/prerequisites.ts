import { originVerifySecretName } from '../derive/endpoints.js';
import { environmentRegions } from '../derive/regions.js';
import type { PlatformConfigInput } from '../schema/platform.js';
import { data } from './data.js';
import { environments } from './environments.js';
import { organization } from './organization.js';
import { ownership } from './ownership.js';
import { security } from './security.js';
import { teams } from './teams.js';

type Prerequisite = PlatformConfigInput['prerequisites'][string][number];

/** The config sections the prerequisites derive from: a config-only change (a new environment, region or team) updates them. */
export type PrerequisiteSources = Pick<PlatformConfigInput, 'environments' | 'organization' | 'ownership' | 'teams' | 'security' | 'data'>;

type EnvironmentInput = PlatformConfigInput['environments'][string];

/**
 * A role for people, trusted by the account itself with MFA: who may assume it
 * is then decided by IAM in the account (or replace the principal by the
 * workforce identity provider's SAML provider).
 */
const humanRole = (accountId: string, name: string, purpose: string): string =>
  `aws iam create-role --role-name ${name} --max-session-duration 3600 --description '${purpose}' ` +
  `--assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${accountId}:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}'`;

/**
 * What every environment account needs before its first deploy.
 *
 * - The Auto Scaling service-linked role is declared, not created: it is one
 *   per account, AWS creates it on the first Auto Scaling group and most
 *   accounts already have it, so an `aws_iam_service_linked_role` would fail
 *   with "has been taken" there (and destroying its stack would try to delete
 *   a role every Auto Scaling group of the account uses).
 * - The people roles of the EKS access entries are declared, not created: they
 *   are the way in when Terraform or CI is broken, their trust belongs to the
 *   workforce identity provider this repository does not model, and the CI
 *   deploy role may only create `<env>-*` and `tradesense-*` roles (it must not
 *   be able to mint a cluster administrator).
 */
function everyAccount(env: EnvironmentInput): Prerequisite[] {
  const { accountId } = env;
  // The people roles of the access entries in this account (the CI roles' entries come with their stack).
  const people = (env.eks.accessEntries ?? []).filter((e) => e.principalArn.startsWith(`arn:aws:iam::${accountId}:role/`));
  return [
    {
      kind: 'service-linked-role',
      match: `arn:aws:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
      why:
        'The EBS volume key of every cluster (stacks/cluster.ts) lets this role use it to launch node-group instances with encrypted volumes; ' +
        'KMS rejects a key policy naming a principal that does not exist (MalformedPolicyDocument), so the cluster stack fails without it.',
      create:
        'aws iam create-service-linked-role --aws-service-name autoscaling.amazonaws.com   # "has been taken" means it already exists',
    },
    ...people.map((entry): Prerequisite => {
      const name = entry.principalArn.split('/').pop() ?? entry.principalArn;
      return {
        kind: 'iam-role',
        match: entry.principalArn,
        why:
          `EKS access entry with ${entry.policy} on every cluster (environments.<env>.eks.accessEntries): EKS rejects an access entry ` +
          `for a role that does not exist${entry.policy === 'AmazonEKSClusterAdminPolicy' ? ', and without it no person can administer the clusters' : ''}.`,
        create: humanRole(accountId, name, `People with ${entry.policy} on the clusters (EKS access entry)`),
      };
    }),
  ];
}

/** The protected edge and DNS failover of production look up what DNS and TLS already hold. */
const publicDns = (organization: PrerequisiteSources['organization']): Prerequisite[] => [
  {
    kind: 'route53-zone',
    match: organization.domain,
    why: 'The public hosted zone of organization.domain: the edge stack writes the api alias and its certificate validation records, each regional ingress stack its api-<region> alias and validation records, the DNS failover stack its failover records.',
    create: `aws route53 create-hosted-zone --name ${organization.domain} --caller-reference ${organization.domain.replaceAll('.', '-')}   # then give the registrar the zone's four NS records`,
  },
];

/** Every team of config.teams: the governance stack grants it repository access, and names reviewers in the environments. */
function githubTeams({ ownership, teams }: PrerequisiteSources): Prerequisite[] {
  // Teams named as deployment reviewers of some environment (ownership.environments).
  const reviewerTeams = new Set(Object.values(ownership.environments).flatMap((gate) => gate.reviewers ?? []));
  return teams.map((team) => {
    const [org = '', slug = ''] = team.githubTeam.slice(1).split('/');
    return {
      kind: 'github-team',
      match: slug,
      why: `The GitHub governance stack gives ${team.githubTeam} access to the repository (CODEOWNERS only counts teams with write access)${reviewerTeams.has(team.name) ? ' and names it as a deployment reviewer' : ''}.`,
      create: `gh api orgs/${org}/teams -f name=${slug} -f privacy=closed   # or GitHub > Organization > Teams > New team`,
    };
  });
}

/**
 * The shared secret CloudFront sends to the regional load balancers (X-Origin-Verify):
 * a random value nobody may read from config or state history, in every region of the
 * environment (the edge and each ingress stack read it in their own region).
 */
function originVerify(envName: string, env: EnvironmentInput): Prerequisite[] {
  const regions = environmentRegions(env);
  const [home, ...replicas] = regions;
  return regions.map((region) => ({
    kind: 'secret-value-filled-out-of-band',
    match: `arn:aws:secretsmanager:${region}:${env.accountId}:secret:${originVerifySecretName(envName)}`,
    region,
    why: `CloudFront adds it as X-Origin-Verify on every origin request and the ${region} load balancer forwards only requests that carry it (stacks/edge.ts, stacks/ingress.ts): without it neither stack applies.`,
    create:
      region === home
        ? `aws secretsmanager create-secret --region ${region} --name ${originVerifySecretName(envName)} --secret-string "$(openssl rand -hex 32)"` +
          (replicas.length > 0 ? ` --add-replica-regions ${replicas.map((r) => `Region=${r}`).join(' ')}` : '')
        : `replicated from ${home} by the create-secret command of that entry (--add-replica-regions)`,
  }));
}

/**
 * Account prerequisites per environment (config/schema/prerequisites.ts); the report lists them with who needs them.
 * Every account needs the roles; an environment behind the protected edge or with DNS failover also the public
 * zone, one behind the edge the origin secret; the governance environment (which holds the GitHub stack) also
 * the GitHub teams.
 */
export function prerequisitesOf(sources: PrerequisiteSources): PlatformConfigInput['prerequisites'] {
  const { environments, organization, ownership, security, data } = sources;
  return Object.fromEntries(
    Object.entries(environments).map(([envName, env]) => [
      envName,
      [
        ...everyAccount(env),
        ...(security.edge?.[envName] || data[envName]?.dnsFailover ? publicDns(organization) : []),
        ...(security.edge?.[envName] ? originVerify(envName, env) : []),
        ...(envName === ownership.governanceEnvironment ? githubTeams(sources) : []),
      ],
    ]),
  );
}

export const prerequisites: PlatformConfigInput['prerequisites'] = prerequisitesOf({
  environments,
  organization,
  ownership,
  teams,
  security,
  data,
});
