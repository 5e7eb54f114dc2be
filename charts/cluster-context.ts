import type { ClusterFacts, ClusterTarget, PlatformConfig } from '../config/index.js';

/** What every chart of one cluster receives: config, the target and its derived facts. */
export interface ClusterContext {
  readonly config: PlatformConfig;
  readonly target: ClusterTarget;
  readonly facts: ClusterFacts;
}
