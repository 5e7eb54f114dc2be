/** `npm run compliance [-- --out <file>]`: the compliance report, from config and an in-memory synth (no network). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadPlatformConfig } from '../../config/index.js';
import { synthesizeTo } from '../synth/run.js';
import { gatherEvidence } from './evidence.js';
import { complianceReport } from './report.js';

const outIndex = process.argv.indexOf('--out');
const outFile = outIndex === -1 ? undefined : process.argv[outIndex + 1];
const staging = mkdtempSync(join(tmpdir(), 'tradesense-compliance-'));
try {
  const config = loadPlatformConfig();
  const output = synthesizeTo(config, staging);
  const report = complianceReport(gatherEvidence(output, config), config);
  if (outFile) writeFileSync(outFile, report.markdown);
  else process.stdout.write(report.markdown);
  if (report.missing.length) {
    console.error(`the control mapping names unknown guardrails or checks:\n${report.missing.map((m) => `  - ${m}`).join('\n')}`);
    process.exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  rmSync(staging, { recursive: true, force: true });
}
