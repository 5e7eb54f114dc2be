import type { PlatformConfigInput } from '../schema/platform.js';

const finops = ['finops@tradesense.io', 'platform@tradesense.io'];

/**
 * TradeSense cost controls: budgets are the `npm run cost` estimate plus head
 * room for usage-based charges it cannot price (logs, S3, transfer).
 */
export const cost: PlatformConfigInput['cost'] = {
  governanceEnvironment: 'prod',
  managementRoleName: 'tradesense-cost-governance',
  anomalyMonitorTagKeys: ['Team', 'Service', 'CostCentre'],
  environments: {
    dev: {
      capacity: 'karpenter',
      monthlyBudgetUsd: 1_500,
      alertEmails: finops,
      anomalyThresholdUsd: 100,
      activateCostAllocationTags: true, // the keys are in Billing: these accounts have run tagged resources
      allocationBudgets: [
        { tagKey: 'Team', tagValue: 'platform', monthlyUsd: 1_000 },
        { tagKey: 'Team', tagValue: 'trading', monthlyUsd: 200 },
      ],
      idleCleanup: { dryRun: false, minAgeDays: 7 },
      janitor: { defaultPreviewTtlHours: 48 },
    },
    staging: {
      capacity: 'karpenter',
      monthlyBudgetUsd: 3_000,
      alertEmails: finops,
      anomalyThresholdUsd: 250,
      activateCostAllocationTags: true,
      allocationBudgets: [
        { tagKey: 'Team', tagValue: 'platform', monthlyUsd: 2_000 },
        { tagKey: 'Service', tagValue: 'market-data-feed', monthlyUsd: 300 },
      ],
    },
    prod: {
      // The managed groups have no autoscaler (Cluster Autoscaler is not vendored): Karpenter adds the nodes
      // the HPAs scale out to, and the on-demand pool the order path needs (charts/rollouts/scheduling.ts).
      capacity: 'karpenter',
      monthlyBudgetUsd: 8_000,
      alertEmails: [...finops, 'cto-office@tradesense.io'],
      anomalyThresholdUsd: 500,
      activateCostAllocationTags: true,
      allocationBudgets: [
        { tagKey: 'Team', tagValue: 'platform', monthlyUsd: 5_000 },
        { tagKey: 'Team', tagValue: 'trading', monthlyUsd: 1_000 },
        { tagKey: 'Team', tagValue: 'market-data', monthlyUsd: 800 },
        { tagKey: 'Service', tagValue: 'order-gateway', monthlyUsd: 600 },
        { tagKey: 'Service', tagValue: 'risk-engine', monthlyUsd: 500 },
      ],
      reports: { slackWebhookSecretName: 'prod/finops/slack-webhook' },
    },
  },
};
