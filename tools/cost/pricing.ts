import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One dated pricing snapshot (tools/cost/pricing/<yyyy-mm-dd>.json). */
export interface Pricing {
  readonly date: string;
  readonly currency: 'USD';
  readonly region: string;
  readonly appliesTo: string;
  readonly hoursPerMonth: number;
  readonly sources: Record<string, string>;
  readonly notes: string;
  /** Hourly prices per instance type; Graviton types name their x86 twin for the baseline. */
  readonly ec2: Record<string, { readonly onDemand: number; readonly spot?: number; readonly x86Equivalent?: string }>;
  readonly rds: Record<string, { readonly onDemand: number; readonly x86Equivalent?: string }>;
  readonly storage: { readonly ebsGp3GbMonth: number; readonly rdsGp3GbMonth: number; readonly rdsIo1GbMonth: number };
  readonly hourly: Record<string, number>;
  readonly monthly: Record<string, number>;
  readonly perUnit: {
    readonly natGatewayGb: number;
    readonly interfaceEndpointGb: number;
    readonly loadBalancerLcuHour: number;
    readonly wafRuleMonth: number;
    readonly internetEgressGb: number;
  };
  readonly assumptions: {
    readonly natGatewayGbPerMonth: number;
    /** Of the NAT traffic, what leaves AWS for the internet (data transfer out). */
    readonly internetEgressGbPerNatPerMonth: number;
    readonly interfaceEndpointGbPerMonth: number;
    readonly loadBalancerLcus: number;
    /** Share of steady-state node-hours Karpenter keeps after consolidation. */
    readonly karpenterConsolidationFactor: number;
  };
  /** Resource types that cost nothing by themselves. */
  readonly free: readonly string[];
  readonly freePrefixes: readonly string[];
  /** Resource types charged by use: listed as unpriced, with what drives their cost. */
  readonly usageBased: Record<string, string>;
}

export const PRICING_DIR = join(dirname(fileURLToPath(import.meta.url)), 'pricing');

/** The newest snapshot (file names sort by date). */
export function latestPricing(dir: string = PRICING_DIR): Pricing {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
    .sort();
  const latest = files.at(-1);
  if (!latest) throw new Error(`no pricing snapshot in ${dir}; add one named <yyyy-mm-dd>.json`);
  const pricing = JSON.parse(readFileSync(join(dir, latest), 'utf8')) as Pricing;
  if (`${pricing.date}.json` !== latest)
    throw new Error(`pricing snapshot ${latest} states date ${pricing.date}; make the file name and its date agree`);
  return pricing;
}
