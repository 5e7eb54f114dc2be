import { taxonomyValues } from '../derive/cost.js';
import type { ConfigProblem } from '../errors.js';
import type { PlatformConfig } from '../schema/platform.js';
import type { Invariant } from './invariant.js';

const sorted = (record: Record<string, unknown>) => Object.keys(record).sort();

function unknownTagKey(c: PlatformConfig, key: string, path: (string | number)[]): ConfigProblem[] {
  const keys = c.tagTaxonomy.map((t) => t.key);
  return keys.includes(key) ? [] : [{ path, message: `unknown tag key '${key}'; use a key of tagTaxonomy (${keys.join(', ')})` }];
}

/** Cross-field rules of config.cost; spread into INVARIANTS. */
export const COST_INVARIANTS: Invariant[] = [
  {
    id: 'cost-covers-every-environment',
    check: (c) => [
      ...sorted(c.environments)
        .filter((name) => !(name in c.cost.environments))
        .map((name) => ({
          path: ['cost', 'environments', name],
          message: `environment '${name}' has no cost settings (budget, capacity, alert e-mails); add cost.environments.${name}`,
        })),
      ...sorted(c.cost.environments)
        .filter((name) => !(name in c.environments))
        .map((name) => ({
          path: ['cost', 'environments', name],
          message: `unknown environment '${name}'; use one of ${sorted(c.environments).join(', ')}`,
        })),
      ...(c.cost.governanceEnvironment in c.environments
        ? []
        : [
            {
              path: ['cost', 'governanceEnvironment'],
              message: `unknown environment '${c.cost.governanceEnvironment}'; use one of ${sorted(c.environments).join(', ')}`,
            },
          ]),
    ],
  },
  {
    id: 'cost-tag-keys-known',
    check: (c) => [
      ...c.cost.anomalyMonitorTagKeys.flatMap((key, i) => unknownTagKey(c, key, ['cost', 'anomalyMonitorTagKeys', i])),
      ...sorted(c.cost.environments).flatMap((env) =>
        (c.cost.environments[env]?.allocationBudgets ?? []).flatMap((b, i) =>
          unknownTagKey(c, b.tagKey, ['cost', 'environments', env, 'allocationBudgets', i, 'tagKey']),
        ),
      ),
    ],
  },
  {
    id: 'cost-budget-tag-values-known',
    check: (c) => {
      const values = taxonomyValues(c);
      return sorted(c.cost.environments).flatMap((env) =>
        (c.cost.environments[env]?.allocationBudgets ?? []).flatMap((b, i) => {
          const known = values[b.tagKey];
          return !known || known.includes(b.tagValue)
            ? []
            : [
                {
                  path: ['cost', 'environments', env, 'allocationBudgets', i, 'tagValue'],
                  message: `no resource can carry ${b.tagKey}='${b.tagValue}', so this budget would always read 0; use one of ${known.join(', ')}`,
                },
              ];
        }),
      );
    },
  },
  {
    id: 'cost-allocations-within-budget',
    check: (c) =>
      sorted(c.cost.environments).flatMap((env) => {
        const settings = c.cost.environments[env];
        if (!settings) return [];
        const perKey = new Map<string, number>();
        for (const b of settings.allocationBudgets) perKey.set(b.tagKey, (perKey.get(b.tagKey) ?? 0) + b.monthlyUsd);
        return [...perKey]
          .filter(([, total]) => total > settings.monthlyBudgetUsd)
          .map(([key, total]) => ({
            path: ['cost', 'environments', env, 'allocationBudgets'],
            message: `${key} budgets add up to ${total} USD, more than the environment's monthlyBudgetUsd ${settings.monthlyBudgetUsd}; lower them or raise the environment budget`,
          }));
      }),
  },
  {
    id: 'cost-centres-unique',
    check: (c) =>
      c.teams.flatMap((team, i) => {
        const first = c.teams.slice(0, i).find((t) => t.costCentre === team.costCentre);
        return first
          ? [
              {
                path: ['teams', i, 'costCentre'],
                message: `${team.costCentre} is also team ${first.name}'s cost centre, so finance could not tell their spend apart; give ${team.name} its own cost centre`,
              },
            ]
          : [];
      }),
  },
];
