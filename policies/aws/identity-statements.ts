import { permissionsBoundary } from '../../config/derive/facts.js';
import { blocks } from '../terraform.js';
import type { AwsContext, TfResource } from '../types.js';
import { statementsOf, type Statement } from './policy-document.js';

/** Resources holding identity policies: inline (role, user, group, `inline_policy` blocks) or customer-managed. */
export const IDENTITY_POLICY_TYPES = [
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role',
] as const;

/** Whether the resource is the account's permissions boundary policy: a ceiling that grants nothing by itself. */
export const isPermissionsBoundary = (r: TfResource, ctx: AwsContext): boolean =>
  r.type === 'aws_iam_policy' && r.body.name === permissionsBoundary(ctx.config, '').name;

/** The statements of a policy document resource, as written (boundaries included). */
export function documentStatements(r: TfResource, ctx: AwsContext): Statement[] {
  const documents = r.type === 'aws_iam_role' ? blocks(r.body.inline_policy).map((p) => p.policy) : [r.body.policy];
  return documents.flatMap((doc) => statementsOf(doc, ctx) ?? []);
}

/**
 * The statements that grant something: a resource's identity policies. A
 * role's trust policy is not one of them, nor is the permissions boundary.
 */
export function identityStatements(r: TfResource, ctx: AwsContext): Statement[] {
  if (isPermissionsBoundary(r, ctx)) return [];
  return documentStatements(r, ctx);
}

const globToRegex = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );

/** Whether an IAM pattern (`ec2:*Tags`, `*`) covers a name; IAM action names are case-insensitive. */
export const matches = (pattern: string, name: string): boolean => globToRegex(pattern).test(name);

/** Whether an Allow statement grants `action`, through `Action` or `NotAction`. */
export function grants(s: Statement, action: string): boolean {
  if (s.effect !== 'Allow') return false;
  if (s.notActions.length > 0) return !s.notActions.some((p) => matches(p, action));
  return s.actions.some((p) => matches(p, action));
}

/** Every condition key of a statement, lower-cased (IAM keys are case-insensitive), with its operator. */
export function conditionEntries(s: Statement): { readonly operator: string; readonly key: string; readonly values: string[] }[] {
  return Object.entries(s.condition).flatMap(([operator, keys]) =>
    Object.entries(keys).map(([key, values]) => ({ operator, key: key.toLowerCase(), values })),
  );
}

/** Whether the statement's resources are all named (no wildcard): then it cannot reach foreign resources. */
export const namedResourcesOnly = (s: Statement): boolean => s.resources.length > 0 && s.resources.every((r) => !r.includes('*'));

/** The keys of ownership-tag conditions (`aws:ResourceTag/<key>`, `ec2:ResourceTag/<key>`) of a statement. */
export function ownershipTagKeys(s: Statement): string[] {
  return conditionEntries(s).flatMap(({ key }) => {
    const match = /^(aws|ec2):resourcetag\/(.+)$/.exec(key);
    return match?.[2] ? [match[2]] : [];
  });
}
