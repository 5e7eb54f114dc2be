import { z } from 'zod';
import { envName, k8sName } from './primitives.js';

const uriPrefix = z
  .string()
  .regex(/^\/[\w./-]*[\w-]$/, { error: "a route is a URI prefix such as '/v1/orders' (no wildcard, no trailing slash)" });

const cron = z.string().regex(/^(\S+\s+){4}\S+$/, { error: 'must be a five-field cron expression such as "30 9 * * 1-5"' });

/**
 * An Argo CD sync window of one environment's AppProjects. A `deny` window stops
 * automated syncs while it is active; `manualSync: true` still lets an operator
 * sync by hand (the documented emergency override, docs/gitops.md).
 */
export const SyncWindowSchema = z.strictObject({
  kind: z.enum(['allow', 'deny']),
  /** When the window opens, in `timeZone`. */
  schedule: cron,
  /** How long it stays open, Go duration such as `6h30m`. */
  duration: z
    .string()
    .regex(/^(\d+h)?(\d+m)?$/, { error: 'duration reads like 6h30m, 2h or 45m' })
    .refine((d) => d !== '', { error: 'duration cannot be empty' }),
  /** IANA time zone of `schedule`, so market hours follow daylight saving. @default UTC */
  timeZone: z.string().min(1).default('UTC'),
  /** Manual syncs stay allowed during a deny window (emergency override). @default true */
  manualSync: z.boolean().default(true),
  /** Why the window exists, shown in the Argo CD UI. */
  description: z.string().min(1),
});

export const GitopsSchema = z.strictObject({
  /** Sync windows per environment name; environments not listed sync at any time. @default {} */
  syncWindows: z.record(envName, z.array(SyncWindowSchema)).default({}),
  /** Argo CD automated sync retries: attempts and backoff. */
  retry: z
    .strictObject({
      limit: z.number().int().min(1).max(20).default(5),
      backoffDuration: z
        .string()
        .regex(/^\d+[sm]$/)
        .default('10s'),
      backoffFactor: z.number().int().min(1).max(4).default(2),
      backoffMaxDuration: z
        .string()
        .regex(/^\d+[sm]$/)
        .default('5m'),
    })
    .default({ limit: 5, backoffDuration: '10s', backoffFactor: 2, backoffMaxDuration: '5m' }),
  /** Where Istio sends spans (Tempo's OTLP gRPC receiver, run by the observability stack). */
  tracing: z.strictObject({
    service: z
      .string()
      .regex(/^[a-z0-9.-]+\.svc\.cluster\.local$/, { error: 'tracing.service must be an in-cluster FQDN ending in .svc.cluster.local' }),
    port: z.number().int().min(1).max(65535),
    /** Percentage of requests traced. @default 10 */
    samplingPercentage: z.number().min(0).max(100).default(10),
  }),
  /** Services reachable through the Istio ingress gateway. @default [] */
  publicServices: z.array(k8sName).default([]),
  /**
   * URI prefixes the ingress gateway routes to each public service, e.g.
   * `{ 'order-gateway': ['/v1/orders'] }` (charts/istio/ingress-routes.ts). @default {}
   */
  publicRoutes: z.record(k8sName, z.array(uriPrefix).min(1, { error: 'give a public service at least one route prefix' })).default({}),
  /** Velero schedules (cron, UTC): hourly for stateful namespaces, daily for everything. */
  backupSchedules: z
    .strictObject({ hourly: cron.default('0 * * * *'), daily: cron.default('0 3 * * *') })
    .default({ hourly: '0 * * * *', daily: '0 3 * * *' }),
  /** How often External Secrets re-reads Secrets Manager. @default 1h */
  secretRefreshInterval: z
    .string()
    .regex(/^\d+[smh]$/)
    .default('1h'),
});

export type GitopsConfig = z.infer<typeof GitopsSchema>;
export type SyncWindow = z.infer<typeof SyncWindowSchema>;
