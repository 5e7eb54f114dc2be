import type { Pricing } from './pricing.js';

/** A synthesized stack as read from cdktf.out/stacks/<name>/cdk.tf.json. */
export interface StackInput {
  readonly name: string;
  readonly json: {
    readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
    readonly output?: Record<string, { readonly value?: unknown }>;
  };
}

export interface Savings {
  readonly spot: number;
  readonly graviton: number;
  readonly rightSizing: number;
}

export interface CostLine {
  /** `type.name` in the stack, or `output.<name>` for capacity declared as an output. */
  readonly address: string;
  readonly type: string;
  readonly monthlyUsd: number;
  readonly detail: string;
  /** The same capacity all on-demand and x86; equals monthlyUsd when nothing is saved. */
  readonly baselineUsd: number;
  readonly savings: Savings;
}

/**
 * Why a resource has no figure: charged by use (never priced, by design), a
 * price the snapshot lacks for something it should price (an instance type or
 * class, an hourly rate), or a resource type the snapshot does not know.
 */
export type UnpricedCause = 'usage-based' | 'missing-price' | 'unknown-type';

export interface UnpricedItem {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly reason: string;
  readonly cause: UnpricedCause;
}

export interface StackEstimate {
  readonly name: string;
  readonly environment: string;
  readonly monthlyUsd: number;
  readonly baselineUsd: number;
  readonly lines: CostLine[];
}

export interface EnvironmentEstimate {
  readonly environment: string;
  readonly monthlyUsd: number;
  readonly baselineUsd: number;
  readonly savings: Savings;
}

export interface Estimate {
  readonly pricingDate: string;
  readonly stacks: StackEstimate[];
  readonly environments: EnvironmentEstimate[];
  readonly unpriced: UnpricedItem[];
  readonly monthlyUsd: number;
  readonly baselineUsd: number;
}

/** Name of the stack output through which Karpenter stacks declare their steady-state capacity. */
export const CAPACITY_OUTPUT_SUFFIX = '_baseline_capacity';
const NO_SAVINGS: Savings = { spot: 0, graviton: 0, rightSizing: 0 };
const round = (n: number) => Math.round(n * 100) / 100;

/** `<env>-<region|global>-<kind>`; anything else is shared. */
export function environmentOf(stack: string): string {
  return /^([a-z0-9]+)-(global|[a-z]{2}-[a-z]+-\d)-/.exec(stack)?.[1] ?? 'shared';
}

type Priced = { line: CostLine } | { unpriced: string; cause: UnpricedCause };

interface Compute {
  readonly instanceTypes: readonly string[];
  readonly spot: boolean;
  readonly nodes: number;
  readonly diskGib: number;
  /** Node-hours kept after consolidation (1 for a static group). */
  readonly utilisation: number;
}

/** A node pool: the chosen capacity against the same node count on-demand and x86. */
function priceCompute(p: Pricing, address: string, type: string, c: Compute): Priced {
  const missing = c.instanceTypes.filter((t) => !p.ec2[t] || (c.spot && p.ec2[t]?.spot === undefined));
  if (missing.length > 0) return { unpriced: unpricedTypeMessage(p, missing), cause: 'missing-price' };
  const first = c.instanceTypes[0];
  const firstPrice = first ? p.ec2[first] : undefined;
  if (!first || !firstPrice) return { unpriced: 'no instance types', cause: 'missing-price' };
  const x86 = firstPrice.x86Equivalent ? p.ec2[firstPrice.x86Equivalent] : firstPrice;
  if (!x86) return { unpriced: unpricedTypeMessage(p, [firstPrice.x86Equivalent ?? first]), cause: 'missing-price' };
  // Spot spreads over every listed type; on-demand groups launch the first.
  const spotHourly = c.instanceTypes.reduce((n, t) => n + (p.ec2[t]?.spot ?? 0), 0) / c.instanceTypes.length;
  const hourly = c.spot ? spotHourly : firstPrice.onDemand;
  const h = p.hoursPerMonth * c.nodes;
  const disk = c.nodes * c.diskGib * p.storage.ebsGp3GbMonth;
  const monthly = hourly * h * c.utilisation + disk;
  const baseline = x86.onDemand * h + disk;
  const savings = {
    graviton: (x86.onDemand - firstPrice.onDemand) * h,
    spot: c.spot ? (firstPrice.onDemand - spotHourly) * h : 0,
    rightSizing: hourly * h * (1 - c.utilisation),
  };
  const detail = `${c.nodes} x ${c.spot ? `spot ${c.instanceTypes.join('/')}` : `on-demand ${first}`}${c.utilisation < 1 ? ` at ${Math.round(c.utilisation * 100)}% after consolidation` : ''}, ${c.diskGib} GiB gp3 each`;
  return {
    line: {
      address,
      type,
      monthlyUsd: round(monthly),
      detail,
      baselineUsd: round(baseline),
      savings: { graviton: round(savings.graviton), spot: round(savings.spot), rightSizing: round(savings.rightSizing) },
    },
  };
}

export function unpricedTypeMessage(p: Pricing, types: readonly string[]): string {
  return `instance type ${types.join(', ')} has no price in pricing snapshot ${p.date}; add it (on-demand, spot, x86 twin) to tools/cost/pricing/${p.date}.json`;
}

const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const reference = (v: unknown) => (typeof v === 'string' ? /\$\{aws_launch_template\.([^.]+)\./.exec(v)?.[1] : undefined);

function missingRate(p: Pricing, field: string): Priced {
  return { unpriced: `pricing snapshot ${p.date} has no ${field}; add it to tools/cost/pricing/${p.date}.json`, cause: 'missing-price' };
}

function fixed(address: string, type: string, monthly: number, detail: string): Priced {
  return { line: { address, type, monthlyUsd: round(monthly), detail, baselineUsd: round(monthly), savings: NO_SAVINGS } };
}

function priceResource(p: Pricing, stack: StackInput, type: string, name: string, r: Record<string, unknown>): Priced | undefined {
  const address = `${type}.${name}`;
  const hours = p.hoursPerMonth;
  switch (type) {
    case 'aws_eks_node_group': {
      const scaling = (r.scaling_config ?? {}) as Record<string, unknown>;
      const lt = reference((r.launch_template as Record<string, unknown> | undefined)?.id);
      const template = lt ? stack.json.resource?.aws_launch_template?.[lt] : undefined;
      const mappings = (template?.block_device_mappings ?? []) as { ebs?: { volume_size?: number } }[];
      const diskGib = num(mappings[0]?.ebs?.volume_size, num(r.disk_size, 20));
      return priceCompute(p, address, type, {
        instanceTypes: (r.instance_types ?? []) as string[],
        spot: r.capacity_type === 'SPOT',
        nodes: num(scaling.desired_size, num(scaling.min_size)),
        diskGib,
        utilisation: 1,
      });
    }
    case 'aws_db_instance': {
      const cls = String(r.instance_class ?? '');
      const price = p.rds[cls];
      if (!price)
        return {
          unpriced: `RDS instance class ${cls} has no price in pricing snapshot ${p.date}; add it to tools/cost/pricing/${p.date}.json`,
          cause: 'missing-price',
        };
      const x86 = price.x86Equivalent ? p.rds[price.x86Equivalent] : price;
      const copies = r.multi_az === true ? 2 : 1;
      const gbPrice = r.storage_type === 'io1' || r.storage_type === 'io2' ? p.storage.rdsIo1GbMonth : p.storage.rdsGp3GbMonth;
      // A replica's storage follows its source, which lives in another resource (or stack).
      const storageGb = num(r.allocated_storage);
      const storage = storageGb * gbPrice * copies;
      const monthly = price.onDemand * hours * copies + storage;
      const baseline = (x86?.onDemand ?? price.onDemand) * hours * copies + storage;
      const detail = `${cls}${copies === 2 ? ' multi-AZ' : ''}, ${storageGb > 0 ? `${storageGb} GB ${String(r.storage_type ?? 'gp2')}` : 'storage as its source'}`;
      return {
        line: {
          address,
          type,
          monthlyUsd: round(monthly),
          detail,
          baselineUsd: round(baseline),
          savings: { ...NO_SAVINGS, graviton: round(baseline - monthly) },
        },
      };
    }
    case 'aws_nat_gateway': {
      const gb = p.assumptions.natGatewayGbPerMonth;
      const rate = p.hourly.aws_nat_gateway;
      if (rate === undefined) return missingRate(p, 'hourly.aws_nat_gateway');
      const egress = p.assumptions.internetEgressGbPerNatPerMonth;
      return fixed(
        address,
        type,
        rate * hours + gb * p.perUnit.natGatewayGb + egress * p.perUnit.internetEgressGb,
        `hours + ${gb} GB processed, ${egress} GB to the internet (assumed)`,
      );
    }
    case 'aws_vpc_endpoint': {
      if (r.vpc_endpoint_type !== 'Interface') return fixed(address, type, 0, 'gateway endpoint (no charge)');
      const azs = Array.isArray(r.subnet_ids) ? r.subnet_ids.length : 1;
      const gb = p.assumptions.interfaceEndpointGbPerMonth;
      const rate = p.hourly.interfaceEndpointPerAz;
      if (rate === undefined) return missingRate(p, 'hourly.interfaceEndpointPerAz');
      return fixed(address, type, rate * hours * azs + gb * p.perUnit.interfaceEndpointGb, `${azs} AZ + ${gb} GB (assumed)`);
    }
    case 'aws_lb':
    case 'aws_alb': {
      const lcus = p.assumptions.loadBalancerLcus;
      const rate = p.hourly[type];
      if (rate === undefined) return missingRate(p, `hourly.${type}`);
      return fixed(address, type, rate * hours + lcus * p.perUnit.loadBalancerLcuHour * hours, `hours + ${lcus} LCU (assumed)`);
    }
    case 'aws_ebs_volume':
      return fixed(address, type, num(r.size) * p.storage.ebsGp3GbMonth, `${num(r.size)} GiB`);
    case 'aws_wafv2_web_acl': {
      const rules = Array.isArray(r.rule) ? r.rule.length : 0;
      const rate = p.monthly.aws_wafv2_web_acl;
      if (rate === undefined) return missingRate(p, 'monthly.aws_wafv2_web_acl');
      return fixed(address, type, rate + rules * p.perUnit.wafRuleMonth, `web ACL + ${rules} rules, requests not included`);
    }
  }
  const hourly = p.hourly[type];
  if (hourly !== undefined) return fixed(address, type, hourly * hours, `${hours} h`);
  const monthly = p.monthly[type];
  if (monthly !== undefined) return fixed(address, type, monthly, 'per month');
  if (p.free.includes(type) || p.freePrefixes.some((prefix) => type.startsWith(prefix))) return undefined;
  const usage = p.usageBased[type];
  return usage
    ? { unpriced: `usage-based: ${usage}`, cause: 'usage-based' }
    : { unpriced: `resource type ${type} is not in pricing snapshot ${p.date}`, cause: 'unknown-type' };
}

/** Karpenter capacity is not a Terraform resource: its stack declares it as an output. */
function priceCapacityOutputs(p: Pricing, stack: StackInput): { address: string; result: Priced }[] {
  return Object.entries(stack.json.output ?? {})
    .filter(([name]) => name.endsWith(CAPACITY_OUTPUT_SUFFIX))
    .map(([name, output]) => {
      const v = (output.value ?? {}) as Record<string, unknown>;
      const address = `output.${name}`;
      return {
        address,
        result: priceCompute(p, address, 'karpenter', {
          instanceTypes: (v.instance_types ?? []) as string[],
          spot: v.capacity_type === 'spot',
          nodes: num(v.nodes),
          diskGib: num(v.disk_gib, 20),
          utilisation: p.assumptions.karpenterConsolidationFactor,
        }),
      };
    });
}

const sum = (values: readonly number[]) => round(values.reduce((n, v) => n + v, 0));

/**
 * Monthly cost of synthesized stacks from a pricing snapshot: per-stack lines,
 * per-environment totals and savings against an all-on-demand x86 baseline.
 * What it cannot price is returned in `unpriced`, never counted as zero. Pure:
 * the review tooling runs it on two synth outputs for a PR's cost delta.
 */
export function estimateStacks(stacks: readonly StackInput[], pricing: Pricing): Estimate {
  const unpriced: UnpricedItem[] = [];
  const estimates = [...stacks]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((stack): StackEstimate => {
      const priced: { address: string; type: string; result: Priced }[] = [];
      for (const type of Object.keys(stack.json.resource ?? {}).sort()) {
        const resources = stack.json.resource?.[type] ?? {};
        for (const name of Object.keys(resources).sort()) {
          const result = priceResource(pricing, stack, type, name, resources[name] ?? {});
          if (result) priced.push({ address: `${type}.${name}`, type, result });
        }
      }
      priceCapacityOutputs(pricing, stack).forEach(({ address, result }) => priced.push({ address, type: 'karpenter', result }));
      const lines: CostLine[] = [];
      for (const { address, type, result } of priced) {
        if ('line' in result) lines.push(result.line);
        else unpriced.push({ stack: stack.name, address, type, reason: result.unpriced, cause: result.cause });
      }
      return {
        name: stack.name,
        environment: environmentOf(stack.name),
        monthlyUsd: sum(lines.map((l) => l.monthlyUsd)),
        baselineUsd: sum(lines.map((l) => l.baselineUsd)),
        lines,
      };
    });
  const envNames = [...new Set(estimates.map((s) => s.environment))];
  const environments = envNames.map((environment): EnvironmentEstimate => {
    const lines = estimates.filter((s) => s.environment === environment).flatMap((s) => s.lines);
    return {
      environment,
      monthlyUsd: sum(lines.map((l) => l.monthlyUsd)),
      baselineUsd: sum(lines.map((l) => l.baselineUsd)),
      savings: {
        spot: sum(lines.map((l) => l.savings.spot)),
        graviton: sum(lines.map((l) => l.savings.graviton)),
        rightSizing: sum(lines.map((l) => l.savings.rightSizing)),
      },
    };
  });
  return {
    pricingDate: pricing.date,
    stacks: estimates,
    environments,
    unpriced,
    monthlyUsd: sum(environments.map((e) => e.monthlyUsd)),
    baselineUsd: sum(environments.map((e) => e.baselineUsd)),
  };
}
