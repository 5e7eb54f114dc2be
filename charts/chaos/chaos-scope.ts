import type { Environment } from '../../config/schema/environment.js';
import type { Service } from '../../config/schema/service.js';
import type { ClusterContext } from '../cluster-context.js';
import { teamNamespace } from '../team-namespaces.js';

/**
 * The namespace annotation Chaos Mesh's filter-namespace mode checks
 * (controllerManager.enableFilterNamespace): without it no experiment, even a
 * hand-written one, can inject into the namespace.
 */
export const CHAOS_INJECT_ANNOTATION = 'chaos-mesh.org/inject';

/** Chaos runs where failures are rehearsed, never where customers trade or developers iterate. */
export function chaosEnabled(tier: Environment['tier']): boolean {
  return tier === 'staging';
}

export interface ChaosScopeOptions {
  /**
   * Stateful services that accept experiments anyway (e.g. after their
   * failover has been proven by hand). @default [] (no stateful service)
   */
  readonly statefulOptIn?: readonly string[];
}

/** The services experiments may target in this cluster: stateless ones, plus stateful ones that opted in. */
export function chaosTargets(ctx: ClusterContext, options: ChaosScopeOptions = {}): Service[] {
  if (!chaosEnabled(ctx.target.env.tier)) return [];
  const optIn = new Set(options.statefulOptIn ?? []);
  return ctx.config.services.filter((s) => !s.stateful || optIn.has(s.name)).sort((a, b) => a.name.localeCompare(b.name));
}

/** Team namespaces that opt in: those running at least one chaos target. */
export function chaosNamespaces(ctx: ClusterContext, options: ChaosScopeOptions = {}): string[] {
  return [...new Set(chaosTargets(ctx, options).map((s) => teamNamespace(s.team)))].sort();
}

/** The opt-in annotation of a team namespace (empty where chaos does not run there). */
export function chaosNamespaceAnnotations(ctx: ClusterContext, team: string): Record<string, string> {
  return chaosNamespaces(ctx).includes(teamNamespace(team)) ? { [CHAOS_INJECT_ANNOTATION]: 'enabled' } : {};
}
