/**
 * `npm run dora -- --deployments <json> --rollouts <json> [--from <date>] [--to <date>] [--prom <file>] [--markdown <file>]`
 * DORA keys from recorded GitHub deployments and Rollout outcomes: Prometheus
 * text and the weekly Markdown summary (stdout when no file is given).
 */
import type { CommandSpec } from '../cli/command.js';
import { InputError, UsageError } from '../cli/errors.js';
import { readJsonFile, stringValue, writeOutputFile } from '../cli/input.js';
import { runCommand, runIfMain, type CliIo } from '../cli/run.js';
import { doraFigures } from './metrics.js';
import { prometheusText } from './prometheus.js';
import { parseDeployments, parseRollouts } from './records.js';
import { weeklySummary } from './summary.js';

export const DORA_COMMAND: CommandSpec = {
  name: 'npm run dora --',
  summary:
    'DORA metrics (deployment frequency, lead time, change failure rate, time to restore) from deployment records and Rollout outcomes.',
  options: {
    deployments: {
      type: 'string',
      value: 'json-file',
      required: true,
      description: 'GitHub deployments with their statuses and commit dates (as the deploy workflow records them)',
    },
    rollouts: { type: 'string', value: 'json-file', required: true, description: 'Argo Rollout outcomes of those deployments' },
    from: { type: 'string', value: 'date', description: 'start of the window, YYYY-MM-DD or ISO timestamp (default: 7 days before --to)' },
    to: { type: 'string', value: 'date', description: 'end of the window (default: today, 00:00 UTC)' },
    prom: { type: 'string', value: 'file', description: 'write the Prometheus text exposition to this file' },
    markdown: { type: 'string', value: 'file', description: 'write the weekly Markdown summary to this file' },
  },
  details: 'Without --prom or --markdown both go to stdout. exit codes: 0 written, 1 unreadable or invalid records, 2 usage error',
};

function date(text: string | undefined, fallback: Date, flag: string): Date {
  if (text === undefined) return fallback;
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--${flag} '${text}' is not a date; use YYYY-MM-DD or an ISO timestamp`);
  return d;
}

/** Records from a file: unreadable, malformed or invalid ones name the file. */
function records<T>(file: string, cwd: string, flag: string, parse: (input: unknown) => T[]): T[] {
  const input = readJsonFile(file, cwd, flag);
  try {
    return parse(input);
  } catch (error) {
    throw new InputError(`${flag} ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(DORA_COMMAND, argv, io, ({ values }) => {
    const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    const to = date(stringValue(values.to), today, 'to');
    const from = date(stringValue(values.from), new Date(to.getTime() - 7 * 86_400_000), 'from');
    if (from >= to) throw new UsageError(`--from ${from.toISOString()} is not before --to ${to.toISOString()}; swap them`);
    const deployments = records(stringValue(values.deployments) ?? '', io.cwd, '--deployments', parseDeployments);
    const rollouts = records(stringValue(values.rollouts) ?? '', io.cwd, '--rollouts', parseRollouts);
    const figures = doraFigures(deployments, rollouts, { from, to });
    const prom = prometheusText(figures);
    const markdown = weeklySummary(figures, { from, to });
    const promFile = stringValue(values.prom);
    const markdownFile = stringValue(values.markdown);
    if (promFile) writeOutputFile(promFile, io.cwd, '--prom', prom);
    if (markdownFile) writeOutputFile(markdownFile, io.cwd, '--markdown', markdown);
    if (!promFile && !markdownFile) io.stdout(`${markdown}\n${prom}`);
    return 0;
  });
}

runIfMain(import.meta.url, run);
