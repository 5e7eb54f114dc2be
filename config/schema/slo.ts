import { z } from 'zod';
import { k8sName } from './primitives.js';

/**
 * Bucket bounds (ms) of Istio's request-duration histogram: a latency SLO is
 * "fraction of requests under a bound", so its threshold must be one of them.
 */
export const LATENCY_BUCKETS_MS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000] as const;

const seconds = z.number().int().positive();
const quantity = z.string().regex(/^\d+(\.\d+)?(m|Mi|Gi)?$/, { error: 'must be a Kubernetes quantity such as 250m, 512Mi or 1' });

export const ServiceSloSchema = z.strictObject({
  /** Availability objective in percent of non-5xx requests over the SLO period, e.g. 99.95. */
  availability: z
    .number()
    .gt(90, { error: 'availability is a percentage such as 99.95' })
    .lt(100, { error: 'availability must stay below 100% (a 100% SLO has no error budget)' }),
  /** 99% of requests must complete within this many milliseconds (the p99 latency SLO). */
  latencyP99Ms: z.number().refine((ms) => (LATENCY_BUCKETS_MS as readonly number[]).includes(ms), {
    error: (issue) => `latencyP99Ms ${String(issue.input)} is not a histogram bucket bound; use one of ${LATENCY_BUCKETS_MS.join(', ')}`,
  }),
});

/** How one service is built, run, scaled, load-tested and judged. */
export const ServiceDeliverySchema = z.strictObject({
  /** Image tag in `<ecr>/tradesense/<service>`: a release version or a sha256 digest, never `latest`. */
  version: z.string().regex(/^(\d+\.\d+\.\d+(-[\w.]+)?|sha256:[a-f0-9]{64})$/, {
    error: 'version must be a release such as 1.4.2 or a sha256:<64 hex> digest',
  }),
  /** Language agent the OpenTelemetry operator injects. */
  runtime: z.enum(['java', 'nodejs', 'python', 'dotnet']),
  slo: ServiceSloSchema,
  /** Container requests and limits. @default 250m/512Mi requested, 1/1Gi limits */
  resources: z
    .strictObject({ cpuRequest: quantity, memoryRequest: quantity, cpuLimit: quantity, memoryLimit: quantity })
    .default({ cpuRequest: '250m', memoryRequest: '512Mi', cpuLimit: '1', memoryLimit: '1Gi' }),
  /** HPA bounds: the minimum is the service's `replicas`. */
  autoscaling: z.strictObject({
    maxReplicas: z.number().int().positive(),
    /** Average CPU utilisation (of requests) the HPA aims at. @default 70 */
    targetCpuUtilization: z.number().int().min(10).max(95).default(70),
  }),
  /** HTTP probe paths on the service port. @default /healthz and /readyz */
  probes: z
    .strictObject({ liveness: z.string().startsWith('/'), readiness: z.string().startsWith('/') })
    .default({ liveness: '/healthz', readiness: '/readyz' }),
  /** The k6 load test run against the preview service before promotion, and by CI against staging. */
  loadTest: z.strictObject({
    /** Request path exercised, e.g. a read-only query endpoint. */
    path: z.string().startsWith('/'),
    ratePerSecond: z.number().int().positive(),
    durationSeconds: seconds,
  }),
});

const timing = z.strictObject({
  groupWait: z.string().regex(/^\d+[smh]$/),
  groupInterval: z.string().regex(/^\d+[smh]$/),
  repeatInterval: z.string().regex(/^\d+[smh]$/),
});

export const DeliverySchema = z.strictObject({
  /** Per TradeSense service (by name): every service needs an entry. */
  services: z.record(k8sName, ServiceDeliverySchema),
  /** SLO period; selects the burn-rate window set. @default 30d */
  sloPeriod: z.enum(['28d', '30d']).default('30d'),
  /** Alerts link to `<runbookBaseUrl>#runbook-<slo>` (a page holding one runbook section per SLO kind). */
  runbookBaseUrl: z.url({ protocol: /^https$/, error: 'runbookBaseUrl must be an https URL' }),
  blueGreen: z.strictObject({
    /** How long the previous version keeps running after promotion, so an abort can switch back instantly. */
    scaleDownDelaySeconds: seconds,
    /** A rollout not progressing for this long is aborted. */
    progressDeadlineSeconds: seconds,
  }),
  analysis: z.strictObject({
    initialDelaySeconds: z.number().int().nonnegative(),
    intervalSeconds: seconds,
    /** Measurements per metric; one failed measurement aborts. */
    count: z.number().int().positive(),
    /** Largest error-budget burn rate a new version may show under load; 1 = exactly the SLO. */
    maxBurnRate: z.number().positive(),
  }),
  alerting: z.strictObject({
    /** Slack channel per team owning a service. */
    slackChannels: z.record(k8sName, z.string().regex(/^#[a-z0-9_-]+$/, { error: 'Slack channels read #name' })),
    /** Secrets Manager prefix below the environment's: `<env>/<prefix>/pagerduty/<team>`, `<env>/<prefix>/slack`. */
    secretsPrefix: z.string().regex(/^[\w/+=.@-]+$/),
    page: timing,
    ticket: timing,
  }),
});

export type ServiceSlo = z.infer<typeof ServiceSloSchema>;
export type ServiceDelivery = z.infer<typeof ServiceDeliverySchema>;
export type Delivery = z.infer<typeof DeliverySchema>;
