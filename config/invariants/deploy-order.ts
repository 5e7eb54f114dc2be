import type { ConfigProblem } from '../errors.js';
import type { Invariant } from './invariant.js';

/**
 * `deployOrder` is the promotion path (the deploy plan is generated from it): every
 * environment exactly once, production-tier environments after every other one, so a
 * change reaches production only after it deployed everywhere else.
 */
export const DEPLOY_ORDER_INVARIANTS: Invariant[] = [
  {
    id: 'deploy-order-is-a-permutation',
    check: (c) => {
      const known = Object.keys(c.environments);
      const problems: ConfigProblem[] = c.deployOrder.flatMap((name, i): ConfigProblem[] => {
        if (!(name in c.environments))
          return [{ path: ['deployOrder', i], message: `unknown environment '${name}'; use one of ${known.join(', ')}` }];
        return c.deployOrder.indexOf(name) !== i
          ? [{ path: ['deployOrder', i], message: `'${name}' is listed twice; every environment deploys once, keep one entry` }]
          : [];
      });
      const missing = known.filter((name) => !c.deployOrder.includes(name)).sort();
      if (missing.length > 0) {
        problems.push({
          path: ['deployOrder'],
          message: `${missing.map((n) => `'${n}'`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} never deployed; add ${missing.length === 1 ? 'it' : 'them'} to deployOrder (production tier last)`,
        });
      }
      return problems;
    },
  },
  {
    id: 'deploy-order-production-last',
    check: (c) => {
      const isProduction = (name: string) => c.environments[name]?.tier === 'production';
      return c.deployOrder.flatMap((name, i) => {
        const later = c.deployOrder.slice(i + 1).filter((n) => n in c.environments && !isProduction(n));
        return isProduction(name) && later.length > 0
          ? [
              {
                path: ['deployOrder', i],
                message: `production environment '${name}' deploys before ${later.map((n) => `'${n}'`).join(', ')}; move it after every non-production environment`,
              },
            ]
          : [];
      });
    },
  },
];
