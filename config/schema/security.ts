import { z } from 'zod';
import { awsRegion, envName } from './primitives.js';

/** Security Hub standards the platform subscribes to; their ARNs are built in constructs/aws/security-hub.ts. */
export const SECURITY_HUB_STANDARDS = ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark', 'pci-dss'] as const;
export type SecurityHubStandard = (typeof SECURITY_HUB_STANDARDS)[number];

const countryCode = z.string().regex(/^[A-Z]{2}$/, { error: 'geo restriction locations are ISO 3166-1 alpha-2 codes such as KP' });

/** The protected edge (CloudFront + WAF) in front of one production environment's public API. */
export const EdgeSchema = z.strictObject({
  /** Countries CloudFront and WAF refuse (`blacklist`) or the only ones served (`whitelist`). */
  geoRestriction: z.strictObject({
    type: z.enum(['blacklist', 'whitelist']),
    locations: z.array(countryCode).min(1),
  }),
  /** Requests one client IP may send in 5 minutes before the WAF blocks it (AWS minimum 10). */
  rateLimitPer5Minutes: z.number().int().min(10).max(2_000_000_000),
  /** CloudFront price class. @default PriceClass_100 */
  priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']).default('PriceClass_100'),
  /**
   * Path patterns of write endpoints. CloudFront origin groups fail over only GET, HEAD
   * and OPTIONS, so these go to the primary region's origin directly. @default []
   */
  writePaths: z
    .array(z.string().regex(/^\/[\w*./-]*$/, { error: 'write paths are CloudFront path patterns such as /v1/orders*' }))
    .default([]),
  /**
   * The replica region reads fail over to. A CloudFront origin group holds exactly two
   * origins, the primary region's and this one (config/derive/edge.ts).
   * @default the environment's replica, when it has exactly one (required with several)
   */
  failoverRegion: awsRegion.optional(),
});

export const SecuritySchema = z.strictObject({
  /** Security Hub standards subscribed in every region of every environment. */
  securityHubStandards: z.array(z.enum(SECURITY_HUB_STANDARDS)).min(1),
  /** PCI DSS version of the Security Hub standard (3.2.1 or 4.0.1). @default 4.0.1 */
  pciDssVersion: z.enum(['3.2.1', '4.0.1']).default('4.0.1'),
  /** GuardDuty findings at or above this severity page the alerting topic. @default 7 */
  guardDutyAlertSeverity: z.number().min(1).max(10).default(7),
  /** Security Hub severity labels routed to the alerting topic. @default HIGH, CRITICAL */
  securityHubAlertLabels: z
    .array(z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']))
    .min(1)
    .default(['HIGH', 'CRITICAL']),
  /** Protected edge per production-tier environment, keyed by environment name. */
  edge: z.record(envName, EdgeSchema).default({}),
});

export type SecurityConfig = z.infer<typeof SecuritySchema>;
export type EdgeSettings = z.infer<typeof EdgeSchema>;
