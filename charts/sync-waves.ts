/**
 * The one sync-wave convention of every cluster. Argo CD applies a lower wave
 * (and waits for it to be healthy) before a higher one, so CRDs and operators
 * come up before the custom resources that need them. Gaps of 10 leave room:
 * use `SYNC_WAVES.operators + 1` for something that needs a running operator
 * of the same band.
 */
export const SYNC_WAVES = {
  /** Argo CD's AppProjects and cluster Secret: child Applications name them, so they go first. */
  projects: -10,
  /** CRD-only charts (e.g. istio-base): nothing can reference a kind before its CRD exists. */
  crds: 0,
  /** Namespaces and the cluster baseline that operators and workloads land in. */
  namespaces: 10,
  /** Controllers and operators (they bring their own CRDs when not split out). */
  operators: 20,
  /** Add-ons that need an operator already running (e.g. a gateway needing istiod injection). */
  operatorAddons: 30,
  /** Custom resources that configure operators: stores, storage locations, mesh policy, templates. */
  config: 40,
  /** Custom resources that use that configuration: ExternalSecrets, Schedules, Constraints. */
  customResources: 50,
  /** Application workloads: service accounts, Deployments, Rollouts, their policies. */
  workloads: 60,
} as const satisfies Record<string, number>;

export type SyncWaveName = keyof typeof SYNC_WAVES;
