import { teamNamespace } from '../../config/derive/cluster-names.js';
import type { Environment } from '../../config/schema/environment.js';
import type { Service } from '../../config/schema/service.js';

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

/** The services experiments may target in a cluster of `tier`: stateless ones, plus stateful ones that opted in. */
export function chaosTargets(tier: Environment['tier'], services: readonly Service[], options: ChaosScopeOptions = {}): Service[] {
  if (!chaosEnabled(tier)) return [];
  const optIn = new Set(options.statefulOptIn ?? []);
  return services.filter((s) => !s.stateful || optIn.has(s.name)).sort((a, b) => a.name.localeCompare(b.name));
}

/** Team namespaces that opt in: those running at least one chaos target. */
export function chaosNamespaces(targets: readonly Service[]): string[] {
  return [...new Set(targets.map((s) => teamNamespace(s.team)))].sort();
}

/** The opt-in annotation of a team namespace (empty where chaos does not run there). */
export function chaosNamespaceAnnotations(optedIn: readonly string[], namespace: string): Record<string, string> {
  return optedIn.includes(namespace) ? { [CHAOS_INJECT_ANNOTATION]: 'enabled' } : {};
}
