import type { PlatformConfigInput } from '../schema/platform.js';

/**
 * TradeSense delivery: versions, SLOs, autoscaling and load tests per service,
 * and the blue-green / analysis / alerting settings shared by all of them.
 */
export const delivery: PlatformConfigInput['delivery'] = {
  services: {
    'order-gateway': {
      version: '3.14.2',
      runtime: 'java',
      slo: { availability: 99.95, latencyP99Ms: 250 },
      resources: { cpuRequest: '500m', memoryRequest: '1Gi', cpuLimit: '2', memoryLimit: '2Gi' },
      autoscaling: { maxReplicas: 12, targetCpuUtilization: 60 },
      loadTest: { path: '/v1/orders/validate', ratePerSecond: 200, durationSeconds: 420 },
    },
    'market-data-feed': {
      version: '2.8.0',
      runtime: 'java',
      slo: { availability: 99.95, latencyP99Ms: 100 },
      resources: { cpuRequest: '500m', memoryRequest: '1Gi', cpuLimit: '2', memoryLimit: '2Gi' },
      autoscaling: { maxReplicas: 10 },
      loadTest: { path: '/v1/quotes/AAPL', ratePerSecond: 500, durationSeconds: 420 },
    },
    'risk-engine': {
      version: '1.22.5',
      runtime: 'python',
      slo: { availability: 99.9, latencyP99Ms: 500 },
      autoscaling: { maxReplicas: 6 },
      loadTest: { path: '/v1/limits/check', ratePerSecond: 100, durationSeconds: 420 },
    },
    'portfolio-api': {
      version: '4.3.1',
      runtime: 'nodejs',
      slo: { availability: 99.9, latencyP99Ms: 500 },
      autoscaling: { maxReplicas: 8 },
      loadTest: { path: '/v1/portfolios/summary', ratePerSecond: 100, durationSeconds: 420 },
    },
  },
  sloPeriod: '30d',
  // Alerts link to the runbook section of each SLO kind: <base>#runbook-<slo>.
  runbookBaseUrl: 'https://github.com/tradesense/platform/blob/main/docs/delivery-and-observability.md',
  // Post-promotion analysis (60 s + 5 x 60 s) finishes well inside the 15-minute window.
  blueGreen: { scaleDownDelaySeconds: 900, progressDeadlineSeconds: 900 },
  analysis: { initialDelaySeconds: 60, intervalSeconds: 60, count: 5, maxBurnRate: 1 },
  alerting: {
    slackChannels: {
      trading: '#trading-alerts',
      'market-data': '#market-data-alerts',
      risk: '#risk-alerts',
      portfolio: '#portfolio-alerts',
      platform: '#platform-alerts',
    },
    secretsPrefix: 'alerting',
    // Pages reach a human within 30 s and repeat every 10 min: a 15-minute MTTR leaves no room for batching.
    page: { groupWait: '30s', groupInterval: '2m', repeatInterval: '10m' },
    ticket: { groupWait: '5m', groupInterval: '30m', repeatInterval: '12h' },
  },
};
