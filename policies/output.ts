import type { PlatformConfig } from '../config/schema/platform.js';
import type { ClusterState } from './cluster-state/types.js';

/** The JSON cdktf writes for one stack (`cdk.tf.json`). */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly terraform?: Record<string, unknown>;
  readonly output?: Record<string, unknown>;
}

/** A synthesized Terraform stack as cdktf wrote it. */
export interface SynthStack {
  readonly name: string;
  readonly json: TerraformJson;
}

/** The manifests of one cluster folder (`<env>/<region>`). */
export interface ClusterManifests {
  readonly dir: string;
  /** File name to YAML text. */
  readonly files: ReadonlyMap<string, string>;
  /** The objects behind each file, when the caller rendered them (synth): no YAML to parse. */
  readonly objects?: ReadonlyMap<string, readonly Record<string, unknown>[]>;
}

/**
 * What the guardrails read: a synth's output, or the same trees read back
 * from disk (the diff's base). tools/synth's `SynthOutput` is one.
 */
export interface PolicyInput {
  readonly stacks: readonly SynthStack[];
  readonly clusters: readonly ClusterManifests[];
  /** Each cluster's converged state (our files + rendered charts), when synth rendered it. */
  readonly states?: readonly ClusterState[];
}

/** A problem a check found; `error` fails synth, `warning` is printed. */
export interface Finding {
  readonly severity: 'error' | 'warning';
  /** The rule id (or `policy-waivers` for a waiver's own problem). */
  readonly check: string;
  /** `stack/resource-address`, `env/region/file#Kind/namespace/name` or a config path. */
  readonly where: string;
  readonly message: string;
}

/** A check synth runs over everything it produced and the config it was built from. */
export type OutputCheck = (output: PolicyInput, config: PlatformConfig) => Finding[];
