import type { ClusterContext } from '../cluster-context.js';
import type { PlatformComponent } from '../platform-components.js';
import { SYNC_WAVES } from '../argocd/sync-waves.js';
import { MONITORING_NAMESPACE } from '../network-policies/peers.js';
import { renderFalcoRules } from './falco-rules.js';
import { FALCO_NAMESPACE, SIDEKICK_SECRET } from './falco-secrets.js';
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

function falcoValues(ctx: ClusterContext): Record<string, unknown> {
  // Upstream images through the cluster's ECR pull-through cache; tags stay the chart's own.
  const image = (repository: string) => ({ registry: `${ctx.facts.ecrRegistry}/docker-hub`, repository });
  return {
    image: image('falcosecurity/falco'),
    falcoctl: { image: image('falcosecurity/falcoctl') },
    customRules: { [CUSTOM_RULES_FILE]: renderFalcoRules(tradesenseFalcoRules(ctx)) },
    falcosidekick: {
      image: image('falcosecurity/falcosidekick'),
      config: { customfields: `cluster:${ctx.facts.clusterName},environment:${ctx.target.envName}` },
    },
  };
}

/**
 * Falco on every node with the modern eBPF probe (CO-RE, built into the Falco
 * binary: no kernel headers, no driver download), TradeSense's rules on top of
 * the default ruleset, and Falcosidekick fanning alerts out to Alertmanager and Slack.
 */
export const FALCO_COMPONENTS: PlatformComponent[] = [
  {
    name: FALCO_SECRETS_CHART_ID,
    namespace: FALCO_NAMESPACE,
    // ExternalSecrets need the operator and its ClusterSecretStore (config wave).
    syncWave: SYNC_WAVES.customResources,
    manifests: [`${FALCO_SECRETS_CHART_ID}.k8s.yaml`],
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
