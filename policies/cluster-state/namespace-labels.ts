import type { ClusterState } from './types.js';
import type { Labels } from './label-selector.js';
import { obj } from '../json.js';

/**
 * The labels each namespace of the cluster carries once synced: its Namespace
 * object's own, Argo CD's managedNamespaceMetadata where an Application creates
 * it, and the `kubernetes.io/metadata.name` label the API server always sets.
 * Webhook and constraint namespace selectors read these.
 */
export function namespaceLabels(state: ClusterState): (namespace: string) => Labels {
  const labels = new Map<string, Record<string, string>>();
  const add = (namespace: string, extra: unknown) =>
    labels.set(namespace, { ...labels.get(namespace), ...(obj(extra) as Record<string, string>) });
  for (const app of state.applications) {
    const managed = obj(obj(app.spec.syncPolicy).managedNamespaceMetadata);
    if (app.syncOptions.includes('CreateNamespace=true') && managed.labels) add(app.destinationNamespace, managed.labels);
  }
  for (const o of state.objects) if (o.kind === 'Namespace' && o.apiVersion === 'v1') add(o.name, obj(o.body.metadata).labels);
  return (namespace) => ({ ...labels.get(namespace), 'kubernetes.io/metadata.name': namespace });
}
