import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { CeAnomalyMonitor } from '@cdktf/provider-aws/lib/ce-anomaly-monitor';
import { CeAnomalySubscription } from '@cdktf/provider-aws/lib/ce-anomaly-subscription';
import { CeCostAllocationTag } from '@cdktf/provider-aws/lib/ce-cost-allocation-tag';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { App, type TerraformStack } from 'cdktf';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { addAccountStacks } from '../../stacks/app.js';
import { configWith, platformConfig, resourcesOf, synthScopeStack, synthStack } from '../support/platform.js';

const STACK = 'prod-global-cost-controls';
const TAXONOMY = ['CostCentre', 'DataClassification', 'Environment', 'ManagedBy', 'Service', 'Team'];

/** One cost-controls stack outside the shared app, for configs the app does not have. */
function controlsFor(config: PlatformConfig, envName: string): Record<string, any> {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cost-controls-')), stackTraces: false });
  addAccountStacks(app, config, envName);
  return JSON.parse(synthScopeStack(app.node.findChild(`${envName}-global-cost-controls`) as TerraformStack));
}

describe('cost controls stack', () => {
  test.each(['dev', 'staging', 'prod'])('%s has a global cost-controls stack with its monthly budget', (env) => {
    expect(synthStack(`${env}-global-cost-controls`)).toHaveResourceWithProperties(BudgetsBudget, {
      name: `${env}-monthly`,
      budget_type: 'COST',
      limit_amount: platformConfig().cost.environments[env]?.monthlyBudgetUsd.toFixed(2),
      limit_unit: 'USD',
      time_unit: 'MONTHLY',
    });
  });

  test('every budget alerts at 80% actual and 100% forecast through SNS and e-mail', () => {
    const budgets = resourcesOf(STACK, BudgetsBudget.tfResourceType);
    expect(budgets.length).toBe(1 + (platformConfig().cost.environments.prod?.allocationBudgets.length ?? 0));
    for (const b of budgets) {
      expect(b.notification).toEqual([
        expect.objectContaining({
          threshold: 80,
          notification_type: 'ACTUAL',
          threshold_type: 'PERCENTAGE',
          comparison_operator: 'GREATER_THAN',
          subscriber_sns_topic_arns: [expect.stringMatching(/aws_sns_topic\.alerts_topic/)],
          subscriber_email_addresses: expect.arrayContaining(['finops@tradesense.io']),
        }),
        expect.objectContaining({ threshold: 100, notification_type: 'FORECASTED', threshold_type: 'PERCENTAGE' }),
      ]);
    }
  });

  test('team and service budgets filter on their cost allocation tag', () => {
    expect(synthStack(STACK)).toHaveResourceWithProperties(BudgetsBudget, {
      name: 'prod-team-trading-monthly',
      limit_amount: '1000.00',
      cost_filter: [{ name: 'TagKeyValue', values: ['user:Team$trading'] }],
    });
    expect(synthStack(STACK)).toHaveResourceWithProperties(BudgetsBudget, {
      name: 'prod-service-order-gateway-monthly',
      cost_filter: [{ name: 'TagKeyValue', values: ['user:Service$order-gateway'] }],
    });
  });

  test('the alert topic is encrypted with a customer key that budgets and anomaly detection may use', () => {
    const [topic] = resourcesOf(STACK, SnsTopic.tfResourceType);
    expect(topic).toMatchObject({
      name: 'tradesense-prod-cost-alerts',
      kms_master_key_id: expect.stringMatching(/aws_kms_key\.alerts_key/),
    });
    const [key] = resourcesOf(STACK, 'aws_kms_key');
    const principals = JSON.parse(key.policy)
      .Statement.map((s: any) => s.Principal?.Service)
      .filter(Boolean);
    expect(principals).toEqual(expect.arrayContaining(['budgets.amazonaws.com', 'costalerts.amazonaws.com']));
    const subscriptions = resourcesOf(STACK, 'aws_sns_topic_subscription').map((s) => s.endpoint);
    expect(subscriptions).toEqual(['cto-office@tradesense.io', 'finops@tradesense.io', 'platform@tradesense.io']);
  });

  test('anomaly monitors: one per AWS service, one per configured cost allocation tag, one subscription with a threshold', () => {
    const monitors = resourcesOf(STACK, CeAnomalyMonitor.tfResourceType);
    expect(monitors.find((m) => m.monitor_type === 'DIMENSIONAL')).toMatchObject({ monitor_dimension: 'SERVICE' });
    const custom = Object.fromEntries(
      monitors
        .filter((m) => m.monitor_type === 'CUSTOM')
        .map((m) => JSON.parse(m.monitor_specification).Tags)
        .map((t) => [t.Key, t.Values]),
    );
    expect(Object.keys(custom).sort()).toEqual(['CostCentre', 'Service', 'Team']);
    expect(custom.Team).toEqual(['market-data', 'platform', 'portfolio', 'risk', 'trading']);
    expect(custom.CostCentre).toEqual(['CC-1000', 'CC-2010', 'CC-2020', 'CC-2030', 'CC-2040']);
    const [subscription] = resourcesOf(STACK, CeAnomalySubscription.tfResourceType);
    expect(subscription).toMatchObject({
      frequency: 'IMMEDIATE',
      subscriber: [{ type: 'SNS', address: expect.stringMatching(/aws_sns_topic\.alerts_topic/) }],
      threshold_expression: {
        dimension: { key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', match_options: ['GREATER_THAN_OR_EQUAL'], values: ['500'] },
      },
    });
    expect(subscription.monitor_arn_list).toHaveLength(4);
  });

  test('activates no cost allocation tag (a later stack does) and forgets the ones it held without deactivating them', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      const json = JSON.parse(synthStack(`${env}-global-cost-controls`));
      expect(json.resource[CeCostAllocationTag.tfResourceType]).toBeUndefined();
      expect(json.removed.map((r: any) => r.from).sort()).toEqual(
        TAXONOMY.map((k) => `aws_ce_cost_allocation_tag.cost-allocation-tag-${k.toLowerCase()}`).sort(),
      );
      expect(json.removed.every((r: any) => r.lifecycle.destroy === false)).toBe(true);
    }
    expect(synthStack(STACK)).not.toHaveResource(OrganizationsPolicy);
  });

  describe('with a management account', () => {
    const config = configWith((c) => {
      c.organization.managementAccountId = '999988887777';
    });
    const governance = controlsFor(config, 'prod');
    const member = controlsFor(config, 'dev');

    test('the governance environment creates a tag policy in the management account and attaches it to every environment account', () => {
      const [policy] = Object.values(governance.resource[OrganizationsPolicy.tfResourceType]) as any[];
      expect(policy).toMatchObject({ type: 'TAG_POLICY', name: 'tradesense-tag-taxonomy', provider: 'aws.management' });
      const content = JSON.parse(policy.content).tags;
      expect(Object.keys(content).sort()).toEqual(TAXONOMY.map((k) => k.toLowerCase()).sort());
      expect(content.managedby).toEqual({ tag_key: { '@@assign': 'ManagedBy' }, tag_value: { '@@assign': ['terraform', 'argocd'] } });
      expect(content.service).toEqual({ tag_key: { '@@assign': 'Service' } });
      const targets = Object.values(governance.resource[OrganizationsPolicyAttachment.tfResourceType])
        .map((a: any) => a.target_id)
        .sort();
      expect(targets).toEqual(['210987654321', '310987654321', '410987654321']);
    });

    test('the management provider assumes the configured role and is pinned to the management account', () => {
      const management = governance.provider.aws.find((p: any) => p.alias === 'management');
      expect(management).toMatchObject({
        allowed_account_ids: ['999988887777'],
        assume_role: [{ role_arn: 'arn:aws:iam::999988887777:role/tradesense-cost-governance' }],
      });
    });

    test('the member environments hold no organization-wide resource', () => {
      expect(member.resource[OrganizationsPolicy.tfResourceType]).toBeUndefined();
      expect(member.provider.aws.find((p: any) => p.alias === 'management')).toBeUndefined();
    });
  });
});
