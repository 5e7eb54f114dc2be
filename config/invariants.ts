import { cidrsOverlap, parseCidr } from './cidr.js';
import type { ConfigProblem } from './errors.js';
import type { PlatformConfig } from './schema/platform.js';
import { resolveTags } from './tags.js';
import { DATA_INVARIANTS } from './data-invariants.js';
import { PREREQUISITE_INVARIANTS } from './prerequisite-invariants.js';
import { COST_INVARIANTS } from './cost-invariants.js';
import { DELIVERY_INVARIANTS } from './delivery-invariants.js';
import { SECURITY_INVARIANTS } from './schema/security.js';
import { GITOPS_INVARIANTS } from './schema/gitops.js';
import { OWNERSHIP_INVARIANTS } from './schema/ownership.js';
import { VERSION_INVARIANTS } from './version-invariants.js';
import { RESILIENCE_INVARIANTS } from './resilience-invariants.js';
import { ACCOUNT_INVARIANTS } from './account-invariants.js';
import { DEPLOY_ORDER_INVARIANTS } from './deploy-order-invariants.js';
import { CATALOG_INVARIANTS } from './catalog-invariants.js';

/**
 * Cross-field rules the schema alone cannot express. Each returns its problems;
 * parsing reports all of them at once. Capabilities append their own rules.
 */
export interface Invariant {
  readonly id: string;
  check(config: PlatformConfig): ConfigProblem[];
}

const GRAVITON = /^[a-z]+\d+g[a-z]*\./; // m7g., c7gn., r8g., t4g.

export function isGraviton(instanceType: string): boolean {
  return GRAVITON.test(instanceType);
}

const envEntries = (c: PlatformConfig) => Object.entries(c.environments).sort(([a], [b]) => a.localeCompare(b));

export const INVARIANTS: Invariant[] = [
  {
    id: 'secondary-region-differs',
    check: (c) =>
      envEntries(c).flatMap(([name, env]) =>
        env.regions.secondary && env.regions.secondary.region === env.regions.primary.region
          ? [{ path: ['environments', name, 'regions', 'secondary', 'region'], message: `secondary region equals the primary (${env.regions.primary.region}); pick another region so that a regional outage spares it` }]
          : [],
      ),
  },
  {
    id: 'production-has-secondary',
    check: (c) =>
      envEntries(c).flatMap(([name, env]) =>
        env.tier === 'production' && !env.regions.secondary
          ? [{ path: ['environments', name, 'regions', 'secondary'], message: 'a production environment needs a secondary region for disaster recovery; add regions.secondary' }]
          : [],
      ),
  },
  {
    id: 'vpc-cidrs-disjoint',
    check: (c) => {
      const blocks = envEntries(c).flatMap(([name, env]) =>
        (['primary', 'secondary'] as const).flatMap((role) => {
          const spec = env.regions[role];
          const cidr = spec ? parseCidr(spec.vpcCidr) : undefined;
          return spec && cidr ? [{ where: `${name}/${spec.region}`, path: ['environments', name, 'regions', role, 'vpcCidr'], text: spec.vpcCidr, cidr }] : [];
        }),
      );
      return blocks.flatMap((a, i) =>
        blocks.slice(0, i).filter((b) => cidrsOverlap(a.cidr, b.cidr)).map((b) => ({
          path: a.path,
          message: `${a.text} (${a.where}) overlaps ${b.text} (${b.where}); give every VPC a disjoint block so regions can peer and fail over`,
        })),
      );
    },
  },
  {
    id: 'owner-team-known',
    check: (c) => {
      const teams = new Set(c.teams.map((t) => t.name));
      return [
        ...envEntries(c).filter(([, env]) => !teams.has(env.owner.team)).map(([name, env]) => ({
          path: ['environments', name, 'owner', 'team'],
          message: `unknown team '${env.owner.team}'; use one of ${[...teams].join(', ')} or add it to teams`,
        })),
        ...c.services.flatMap((s, i) => (teams.has(s.team) ? [] : [{
          path: ['services', i, 'team'],
          message: `unknown team '${s.team}' for service ${s.name}; use one of ${[...teams].join(', ')}`,
        }])),
      ];
    },
  },
  {
    id: 'names-unique',
    check: (c) => {
      const dupes = (names: string[]) => names.filter((n, i) => names.indexOf(n) !== i);
      return [
        ...dupes(c.teams.map((t) => t.name)).map((n) => ({ path: ['teams'], message: `team '${n}' is defined twice; keep one entry` })),
        ...dupes(c.services.map((s) => s.name)).map((n) => ({ path: ['services'], message: `service '${n}' is defined twice; keep one entry` })),
        ...dupes(c.tagTaxonomy.map((t) => t.key)).map((n) => ({ path: ['tagTaxonomy'], message: `tag key '${n}' is defined twice; keep one entry` })),
      ];
    },
  },
  {
    id: 'service-calls-known',
    check: (c) => {
      const names = new Set(c.services.map((s) => s.name));
      return c.services.flatMap((s, i) => s.calls.filter((target) => !names.has(target)).map((target) => ({
        path: ['services', i, 'calls'],
        message: `${s.name} calls unknown service '${target}'; list only services defined in services`,
      })));
    },
  },
  {
    id: 'node-pool-sizes',
    check: (c) =>
      envEntries(c).flatMap(([name, env]) =>
        (['system', 'workload'] as const).flatMap((pool) => {
          const p = env.eks.nodePools[pool];
          const path = ['environments', name, 'eks', 'nodePools', pool];
          if (p.minSize > p.maxSize) return [{ path: [...path, 'minSize'], message: `minSize ${p.minSize} exceeds maxSize ${p.maxSize}; lower minSize or raise maxSize` }];
          if (p.desiredSize < p.minSize || p.desiredSize > p.maxSize) return [{ path: [...path, 'desiredSize'], message: `desiredSize ${p.desiredSize} is outside [${p.minSize}, ${p.maxSize}]` }];
          return [];
        }),
      ),
  },
  {
    id: 'node-pool-instance-types',
    check: (c) =>
      envEntries(c).flatMap(([name, env]) =>
        (['system', 'workload'] as const).flatMap((pool) => {
          const p = env.eks.nodePools[pool];
          const path = ['environments', name, 'eks', 'nodePools', pool, 'instanceTypes'];
          const arm = p.instanceTypes.map(isGraviton);
          if (arm.some((a) => a !== arm[0])) return [{ path, message: 'mixes Graviton (arm64) and x86 types; a node group runs one architecture, so split them into two pools' }];
          if (p.capacityType === 'SPOT' && new Set(p.instanceTypes).size < 4) return [{ path, message: 'a spot pool needs at least 4 distinct instance types to survive capacity reclaims; add more types of similar size' }];
          return [];
        }),
      ),
  },
  {
    id: 'mandatory-tags-complete',
    check: (c) =>
      envEntries(c).flatMap(([name]) => {
        const tags = resolveTags(c, name);
        return c.tagTaxonomy.flatMap((def) => {
          const value = tags[def.key];
          if (value === undefined) return [{ path: ['environments', name, 'extraTags', def.key], message: `mandatory tag '${def.key}' has no value; set it in extraTags` }];
          if (def.allowedValues && !def.allowedValues.includes(value)) {
            return [{ path: ['environments', name, 'extraTags', def.key], message: `'${value}' is not allowed for tag ${def.key}; use one of ${def.allowedValues.join(', ')}` }];
          }
          return [];
        });
      }),
  },
  {
    id: 'retention-within-regulations',
    check: (c) =>
      Object.entries(c.retention).flatMap(([dataClass, policy]) =>
        policy.requirements.flatMap((r) => {
          const path = ['retention', dataClass, 'retentionDays'];
          if (r.minDays !== undefined && policy.retentionDays < r.minDays) {
            return [{ path, message: `${policy.retentionDays} days is shorter than ${r.regulation} requires (${r.minDays}, ${r.reference}); raise it` }];
          }
          if (r.maxDays !== undefined && policy.retentionDays > r.maxDays) {
            return [{ path, message: `${policy.retentionDays} days is longer than ${r.regulation} allows (${r.maxDays}, ${r.reference}); lower it` }];
          }
          return [];
        }),
      ),
  },
  ...SECURITY_INVARIANTS,
  ...GITOPS_INVARIANTS,
  ...DELIVERY_INVARIANTS,
  ...COST_INVARIANTS,
  ...OWNERSHIP_INVARIANTS,
  ...DATA_INVARIANTS,
  ...VERSION_INVARIANTS,
  ...PREREQUISITE_INVARIANTS,
  ...RESILIENCE_INVARIANTS,
  ...ACCOUNT_INVARIANTS,
  ...DEPLOY_ORDER_INVARIANTS,
  ...CATALOG_INVARIANTS,
];
