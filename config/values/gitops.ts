import type { PlatformConfigInput } from '../schema/platform.js';

/** URI prefixes the ingress gateway routes to each public service; the edge's write paths (security.edge.prod.writePaths) must fall under these. */
const publicRoutes: Record<string, string[]> = { 'order-gateway': ['/v1/orders'], 'portfolio-api': ['/v1/portfolios'] };

/** TradeSense GitOps: when Argo CD may sync, where traces go, what is public, how often backups run. */
export const gitops: PlatformConfigInput['gitops'] = {
  syncWindows: {
    prod: [
      {
        kind: 'deny',
        // NYSE/Nasdaq regular session 09:30-16:00 New York (13:30-20:00 UTC in summer time).
        schedule: '30 9 * * 1-5',
        duration: '6h30m',
        timeZone: 'America/New_York',
        manualSync: true,
        description: 'Market hours freeze: no automated prod syncs while US equity markets trade',
      },
    ],
  },
  retry: { limit: 5, backoffDuration: '10s', backoffFactor: 2, backoffMaxDuration: '5m' },
  // Mesh spans go through the OpenTelemetry collector (charts/observability/apm.ts), which feeds Tempo and derives span metrics.
  tracing: { service: 'tradesense-collector.observability.svc.cluster.local', port: 4317, samplingPercentage: 10 },
  // Every routed service is public (the mesh and network policies let the gateway in).
  publicServices: Object.keys(publicRoutes),
  publicRoutes,
  backupSchedules: { hourly: '0 * * * *', daily: '0 3 * * *' },
  secretRefreshInterval: '1h',
};
