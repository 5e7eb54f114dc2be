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
import type { K8sContext, K8sObject, Pack, Waiver } from './types.js';
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

function kubernetesViolations(index: OutputIndex, config: PlatformConfig, packs: readonly Pack[]): PolicyViolation[] {
  const entries = packs.flatMap((p) => (p.target === 'kubernetes' ? p.entries : []));
  if (entries.length === 0) return [];
  return index.manifests(POLICY_KINDS).flatMap(({ dir, objects }) => {
    const ctx = clusterPolicyContext(config, dir, objects);
    return objects.flatMap((object) =>
      entries.flatMap((entry) => {
        const verdict = entry.rule.check(object, ctx);
        if (typeof verdict === 'string') return [];
        return [{ rule: entry.rule.id, severity: entry.severity, title: entry.title, where: `${object.file}#${objectId(object)}`, detail: verdict.violation, remediation: entry.remediation }];
      }),
    );
  });
}

function clusterStateViolations(index: OutputIndex, config: PlatformConfig, packs: readonly Pack[]): PolicyViolation[] {
  const entries = packs.flatMap((p) => (p.target === 'cluster-state' ? p.entries : []));
  return index.states.flatMap((state) => {
    const target = clusterTargets(config).find((t) => `${t.envName}/${t.region}` === state.dir);
    if (!target) return [];
    const facts = clusterFacts(config, target);
    const clusterStack = index.stack(`${facts.stackPrefix}-cluster`)?.stack.json as Readonly<Record<string, unknown>> | undefined;
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
    ...kubernetesViolations(index, config, packs),
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
