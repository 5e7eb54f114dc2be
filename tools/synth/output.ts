import type { RenderedCluster } from '../../charts/app.js';
import type { PlatformConfig } from '../../config/index.js';
import type { ClusterState } from '../../policies/cluster-state/types.js';

/** A synthesized Terraform stack as cdktf wrote it. */
export interface SynthStack {
  readonly name: string;
  readonly json: TerraformJson;
}

export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly terraform?: Record<string, unknown>;
  readonly output?: Record<string, unknown>;
}

/** Everything one synth produced, before it is moved into place. */
export interface SynthOutput {
  readonly stacks: SynthStack[];
  readonly clusters: RenderedCluster[];
  /** Each cluster's converged state (our files + the Helm charts rendered as Argo CD would); synth always renders it. */
  readonly states?: readonly ClusterState[];
}

/** A problem a check found; `error` fails synth, `warning` is printed. */
export interface Finding {
  readonly severity: 'error' | 'warning';
  readonly check: string;
  /** `stack/resource-address` or `env/region/file#Kind/namespace/name`. */
  readonly where: string;
  readonly message: string;
}

/** A check over the whole synthesized output (guardrails, data-loss guards...) and the config it was built from. */
export type OutputCheck = (output: SynthOutput, config: PlatformConfig) => Finding[];
