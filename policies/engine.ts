import { today } from '../config/clock.js';
import { clusterFacts } from '../config/derive/facts.js';
import { clusterTargets } from '../config/derive/targets.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { PACKS } from './catalog.js';
import { POLICY_KINDS } from './k8s/pod-spec.js';
import { objectId } from './manifests.js';
import { indexOutput, type OutputIndex } from './output-index.js';
import type { Finding, OutputCheck, PolicyInput } from './output.js';
import { stackContext } from './terraform.js';
import type { ClusterState } from './cluster-state/types.js';
import type { ClusterStateContext, K8sContext, K8sObject, Pack, StateViolation, Waiver } from './types.js';
import { applyWaivers, type PolicyViolation } from './waiver-check.js';
import { WAIVERS } from './waivers.js';

function terraformViolations(index: OutputIndex, config: PlatformConfig, packs: readonly Pack[]): PolicyViolation[] {
  const entries = packs.flatMap((p) => (p.target === 'terraform' ? p.entries : []));
  return index.stacks.flatMap((stack) => {
    const ctx = stackContext(config, stack);
    return stack.resources.flatMap((resource) =>
      entries.flatMap((entry) => {
        const rule = entry.rule;
        if (!rule.types.includes(resource.type) && !rule.types.includes('*')) return [];
        const verdict = rule.check(resource, ctx);
        if (typeof verdict === 'string') return [];
        return [
          {
            rule: rule.id,
            severity: entry.severity,
            title: entry.title,
            where: `${stack.name}/${resource.address}`,
            detail: verdict.violation,
            remediation: entry.remediation,
          },
        ];
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

function kubernetesViolations(index: OutputIndex, config: PlatformConfig, packs: readonly Pack[]): PolicyViolation[] {
  const entries = packs.flatMap((p) => (p.target === 'kubernetes' ? p.entries : []));
  if (entries.length === 0) return [];
  return index.manifests(POLICY_KINDS).flatMap(({ dir, objects }) => {
    const ctx = clusterPolicyContext(config, dir, objects);
    return objects.flatMap((object) =>
      entries.flatMap((entry) => {
        const verdict = entry.rule.check(object, ctx);
        if (typeof verdict === 'string') return [];
        return [
          {
            rule: entry.rule.id,
            severity: entry.severity,
            title: entry.title,
            where: `${object.file}#${objectId(object)}`,
            detail: verdict.violation,
            remediation: entry.remediation,
          },
        ];
      }),
    );
  });
}

/** A cluster state's rule results, by state then entry; undefined where a rule read the cluster stack (it runs again once there is one). */
type StateResults = (readonly StateViolation[] | undefined)[][];

/**
 * Results computed ahead by evaluateKubernetesHalf, for the same clusters and
 * states arrays (synth hands the very arrays to the checks later), config and packs.
 */
interface EarlyResults {
  readonly config: PlatformConfig;
  readonly packs: readonly Pack[];
  readonly kubernetes: PolicyViolation[];
  readonly states: StateResults;
}
const early = new WeakMap<object, EarlyResults>();

function earlyFor(key: object, config: PlatformConfig, packs: readonly Pack[]): EarlyResults | undefined {
  const found = early.get(key);
  return found && found.config === config && found.packs === packs ? found : undefined;
}

function stateContext(index: OutputIndex, config: PlatformConfig, state: ClusterState): ClusterStateContext | undefined {
  const target = clusterTargets(config).find((t) => `${t.envName}/${t.region}` === state.dir);
  if (!target) return undefined;
  const facts = clusterFacts(config, target);
  const clusterStack = index.stack(`${facts.stackPrefix}-cluster`)?.stack.json as Readonly<Record<string, unknown>> | undefined;
  return { config, facts, ...(clusterStack ? { clusterStack } : {}) };
}

function clusterStateViolations(index: OutputIndex, config: PlatformConfig, packs: readonly Pack[]): PolicyViolation[] {
  const entries = packs.flatMap((p) => (p.target === 'cluster-state' ? p.entries : []));
  const ahead = earlyFor(index.states, config, packs)?.states;
  return index.states.flatMap((state, s) => {
    const ctx = stateContext(index, config, state);
    if (!ctx) return [];
    return entries.flatMap((entry, e) =>
      (ahead?.[s]?.[e] ?? entry.rule.check(state, ctx)).map((v) => ({
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

/**
 * Evaluates ahead the rules that read only the Kubernetes half, keeping the
 * results for the evaluation of the whole output: synth runs this while its
 * Terraform half is still being written on the other thread. Every single-manifest
 * rule runs; a cluster-state rule runs with a context that has no cluster stack
 * yet, and when it asks for one its result is dropped (it runs again later), so
 * no rule needs to declare what it reads. Rules are pure: the same inputs give
 * the same findings either way.
 */
export function evaluateKubernetesHalf(
  input: Pick<PolicyInput, 'clusters' | 'states'>,
  config: PlatformConfig,
  packs: readonly Pack[] = PACKS,
): void {
  const states = input.states ?? [];
  const index = indexOutput({ stacks: [], clusters: input.clusters, states });
  const entries = packs.flatMap((p) => (p.target === 'cluster-state' ? p.entries : []));
  const results = states.map((state) => {
    const ctx = stateContext(index, config, state);
    if (!ctx) return [];
    return entries.map((entry) => {
      let asked = false;
      const result = entry.rule.check(state, {
        config: ctx.config,
        facts: ctx.facts,
        get clusterStack() {
          asked = true;
          return undefined;
        },
      });
      return asked ? undefined : result;
    });
  });
  const done = { config, packs, kubernetes: kubernetesViolations(index, config, packs), states: results };
  early.set(input.clusters, done);
  early.set(states, done);
}

function outputViolations(index: OutputIndex, config: PlatformConfig, packs: readonly Pack[]): PolicyViolation[] {
  const entries = packs.flatMap((p) => (p.target === 'output' ? p.entries : []));
  return entries.flatMap((entry) =>
    entry.rule.check(index, { config }).map((v) => ({
      rule: entry.rule.id,
      severity: v.severity ?? entry.severity,
      title: entry.title,
      where: v.where,
      detail: v.detail,
      remediation: v.remediation ?? entry.remediation,
    })),
  );
}

/** Every violation of every pack, before waivers, in a stable order. */
export function evaluatePolicies(input: PolicyInput, config: PlatformConfig, packs: readonly Pack[] = PACKS): PolicyViolation[] {
  const index = indexOutput(input);
  return [
    ...terraformViolations(index, config, packs),
    ...(earlyFor(input.clusters, config, packs)?.kubernetes ?? kubernetesViolations(index, config, packs)),
    ...clusterStateViolations(index, config, packs),
    ...outputViolations(index, config, packs),
  ];
}

export interface PolicyOptions {
  readonly config: PlatformConfig;
  /** @default WAIVERS */
  readonly waivers?: readonly Waiver[];
  /** `YYYY-MM-DD`, for waiver expiry. @default today() of config/clock.ts (the real date, or PLATFORM_TODAY) */
  readonly today?: string;
  /** @default PACKS */
  readonly packs?: readonly Pack[];
}

/** The day waivers are judged on: config/clock.ts's, like every dated rule. */
export const todayUtc = (): string => today();

/** The catalog's findings: violations not covered by a waiver, plus waiver problems. */
export function policyFindings(input: PolicyInput, options: PolicyOptions): Finding[] {
  return applyWaivers(evaluatePolicies(input, options.config, options.packs), options.waivers ?? WAIVERS, options.today ?? todayUtc());
}

/** The catalog as the synth output check (tools/synth/checks.ts), over the config synth was given. */
export function policyCheck(options: Partial<PolicyOptions> = {}): OutputCheck {
  return (output, config) => policyFindings(output, { ...options, config: options.config ?? config });
}
