/**
 * The worker thread's entry (bundled apart by tools/synth/bundle.mjs and started
 * by terraform-thread.ts): only the Terraform half, so this thread loads cdktf
 * and the provider while the main thread loads cdk8s and renders the clusters.
 */
import type { PlatformConfig } from '../../config/schema/platform.js';
import { installCheapStackTraces } from './cheap-stack-traces.js';
import { writeTerraformHalf } from './terraform-half.js';

export interface TerraformJob {
  readonly config: PlatformConfig;
  readonly staging: string;
}

/** The thread is ours alone: cdktf's token traces are never shown, so they cost nothing here. */
installCheapStackTraces();

export function handle(job: TerraformJob): string[] {
  return writeTerraformHalf(job.config, job.staging);
}
