import type { PlatformConfigInput } from '../schema/platform.js';

/** TradeSense security baseline: posture standards, alert thresholds, the production edge. */
export const security: PlatformConfigInput['security'] = {
  securityHubStandards: ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark', 'pci-dss'],
  pciDssVersion: '4.0.1',
  guardDutyAlertSeverity: 7,
  securityHubAlertLabels: ['HIGH', 'CRITICAL'],
  edge: {
    prod: {
      // OFAC comprehensively sanctioned jurisdictions: a broker-dealer may not serve them.
      geoRestriction: { type: 'blacklist', locations: ['CU', 'IR', 'KP', 'SY'] },
      // ~7 requests/s sustained per client IP; trading clients batch through the order API.
      rateLimitPer5Minutes: 2000,
      priceClass: 'PriceClass_100',
      writePaths: ['/v1/orders*', '/v1/portfolios*'],
    },
  },
};
