import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { breakdown, costQuery, costWindow, summarize, UNTAGGED, type CostAndUsageResponse } from '../../functions/cost-report/report.js';
import { runCostReport, type CostReportPorts } from '../../functions/cost-report/run.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/cost/${name}`, import.meta.url), 'utf8')) as CostAndUsageResponse;
const NOW = new Date('2026-11-23T07:00:00Z');
const window = costWindow(NOW, 7);

/** Replays recorded GetCostAndUsage pages by tag key and page token. */
function recordedPorts(published: { subject: string; message: string }[], slack?: string[]): CostReportPorts & { queries: unknown[] } {
  const queries: unknown[] = [];
  const pages: Record<string, CostAndUsageResponse> = {
    'Team:': fixture('ce-team-page1.json'),
    'Team:eyJwYWdlIjoyfQ==': fixture('ce-team-page2.json'),
    'Service:': fixture('ce-service.json'),
  };
  return {
    queries,
    getCostAndUsage: async (input) => {
      queries.push(input);
      const page = pages[`${input.GroupBy[0]?.Key}:${'NextPageToken' in input ? input.NextPageToken : ''}`];
      if (!page) throw new Error(`no recorded response for ${JSON.stringify(input)}`);
      return page;
    },
    publish: async (subject, message) => {
      published.push({ subject, message });
    },
    postToSlack: slack ? async (text) => void slack.push(text) : undefined,
  };
}

describe('cost report', () => {
  test('the window is the last full week and the week before it, ending at midnight UTC', () => {
    expect(window).toEqual({ previousStart: '2026-11-09', currentStart: '2026-11-16', end: '2026-11-23' });
  });

  test('the query asks for daily unblended cost over both weeks, grouped by one tag', () => {
    expect(costQuery(window, 'Team')).toEqual({
      TimePeriod: { Start: '2026-11-09', End: '2026-11-23' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'TAG', Key: 'Team' }],
    });
  });

  test('recorded pages sum into this week and last week per tag value; empty values are untagged', () => {
    const b = breakdown('Team', [fixture('ce-team-page1.json'), fixture('ce-team-page2.json')], window);
    expect(b.current).toBeCloseTo(560, 6);
    expect(b.previous).toBeCloseTo(591.5, 6);
    expect(b.groups.map((g) => g.value)).toEqual(['platform', 'trading', 'market-data', UNTAGGED]);
    expect(b.groups[0]).toMatchObject({ value: 'platform', current: 378, previous: 420 });
  });

  test('follows NextPageToken, publishes one summary and warns when much spend is untagged', async () => {
    const published: { subject: string; message: string }[] = [];
    const ports = recordedPorts(published);
    const summary = await runCostReport(ports, { environment: 'prod', tagKeys: ['Team', 'Service'], lookbackDays: 7 }, NOW);
    expect(ports.queries).toHaveLength(3);
    expect(summary.total).toBeCloseTo(560, 6);
    expect(summary.untaggedShare).toBeCloseTo(0.1, 6);
    expect(published).toHaveLength(1);
    expect(published[0]?.subject).toBe('[prod] weekly cost $560.00 (-5.3%)');
    expect(published[0]?.message).toContain('Warning: 10.0% of spend lacks a taxonomy tag');
    expect(published[0]?.message).toMatch(/order-gateway\s+\$66\.50\s+\+58\.3%/);
  });

  test('posts to Slack only when a webhook is configured', async () => {
    const slack: string[] = [];
    await runCostReport(recordedPorts([], slack), { environment: 'dev', tagKeys: ['Service'], lookbackDays: 7 }, NOW);
    expect(slack).toHaveLength(1);
    expect(slack[0]).toMatch(/^\*\[dev\] weekly cost \$560\.00/);
  });

  test('no warning when untagged spend stays under 5%', () => {
    const b = breakdown('Team', [fixture('ce-team-page1.json'), fixture('ce-team-page2.json')], window);
    expect(summarize('dev', window, [b]).text).not.toContain('Warning');
  });
});
