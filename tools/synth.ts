/**
 * `npm run synth`: both halves, every check, atomically, in one process with no network.
 * `npm run synth -- --config what-if.json` synthesizes a JSON config instead of config/values.
 */
import './synth/cheap-stack-traces.js';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadPlatformConfig, parsePlatformConfig } from '../config/index.js';
import { SynthFailed, synthesize } from './synth/run.js';

const started = performance.now();
const { values } = parseArgs({ options: { config: { type: 'string' } } });
try {
  const config = values.config ? parsePlatformConfig(JSON.parse(readFileSync(values.config, 'utf8'))) : loadPlatformConfig();
  const { output, findings } = synthesize(config, { root: process.cwd() });
  for (const f of findings) console.warn(`warning [${f.check}] ${f.where}: ${f.message}`);
  const manifests = output.clusters.reduce((n, c) => n + c.files.size, 0);
  console.log(
    `synthesized ${output.stacks.length} stacks to cdktf.out/stacks and ${manifests} files for ${output.clusters.length} clusters to dist/ ` +
      `in ${Math.round(performance.now() - started)} ms`,
  );
} catch (error) {
  if (error instanceof ConfigError || error instanceof SynthFailed) {
    console.error(error.message);
    console.error('previous output left untouched');
    process.exit(1);
  }
  throw error;
}
