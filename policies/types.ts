import type { ClusterFacts } from '../config/derive/facts.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import type { ClusterState } from './cluster-state/types.js';
import type { OutputIndex } from './output-index.js';

/**
 * What a rule says about one resource or object (cdk-nag style): compliant,
 * not applicable, or a violation with the detail a reviewer needs. Wording,
 * severity and the fix live in the packs, not in the rule.
 */
export type Verdict = 'compliant' | 'not-applicable' | { readonly violation: string };

export const violation = (detail: string): Verdict => ({ violation: detail });

/** Compliant when no problem was found, else one violation listing them all. */
export function verdictOf(problems: readonly string[]): Verdict {
  return problems.length === 0 ? 'compliant' : violation(problems.join('; '));
}

/** One resource (or provider block) of a synthesized stack, as cdktf wrote it. */
export interface TfResource {
  readonly stack: string;
  /** Terraform type, or `provider` for a provider block. */
  readonly type: string;
  readonly name: string;
  /** `type.name`, the Terraform address within the stack. */
  readonly address: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** What an AWS rule may look up beyond the resource itself: its stack and the config. */
export interface AwsContext {
  readonly config: PlatformConfig;
  /** The resource a `${type.name.attr}` expression of the same stack points at. */
  resolve(expression: unknown): TfResource | undefined;
  /** Resources of the same stack of one type. */
  ofType(type: string): TfResource[];
  /** The provider default_tags that apply to a resource (its `provider` alias or the default one). */
  defaultTags(resource: TfResource): Record<string, string>;
}

export interface AwsRule {
  readonly id: string;
  /** Terraform types the rule reads; `provider` for provider blocks. */
  readonly types: readonly string[];
  readonly check: (resource: TfResource, ctx: AwsContext) => Verdict;
}

/** One rendered Kubernetes object and where it came from. */
export interface K8sObject {
  /** `<env>/<region>/<file>`, or the sample file in parity tests. */
  readonly file: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** A label every workload carries: a taxonomy key's Kubernetes twin. */
export interface RequiredLabel {
  readonly label: string;
  /** When set, the only values the label may take. */
  readonly allowedValues?: readonly string[];
}

/** An init container a rule deliberately lets through: by its name AND the repository of its image. */
export interface ExemptInitContainer {
  readonly name: string;
  /** `<registry>/<path>` without tag or digest. */
  readonly repository: string;
}

/** Per-cluster inputs of the Kubernetes rules (also the admission constraints' parameters). */
export interface K8sContext {
  /** Registries (host, optionally with a path prefix) images may come from. */
  readonly allowedRegistries: readonly string[];
  readonly requiredLabels: readonly RequiredLabel[];
  /**
   * Init containers read-only-root-filesystem admits with a writable root (the
   * mesh's istio-init; see docs/runtime-security.md). @default none
   */
  readonly exemptInitContainers?: readonly ExemptInitContainer[];
  /** Every object of the same cluster (PodDisruptionBudgets, service accounts...). */
  readonly objects: readonly K8sObject[];
}

export interface K8sRule {
  readonly id: string;
  readonly check: (object: K8sObject, ctx: K8sContext) => Verdict;
}

/** What a cluster-state rule may read beyond the state: config, the cluster's derived facts, its AWS half. */
export interface ClusterStateContext {
  readonly config: PlatformConfig;
  readonly facts: ClusterFacts;
  /**
   * The synthesized JSON of the cluster's `<env>-<region>-cluster` stack, for
   * rules across both halves (the CNI add-on enforcing NetworkPolicies).
   * Synth always passes it; absent when the caller rendered no Terraform.
   * @default undefined
   */
  readonly clusterStack?: Readonly<Record<string, unknown>>;
}

/** One problem a cluster-state rule found: where (an object or an Application) and what. */
export interface StateViolation {
  /** `<application>#<Kind>/<namespace>/<name>`, or `<application>` for an Application-level problem. */
  readonly where: string;
  readonly detail: string;
  /** Overrides the pack entry's severity for this finding (a warn-mode admission constraint). @default the entry's */
  readonly severity?: Severity;
}

/**
 * A rule over one cluster's whole converged state (our files + rendered Helm
 * charts): cross-object properties no single-object rule can see.
 */
export interface ClusterStateRule {
  readonly id: string;
  readonly check: (state: ClusterState, ctx: ClusterStateContext) => readonly StateViolation[];
}

/** One problem a whole-output rule found: where (a resource, an object, a config path) and what. */
export interface OutputViolation {
  /** `stack/type.name[#part]`, `env/region/file#Kind/namespace/name`, or a config path. */
  readonly where: string;
  readonly detail: string;
  /** Overrides the pack entry's severity for this finding. @default the entry's */
  readonly severity?: Severity;
  /** The fix for this finding when it names specifics (the declaration to add). @default the entry's remediation */
  readonly remediation?: string;
}

/** What a whole-output rule may read beyond the index: the config. */
export interface OutputContext {
  readonly config: PlatformConfig;
}

/**
 * A rule over the whole synthesized output through the one index: properties
 * across stacks (a key proven in the stack that creates it, a copy in another
 * region), across both halves (retention of Terraform resources and Velero
 * schedules), or of the account (what a stack names exists).
 */
export interface OutputRule {
  readonly id: string;
  /** Terraform types the rule reads (`*` for every type): its scope in reports. */
  readonly types: readonly string[];
  readonly check: (index: OutputIndex, ctx: OutputContext) => readonly OutputViolation[];
}

export type Severity = 'error' | 'warning';

/** Wording and weight of a rule: what reviewers read when it fires. */
export type Rule = AwsRule | K8sRule | ClusterStateRule | OutputRule;

export interface PackEntry<R extends Rule = Rule> {
  readonly rule: R;
  readonly severity: Severity;
  readonly title: string;
  readonly rationale: string;
  readonly remediation: string;
}

/** A named set of rules over one part of the output (or all of it), with their wording. */
export interface TerraformPack {
  readonly name: string;
  readonly target: 'terraform';
  readonly entries: readonly PackEntry<AwsRule>[];
}

export interface KubernetesPack {
  readonly name: string;
  readonly target: 'kubernetes';
  readonly entries: readonly PackEntry<K8sRule>[];
}

export interface ClusterStatePack {
  readonly name: string;
  readonly target: 'cluster-state';
  readonly entries: readonly PackEntry<ClusterStateRule>[];
}

export interface OutputPack {
  readonly name: string;
  readonly target: 'output';
  readonly entries: readonly PackEntry<OutputRule>[];
}

export type Pack = TerraformPack | KubernetesPack | ClusterStatePack | OutputPack;

/** A reviewed exception: one rule, one resource, a reason and an end date. */
export interface Waiver {
  readonly rule: string;
  /**
   * The finding's location: `stack/type.name` or `env/region/file#Kind/namespace/name`;
   * `*` matches within one path segment (no `/`).
   */
  readonly resource: string;
  readonly reason: string;
  /** Last day the waiver holds, `YYYY-MM-DD` (UTC). */
  readonly expires: string;
}
