import type { ClusterView } from '../../config/derive/cluster-view.js';
import { mirroredRepository } from '../../config/derive/registry.js';
import { ARGOCD_NAMESPACE } from '../argocd-namespace.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';

const ARGOCD_CHART_VERSION = '9.1.0';
const ARGOCD_VERSION = 'v3.2.0';
const REDIS_VERSION = '7.2.8-alpine';

/**
 * Argo CD has not assessed child Application health since 1.8; without this
 * check the app-of-apps would not wait for one wave to be healthy before the next.
 */
const APPLICATION_HEALTH = [
  'hs = {}',
  'hs.status = "Progressing"',
  'hs.message = ""',
  'if obj.status ~= nil and obj.status.health ~= nil then',
  '  hs.status = obj.status.health.status',
  '  if obj.status.health.message ~= nil then hs.message = obj.status.health.message end',
  'end',
  'return hs',
].join('\n');

function argoCdValues(view: ClusterView): Record<string, unknown> {
  const { ecrRegistry } = view.facts;
  return {
    global: { image: { repository: mirroredRepository(ecrRegistry, 'quay', 'argoproj/argocd'), tag: ARGOCD_VERSION } },
    redis: { image: { repository: mirroredRepository(ecrRegistry, 'docker-hub', 'library/redis'), tag: REDIS_VERSION } },
  };
}

/**
 * Argo CD manages itself after the bootstrap `helm install` (docs/gitops.md):
 * the same chart and version, so upgrades are a reviewed change in git.
 */
export const ARGOCD_COMPONENTS: readonly PlatformComponent[] = [
  {
    name: 'argo-cd',
    namespace: ARGOCD_NAMESPACE,
    syncWave: SYNC_WAVES.crds,
    helm: {
      repoURL: 'https://argoproj.github.io/argo-helm',
      chart: 'argo-cd',
      version: ARGOCD_CHART_VERSION,
      values: {
        crds: { install: true, keep: true },
        dex: { enabled: false },
        configs: { cm: { 'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH } },
        global: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        },
      },
      clusterValues: argoCdValues,
    },
    // Pruning Argo CD's own resources mid-sync would cut the branch it sits on.
    prune: false,
    serverSideApply: true,
    providesCrds: ['argoproj.io/Application', 'argoproj.io/AppProject', 'argoproj.io/ApplicationSet'],
  },
];
