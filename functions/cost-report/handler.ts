import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { runCostReport, type CostReportPorts } from './run.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

async function slackPoster(secretId: string): Promise<(text: string) => Promise<void>> {
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretId }));
  const url = secret.SecretString?.trim();
  if (!url?.startsWith('https://hooks.slack.com/')) throw new Error(`secret ${secretId} does not hold a Slack webhook URL`);
  return async (text) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    if (!response.ok) throw new Error(`Slack webhook answered ${response.status}`);
  };
}

/** Weekly cost report: Cost Explorer grouped by the tag taxonomy, to SNS and optionally Slack. */
export async function handler(): Promise<{ total: number }> {
  const ce = new CostExplorerClient({});
  const sns = new SNSClient({});
  const topicArn = required('TOPIC_ARN');
  const slackSecret = process.env.SLACK_WEBHOOK_SECRET;
  const ports: CostReportPorts = {
    getCostAndUsage: (input) => ce.send(new GetCostAndUsageCommand(input)),
    publish: async (Subject, Message) => {
      await sns.send(new PublishCommand({ TopicArn: topicArn, Subject, Message }));
    },
    postToSlack: slackSecret ? await slackPoster(slackSecret) : undefined,
  };
  const summary = await runCostReport(
    ports,
    { environment: required('ENVIRONMENT'), tagKeys: required('TAG_KEYS').split(','), lookbackDays: Number(required('LOOKBACK_DAYS')) },
    new Date(),
  );
  return { total: summary.total };
}
