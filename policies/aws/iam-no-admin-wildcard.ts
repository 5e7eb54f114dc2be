import { blocks } from '../terraform.js';
import { verdictOf, type AwsContext, type AwsRule, type TfResource } from '../types.js';
import { statementsOf } from './policy-document.js';

const ADMIN_POLICY = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

function documents(r: TfResource): unknown[] {
  if (r.type === 'aws_iam_role') return blocks(r.body.inline_policy).map((p) => p.policy);
  return [r.body.policy];
}

function attachedArns(r: TfResource): string[] {
  const arns = r.type === 'aws_iam_role' ? r.body.managed_policy_arns : r.body.policy_arn;
  return (Array.isArray(arns) ? arns : [arns]).filter((a): a is string => typeof a === 'string');
}

function wildcardStatements(r: TfResource, ctx: AwsContext): string[] {
  return documents(r)
    .flatMap((doc) => statementsOf(doc, ctx) ?? [])
    .filter((s) => s.effect === 'Allow' && s.actions.some((a) => a === '*' || a === '*:*') && s.resources.includes('*'))
    .map(() => 'a statement allows action "*" on resource "*"');
}

/** No identity policy grants every action on every resource, inline or as AdministratorAccess. */
export const iamNoAdminWildcard: AwsRule = {
  id: 'iam-no-admin-wildcard',
  types: [
    'aws_iam_policy',
    'aws_iam_role_policy',
    'aws_iam_user_policy',
    'aws_iam_group_policy',
    'aws_iam_role',
    'aws_iam_role_policy_attachment',
    'aws_iam_user_policy_attachment',
    'aws_iam_group_policy_attachment',
    'aws_iam_policy_attachment',
  ],
  check: (r, ctx) => {
    const attached = r.type.endsWith('_attachment') || r.type === 'aws_iam_role' ? attachedArns(r).filter((a) => ADMIN_POLICY.test(a)) : [];
    return verdictOf([...wildcardStatements(r, ctx), ...attached.map((a) => `attaches ${a}`)]);
  },
};
