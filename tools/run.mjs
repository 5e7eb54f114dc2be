#!/usr/bin/env node
/**
 * Runs a TypeScript entry point fast: esbuild bundles it with the packages it
 * loads into one CommonJS file under .build/ (tools/synth/bundle.mjs), then Node
 * requires it. Measured on the full synth: 1.5 s / 175 MB instead of 2.7 s /
 * 220 MB through a TypeScript loader. The bundle is reused while
 * none of its inputs changed (one stat per input), so a warm run skips esbuild,
 * and every module is compiled through a V8 code cache (tools/synth/compile-cache.mjs),
 * so a warm run skips most parsing and compiling too.
 *
 * Usage: node tools/run.mjs <entry.ts> [args...]
 */
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePaths, ensureBundle } from './synth/bundle.mjs';
import { compileCacheFile, installCompileCache } from './synth/compile-cache.mjs';
import { startTerraformWorkerEarly } from './synth/terraform-worker-start.mjs';

/** Commands whose work is a synth (the last: the base's synth that npm run diff runs in its worktree). */
const SYNTH_COMMANDS = ['tools/synth.ts', 'tools/cdktf-app.ts', 'tools/cdk8s-app.ts', 'tools/diff/cli.ts', '.synth-diff-child.ts'];

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node tools/run.mjs <entry.ts> [args...]');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
// Commands whose work is a synth: its Terraform thread starts now, and loads while this thread loads the command.
if (SYNTH_COMMANDS.some((command) => resolve(entry) === join(root, command))) startTerraformWorkerEarly(root);
const launcher = [relative(root, fileURLToPath(import.meta.url)), 'tools/synth/bundle.mjs', 'tools/synth/terraform-worker-start.mjs'];
const bundle = await ensureBundle(root, resolve(entry), launcher);
const saveCompileCache = installCompileCache(compileCacheFile(root, bundlePaths(root, resolve(entry)).name));
// Written at exit, when the run compiled anything new: the bytes then hold every function that ran.
process.on('exit', saveCompileCache);
process.argv = [process.argv[0], resolve(entry), ...args];
createRequire(import.meta.url)(bundle);
