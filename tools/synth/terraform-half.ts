import { join } from 'node:path';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { buildTerraformApp } from '../../stacks/app.js';
import { synthesizeApp } from './single-pass-synth.js';
import { TERRAFORM_DIR } from './swap.js';

/** The Terraform half into `<staging>/cdktf.out`; returns the stack names in name order. */
export function writeTerraformHalf(config: PlatformConfig, staging: string): string[] {
  const app = buildTerraformApp(config, { outdir: join(staging, TERRAFORM_DIR) });
  synthesizeApp(app);
  return app.node.children.map((c) => c.node.id).sort();
}
