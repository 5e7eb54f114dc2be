import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { mirroredRepository } from '../../config/derive/registry.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../rollouts/pod-security.js';
import { INSTRUMENTATION_REF, MONITORING_NAMESPACE, OBSERVABILITY_NAMESPACE, PROMETHEUS_URL } from './namespaces.js';

export const COLLECTOR_NAME = 'tradesense';
/** The operator names the collector's Service `<name>-collector`. */
export const COLLECTOR_SERVICE = `${COLLECTOR_NAME}-collector.${OBSERVABILITY_NAMESPACE}.svc.cluster.local`;
export const TEMPO_OTLP_ENDPOINT = `tempo.${OBSERVABILITY_NAMESPACE}.svc.cluster.local:4317`;
const COLLECTOR_VERSION = '0.153.0';

/** Auto-instrumentation agents, pinned and pulled through the cluster's ECR ghcr cache. */
export const AGENT_IMAGES = {
  java: 'open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.20.1',
  nodejs: 'open-telemetry/opentelemetry-operator/autoinstrumentation-nodejs:0.64.1',
  python: 'open-telemetry/opentelemetry-operator/autoinstrumentation-python:0.58b0',
  dotnet: 'open-telemetry/opentelemetry-operator/autoinstrumentation-dotnet:1.12.0',
} as const;

/** Latency buckets of the span metrics, aligned with the SLO histogram bounds. */
const SPAN_BUCKETS = ['5ms', '10ms', '25ms', '50ms', '100ms', '250ms', '500ms', '1s', '2500ms', '5s', '10s'];

/** The collector pipeline: OTLP in; traces to Tempo; span metrics, service graph and app metrics to Prometheus. */
export function collectorConfig(): Record<string, unknown> {
  return {
    receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } },
    processors: {
      memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 20 },
      batch: { send_batch_size: 8192, timeout: '5s' },
    },
    connectors: {
      spanmetrics: {
        histogram: { explicit: { buckets: SPAN_BUCKETS } },
        dimensions: [{ name: 'http.request.method' }, { name: 'http.response.status_code' }, { name: 'http.route' }],
        metrics_flush_interval: '15s',
      },
      servicegraph: { latency_histogram_buckets: SPAN_BUCKETS, store: { ttl: '10s', max_items: 10000 } },
    },
    exporters: {
      // In-mesh: the sidecars add mTLS, so the hop itself is plain OTLP.
      'otlp/tempo': { endpoint: TEMPO_OTLP_ENDPOINT, tls: { insecure: true } },
      prometheusremotewrite: { endpoint: `${PROMETHEUS_URL}/api/v1/write`, resource_to_telemetry_conversion: { enabled: true } },
    },
    service: {
      pipelines: {
        traces: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['otlp/tempo', 'spanmetrics', 'servicegraph'] },
        metrics: {
          receivers: ['otlp', 'spanmetrics', 'servicegraph'],
          processors: ['memory_limiter', 'batch'],
          exporters: ['prometheusremotewrite'],
        },
      },
    },
  };
}

export interface ApmProps {
  /** The taxonomy labels of the collector, its monitor and the Instrumentation. */
  readonly labels: Record<string, string>;
  /** The cluster's ECR registry: the collector and the agents come through its ghcr cache. */
  readonly ecrRegistry: string;
  /** Share of requests traced (config.gitops.tracing.samplingPercentage): the agents sample as the mesh does. */
  readonly samplingPercentage: number;
}

/** APM: the OpenTelemetry Collector, the Instrumentation the services' pods reference, and mesh metrics scraping. */
export class ApmChart extends Chart {
  constructor(scope: Construct, id: string, props: ApmProps) {
    super(scope, id);
    const { labels, ecrRegistry } = props;
    new ApiObject(this, 'collector', {
      apiVersion: 'opentelemetry.io/v1beta1',
      kind: 'OpenTelemetryCollector',
      metadata: { name: COLLECTOR_NAME, namespace: OBSERVABILITY_NAMESPACE, labels },
      spec: {
        mode: 'deployment',
        replicas: 2,
        image: `${mirroredRepository(ecrRegistry, 'ghcr', 'open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-contrib')}:${COLLECTOR_VERSION}`,
        podSecurityContext: restrictedPodSecurity(),
        securityContext: restrictedContainerSecurity(),
        resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
        podDisruptionBudget: { maxUnavailable: 1 },
        config: collectorConfig(),
      },
    });
    // The SLIs (and so alerts and promotion analysis) read the sidecars' request metrics.
    new ApiObject(this, 'istio-sidecars', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'istio-sidecars', namespace: MONITORING_NAMESPACE, labels },
      spec: {
        namespaceSelector: { any: true },
        selector: { matchExpressions: [{ key: 'security.istio.io/tlsMode', operator: 'Exists' }] },
        podMetricsEndpoints: [{ port: 'http-envoy-prom', path: '/stats/prometheus', interval: '15s' }],
      },
    });
    const [namespace, name] = INSTRUMENTATION_REF.split('/');
    const agentResources = { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } };
    const agent = (image: string) => ({ image: mirroredRepository(ecrRegistry, 'ghcr', image), resourceRequirements: agentResources });
    new ApiObject(this, 'instrumentation', {
      apiVersion: 'opentelemetry.io/v1alpha1',
      kind: 'Instrumentation',
      metadata: { name, namespace, labels },
      spec: {
        exporter: { endpoint: `http://${COLLECTOR_SERVICE}:4318` },
        propagators: ['tracecontext', 'baggage'],
        // Same sampling as the mesh's spans, so traces from both halves join up.
        sampler: { type: 'parentbased_traceidratio', argument: String(props.samplingPercentage / 100) },
        defaults: { useLabelsForResourceAttributes: true },
        initContainerSecurityContext: restrictedContainerSecurity(),
        // The java block names its requirements `resources`; the other languages `resourceRequirements`.
        java: { image: mirroredRepository(ecrRegistry, 'ghcr', AGENT_IMAGES.java), resources: agentResources },
        nodejs: agent(AGENT_IMAGES.nodejs),
        python: agent(AGENT_IMAGES.python),
        dotnet: agent(AGENT_IMAGES.dotnet),
      },
    });
  }
}
