import type { RenderedCluster } from '../../charts/app.js';
import type { ClusterState } from '../../policies/cluster-state/types.js';
import type { PolicyInput, SynthStack } from '../../policies/output.js';

export type { Finding, OutputCheck, SynthStack, TerraformJson } from '../../policies/output.js';

/** Everything one synth produced, before it is moved into place: what the guardrails read, with each cluster's render context. */
export interface SynthOutput extends PolicyInput {
  readonly stacks: SynthStack[];
  readonly clusters: RenderedCluster[];
  /** Each cluster's converged state (our files + the Helm charts rendered as Argo CD would); synth always renders it. */
  readonly states?: readonly ClusterState[];
}
