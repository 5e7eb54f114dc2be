import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Wafv2WebAcl, type Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Construct } from 'constructs';
import type { EdgeSettings } from '../../config/schema/security.js';

/** AWS managed rule groups, evaluated after the geo and rate rules. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesSQLiRuleSet',
] as const;

export interface EdgeWebAclProps {
  readonly name: string;
  readonly settings: EdgeSettings;
  /** A provider in us-east-1: CLOUDFRONT-scoped web ACLs live only there. */
  readonly provider: AwsProvider;
}

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

/**
 * The WAF in front of CloudFront: geo restriction, a per-IP rate limit, then
 * the AWS managed rule groups. Statements are untyped in the provider, hence
 * the snake_case Terraform keys.
 */
export class EdgeWebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    const geo = props.settings.geoRestriction;
    const geoMatch = { geo_match_statement: { country_codes: geo.locations } };
    const rules: Wafv2WebAclRule[] = [
      {
        name: 'geo-restriction',
        priority: 0,
        action: { block: {} },
        statement: geo.type === 'blacklist' ? geoMatch : { not_statement: { statement: geoMatch } },
        visibilityConfig: visibility(`${props.name}-geo`),
      },
      {
        name: 'rate-limit-per-ip',
        priority: 1,
        action: { block: {} },
        statement: {
          rate_based_statement: { limit: props.settings.rateLimitPer5Minutes, aggregate_key_type: 'IP', evaluation_window_sec: 300 },
        },
        visibilityConfig: visibility(`${props.name}-rate`),
      },
      ...MANAGED_RULE_GROUPS.map((group, i): Wafv2WebAclRule => ({
        name: group,
        priority: 10 + i,
        overrideAction: { none: {} },
        statement: { managed_rule_group_statement: { name: group, vendor_name: 'AWS' } },
        visibilityConfig: visibility(`${props.name}-${group}`),
      })),
    ];
    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      name: props.name,
      description: `Protects the public API behind CloudFront (${props.name})`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(props.name),
      provider: props.provider,
    });
  }
}
