import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { CeAnomalyMonitor } from '@cdktf/provider-aws/lib/ce-anomaly-monitor';
import { CeAnomalySubscription } from '@cdktf/provider-aws/lib/ce-anomaly-subscription';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import type { ManagementAccess, TagPolicyPlacement } from '../config/derive/organization.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import type { AllocationBudget, EnvironmentCost } from '../config/schema/cost.js';
import type { TagDefinition } from '../config/schema/organization.js';
import { AlertTopic } from '../constructs/aws/alert-topic.js';
import { PlatformStack } from './platform-stack.js';

/** Budget alerts: 80% of actual spend, and a forecast to exceed the whole budget. */
export const BUDGET_NOTIFICATIONS = [
  { threshold: 80, notificationType: 'ACTUAL' },
  { threshold: 100, notificationType: 'FORECASTED' },
] as const;

const budgetName = (b: AllocationBudget) => `${b.tagKey}-${b.tagValue}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');

export interface CostControlsStackProps {
  readonly environment: StackEnvironment;
  /** Budgets, who is alerted and from which anomaly on (cost.environments.<env>). */
  readonly settings: Pick<EnvironmentCost, 'monthlyBudgetUsd' | 'allocationBudgets' | 'alertEmails' | 'anomalyThresholdUsd'>;
  /** The alert topic; the cost report publishes to it too (config/derive/cost.ts `costNames`). */
  readonly alertsTopicName: string;
  /** Tag keys watched by an anomaly monitor of their own (cost.anomalyMonitorTagKeys), with every value each takes. */
  readonly anomalyMonitorTags: readonly { readonly key: string; readonly values: readonly string[] }[];
  /** The tag policy, held by the governance environment in an organization. @default none */
  readonly tagPolicy?: TagPolicyPlacement;
}

/**
 * `<env>-global-cost-controls`: the environment account's budgets, anomaly
 * monitors and alert topic, and an Organizations tag policy for the tag taxonomy
 * when a management account is set. Cost allocation tags are activated later, by
 * `<env>-global-cost-tag-activation`.
 */
export class CostControlsStack extends PlatformStack {
  readonly alerts: AlertTopic;

  constructor(scope: Construct, id: string, props: CostControlsStackProps) {
    super(scope, { environment: props.environment, region: 'global', kind: 'cost-controls', tags: { Service: 'cost-controls' } }, id);
    const { settings } = props;
    const envName = this.envName;
    const taxonomy = props.environment.tagTaxonomy;
    this.alerts = new AlertTopic(this, 'alerts', {
      accountId: this.accountId,
      topicName: props.alertsTopicName,
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
      new BudgetsBudget(this, id, {
        name,
        budgetType: 'COST',
        limitAmount: usd.toFixed(2),
        limitUnit: 'USD',
        timeUnit: 'MONTHLY',
        costFilter,
        notification,
        dependsOn: [this.alerts.topic],
      });
    // The account is the environment's own, so its whole spend is the environment's.
    budget('budget-environment', `${envName}-monthly`, settings.monthlyBudgetUsd);
    for (const b of settings.allocationBudgets) {
      budget(`budget-${budgetName(b)}`, `${envName}-${budgetName(b)}-monthly`, b.monthlyUsd, [
        { name: 'TagKeyValue', values: [`user:${b.tagKey}$${b.tagValue}`] },
      ]);
    }

    const monitors = [
      new CeAnomalyMonitor(this, 'anomaly-services', {
        name: `${envName}-by-service`,
        monitorType: 'DIMENSIONAL',
        monitorDimension: 'SERVICE',
      }),
      ...props.anomalyMonitorTags.map(
        ({ key, values }) =>
          new CeAnomalyMonitor(this, `anomaly-tag-${key.toLowerCase()}`, {
            name: `${envName}-by-${key.toLowerCase()}`,
            monitorType: 'CUSTOM',
            // The full expression shape, as the API returns it, avoids a perpetual diff.
            monitorSpecification: JSON.stringify({
              And: null,
              CostCategories: null,
              Dimensions: null,
              Not: null,
              Or: null,
              Tags: { Key: key, MatchOptions: null, Values: values },
            }),
          }),
      ),
    ];
    new CeAnomalySubscription(this, 'anomaly-subscription', {
      name: `${envName}-cost-anomalies`,
      // SNS subscribers require IMMEDIATE; e-mail reaches people through the topic.
      frequency: 'IMMEDIATE',
      monitorArnList: monitors.map((m) => m.arn),
      subscriber: [{ type: 'SNS', address: topicArn }],
      thresholdExpression: {
        dimension: {
          key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE',
          matchOptions: ['GREATER_THAN_OR_EQUAL'],
          values: [String(settings.anomalyThresholdUsd)],
        },
      },
      dependsOn: [this.alerts.topic],
    });

    // Activation moved to <env>-global-cost-tag-activation: forget these here without deactivating them.
    this.addOverride(
      'removed',
      taxonomy.map((def) => ({
        from: `aws_ce_cost_allocation_tag.cost-allocation-tag-${def.key.toLowerCase()}`,
        lifecycle: { destroy: false },
      })),
    );

    if (props.tagPolicy) {
      const management = managementProvider(this, props.tagPolicy.management);
      const policy = new OrganizationsPolicy(this, 'tag-policy', {
        provider: management,
        name: props.tagPolicy.name,
        description: 'The TradeSense tag taxonomy: key casing and allowed values (config.tagTaxonomy)',
        type: 'TAG_POLICY',
        content: tagPolicyContent(taxonomy),
      });
      props.tagPolicy.targetAccounts.forEach(
        (targetId) =>
          new OrganizationsPolicyAttachment(this, `tag-policy-${targetId}`, { provider: management, policyId: policy.id, targetId }),
      );
    }
  }
}

/** The governance environment's provider in the management account (tag policy, cost allocation tags). */
export function managementProvider(stack: PlatformStack, access: ManagementAccess): AwsProvider {
  return new AwsProvider(stack, 'aws-management', {
    alias: 'management',
    region: stack.region,
    allowedAccountIds: [access.accountId],
    assumeRole: [{ roleArn: access.roleArn, sessionName: access.sessionName }],
    defaultTags: [{ tags: stack.tags }],
  });
}

/**
 * Organizations tag-policy syntax: every key's casing, and its values where the
 * taxonomy fixes them (open-ended keys such as Service get no value list).
 */
export function tagPolicyContent(taxonomy: readonly TagDefinition[]): string {
  const tags = Object.fromEntries(
    taxonomy.map((def) => [
      def.key.toLowerCase(),
      { tag_key: { '@@assign': def.key }, ...(def.allowedValues ? { tag_value: { '@@assign': def.allowedValues } } : {}) },
    ]),
  );
  return JSON.stringify({ tags });
}
