import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { describe, expect, test } from 'vitest';
import { apiOrigins, regionalApiHostname } from '../../config/derive/endpoints.js';
import { retentionDays } from '../../config/derive/retention.js';
import {
  FAILOVER_STATUS_CODES,
  ORIGIN_GROUP_ID,
  PRIMARY_ORIGIN_ID,
  SECONDARY_ORIGIN_ID,
  WRITE_ORIGIN_ID,
} from '../../constructs/aws/api-distribution.js';
import { MANAGED_RULE_GROUPS } from '../../constructs/aws/edge-web-acl.js';
import { configWith, platformConfig, platformStackNames, resourcesOf, stackJson, synthStack } from '../support/platform.js';

const STACK = 'prod-global-edge';
const distribution = () => resourcesOf(STACK, CloudfrontDistribution.tfResourceType)[0] as Record<string, any>;

describe('edge stack', () => {
  test('exists only for production-tier environments', () => {
    const edges = platformStackNames().filter((id) => id.endsWith('-global-edge'));
    expect(edges).toEqual(['prod-global-edge']);
  });

  test('regional API hostnames derive from config', () => {
    expect(regionalApiHostname(platformConfig(), 'us-west-2')).toBe('api-us-west-2.tradesense.io');
    expect(apiOrigins(platformConfig(), 'prod')).toEqual({
      primary: 'api-us-east-1.tradesense.io',
      failover: 'api-us-west-2.tradesense.io',
    });
  });

  test('fails reads over from the primary region origin to the secondary on 5xx', () => {
    const d = distribution();
    const origins = Object.fromEntries(d.origin.map((o: any) => [o.origin_id, o.domain_name]));
    expect(origins).toMatchObject({
      [PRIMARY_ORIGIN_ID]: 'api-us-east-1.tradesense.io',
      [SECONDARY_ORIGIN_ID]: 'api-us-west-2.tradesense.io',
    });
    expect(d.origin_group).toEqual([
      {
        origin_id: ORIGIN_GROUP_ID,
        failover_criteria: { status_codes: FAILOVER_STATUS_CODES },
        member: [{ origin_id: PRIMARY_ORIGIN_ID }, { origin_id: SECONDARY_ORIGIN_ID }],
      },
    ]);
    expect(d.default_cache_behavior).toMatchObject({ target_origin_id: ORIGIN_GROUP_ID, allowed_methods: ['GET', 'HEAD', 'OPTIONS'] });
  });

  test('writes go to the DNS failover name, so a regional outage moves them too (not pinned to the primary region)', () => {
    const d = distribution();
    const origins = Object.fromEntries(d.origin.map((o: any) => [o.origin_id, o.domain_name]));
    expect(origins[WRITE_ORIGIN_ID]).toBe('api-origin.tradesense.io');
    expect(d.ordered_cache_behavior.map((b: any) => [b.path_pattern, b.target_origin_id])).toEqual([
      ['/v1/orders*', WRITE_ORIGIN_ID],
      ['/v1/portfolios*', WRITE_ORIGIN_ID],
    ]);
    for (const b of d.ordered_cache_behavior) expect(b.allowed_methods).toEqual(expect.arrayContaining(['POST', 'PUT', 'PATCH', 'DELETE']));
    expect(() =>
      configWith((c) => {
        if (c.security.edge?.prod) c.security.edge.prod.writePaths = ['/v1/trades*'];
      }),
    ).toThrow(/write path '\/v1\/trades\*' is served by no gitops.publicRoutes prefix/);
  });

  test('every origin request carries the origin-verify header, its value read from the account prerequisite secret', () => {
    const d = distribution();
    for (const o of d.origin) {
      expect(o.custom_header).toEqual([
        { name: 'X-Origin-Verify', value: `\${data.aws_secretsmanager_secret_version.origin-verify.secret_string}` },
      ]);
    }
    expect(synthStack(STACK)).toHaveDataSourceWithProperties('aws_secretsmanager_secret_version', { secret_id: 'prod/edge/origin-verify' });
  });

  test('HTTPS only to viewers and origins, TLS 1.2+ with an ACM certificate from us-east-1', () => {
    const d = distribution();
    expect(d.aliases).toEqual(['api.tradesense.io']);
    expect(d.viewer_certificate).toEqual({
      acm_certificate_arn: expect.stringMatching(
        /^\$\{aws_acm_certificate_validation\.certificate_validation_[0-9A-F]+\.certificate_arn\}$/,
      ),
      ssl_support_method: 'sni-only',
      minimum_protocol_version: 'TLSv1.2_2021',
    });
    expect(d.default_cache_behavior.viewer_protocol_policy).toBe('https-only');
    for (const o of d.origin)
      expect(o.custom_origin_config).toMatchObject({ origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] });
    // Created and DNS-validated by the stack in us-east-1 (CloudFront's region): a fresh account needs only the zone.
    const [cert] = resourcesOf(STACK, 'aws_acm_certificate') as { domain_name: string; validation_method: string; provider?: string }[];
    expect(cert).toMatchObject({ domain_name: 'api.tradesense.io', validation_method: 'DNS' });
    const providers = stackJson(STACK).provider.aws as { alias?: string; region: string }[];
    const alias = cert?.provider?.split('.')[1];
    expect(providers.find((p) => p.alias === alias)?.region).toBe('us-east-1');
    expect(stackJson(STACK).data?.aws_acm_certificate).toBeUndefined();
  });

  test('WAF (CLOUDFRONT scope) applies geo restrictions, a rate limit and the managed rule groups', () => {
    const acl = resourcesOf(STACK, 'aws_wafv2_web_acl')[0] as Record<string, any>;
    expect(acl.scope).toBe('CLOUDFRONT');
    expect(distribution().web_acl_id).toMatch(/^\$\{aws_wafv2_web_acl\.waf_web-acl_[0-9A-F]+\.arn\}$/);
    const rules = Object.fromEntries(acl.rule.map((r: any) => [r.name, r]));
    expect(rules['geo-restriction'].statement).toEqual({ geo_match_statement: { country_codes: ['CU', 'IR', 'KP', 'SY'] } });
    expect(rules['rate-limit-per-ip']).toMatchObject({
      action: { block: {} },
      statement: { rate_based_statement: { limit: 2000, aggregate_key_type: 'IP' } },
    });
    for (const group of MANAGED_RULE_GROUPS)
      expect(rules[group].statement).toEqual({ managed_rule_group_statement: { name: group, vendor_name: 'AWS' } });
    expect(distribution().restrictions.geo_restriction).toEqual({ restriction_type: 'blacklist', locations: ['CU', 'IR', 'KP', 'SY'] });
  });

  test('access logs go to an encrypted log group kept for the network-log retention', () => {
    const group = resourcesOf(STACK, 'aws_cloudwatch_log_group')[0] as Record<string, any>;
    expect(group).toMatchObject({
      retention_in_days: retentionDays(platformConfig(), 'network-logs'),
      tags: { DataClass: 'network-logs' },
    });
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    const [source] = resourcesOf(STACK, 'aws_cloudwatch_log_delivery_source');
    expect(source).toMatchObject({ log_type: 'ACCESS_LOGS', resource_arn: expect.stringMatching(/^\$\{aws_cloudfront_distribution\./) });
    expect(resourcesOf(STACK, 'aws_cloudwatch_log_delivery')).toHaveLength(1);
  });

  test('a production environment without an edge, or an edge on a non-production one, is rejected', () => {
    expect(() =>
      configWith((c) => {
        c.security.edge = {};
      }),
    ).toThrow(/production environment 'prod' has no protected edge; add security.edge.prod/);
    expect(() =>
      configWith((c) => {
        const prod = c.security.edge?.prod;
        if (prod) c.security.edge = { ...c.security.edge, dev: prod };
      }),
    ).toThrow(/'dev' is not a production-tier environment/);
    expect(() =>
      configWith((c) => {
        if (c.security.edge?.prod) c.security.edge.prod.rateLimitPer5Minutes = 5;
      }),
    ).toThrow(/rateLimitPer5Minutes/);
  });

  test('api.<domain> is an alias to the distribution, so every client goes through the WAF', () => {
    const records = resourcesOf('prod-global-edge', 'aws_route53_record').filter((r) => r.alias);
    expect(records.map((r) => r.type).sort()).toEqual(['A', 'AAAA']);
    for (const r of records) {
      expect(r.name).toBe('api.tradesense.io');
      expect(r.alias).toEqual({
        name: expect.stringContaining('aws_cloudfront_distribution'),
        zone_id: expect.stringContaining('hosted_zone_id'),
        evaluate_target_health: false,
      });
    }
  });
});
