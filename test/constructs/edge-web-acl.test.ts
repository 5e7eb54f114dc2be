import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { describe, expect, test } from 'vitest';
import { EdgeWebAcl, MANAGED_RULE_GROUPS } from '../../constructs/aws/edge-web-acl.js';
import type { EdgeSettings } from '../../config/schema/security.js';
import { awsStack, only, providerRef, regionProvider, synth } from './construct-stack.js';
import { edgeSettings } from './fixtures.js';

function build(settings: EdgeSettings = edgeSettings()) {
  const stack = awsStack();
  new EdgeWebAcl(stack, 'waf', { name: 'prod-api', settings, provider: regionProvider(stack, 'us-east-1') });
  const acl = only(synth(stack), Wafv2WebAcl.tfResourceType);
  return { acl, rule: (name: string) => acl.rule.find((r: any) => r.name === name) };
}

describe('EdgeWebAcl', () => {
  test('CLOUDFRONT-scoped, through the us-east-1 provider; allows what no rule blocks', () => {
    const { acl } = build();
    expect(acl).toMatchObject({ name: 'prod-api', scope: 'CLOUDFRONT', default_action: { allow: {} }, provider: providerRef('us-east-1') });
  });

  test.each([
    ['blacklist', { geo_match_statement: { country_codes: ['KP', 'IR'] } }],
    ['whitelist', { not_statement: { statement: { geo_match_statement: { country_codes: ['KP', 'IR'] } } } }],
  ] as const)('geo restriction %s blocks first (priority 0)', (type, statement) => {
    const { rule } = build(edgeSettings({ geoRestriction: { type, locations: ['KP', 'IR'] } }));
    expect(rule('geo-restriction')).toMatchObject({ priority: 0, action: { block: {} }, statement });
  });

  test('then a per-IP rate limit over 5 minutes at the configured figure', () => {
    const { rule } = build(edgeSettings({ rateLimitPer5Minutes: 500 }));
    expect(rule('rate-limit-per-ip')).toMatchObject({
      priority: 1,
      action: { block: {} },
      statement: { rate_based_statement: { limit: 500, aggregate_key_type: 'IP', evaluation_window_sec: 300 } },
    });
  });

  test('then the AWS managed rule groups, in order, with their own actions', () => {
    const { acl } = build();
    const managed = acl.rule.filter((r: any) => r.statement.managed_rule_group_statement);
    expect(managed.map((r: any) => [r.name, r.priority, r.statement.managed_rule_group_statement.vendor_name])).toEqual(
      MANAGED_RULE_GROUPS.map((g, i) => [g, 10 + i, 'AWS']),
    );
    for (const r of managed) expect(r.override_action).toEqual({ none: {} });
    expect(MANAGED_RULE_GROUPS).toContain('AWSManagedRulesCommonRuleSet');
  });

  test('every rule and the ACL publish metrics and samples, each under its own name', () => {
    const { acl } = build();
    const configs = [acl.visibility_config, ...acl.rule.map((r: any) => r.visibility_config)];
    for (const c of configs) expect(c).toMatchObject({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true });
    const names = configs.map((c) => c.metric_name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => n.startsWith('prod-api'))).toBe(true);
  });
});
