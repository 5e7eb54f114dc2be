import type { AwsRegion } from './aws-regions.js';

/**
 * Where AWS keeps the regional parts of its global services (AWS facts, not choices).
 */

/** Where CloudFront keeps its certificates, WAF web ACLs and log delivery. */
export const CLOUDFRONT_REGION: AwsRegion = 'us-east-1';

/** Route53 publishes health-check metrics only in us-east-1: their alarms must live there. */
export const ROUTE53_METRICS_REGION: AwsRegion = 'us-east-1';
