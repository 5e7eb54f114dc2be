import { arrayOf, customResource, enumOf, int, mapOf, obj, str, strings, type JsonSchema } from './builders.js';

/** Chaos Mesh `chaos-mesh.org/v1alpha1` Schedule (pinned CRDs after 2.8.3), the parts the project uses. */
const selector = obj({
  annotationSelectors: mapOf(str),
  expressionSelectors: arrayOf(obj({ key: str, operator: str, values: strings }, ['key', 'operator'])),
  fieldSelectors: mapOf(str),
  labelSelectors: mapOf(str),
  namespaces: strings,
  nodeSelectors: mapOf(str),
  nodes: strings,
  podPhaseSelectors: strings,
  pods: mapOf(strings),
});

const mode = enumOf('one', 'all', 'fixed', 'fixed-percent', 'random-max-percent');
const duration = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h)$' };

const podChaos = obj(
  {
    action: enumOf('pod-kill', 'pod-failure', 'container-kill'),
    mode,
    value: str,
    selector,
    containerNames: strings,
    duration: str,
    gracePeriod: { type: 'integer', minimum: 0 },
    remoteCluster: str,
  },
  ['action', 'mode', 'selector'],
);

const networkChaos = obj(
  {
    action: enumOf('netem', 'delay', 'loss', 'duplicate', 'corrupt', 'partition', 'bandwidth'),
    mode,
    value: str,
    selector,
    direction: enumOf('to', 'from', 'both'),
    delay: obj({ latency: duration, jitter: duration, correlation: str }, ['latency']),
    loss: obj({ loss: str, correlation: str }, ['loss']),
    duration: str,
    externalTargets: strings,
    target: obj({ mode, value: str, selector }, ['mode', 'selector']),
  },
  ['action', 'mode', 'selector'],
);

const scheduleSpec = obj(
  {
    schedule: str,
    type: str,
    historyLimit: { type: 'integer', minimum: 1 },
    concurrencyPolicy: enumOf('Forbid', 'Allow'),
    startingDeadlineSeconds: int,
    podChaos,
    networkChaos,
  },
  ['schedule', 'type'],
);

export const CHAOS_MESH_SCHEMAS: Record<string, JsonSchema> = {
  'chaos-mesh.org/v1alpha1/Schedule': customResource('chaos-mesh.org/v1alpha1', 'Schedule', scheduleSpec, { namespaced: true }),
};
