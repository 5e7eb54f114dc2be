import type { ChangeVerdict, DriftReport } from './classify.js';

const row = (v: ChangeVerdict) => `| \`${v.address}\` | ${v.actions.join(', ')} | ${v.reason} |`;

function table(title: string, verdicts: ChangeVerdict[]): string[] {
  if (verdicts.length === 0) return [];
  return [`#### ${title}`, '', '| resource | actions | why |', '| --- | --- | --- |', ...verdicts.map(row), ''];
}

/** Markdown for the job summary: real drift first, noise folded away. */
export function renderDriftMarkdown(stack: string, report: DriftReport): string {
  const head =
    report.drift.length > 0
      ? `### ${stack}: ${report.drift.length} drifted resource(s)`
      : `### ${stack}: no drift${report.noise.length > 0 ? ` (${report.noise.length} noise)` : ''}`;
  const noise = table('Provider noise (ignored)', report.noise);
  return [
    head,
    '',
    ...table('Real drift', report.drift),
    ...(noise.length > 0 ? ['<details><summary>Provider noise</summary>', '', ...noise, '</details>', ''] : []),
  ].join('\n');
}
