import { permissionsBoundary } from '../../config/derive/facts.js';
import { violation, type AwsContext, type AwsRule } from '../types.js';

/** The account of the stack's default provider (`allowed_account_ids`). */
function stackAccount(ctx: AwsContext): string | undefined {
  const ids = ctx.ofType('provider').find((p) => p.name === 'aws')?.body.allowed_account_ids;
  return Array.isArray(ids) && typeof ids[0] === 'string' ? ids[0] : undefined;
}

/**
 * Every role the stacks create carries the account's permissions boundary (by
 * ARN, or by reference to the boundary policy of the same stack): the deploy
 * role cannot create one without it, and nothing bounded can grant itself
 * more. The deploy role itself, which enforces the boundary, is exempt.
 */
export const iamRoleHasPermissionsBoundary: AwsRule = {
  id: 'iam-role-has-permissions-boundary',
  types: ['aws_iam_role'],
  check: (r, ctx) => {
    if (r.body.name === ctx.config.ownership.deployRoleName) return 'not-applicable';
    const account = stackAccount(ctx);
    const { name, arn: expected } = permissionsBoundary(ctx.config, account ?? '<account>');
    const attached = r.body.permissions_boundary;
    if (typeof attached !== 'string' || attached === '') return violation(`no permissions_boundary; attach ${expected}`);
    const policy = ctx.resolve(attached);
    if (policy)
      return policy.type === 'aws_iam_policy' && policy.body.name === name
        ? 'compliant'
        : violation(`permissions_boundary is ${policy.address}, not ${expected}`);
    const arn = /^arn:aws[a-z-]*:iam::(\d{12}):policy\/(.+)$/.exec(attached);
    const ok = arn?.[2] === name && (account === undefined || arn[1] === account);
    return ok ? 'compliant' : violation(`permissions_boundary is ${attached}, not ${expected}`);
  },
};
