import type { Invariant } from './invariant.js';

/** Cross-field checks: every team, environment and pattern the map names must exist once. */
export const OWNERSHIP_INVARIANTS: Invariant[] = [
  {
    id: 'ownership-teams-known',
    check: (c) => {
      const teams = new Set(c.teams.map((t) => t.name));
      const unknown = (path: (string | number)[], names: string[]) =>
        names
          .filter((n) => !teams.has(n))
          .map((n) => ({
            path: path.map(String),
            message: `unknown team '${n}'; use one of ${[...teams].join(', ')} or add it to teams`,
          }));
      return [
        ...unknown(['ownership', 'defaultTeams'], c.ownership.defaultTeams),
        ...c.ownership.rules.flatMap((r, i) => unknown(['ownership', 'rules', i, 'teams'], r.teams)),
        ...Object.entries(c.ownership.environments).flatMap(([env, gate]) =>
          unknown(['ownership', 'environments', env, 'reviewers'], gate.reviewers),
        ),
      ];
    },
  },
  {
    id: 'ownership-environments-known',
    check: (c) => {
      const known = Object.keys(c.environments);
      const named = [
        ...Object.keys(c.ownership.environments).map((env) => ({ env, path: ['ownership', 'environments', env] })),
        { env: c.ownership.governanceEnvironment, path: ['ownership', 'governanceEnvironment'] },
      ];
      return named
        .filter((n) => !(n.env in c.environments))
        .map((n) => ({ path: n.path, message: `unknown environment '${n.env}'; use one of ${known.join(', ')}` }));
    },
  },
  {
    id: 'ownership-production-gated',
    check: (c) =>
      Object.entries(c.environments)
        .filter(([name, env]) => env.tier === 'production' && (c.ownership.environments[name]?.reviewers.length ?? 0) === 0)
        .map(([name]) => ({
          path: ['ownership', 'environments', name, 'reviewers'],
          message: `production environment '${name}' deploys without approval; name at least one reviewer team`,
        })),
  },
  {
    id: 'ownership-patterns-unique',
    check: (c) => {
      const patterns = c.ownership.rules.map((r) => r.pattern);
      return patterns.flatMap((p, i) =>
        patterns.indexOf(p) !== i
          ? [
              {
                path: ['ownership', 'rules', i, 'pattern'],
                message: `pattern '${p}' is listed twice; merge the two rules (the later one would silently win)`,
              },
            ]
          : [],
      );
    },
  },
  {
    id: 'ownership-checks-unique',
    check: (c) =>
      c.ownership.requiredChecks.flatMap((check, i) =>
        c.ownership.requiredChecks.indexOf(check) !== i
          ? [{ path: ['ownership', 'requiredChecks', i], message: `required check '${check}' is listed twice; keep one entry` }]
          : [],
      ),
  },
];
