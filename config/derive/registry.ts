import type { AwsRegion } from '../reference/aws-regions.js';
import type { RegionRole } from './regions.js';

/**
 * The only registry a cluster pulls from is its account's ECR in its region
 * (ClusterFacts.ecrRegistry). Upstream images come through these pull-through
 * caches, addressed as `<ecrRegistry>/<prefix>/<upstream repository>:<tag>`;
 * TradeSense's own images live in `tradesense/<service>` repositories.
 */
export const PULL_THROUGH_CACHES = {
  'docker-hub': { upstream: 'registry-1.docker.io', credentials: true },
  ghcr: { upstream: 'ghcr.io', credentials: true },
  quay: { upstream: 'quay.io', credentials: false },
  k8s: { upstream: 'registry.k8s.io', credentials: false },
  'ecr-public': { upstream: 'public.ecr.aws', credentials: false },
} as const satisfies Record<string, { upstream: string; credentials: boolean }>;

export type PullThroughPrefix = keyof typeof PULL_THROUGH_CACHES;

/** Repository namespace of TradeSense's own service images. */
export const SERVICE_REPOSITORY_PREFIX = 'tradesense';

export function serviceRepository(service: string): string {
  return `${SERVICE_REPOSITORY_PREFIX}/${service}`;
}

/** ECR requires pull-through credentials in secrets named with this prefix. */
export function pullThroughSecretName(prefix: PullThroughPrefix): string {
  return `ecr-pullthroughcache/${prefix}`;
}

/** An upstream image repository as a cluster pulls it: through the pull-through cache of its own ECR registry. */
export function mirroredRepository(ecrRegistry: string, cache: PullThroughPrefix, repository: string): string {
  return `${ecrRegistry}/${cache}/${repository}`;
}

/** A pull-through cache as a registry (Helm charts that take `registry` and `repository` apart). */
export function mirroredRegistry(ecrRegistry: string, cache: PullThroughPrefix): string {
  return `${ecrRegistry}/${cache}`;
}

/**
 * Where a region's registry replicates the service repositories: the primary
 * (where CI pushes) to every replica region, in config order; a replica
 * replicates nothing.
 */
export function registryReplicaRegions(target: { readonly role: RegionRole; readonly peers: readonly AwsRegion[] }): AwsRegion[] {
  return target.role === 'primary' ? [...target.peers] : [];
}
