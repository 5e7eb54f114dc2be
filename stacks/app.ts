import { App } from 'cdktf';
import { clusterTargets, orderedEnvironments, type PlatformConfig } from '../config/index.js';
import { ClusterStack } from './cluster.js';
import { NetworkStack } from './network.js';
import { StateBootstrapStack } from './state-bootstrap.js';

export interface TerraformAppOptions {
  /** Where cdktf writes `stacks/<name>/cdk.tf.json` and `manifest.json`. */
  readonly outdir: string;
}

/**
 * The Terraform half: the only loop over environments x regions. Stacks take
 * already-resolved, typed props; capabilities add their stacks here.
 */
export function buildTerraformApp(config: PlatformConfig, options: TerraformAppOptions): App {
  // stackTraces off: traces hold absolute paths, which would break byte-identical output.
  const app = new App({ outdir: options.outdir, stackTraces: false });
  for (const [envName] of orderedEnvironments(config)) {
    new StateBootstrapStack(app, config, envName);
  }
  for (const target of clusterTargets(config)) {
    const network = new NetworkStack(app, config, target);
    new ClusterStack(app, config, target, network);
  }
  return app;
}
