import type { Invariant } from './invariant.js';
import { sortedEnvironments } from './sorted.js';

/** Teams, services and tag keys: every name defined once, every reference to one resolves. */
export const TEAM_INVARIANTS: Invariant[] = [
  {
    id: 'owner-team-known',
    check: (c) => {
      const teams = new Set(c.teams.map((t) => t.name));
      return [
        ...sortedEnvironments(c)
          .filter(([, env]) => !teams.has(env.owner.team))
          .map(([name, env]) => ({
            path: ['environments', name, 'owner', 'team'],
            message: `unknown team '${env.owner.team}'; use one of ${[...teams].join(', ')} or add it to teams`,
          })),
        ...c.services.flatMap((s, i) =>
          teams.has(s.team)
            ? []
            : [
                {
                  path: ['services', i, 'team'],
                  message: `unknown team '${s.team}' for service ${s.name}; use one of ${[...teams].join(', ')}`,
                },
              ],
        ),
      ];
    },
  },
  {
    id: 'names-unique',
    check: (c) => {
      const dupes = (names: string[]) => names.filter((n, i) => names.indexOf(n) !== i);
      return [
        ...dupes(c.teams.map((t) => t.name)).map((n) => ({ path: ['teams'], message: `team '${n}' is defined twice; keep one entry` })),
        ...dupes(c.services.map((s) => s.name)).map((n) => ({
          path: ['services'],
          message: `service '${n}' is defined twice; keep one entry`,
        })),
        ...dupes(c.tagTaxonomy.map((t) => t.key)).map((n) => ({
          path: ['tagTaxonomy'],
          message: `tag key '${n}' is defined twice; keep one entry`,
        })),
      ];
    },
  },
  {
    id: 'service-calls-known',
    check: (c) => {
      const names = new Set(c.services.map((s) => s.name));
      return c.services.flatMap((s, i) =>
        s.calls
          .filter((target) => !names.has(target))
          .map((target) => ({
            path: ['services', i, 'calls'],
            message: `${s.name} calls unknown service '${target}'; list only services defined in services`,
          })),
      );
    },
  },
];
