import type { ClusterView } from '../../config/derive/cluster-view.js';
import type { HelmSource } from '../platform-components.js';

type Values = Record<string, unknown>;

function isPlainObject(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges `over` into `base`: objects merge key by key, anything else (arrays too) replaces. */
export function mergeValues(base: Values, over: Values): Values {
  const merged: Values = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeValues(current, value) : value;
  }
  return merged;
}

/** A Helm component's values for one cluster: static values with its cluster values on top. */
export function helmValuesFor(helm: HelmSource, view: ClusterView): Values {
  return helm.clusterValues ? mergeValues(helm.values, helm.clusterValues(view)) : helm.values;
}
