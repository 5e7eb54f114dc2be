import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { DataAwsCloudfrontCachePolicy } from '@cdktf/provider-aws/lib/data-aws-cloudfront-cache-policy';
import { DataAwsCloudfrontOriginRequestPolicy } from '@cdktf/provider-aws/lib/data-aws-cloudfront-origin-request-policy';
import { describe, expect, test } from 'vitest';
import {
  ApiDistribution,
  FAILOVER_STATUS_CODES,
  ORIGIN_GROUP_ID,
  PRIMARY_ORIGIN_ID,
  SECONDARY_ORIGIN_ID,
  WRITE_ORIGIN_ID,
} from '../../constructs/aws/api-distribution.js';
import type { EdgeSettings } from '../../config/schema/security.js';
import { awsStack, namedData, only, synth } from './construct-stack.js';
import { edgeSettings } from './fixtures.js';

const CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/edge';
const WAF = 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/prod-api/1';

function build(settings: EdgeSettings = edgeSettings()) {
  const stack = awsStack();
  new ApiDistribution(stack, 'api', {
    hostname: 'api.example.com',
    primaryOrigin: 'api.us-east-1.example.com',
    secondaryOrigin: 'api.us-west-2.example.com',
    writeOrigin: 'api-failover.example.com',
    originVerify: { header: 'X-Origin-Verify', value: 'secret' },
    certificateArn: CERT,
    webAclArn: WAF,
    settings,
  });
  const out = synth(stack);
  return { out, d: only(out, CloudfrontDistribution.tfResourceType) };
}

describe('ApiDistribution', () => {
  test('serves the public hostname with its certificate, SNI, TLS 1.2+ to viewers, behind the WAF', () => {
    const { d } = build();
    expect(d).toMatchObject({
      enabled: true,
      aliases: ['api.example.com'],
      web_acl_id: WAF,
      viewer_certificate: { acm_certificate_arn: CERT, ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' },
    });
  });

  test('three HTTPS-only, TLS 1.2 origins, each sent the origin-verify header', () => {
    const { d } = build();
    expect(d.origin.map((o: any) => [o.origin_id, o.domain_name])).toEqual([
      [PRIMARY_ORIGIN_ID, 'api.us-east-1.example.com'],
      [SECONDARY_ORIGIN_ID, 'api.us-west-2.example.com'],
      [WRITE_ORIGIN_ID, 'api-failover.example.com'],
    ]);
    for (const o of d.origin) {
      expect(o.custom_origin_config).toMatchObject({ origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] });
      expect(o.custom_header).toEqual([{ name: 'X-Origin-Verify', value: 'secret' }]);
    }
  });

  test('reads fail over from the primary to the secondary on 5xx', () => {
    const { d } = build();
    expect(d.origin_group).toEqual([
      {
        origin_id: ORIGIN_GROUP_ID,
        failover_criteria: { status_codes: FAILOVER_STATUS_CODES },
        member: [{ origin_id: PRIMARY_ORIGIN_ID }, { origin_id: SECONDARY_ORIGIN_ID }],
      },
    ]);
    expect(d.default_cache_behavior).toMatchObject({
      target_origin_id: ORIGIN_GROUP_ID,
      allowed_methods: ['GET', 'HEAD', 'OPTIONS'],
      viewer_protocol_policy: 'https-only',
    });
    expect(FAILOVER_STATUS_CODES).toEqual([500, 502, 503, 504]);
  });

  test.each([
    [[], []],
    [
      ['/v1/orders*', '/v1/transfers*'],
      ['/v1/orders*', '/v1/transfers*'],
    ],
  ])('write paths %j go to the DNS failover name with every method', (writePaths, patterns) => {
    const behaviours = build(edgeSettings({ writePaths })).d.ordered_cache_behavior ?? [];
    expect(behaviours.map((b: any) => b.path_pattern)).toEqual(patterns);
    for (const b of behaviours)
      expect(b).toMatchObject({
        target_origin_id: WRITE_ORIGIN_ID,
        allowed_methods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
        viewer_protocol_policy: 'https-only',
      });
  });

  test('nothing is cached and the viewer Host is not forwarded (origins present their regional certificates)', () => {
    const { out, d } = build();
    expect(namedData(out, DataAwsCloudfrontCachePolicy.tfResourceType, 'Managed-CachingDisabled')).toBeDefined();
    expect(namedData(out, DataAwsCloudfrontOriginRequestPolicy.tfResourceType, 'Managed-AllViewerExceptHostHeader')).toBeDefined();
    expect(d.default_cache_behavior.cache_policy_id).toMatch(/^\$\{data\.aws_cloudfront_cache_policy\.[^.]+\.id\}$/);
    expect(d.default_cache_behavior.origin_request_policy_id).toMatch(/^\$\{data\.aws_cloudfront_origin_request_policy\.[^.]+\.id\}$/);
  });

  test('price class and geo restriction come from the edge settings (PriceClass_100 by default)', () => {
    expect(build().d).toMatchObject({
      price_class: 'PriceClass_100',
      restrictions: { geo_restriction: { restriction_type: 'blacklist', locations: ['KP', 'IR'] } },
    });
    expect(build(edgeSettings({ priceClass: 'PriceClass_All', geoRestriction: { type: 'whitelist', locations: ['US'] } })).d).toMatchObject(
      {
        price_class: 'PriceClass_All',
        restrictions: { geo_restriction: { restriction_type: 'whitelist', locations: ['US'] } },
      },
    );
  });
});
