import { arrayOf, bool, customResource, enumOf, int, mapOf, obj, str, strings, type JsonSchema } from './builders.js';

/**
 * OpenTelemetry operator (pinned CRDs 0.158.0): no npm models exist. Core
 * Kubernetes sub-objects (security contexts, resources) stay open here; the
 * fields the project sets around them are closed.
 */
const core: JsonSchema = { type: 'object' };
const intOrString: JsonSchema = { type: ['integer', 'string'] };
const env = arrayOf(obj({ name: str, value: str, valueFrom: core }, ['name']));

const pipeline = obj({ receivers: strings, processors: strings, exporters: strings });
const collectorConfig = obj(
  {
    receivers: core,
    processors: core,
    connectors: core,
    exporters: core,
    extensions: core,
    service: obj({ extensions: strings, pipelines: mapOf(pipeline), telemetry: core }, ['pipelines']),
  },
  ['exporters', 'receivers', 'service'],
);

const collectorSpec = obj(
  {
    mode: enumOf('daemonset', 'deployment', 'sidecar', 'statefulset'),
    replicas: int,
    image: str,
    podSecurityContext: core,
    securityContext: core,
    resources: core,
    podDisruptionBudget: obj({ maxUnavailable: intOrString, minAvailable: intOrString }),
    env,
    config: collectorConfig,
  },
  ['config'],
);

const agent = obj({ image: str, env, resourceRequirements: core });
const instrumentationSpec = obj({
  exporter: obj({ endpoint: str }),
  propagators: arrayOf(enumOf('tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'xray', 'ottrace', 'none')),
  sampler: obj({
    type: enumOf(
      'always_on',
      'always_off',
      'traceidratio',
      'parentbased_always_on',
      'parentbased_always_off',
      'parentbased_traceidratio',
      'jaeger_remote',
      'xray',
    ),
    argument: str,
  }),
  defaults: obj({ useLabelsForResourceAttributes: bool }),
  initContainerSecurityContext: core,
  env,
  // The java block names its requirements `resources`; the other languages `resourceRequirements`.
  java: obj({ image: str, env, resources: core }),
  nodejs: agent,
  python: agent,
  dotnet: agent,
});

export const OPENTELEMETRY_SCHEMAS: Record<string, JsonSchema> = {
  'opentelemetry.io/v1beta1/OpenTelemetryCollector': customResource('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', collectorSpec, {
    namespaced: true,
  }),
  'opentelemetry.io/v1alpha1/Instrumentation': customResource('opentelemetry.io/v1alpha1', 'Instrumentation', instrumentationSpec, {
    namespaced: true,
  }),
};
