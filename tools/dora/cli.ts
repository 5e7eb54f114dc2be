/**
 * `npm run dora -- --deployments <json> --rollouts <json> [--from <date>] [--to <date>] [--prom <file>] [--markdown <file>]`
 * DORA keys from recorded GitHub deployments and Rollout outcomes: Prometheus
 * text and the weekly Markdown summary (stdout when no file is given).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { doraFigures } from './metrics.js';
import { prometheusText } from './prometheus.js';
import { parseDeployments, parseRollouts } from './records.js';
import { weeklySummary } from './summary.js';

const { values } = parseArgs({
  options: {
    deployments: { type: 'string' },
    rollouts: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    prom: { type: 'string' },
    markdown: { type: 'string' },
  },
});

function date(text: string | undefined, fallback: Date, flag: string): Date {
  if (text === undefined) return fallback;
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new Error(`--${flag} '${text}' is not a date; use YYYY-MM-DD or an ISO timestamp`);
  return d;
}

try {
  if (!values.deployments || !values.rollouts) throw new Error('usage: npm run dora -- --deployments <deployments.json> --rollouts <rollouts.json> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--prom out.prom] [--markdown out.md]');
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const to = date(values.to, today, 'to');
  const from = date(values.from, new Date(to.getTime() - 7 * 86_400_000), 'from');
  const deployments = parseDeployments(JSON.parse(readFileSync(values.deployments, 'utf8')));
  const rollouts = parseRollouts(JSON.parse(readFileSync(values.rollouts, 'utf8')));
  const figures = doraFigures(deployments, rollouts, { from, to });
  const prom = prometheusText(figures);
  const markdown = weeklySummary(figures, { from, to });
  if (values.prom) writeFileSync(values.prom, prom);
  if (values.markdown) writeFileSync(values.markdown, markdown);
  if (!values.prom && !values.markdown) process.stdout.write(`${markdown}\n${prom}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
