import type { PlatformConfig } from '../../config/index.js';
import type { SynthOutput } from './output.js';
import { DR_RUNBOOKS } from '../dr/runbook.js';
import { encryptionReportJson, encryptionReportMarkdown } from '../security/encryption-report.js';

/**
 * Documents generated on every synth from config and the synthesized names
 * (DR runbook, encryption report...), written to `dist/reports/<file>` with the
 * rest of the output. Capabilities register theirs here.
 */
export type SynthReport = (output: SynthOutput, config: PlatformConfig) => string;

export const SYNTH_REPORTS: Record<string, SynthReport> = {
  ...DR_RUNBOOKS,
  'encryption-report.json': encryptionReportJson,
  'encryption-report.md': encryptionReportMarkdown,
};
