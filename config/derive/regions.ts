import type { AwsRegion } from '../reference/aws-regions.js';
import type { RegionSpec } from '../schema/environment.js';

/**
 * The regions of an environment, derived once: the primary first, then the
 * replicas in config order. Every stack, chart and tool that needs "the other
 * regions" asks here instead of reading `regions` itself.
 */

/** A primary region takes writes; a replica holds a copy of everything to fail over to. */
export type RegionRole = 'primary' | 'replica';

/** The `regions` of an environment, parsed or as written (replicas default to none). */
export interface EnvironmentRegions {
  readonly regions: { readonly primary: RegionSpec; readonly replicas?: readonly RegionSpec[] };
}

/** One region of an environment with its role and where it sits in config (below `environments.<env>`). */
export interface PlacedRegion {
  readonly role: RegionRole;
  readonly region: AwsRegion;
  readonly spec: RegionSpec;
  readonly path: readonly (string | number)[];
}

/** The environment's regions with their roles and config paths, primary first. */
export function placedRegions(env: EnvironmentRegions): PlacedRegion[] {
  const { primary, replicas = [] } = env.regions;
  return [
    { role: 'primary', region: primary.region, spec: primary, path: ['regions', 'primary'] },
    ...replicas.map((spec, i): PlacedRegion => ({ role: 'replica', region: spec.region, spec, path: ['regions', 'replicas', i] })),
  ];
}

/** Every region of the environment, primary first (of parsed config, or of values as written). */
export function environmentRegions<R = AwsRegion>(env: {
  readonly regions: { readonly primary: { readonly region: R }; readonly replicas?: readonly { readonly region: R }[] };
}): R[] {
  return [env.regions.primary.region, ...(env.regions.replicas ?? []).map((spec) => spec.region)];
}

/** The replica regions, in config order. */
export function replicaRegions(env: EnvironmentRegions): AwsRegion[] {
  return (env.regions.replicas ?? []).map((spec) => spec.region);
}

/** The other regions of the environment, as seen from `region`, primary first. */
export function peersOf(env: EnvironmentRegions, region: AwsRegion): AwsRegion[] {
  return environmentRegions(env).filter((r) => r !== region);
}
