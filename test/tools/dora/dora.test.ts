import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { doraFigures } from '../../../tools/dora/metrics.js';
import { prometheusText } from '../../../tools/dora/prometheus.js';
import { parseDeployments, parseRollouts } from '../../../tools/dora/records.js';
import { weeklySummary } from '../../../tools/dora/summary.js';
import { run as dora } from '../../../tools/dora/cli.js';
import { runCli } from '../cli/harness.js';

const REPO = resolve(__dirname, '../../..');

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/dora/${name}.json`, 'utf8'));
const deployments = parseDeployments(fixture('deployments'));
const rollouts = parseRollouts(fixture('rollouts'));
const week = { from: new Date('2026-11-16T00:00:00Z'), to: new Date('2026-11-23T00:00:00Z') };
const figures = doraFigures(deployments, rollouts, week);
const env = (name: string) => figures.find((f) => f.environment === name);

describe('DORA figures on the recorded week 2026-11-16..23', () => {
  test('prod: 6 finished deployments (the one before the window and the queued one excluded), 4 successful', () => {
    expect(env('prod')).toMatchObject({ deployments: 6, successful: 4, failed: 2, unrestored: 0 });
    expect(env('prod')?.deploymentsPerDay).toBeCloseTo(4 / 7, 10);
  });

  test('change failure rate counts the aborted rollout and the rollback the workflow reported as success', () => {
    expect(env('prod')?.changeFailureRatio).toBeCloseTo(2 / 6, 10);
    expect(env('staging')?.changeFailureRatio).toBe(0);
  });

  test('lead time is the median commit-to-success time of successful deployments', () => {
    // 4h20m, 12h15m, 2h18m, 1h42m -> median of 2h18m and 4h20m
    expect(env('prod')?.leadTimeMedianSeconds).toBe((8280 + 15600) / 2);
    expect(env('staging')?.leadTimeMedianSeconds).toBe(5400);
  });

  test('time to restore is the mean abort-to-restore time of failed rollouts', () => {
    expect(env('prod')?.timeToRestoreMeanSeconds).toBe((240 + 720) / 2);
    expect(env('staging')?.timeToRestoreMeanSeconds).toBeUndefined();
  });

  test('without rollout data a failure is restored by the next successful deployment', () => {
    const f = doraFigures(deployments, [], week).find((x) => x.environment === 'prod');
    // Only the workflow-reported failure (13:22 on the 18th) remains; next success 10:18 on the 19th.
    expect(f).toMatchObject({ failed: 1, successful: 5, unrestored: 0 });
    expect(f?.timeToRestoreMeanSeconds).toBe(20 * 3600 + 56 * 60);
  });

  test('an unrestored rollback is reported, not averaged', () => {
    const open = rollouts.map((r) => (r.phase === 'Degraded' ? { ...r, restored_at: undefined } : r));
    expect(doraFigures(deployments, open, week).find((x) => x.environment === 'prod')).toMatchObject({
      unrestored: 1,
      timeToRestoreMeanSeconds: 240,
    });
  });
});

test('Prometheus text export', () => {
  expect(prometheusText(figures)).toBe(
    [
      '# HELP dora_deployments Deployments that finished in the reporting window.',
      '# TYPE dora_deployments gauge',
      'dora_deployments{environment="prod"} 6',
      'dora_deployments{environment="staging"} 3',
      '# HELP dora_deployment_frequency_per_day Successful deployments per day over the reporting window.',
      '# TYPE dora_deployment_frequency_per_day gauge',
      'dora_deployment_frequency_per_day{environment="prod"} 0.571429',
      'dora_deployment_frequency_per_day{environment="staging"} 0.428571',
      '# HELP dora_lead_time_median_seconds Median time from commit to successful deployment, in seconds.',
      '# TYPE dora_lead_time_median_seconds gauge',
      'dora_lead_time_median_seconds{environment="prod"} 11940',
      'dora_lead_time_median_seconds{environment="staging"} 5400',
      '# HELP dora_change_failure_ratio Share of deployments that failed, were aborted or rolled back.',
      '# TYPE dora_change_failure_ratio gauge',
      'dora_change_failure_ratio{environment="prod"} 0.333333',
      'dora_change_failure_ratio{environment="staging"} 0',
      '# HELP dora_time_to_restore_mean_seconds Mean time from a failed change to the service restored, in seconds.',
      '# TYPE dora_time_to_restore_mean_seconds gauge',
      'dora_time_to_restore_mean_seconds{environment="prod"} 480',
      '',
    ].join('\n'),
  );
});

test('weekly Markdown summary marks each key against its target', () => {
  const md = weeklySummary(figures, week);
  expect(md).toContain('# DORA summary, 2026-11-16 to 2026-11-23');
  expect(md).toContain('| prod | 4/6 | 0.57 ❌ | 3.3 h | 33.3% ❌ | 8 min ✅ |');
  expect(md).toContain('| staging | 3/3 | 0.43 ❌ | 1.5 h | 0.0% ✅ | n/a |');
});

describe('bad input', () => {
  test('a malformed record names the field', () => {
    const bad = fixture('deployments');
    bad[2].statuses[0].state = 'done';
    expect(() => parseDeployments(bad)).toThrow(/invalid deployments record at \[2\.statuses\.0\.state\]/);
  });
  test('a timestamp without a zone', () => {
    const bad = fixture('rollouts');
    bad[0].finished_at = '2026-11-16 14:19';
    expect(() => parseRollouts(bad)).toThrow(/timestamps are ISO 8601 with a zone/);
  });
  test('an empty window', () => {
    expect(() => doraFigures(deployments, rollouts, { from: week.to, to: week.from })).toThrow(/empty window/);
  });
});

test('npm run dora writes both outputs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dora-'));
  const argv = [
    '--deployments',
    'test/fixtures/dora/deployments.json',
    '--rollouts',
    'test/fixtures/dora/rollouts.json',
    '--from',
    '2026-11-16',
    '--to',
    '2026-11-23',
    '--prom',
    join(dir, 'dora.prom'),
    '--markdown',
    join(dir, 'dora.md'),
  ];
  expect(await runCli(dora, argv, REPO)).toEqual({ code: 0, stdout: '', stderr: '' });
  expect(readFileSync(join(dir, 'dora.prom'), 'utf8')).toBe(prometheusText(figures));
  expect(readFileSync(join(dir, 'dora.md'), 'utf8')).toBe(weeklySummary(figures, week));
});
