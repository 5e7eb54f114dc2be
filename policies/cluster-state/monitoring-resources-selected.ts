import type { ClusterStateRule, StateViolation } from '../types.js';
import { describeSelector, selectorMatches, type LabelSelector } from './label-selector.js';
import { stateWhere, type ClusterState, type StateObject } from './types.js';
import { obj } from '../json.js';

/** Which selector pair of which operator CR picks up each kind (prometheus-operator API). */
const SELECTORS: Record<string, { owner: 'Prometheus' | 'Alertmanager'; field: string }> = {
  ServiceMonitor: { owner: 'Prometheus', field: 'serviceMonitor' },
  PodMonitor: { owner: 'Prometheus', field: 'podMonitor' },
  Probe: { owner: 'Prometheus', field: 'probe' },
  ScrapeConfig: { owner: 'Prometheus', field: 'scrapeConfig' },
  PrometheusRule: { owner: 'Prometheus', field: 'rule' },
  AlertmanagerConfig: { owner: 'Alertmanager', field: 'alertmanagerConfig' },
};

const labelsOf = (o: StateObject): Record<string, string> => (obj(o.body.metadata).labels as Record<string, string> | undefined) ?? {};

/** Labels of every namespace as the API server has them: the Namespace objects, Argo CD's managed metadata, and the automatic name label. */
function namespaceLabels(state: ClusterState): (namespace: string) => Record<string, string> {
  const known = new Map<string, Record<string, string>>();
  for (const app of state.applications) {
    const managed = obj(obj(obj(app.spec.syncPolicy).managedNamespaceMetadata).labels) as Record<string, string>;
    if (Object.keys(managed).length > 0) known.set(app.destinationNamespace, { ...known.get(app.destinationNamespace), ...managed });
  }
  for (const o of state.objects)
    if (o.kind === 'Namespace' && o.apiVersion === 'v1') known.set(o.name, { ...known.get(o.name), ...labelsOf(o) });
  return (namespace) => ({ ...known.get(namespace), 'kubernetes.io/metadata.name': namespace });
}

/**
 * Whether an operator CR picks up a resource: a nil resource selector selects
 * nothing, `{}` everything; a nil namespace selector means the CR's own
 * namespace only, `{}` every namespace. An Alertmanager also uses the
 * AlertmanagerConfig its `alertmanagerConfiguration` names as its global config.
 */
function selects(owner: StateObject, field: string, resource: StateObject, nsLabels: (ns: string) => Record<string, string>): boolean {
  const spec = obj(owner.body.spec);
  if (
    resource.kind === 'AlertmanagerConfig' &&
    resource.namespace === owner.namespace &&
    obj(spec.alertmanagerConfiguration).name === resource.name
  )
    return true;
  const selector = spec[`${field}Selector`] as LabelSelector | null | undefined;
  const nsSelector = spec[`${field}NamespaceSelector`] as LabelSelector | null | undefined;
  if (!selector || !selectorMatches(selector, labelsOf(resource))) return false;
  if (!nsSelector) return resource.namespace === owner.namespace;
  return selectorMatches(nsSelector, nsLabels(resource.namespace ?? ''));
}

/**
 * A ServiceMonitor, PodMonitor, Probe, ScrapeConfig or PrometheusRule no
 * Prometheus selects is never scraped or evaluated, and an AlertmanagerConfig
 * no Alertmanager selects routes nothing: the alert or the metric silently
 * does not exist.
 */
export const monitoringResourcesSelected: ClusterStateRule = {
  id: 'monitoring-resources-selected',
  check: (state) => {
    const nsLabels = namespaceLabels(state);
    const owners = (kind: string) => state.objects.filter((o) => o.kind === kind && o.apiVersion.startsWith('monitoring.coreos.com/'));
    const violations: StateViolation[] = [];
    for (const o of state.objects) {
      const entry = SELECTORS[o.kind];
      if (!entry || !o.apiVersion.startsWith('monitoring.coreos.com/')) continue;
      const candidates = owners(entry.owner);
      if (candidates.some((owner) => selects(owner, entry.field, o, nsLabels))) continue;
      const seen = candidates.map((c) => {
        const spec = obj(c.body.spec);
        const selector = spec[`${entry.field}Selector`] as LabelSelector | undefined;
        const nsSelector = spec[`${entry.field}NamespaceSelector`] as LabelSelector | undefined;
        const namespaces = nsSelector ? describeSelector(nsSelector) : 'nil (its own namespace only)';
        return `${c.namespace}/${c.name} (${entry.field}Selector ${selector ? describeSelector(selector) : 'nil (nothing)'}, ${entry.field}NamespaceSelector ${namespaces})`;
      });
      violations.push({
        where: stateWhere(o),
        detail:
          candidates.length === 0
            ? `no ${entry.owner} in this cluster picks up ${o.kind}s`
            : `no ${entry.owner} selects it: ${seen.join('; ')}`,
      });
    }
    return violations;
  },
};
