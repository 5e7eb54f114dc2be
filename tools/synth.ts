/**
 * `npm run synth`: both halves, every check, atomically, in one process with no network.
 * `npm run synth -- --config what-if.json` synthesizes a JSON config instead of config/values.
 */
import './synth/cheap-stack-traces.js';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadPlatformConfig, parsePlatformConfig } from '../config/index.js';
import { ChartLockError } from './helm/chart-lock.js';
import { HelmUnavailable } from './helm/helm-binary.js';
import { ChartRenderError } from './helm/render-chart.js';
import { SynthFailed, synthesize } from './synth/run.js';

/** Failures that are the user's to fix: printed as they are, no stack trace. */
const USER_ERRORS = [ConfigError, SynthFailed, ChartLockError, ChartRenderError, HelmUnavailable];

async function main(): Promise<void> {
  const started = performance.now();
  const { values } = parseArgs({ options: { config: { type: 'string' } } });
  const config = values.config ? parsePlatformConfig(JSON.parse(readFileSync(values.config, 'utf8'))) : loadPlatformConfig();
  const { output, findings } = await synthesize(config, { root: process.cwd() });
  for (const f of findings) console.warn(`warning [${f.check}] ${f.where}: ${f.message}`);
  const manifests = output.clusters.reduce((n, c) => n + c.files.size, 0);
  const objects = (output.states ?? []).reduce((n, s) => n + s.objects.length, 0);
  console.log(
    `synthesized ${output.stacks.length} stacks to cdktf.out/stacks and ${manifests} files for ${output.clusters.length} clusters to dist/ ` +
      `(cluster state: ${objects} objects checked) in ${Math.round(performance.now() - started)} ms`,
  );
}

main().catch((error: unknown) => {
  if (USER_ERRORS.some((kind) => error instanceof kind)) {
    console.error((error as Error).message);
    console.error('previous output left untouched');
    process.exit(1);
  }
  throw error;
});
