import type { Invariant } from './invariant.js';

/**
 * Every environment lives in its own AWS account: stacks of two environments in one
 * account would declare the same account-wide resources (the GitHub OIDC provider, the
 * deploy and read-only roles, the state bucket's account), and the second apply fails
 * or takes them over.
 */
export const ACCOUNT_INVARIANTS: Invariant[] = [
  {
    id: 'environment-accounts-distinct',
    check: (c) => {
      const names = Object.keys(c.environments).sort();
      return names.flatMap((name, i) => {
        const account = c.environments[name]?.accountId;
        const first = names.slice(0, i).find((other) => c.environments[other]?.accountId === account);
        return first === undefined
          ? []
          : [
              {
                path: ['environments', name, 'accountId'],
                message: `account ${account ?? ''} is also the account of '${first}': two environments in one account would both declare its OIDC provider and deploy roles; give '${name}' its own account`,
              },
            ];
      });
    },
  },
];
