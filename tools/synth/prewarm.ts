/**
 * Imported first by tools/synth.ts: when that file runs as the program, the
 * Terraform thread starts before this thread loads its own modules (cdk8s,
 * the policies), so both load at once. A test that imports the CLI starts nothing.
 */
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../helm/chart-lock.js';
import { prewarmTerraformThread } from './terraform-thread.js';

const entry = process.argv[1];
if (entry && resolve(entry) === join(REPO_ROOT, 'tools', 'synth.ts')) prewarmTerraformThread();
