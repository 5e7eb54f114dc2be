import type { ClusterContext } from '../cluster-context.js';
import { webhookFields } from '../argocd/ignore-differences.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../argocd/sync-waves.js';
import { mirroredRepository } from '../argocd/helm-values.js';
import { ADMISSION_RULES } from '../../policies/admission-rules.js';

/** Exact chart version: a sync installs what was reviewed; its images default to the same release. */
export const GATEKEEPER_CHART_VERSION = '3.23.0';
export const GATEKEEPER_NAMESPACE = 'gatekeeper-system';

/** Chart ids (and `<id>.k8s.yaml` files) of the rendered templates and constraints. */
export const TEMPLATES_CHART_ID = 'gatekeeper-templates';
export const CONSTRAINTS_CHART_ID = 'gatekeeper-constraints';

/**
 * Operator, then templates, then constraints: a ConstraintTemplate needs the
 * operator's CRD, and a constraint's kind exists only once Gatekeeper has
 * compiled its template into a CRD.
 */
export const GATEKEEPER_WAVES = {
  operator: SYNC_WAVES.operators,
  templates: SYNC_WAVES.config,
  constraints: SYNC_WAVES.customResources,
} as const;

function gatekeeperValues(ctx: ClusterContext): Record<string, unknown> {
  return {
    image: {
      repository: mirroredRepository(ctx, 'docker-hub', 'openpolicyagent/gatekeeper'),
      crdRepository: mirroredRepository(ctx, 'docker-hub', 'openpolicyagent/gatekeeper-crds'),
    },
    postInstall: {
      labelNamespace: { image: { repository: mirroredRepository(ctx, 'docker-hub', 'openpolicyagent/gatekeeper-crds') } },
      // The post-install hook's webhook probe defaults to Docker Hub's curlimages/curl (no registry named).
      probeWebhook: { image: { repository: mirroredRepository(ctx, 'docker-hub', 'curlimages/curl') } },
    },
  };
}

/** Gatekeeper: the operator (Helm), its ConstraintTemplates and its constraints (charts/gatekeeper/*). */
export const GATEKEEPER_COMPONENTS: PlatformComponent[] = [
  {
    name: 'gatekeeper',
    namespace: GATEKEEPER_NAMESPACE,
    syncWave: GATEKEEPER_WAVES.operator,
    helm: {
      repoURL: 'https://open-policy-agent.github.io/gatekeeper/charts',
      chart: 'gatekeeper',
      version: GATEKEEPER_CHART_VERSION,
      values: {
        replicas: 3,
        auditInterval: 60,
        constraintViolationsLimit: 50,
        logDenies: true,
        emitAdmissionEvents: true,
        emitAuditEvents: true,
        controllerManager: { resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } },
        audit: { resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } } },
      },
      clusterValues: gatekeeperValues,
    },
    // Gatekeeper's cert controller injects the webhooks' CA at run time; git never sets it.
    ignoreDifferences: [
      webhookFields('ValidatingWebhookConfiguration', 'gatekeeper-validating-webhook-configuration', ['caBundle']),
      webhookFields('MutatingWebhookConfiguration', 'gatekeeper-mutating-webhook-configuration', ['caBundle']),
    ],
    // Removing the CRDs would delete every template and constraint with them.
    prune: false,
    providesCrds: ['templates.gatekeeper.sh/ConstraintTemplate', 'config.gatekeeper.sh/Config'],
  },
  {
    name: TEMPLATES_CHART_ID,
    namespace: GATEKEEPER_NAMESPACE,
    syncWave: GATEKEEPER_WAVES.templates,
    manifests: [`${TEMPLATES_CHART_ID}.k8s.yaml`],
    // Gatekeeper turns each template into the CRD of its constraint kind.
    providesCrds: ADMISSION_RULES.map((rule) => `constraints.gatekeeper.sh/${rule.kind}`),
    clusterScopedKinds: ['templates.gatekeeper.sh/ConstraintTemplate'],
  },
  {
    name: CONSTRAINTS_CHART_ID,
    namespace: GATEKEEPER_NAMESPACE,
    syncWave: GATEKEEPER_WAVES.constraints,
    manifests: [`${CONSTRAINTS_CHART_ID}.k8s.yaml`],
    clusterScopedKinds: ['constraints.gatekeeper.sh/*'],
  },
];
