import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { CeAnomalyMonitor } from '@cdktf/provider-aws/lib/ce-anomaly-monitor';
import { CeAnomalySubscription } from '@cdktf/provider-aws/lib/ce-anomaly-subscription';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import { costNames, costSettings, taxonomyValues } from '../config/derive/cost.js';
import type { AllocationBudget } from '../config/schema/cost.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { AlertTopic } from '../constructs/aws/alert-topic.js';
import { PlatformStack } from './platform-stack.js';

/** Budget alerts: 80% of actual spend, and a forecast to exceed the whole budget. */
export const BUDGET_NOTIFICATIONS = [
  { threshold: 80, notificationType: 'ACTUAL' },
  { threshold: 100, notificationType: 'FORECASTED' },
] as const;

const budgetName = (b: AllocationBudget) => `${b.tagKey}-${b.tagValue}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');

/**
 * `<env>-global-cost-controls`: the environment account's budgets, anomaly
 * monitors and alert topic, and an Organizations tag policy for the tag taxonomy
 * when a management account is set. Cost allocation tags are activated later, by
 * `<env>-global-cost-tag-activation`.
 */
export class CostControlsStack extends PlatformStack {
  readonly alerts: AlertTopic;

  constructor(scope: Construct, config: PlatformConfig, envName: string) {
    super(scope, { config, envName, region: 'global', kind: 'cost-controls', tags: { Service: 'cost-controls' } });
    const settings = costSettings(config, envName);
    this.alerts = new AlertTopic(this, 'alerts', {
      accountId: this.accountId,
      topicName: costNames(config, envName).alertsTopic,
      emails: settings.alertEmails,
      publishers: ['budgets.amazonaws.com', 'costalerts.amazonaws.com'],
      keyUsers: [`logs.${this.region}.amazonaws.com`],
    });
    const topicArn = this.alerts.topic.arn;
    const notification = BUDGET_NOTIFICATIONS.map((n) => ({
      ...n,
      comparisonOperator: 'GREATER_THAN',
      thresholdType: 'PERCENTAGE',
      subscriberSnsTopicArns: [topicArn],
      subscriberEmailAddresses: [...settings.alertEmails].sort(),
    }));
    const budget = (id: string, name: string, usd: number, costFilter?: { name: string; values: string[] }[]) =>
      new BudgetsBudget(this, id, { name, budgetType: 'COST', limitAmount: usd.toFixed(2), limitUnit: 'USD', timeUnit: 'MONTHLY', costFilter, notification, dependsOn: [this.alerts.topic] });
    // The account is the environment's own, so its whole spend is the environment's.
    budget('budget-environment', `${envName}-monthly`, settings.monthlyBudgetUsd);
    for (const b of settings.allocationBudgets) {
      budget(`budget-${budgetName(b)}`, `${envName}-${budgetName(b)}-monthly`, b.monthlyUsd, [{ name: 'TagKeyValue', values: [`user:${b.tagKey}$${b.tagValue}`] }]);
    }

    const values = taxonomyValues(config);
    const monitors = [
      new CeAnomalyMonitor(this, 'anomaly-services', { name: `${envName}-by-service`, monitorType: 'DIMENSIONAL', monitorDimension: 'SERVICE' }),
      ...config.cost.anomalyMonitorTagKeys.map((key) =>
        new CeAnomalyMonitor(this, `anomaly-tag-${key.toLowerCase()}`, {
          name: `${envName}-by-${key.toLowerCase()}`,
          monitorType: 'CUSTOM',
          // The full expression shape, as the API returns it, avoids a perpetual diff.
          monitorSpecification: JSON.stringify({ And: null, CostCategories: null, Dimensions: null, Not: null, Or: null, Tags: { Key: key, MatchOptions: null, Values: values[key] ?? [] } }),
        }),
      ),
    ];
    new CeAnomalySubscription(this, 'anomaly-subscription', {
      name: `${envName}-cost-anomalies`,
      // SNS subscribers require IMMEDIATE; e-mail reaches people through the topic.
      frequency: 'IMMEDIATE',
      monitorArnList: monitors.map((m) => m.arn),
      subscriber: [{ type: 'SNS', address: topicArn }],
      thresholdExpression: { dimension: { key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', matchOptions: ['GREATER_THAN_OR_EQUAL'], values: [String(settings.anomalyThresholdUsd)] } },
      dependsOn: [this.alerts.topic],
    });

    // Activation moved to <env>-global-cost-tag-activation: forget these here without deactivating them.
    this.addOverride(
      'removed',
      config.tagTaxonomy.map((def) => ({ from: `aws_ce_cost_allocation_tag.cost-allocation-tag-${def.key.toLowerCase()}`, lifecycle: { destroy: false } })),
    );

    if (config.organization.managementAccountId && envName === config.cost.governanceEnvironment) {
      const management = managementProvider(this, config, envName);
      const policy = new OrganizationsPolicy(this, 'tag-policy', {
        provider: management,
        name: `${config.organization.name}-tag-taxonomy`,
        description: 'The TradeSense tag taxonomy: key casing and allowed values (config.tagTaxonomy)',
        type: 'TAG_POLICY',
        content: tagPolicyContent(config),
      });
      const accounts = [...new Set(Object.values(config.environments).map((e) => e.accountId))].sort();
      accounts.forEach((targetId) => new OrganizationsPolicyAttachment(this, `tag-policy-${targetId}`, { provider: management, policyId: policy.id, targetId }));
    }
  }
}

/** The governance environment's provider in the management account (tag policy, cost allocation tags). */
export function managementProvider(stack: PlatformStack, config: PlatformConfig, envName: string): AwsProvider {
  const managementAccountId = config.organization.managementAccountId;
  if (!managementAccountId) throw new Error(`stack ${stack.node.id}: no organization.managementAccountId in config`);
  return new AwsProvider(stack, 'aws-management', {
    alias: 'management',
    region: stack.region,
    allowedAccountIds: [managementAccountId],
    assumeRole: [{ roleArn: `arn:aws:iam::${managementAccountId}:role/${config.cost.managementRoleName}`, sessionName: `${envName}-cost-governance` }],
    defaultTags: [{ tags: stack.tags }],
  });
}

/**
 * Organizations tag-policy syntax: every key's casing, and its values where the
 * taxonomy fixes them (open-ended keys such as Service get no value list).
 */
export function tagPolicyContent(config: PlatformConfig): string {
  const tags = Object.fromEntries(
    config.tagTaxonomy.map((def) => [
      def.key.toLowerCase(),
      { tag_key: { '@@assign': def.key }, ...(def.allowedValues ? { tag_value: { '@@assign': def.allowedValues } } : {}) },
    ]),
  );
  return JSON.stringify({ tags });
}
