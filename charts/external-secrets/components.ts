import type { ClusterView } from '../../config/derive/cluster-view.js';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import { mirroredRepository } from '../../config/derive/registry.js';
import { labelsOf } from '../../config/derive/tags.js';
import { webhookFields } from '../argocd/ignore-differences.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { ClusterSecretStoreChart } from './cluster-secret-store.js';
import { ServiceSecretsChart } from './service-secrets.js';

const ESO_VERSION = '1.0.0';
const resources = { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } };

/** Pod hardening every ESO deployment gets (the chart's defaults, stated so they cannot drift). */
const hardened = {
  securityContext: {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  },
  resources,
};

function esoValues(view: ClusterView): Record<string, unknown> {
  const image = {
    repository: mirroredRepository(view.facts.ecrRegistry, 'ghcr', 'external-secrets/external-secrets'),
    tag: `v${ESO_VERSION}`,
  };
  const identity = view.facts.podIdentities['external-secrets'];
  return {
    image,
    // The Pod Identity association binds this exact service account to the role.
    serviceAccount: { create: true, name: identity.serviceAccount },
    webhook: { image, ...hardened },
    certController: { image, ...hardened },
  };
}

/** External Secrets: the operator, then the store, then the secrets that read through it. */
export const EXTERNAL_SECRETS_COMPONENTS: readonly PlatformComponent[] = [
  {
    name: 'external-secrets',
    namespace: 'external-secrets',
    syncWave: SYNC_WAVES.operators,
    helm: {
      repoURL: 'https://charts.external-secrets.io',
      chart: 'external-secrets',
      version: ESO_VERSION,
      values: { installCRDs: true, replicaCount: 2, ...hardened },
      clusterValues: esoValues,
    },
    prune: false,
    serverSideApply: true,
    providesCrds: [
      'external-secrets.io/ClusterExternalSecret',
      'external-secrets.io/ClusterSecretStore',
      'external-secrets.io/ExternalSecret',
      'external-secrets.io/PushSecret',
      'external-secrets.io/SecretStore',
    ],
    // The chart's cert controller injects the webhooks' CA at run time.
    ignoreDifferences: [
      webhookFields('ValidatingWebhookConfiguration', 'secretstore-validate', ['caBundle']),
      webhookFields('ValidatingWebhookConfiguration', 'externalsecret-validate', ['caBundle']),
    ],
  },
  {
    name: 'cluster-secret-store',
    namespace: 'external-secrets',
    // Right after the operator (its webhook validates stores): platform secrets of the operators band
    // (Grafana's admin login, alerting) are synced through it before kube-prometheus-stack starts.
    syncWave: SYNC_WAVES.operators + 1,
    charts: [
      {
        id: 'cluster-secret-store',
        render: (scope, id, view) =>
          new ClusterSecretStoreChart(scope, id, {
            labels: labelsOf(view.labels, { Team: 'platform', Service: 'external-secrets' }),
            region: view.region,
            teamNamespaces: [...new Set(view.services.map((s) => s.team))].sort().map(teamNamespace),
          }),
      },
    ],
    clusterScopedKinds: ['external-secrets.io/ClusterSecretStore'],
  },
  {
    name: 'service-secrets',
    namespace: 'external-secrets',
    syncWave: SYNC_WAVES.customResources,
    charts: [
      {
        id: 'service-secrets',
        render: (scope, id, view) =>
          new ServiceSecretsChart(scope, id, {
            labels: view.labels,
            envName: view.envName,
            services: view.services,
            refreshInterval: view.gitops.secretRefreshInterval,
            ...(view.database?.secret ? { database: view.database.secret } : {}),
          }),
      },
    ],
  },
];
