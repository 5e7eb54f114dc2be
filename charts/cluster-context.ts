import type { ClusterFacts } from '../config/derive/facts.js';
import type { ClusterTarget } from '../config/derive/targets.js';
import type { PlatformConfig } from '../config/schema/platform.js';

/** What every chart of one cluster receives: config, the target and its derived facts. */
export interface ClusterContext {
  readonly config: PlatformConfig;
  readonly target: ClusterTarget;
  readonly facts: ClusterFacts;
}
