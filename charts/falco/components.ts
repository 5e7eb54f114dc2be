import type { ClusterView } from '../../config/derive/cluster-view.js';
import { mirroredRegistry } from '../../config/derive/registry.js';
import { labelsOf } from '../../config/derive/tags.js';
import { databasePeers } from '../network-policies/database-peers.js';
import { MONITORING_NAMESPACE } from '../observability/namespaces.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../sync-waves.js';
import { renderFalcoRules } from './falco-rules.js';
import { FalcoSecretsChart } from './falco-secrets.js';
import { FALCO_NAMESPACE, SIDEKICK_SECRET } from './names.js';
import { tradesenseFalcoRules } from './tradesense-rules.js';

/** Exact chart version; its images default to the tags released with it. */
export const FALCO_CHART_VERSION = '7.0.0';
export const FALCO_SECRETS_CHART_ID = 'falco-secrets';
/** The rules file name in /etc/falco/rules.d (the chart's customRules key). */
export const CUSTOM_RULES_FILE = 'tradesense-rules.yaml';
/** Alertmanager's governing Service, created by prometheus-operator in the monitoring namespace. */
export const ALERTMANAGER_URL = `http://alertmanager-operated.${MONITORING_NAMESPACE}.svc.cluster.local:9093`;

/** Alerts from this priority up go to Alertmanager; Slack only gets the severe ones. */
export const SIDEKICK_PRIORITIES = { alertmanager: 'warning', slack: 'error' } as const;

function falcoValues(view: ClusterView): Record<string, unknown> {
  // Upstream images through the cluster's ECR pull-through cache; tags stay the chart's own.
  const image = (repository: string) => ({ registry: mirroredRegistry(view.facts.ecrRegistry, 'docker-hub'), repository });
  const database = databasePeers(view.database, view.vpcCidr);
  const rules = tradesenseFalcoRules({
    tier: view.tier,
    services: view.services,
    tracing: view.gitops.tracing,
    ...(database ? { database } : {}),
  });
  return {
    image: image('falcosecurity/falco'),
    falcoctl: { image: image('falcosecurity/falcoctl') },
    customRules: { [CUSTOM_RULES_FILE]: renderFalcoRules(rules) },
    falcosidekick: {
      image: image('falcosecurity/falcosidekick'),
      config: { customfields: `cluster:${view.facts.clusterName},environment:${view.envName}` },
    },
  };
}

/**
 * Falco on every node with the modern eBPF probe (CO-RE, built into the Falco
 * binary: no kernel headers, no driver download), TradeSense's rules on top of
 * the default ruleset, and Falcosidekick fanning alerts out to Alertmanager and Slack.
 */
export const FALCO_COMPONENTS: readonly PlatformComponent[] = [
  {
    name: FALCO_SECRETS_CHART_ID,
    namespace: FALCO_NAMESPACE,
    // ExternalSecrets need the operator and its ClusterSecretStore (config wave).
    syncWave: SYNC_WAVES.customResources,
    charts: [
      {
        id: FALCO_SECRETS_CHART_ID,
        render: (scope, id, view) =>
          new FalcoSecretsChart(scope, id, {
            labels: labelsOf(view.labels, { Team: 'platform', Service: 'falco' }),
            envName: view.envName,
            refreshInterval: view.gitops.secretRefreshInterval,
          }),
      },
    ],
  },
  {
    name: 'falco',
    namespace: FALCO_NAMESPACE,
    // After its Slack secret exists: Falcosidekick's pods read it as environment at start.
    syncWave: SYNC_WAVES.customResources + 1,
    helm: {
      repoURL: 'https://falcosecurity.github.io/charts',
      chart: 'falco',
      version: FALCO_CHART_VERSION,
      values: {
        driver: { kind: 'modern_ebpf' },
        tty: true,
        falco: { json_output: true, json_include_output_property: true, json_include_tags_property: true },
        resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
        falcosidekick: {
          enabled: true,
          replicaCount: 2,
          config: {
            existingSecret: SIDEKICK_SECRET,
            alertmanager: { hostport: ALERTMANAGER_URL, minimumpriority: SIDEKICK_PRIORITIES.alertmanager },
            slack: { minimumpriority: SIDEKICK_PRIORITIES.slack, outputformat: 'all' },
          },
        },
      },
      clusterValues: falcoValues,
    },
  },
];
