import { z } from 'zod';
import { k8sName } from './primitives.js';

/** A TradeSense workload; the team owning it gets the namespace it runs in. */
export const ServiceSchema = z.strictObject({
  name: k8sName,
  team: k8sName,
  description: z.string().min(1),
  /** Container port the service listens on. */
  port: z.number().int().min(1024).max(65535),
  /** Steady-state replica count. @default 2 */
  replicas: z.number().int().min(1).default(2),
  /** The services this one calls (mesh and network-policy allows). @default [] */
  calls: z.array(k8sName).default([]),
  /** Holds persistent state (Velero hourly backups, chaos opt-out). @default false */
  stateful: z.boolean().default(false),
  /**
   * On the order path (accepts or checks client orders): in production it runs
   * on on-demand capacity only (a spot reclaim must not drop orders), and Falco
   * watches its outbound connections. @default false
   */
  orderPath: z.boolean().default(false),
});

export type Service = z.infer<typeof ServiceSchema>;
