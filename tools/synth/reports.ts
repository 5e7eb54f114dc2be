import type { PlatformConfig } from '../../config/schema/platform.js';
import { drRunbooks } from '../dr/runbook.js';
import { prerequisiteReports } from '../prerequisites/report.js';
import { costBreakdownReport } from '../reports/cost-breakdown.js';
import { stackGraphReport } from '../reports/stack-graph.js';
import { encryptionReportJson, encryptionReportMarkdown } from '../security/encryption-report.js';
import type { SynthOutput } from './output.js';

/**
 * Documents generated on every synth from config and the synthesized names
 * (DR runbook, encryption report...), written to `dist/reports/<file>` with the
 * rest of the output. Capabilities register theirs here.
 */
export type SynthReport = (output: SynthOutput, config: PlatformConfig) => string;

export const SYNTH_REPORTS: Record<string, SynthReport> = {
  'cost-breakdown.md': costBreakdownReport,
  'encryption-report.json': encryptionReportJson,
  'encryption-report.md': encryptionReportMarkdown,
  'stack-graph.md': stackGraphReport,
};

/** Every report of one synth, file name to text, in a stable order: the fixed ones, one DR runbook and one prerequisites list per environment. */
export function synthReports(output: SynthOutput, config: PlatformConfig): [string, string][] {
  const reports = { ...SYNTH_REPORTS, ...drRunbooks(config), ...prerequisiteReports(config) };
  return Object.keys(reports)
    .sort()
    .map((file) => [file, reports[file]?.(output, config) ?? '']);
}
