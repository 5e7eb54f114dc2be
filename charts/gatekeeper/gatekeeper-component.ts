import type { ClusterView } from '../../config/derive/cluster-view.js';
import { mirroredRepository } from '../../config/derive/registry.js';
import { labelsOf } from '../../config/derive/tags.js';
import { ADMISSION_RULES } from '../../policies/admission-rules.js';
import { webhookFields } from '../argocd/ignore-differences.js';
import type { PlatformComponent } from '../platform-components.js';
import { constraintInputs } from './constraint.js';
import { GatekeeperConstraintsChart } from './gatekeeper-constraints.js';
import { GatekeeperTemplatesChart } from './gatekeeper-templates.js';
import { CONSTRAINTS_CHART_ID, GATEKEEPER_NAMESPACE, GATEKEEPER_WAVES, TEMPLATES_CHART_ID } from './names.js';

/** Exact chart version: a sync installs what was reviewed; its images default to the same release. */
export const GATEKEEPER_CHART_VERSION = '3.23.0';

const gatekeeperLabels = (view: ClusterView) => labelsOf(view.labels, { Team: 'platform', Service: 'gatekeeper' });

function gatekeeperValues(view: ClusterView): Record<string, unknown> {
  const { ecrRegistry } = view.facts;
  return {
    image: {
      repository: mirroredRepository(ecrRegistry, 'docker-hub', 'openpolicyagent/gatekeeper'),
      crdRepository: mirroredRepository(ecrRegistry, 'docker-hub', 'openpolicyagent/gatekeeper-crds'),
    },
    postInstall: {
      labelNamespace: { image: { repository: mirroredRepository(ecrRegistry, 'docker-hub', 'openpolicyagent/gatekeeper-crds') } },
      // The post-install hook's webhook probe defaults to Docker Hub's curlimages/curl (no registry named).
      probeWebhook: { image: { repository: mirroredRepository(ecrRegistry, 'docker-hub', 'curlimages/curl') } },
    },
  };
}

/** Gatekeeper: the operator (Helm), its ConstraintTemplates and its constraints (charts/gatekeeper/*). */
export const GATEKEEPER_COMPONENTS: readonly PlatformComponent[] = [
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
    charts: [
      { id: TEMPLATES_CHART_ID, render: (scope, id, view) => new GatekeeperTemplatesChart(scope, id, { labels: gatekeeperLabels(view) }) },
    ],
    // Gatekeeper turns each template into the CRD of its constraint kind.
    providesCrds: ADMISSION_RULES.map((rule) => `constraints.gatekeeper.sh/${rule.kind}`),
    clusterScopedKinds: ['templates.gatekeeper.sh/ConstraintTemplate'],
  },
  {
    name: CONSTRAINTS_CHART_ID,
    namespace: GATEKEEPER_NAMESPACE,
    syncWave: GATEKEEPER_WAVES.constraints,
    charts: [
      {
        id: CONSTRAINTS_CHART_ID,
        render: (scope, id, view) =>
          new GatekeeperConstraintsChart(scope, id, { ...constraintInputs(view), labels: gatekeeperLabels(view) }),
      },
    ],
    clusterScopedKinds: ['constraints.gatekeeper.sh/*'],
  },
];
