/** `npm run compliance [-- --out <file>] [--config <file>]`: the compliance report, from config and an in-memory synth (no network). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlatformConfig } from '../../config/schema/platform.js';
import type { CommandSpec } from '../cli/command.js';
import { InputError } from '../cli/errors.js';
import { configFromOption, stringValue, writeOutputFile } from '../cli/input.js';
import { runCommand, runIfMain, type CliIo } from '../cli/run.js';
import { synthesizeTo } from '../synth/run.js';
import { gatherEvidence } from './evidence.js';
import { complianceReport } from './report.js';

export const COMPLIANCE_COMMAND: CommandSpec = {
  name: 'npm run compliance --',
  summary: 'SOC 2, PCI DSS, GDPR and HIPAA controls with the resources and guardrails that implement them (Markdown).',
  options: {
    out: { type: 'string', value: 'file', description: 'write the report to this file instead of stdout' },
    config: {
      type: 'string',
      value: 'file',
      description: 'report on this JSON config (start from `npm run -s config -- --json`) instead of config/values',
    },
  },
  details: 'exit codes: 0 written, 1 bad config or a control naming an unknown guardrail, 2 usage error',
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(COMPLIANCE_COMMAND, argv, io, async ({ values }) => {
    const outFile = stringValue(values.out);
    let config: PlatformConfig;
    try {
      config = configFromOption(stringValue(values.config), io.cwd);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.stderr(`${error.message}\n`);
      return 1;
    }
    const staging = mkdtempSync(join(tmpdir(), 'tradesense-compliance-'));
    try {
      const report = complianceReport(gatherEvidence(await synthesizeTo(config, staging), config), config);
      if (outFile) writeOutputFile(outFile, io.cwd, '--out', report.markdown);
      else io.stdout(report.markdown);
      if (report.missing.length === 0) return 0;
      io.stderr(`the control mapping names unknown guardrails or checks:\n${report.missing.map((m) => `  - ${m}`).join('\n')}\n`);
      return 1;
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  });
}

runIfMain(import.meta.url, run);
