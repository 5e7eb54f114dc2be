import { breakdown, costQuery, costWindow, summarize, type CostAndUsageResponse, type CostSummary } from './report.js';

/** What the report needs from AWS: injected so tests replay recorded responses. */
export interface CostReportPorts {
  getCostAndUsage(input: ReturnType<typeof costQuery>): Promise<CostAndUsageResponse>;
  publish(subject: string, message: string): Promise<void>;
  /** Posts to Slack; absent when no webhook is configured. */
  postToSlack?(text: string): Promise<void>;
}

export interface CostReportSettings {
  readonly environment: string;
  readonly tagKeys: readonly string[];
  readonly lookbackDays: number;
}

/** Queries Cost Explorer once per taxonomy key (following pages), then publishes one summary. */
export async function runCostReport(ports: CostReportPorts, settings: CostReportSettings, now: Date): Promise<CostSummary> {
  const window = costWindow(now, settings.lookbackDays);
  const breakdowns = [];
  for (const tagKey of settings.tagKeys) {
    const pages: CostAndUsageResponse[] = [];
    let token: string | undefined;
    do {
      const page = await ports.getCostAndUsage(costQuery(window, tagKey, token));
      pages.push(page);
      token = page.NextPageToken;
    } while (token);
    breakdowns.push(breakdown(tagKey, pages, window));
  }
  const summary = summarize(settings.environment, window, breakdowns);
  await ports.publish(summary.subject, summary.text);
  if (ports.postToSlack) await ports.postToSlack(`*${summary.subject}*\n\`\`\`\n${summary.text}\n\`\`\``);
  return summary;
}
