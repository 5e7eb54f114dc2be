import { clusterFacts, clusterTargets, type PlatformConfig } from '../config/index.js';
import type { Finding, OutputCheck, SynthStack } from '../tools/synth/output.js';
import { PACKS } from './catalog.js';
import { POLICY_KINDS } from './k8s/pod-spec.js';
import { objectId, parseManifests, toObject } from './manifests.js';
import { awsContext, stackResources } from './terraform.js';
import type { ClusterState } from './cluster-state/types.js';
import type { K8sContext, K8sObject, Pack, Waiver } from './types.js';
import { applyWaivers, type PolicyViolation } from './waiver-check.js';
import { WAIVERS } from './waivers.js';

/** What the engine reads: SynthOutput, or the same trees read back from disk (the diff's base). */
export interface PolicyInput {
  readonly stacks: readonly SynthStack[];
  readonly clusters: readonly {
    readonly dir: string;
    readonly files: ReadonlyMap<string, string>;
    /** The objects behind each file, when the caller rendered them (synth): no YAML to parse. */
    readonly objects?: ReadonlyMap<string, readonly Record<string, unknown>[]>;
  }[];
  /** Each cluster's converged state (our files + rendered charts), when synth rendered it. */
  readonly states?: readonly ClusterState[];
}

function terraformViolations(input: PolicyInput, config: PlatformConfig, packs: readonly Pack[]): PolicyViolation[] {
  const entries = packs.flatMap((p) => (p.target === 'terraform' ? p.entries : []));
  return input.stacks.flatMap((stack) => {
    const resources = stackResources(stack);
    const ctx = awsContext(config, resources);
    return resources.flatMap((resource) =>
      entries.flatMap((entry) => {
        const rule = entry.rule;
        if (!rule.types.includes(resource.type) && !rule.types.includes('*')) return [];
        const verdict = rule.check(resource, ctx);
        if (typeof verdict === 'string') return [];
        return [{ rule: rule.id, severity: entry.severity, title: entry.title, where: `${stack.name}/${resource.address}`, detail: verdict.violation, remediation: entry.remediation }];
      }),
    );
  });
}

/** The inputs of the Kubernetes rules for one cluster folder (`<env>/<region>`), from config. */
export function clusterPolicyContext(config: PlatformConfig, dir: string, objects: readonly K8sObject[]): K8sContext {
  const target = clusterTargets(config).find((t) => `${t.envName}/${t.region}` === dir);
  return {
    allowedRegistries: target ? [clusterFacts(config, target).ecrRegistry] : [],
    requiredLabels: config.tagTaxonomy.map((t) => ({ label: t.label, allowedValues: t.allowedValues })),
    objects,
  };
}

function kubernetesViolations(input: PolicyInput, config: PlatformConfig, packs: readonly Pack[]): PolicyViolation[] {
  const entries = packs.flatMap((p) => (p.target === 'kubernetes' ? p.entries : []));
  return input.clusters.flatMap((cluster) => {
    const rendered = cluster.objects;
    const objects = [...cluster.files]
      .filter(([file]) => file.endsWith('.yaml'))
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([file, text]) => {
        const docs = rendered?.get(file);
        if (!docs) return parseManifests(`${cluster.dir}/${file}`, text, POLICY_KINDS);
        return docs.filter((d) => POLICY_KINDS.has(String(d.kind))).flatMap((d) => toObject(`${cluster.dir}/${file}`, d));
      });
    const ctx = clusterPolicyContext(config, cluster.dir, objects);
    return objects.flatMap((object) =>
      entries.flatMap((entry) => {
        const verdict = entry.rule.check(object, ctx);
        if (typeof verdict === 'string') return [];
        return [{ rule: entry.rule.id, severity: entry.severity, title: entry.title, where: `${object.file}#${objectId(object)}`, detail: verdict.violation, remediation: entry.remediation }];
      }),
    );
  });
}

function clusterStateViolations(input: PolicyInput, config: PlatformConfig, packs: readonly Pack[]): PolicyViolation[] {
  const entries = packs.flatMap((p) => (p.target === 'cluster-state' ? p.entries : []));
  return (input.states ?? []).flatMap((state) => {
    const target = clusterTargets(config).find((t) => `${t.envName}/${t.region}` === state.dir);
    if (!target) return [];
    const facts = clusterFacts(config, target);
    const clusterStack = input.stacks.find((s) => s.name === `${facts.stackPrefix}-cluster`)?.json as Readonly<Record<string, unknown>> | undefined;
    const ctx = { config, facts, ...(clusterStack ? { clusterStack } : {}) };
    return entries.flatMap((entry) =>
      entry.rule.check(state, ctx).map((v) => ({
        rule: entry.rule.id,
        severity: v.severity ?? entry.severity,
        title: entry.title,
        where: `${state.dir}/${v.where}`,
        detail: v.detail,
        remediation: entry.remediation,
      })),
    );
  });
}

/** Every violation of every pack, before waivers, in a stable order. */
export function evaluatePolicies(input: PolicyInput, config: PlatformConfig, packs: readonly Pack[] = PACKS): PolicyViolation[] {
  return [...terraformViolations(input, config, packs), ...kubernetesViolations(input, config, packs), ...clusterStateViolations(input, config, packs)];
}

export interface PolicyOptions {
  readonly config: PlatformConfig;
  /** @default WAIVERS */
  readonly waivers?: readonly Waiver[];
  /** `YYYY-MM-DD`, for waiver expiry. @default today (UTC) */
  readonly today?: string;
  /** @default PACKS */
  readonly packs?: readonly Pack[];
}

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** The catalog's findings: violations not covered by a waiver, plus waiver problems. */
export function policyFindings(input: PolicyInput, options: PolicyOptions): Finding[] {
  return applyWaivers(evaluatePolicies(input, options.config, options.packs), options.waivers ?? WAIVERS, options.today ?? todayUtc());
}

/** The catalog as a synth output check (tools/synth/checks.ts), over the config synth was given. */
export function policyCheck(options: Partial<PolicyOptions> = {}): OutputCheck {
  return (output, config) => policyFindings(output, { ...options, config: options.config ?? config });
}
