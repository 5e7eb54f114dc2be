import type { PlatformConfigInput } from '../../config/schema/platform.js';
import { prerequisitesOf } from '../../config/values/prerequisites.js';

/** The three regions of every generated environment: a primary and two replicas. */
export const SCALED_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;

type Input = PlatformConfigInput & Record<string, unknown>;

/** Records keyed by environment name (data, cost.environments, security.edge...): every one gets an entry per generated environment. */
function envKeyedRecords(node: unknown, envNames: readonly string[], found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (!node || typeof node !== 'object') return found;
  if (Array.isArray(node)) {
    for (const item of node) envKeyedRecords(item, envNames, found);
    return found;
  }
  const record = node as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 0 && keys.every((k) => envNames.includes(k))) found.push(record);
  else for (const value of Object.values(record)) envKeyedRecords(value, envNames, found);
  return found;
}

/**
 * The `n`th generated name of an environment: `prod`, then `prod2`, `prod3`... (the
 * real environment keeps its name, so its folders and stacks keep theirs).
 */
const generatedName = (template: string, round: number) => (round === 0 ? template : `${template}${round + 1}`);

/**
 * A large configuration generated from the real one: `count` environments, each
 * a copy of dev, staging or prod in turn (so the tiers keep their mix) deployed in
 * three regions (us-east-1, us-west-2, eu-west-1), with its own account id, VPC
 * blocks clear of every other environment's, and every per-environment section
 * (data, cost, edge with its failover region, prerequisites, approvals...) copied
 * from its template. Environments deploy tier by tier, in the real order.
 * The real config's other values (teams, services, charts) are kept as they are.
 */
export function scaledConfig(real: PlatformConfigInput, count: number): PlatformConfigInput {
  const input = structuredClone(real) as Input;
  const templates = [...real.deployOrder];
  const names = Array.from({ length: count }, (_, i) => ({
    name: generatedName(templates[i % templates.length] ?? '', Math.floor(i / templates.length)),
    template: templates[i % templates.length] ?? '',
  }));
  if (names.some(({ name }) => name.length > 12)) throw new Error(`scaledConfig: ${count} environments need names over 12 characters`);
  const records = envKeyedRecords(input, Object.keys(real.environments));
  for (const record of records) {
    const copies = Object.fromEntries(
      names.filter(({ template }) => template in record).map(({ name, template }) => [name, structuredClone(record[template])]),
    );
    for (const key of Object.keys(record)) delete record[key];
    Object.assign(record, copies);
  }
  names.forEach(({ name }, i) => {
    const env = input.environments[name];
    if (!env) throw new Error(`scaledConfig: no environment ${name}`);
    // 5xxxxxxxxxxx: clear of the real accounts; one /16 per region from 10.100.0.0 on.
    env.accountId = `5${String(i).padStart(2, '0')}987654321`;
    const cidr = (r: number) => `10.${100 + i * SCALED_REGIONS.length + r}.0.0/16`;
    const [primary, ...replicas] = SCALED_REGIONS;
    env.regions = {
      primary: { region: primary, vpcCidr: cidr(0) },
      replicas: replicas.map((region, r) => ({ region, vpcCidr: cidr(r + 1) })),
    };
    env.eks.accessEntries = env.eks.accessEntries?.map((entry) => ({
      ...entry,
      principalArn: entry.principalArn.replace(/::\d{12}:/, `::${env.accountId}:`),
    }));
    const edge = input.security.edge?.[name];
    if (edge) edge.failoverRegion = replicas[0];
  });
  // Every copy of a tier deploys with its template: development first, production last, as in the real order.
  input.deployOrder = [...names].sort((a, b) => templates.indexOf(a.template) - templates.indexOf(b.template)).map(({ name }) => name);
  if (!(input.ownership.governanceEnvironment in input.environments)) input.ownership.governanceEnvironment = names.at(-1)?.name ?? '';
  // Derived as config/values derives them: each account's roles, secrets and regions, not the template's.
  input.prerequisites = prerequisitesOf(input);
  return input;
}
