import { describe, expect, test } from 'vitest';
import { ALERTING_COMPONENTS } from '../../charts/alerting/components.js';
import { PLATFORM_COMPONENTS } from '../../charts/components.js';
import { helmValuesFor } from '../../charts/argocd/helm-values.js';
import { SYNC_WAVES } from '../../charts/sync-waves.js';
import { COLLECTOR_SERVICE, TEMPO_OTLP_ENDPOINT } from '../../charts/observability/apm.js';
import { OBSERVABILITY_COMPONENTS } from '../../charts/observability/components.js';
import { INSTRUMENTATION_REF, PROMETHEUS_URL } from '../../charts/observability/namespaces.js';
import { ROLLOUTS_COMPONENTS } from '../../charts/rollouts/components.js';
import { chartObjects, clusterAt } from '../support/manifests.js';
import { platformConfig } from '../support/platform.js';

const config = platformConfig();
const staging = clusterAt('staging/us-east-1');
const view = staging.view;
const apm = chartObjects(staging, 'apm');
const collector = apm.find((o) => o.kind === 'OpenTelemetryCollector');
const instrumentation = apm.find((o) => o.kind === 'Instrumentation');
const mine = [...ROLLOUTS_COMPONENTS, ...OBSERVABILITY_COMPONENTS, ...ALERTING_COMPONENTS];
const component = (name: string) => {
  const c = mine.find((x) => x.name === name);
  if (!c) throw new Error(`no component ${name}`);
  return c;
};

describe('components through Argo CD', () => {
  test('are registered in the platform component registry', () => {
    const names = PLATFORM_COMPONENTS.map((c) => c.name);
    for (const c of mine) expect(names).toContain(c.name);
  });

  test.each(mine.filter((c) => c.helm).map((c) => [c.name, c] as const))('%s is a Helm chart at an exact version', (_name, c) => {
    expect(c.helm?.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('operators bring the CRDs of every custom resource this capability renders', () => {
    const crds = mine.flatMap((c) => c.providesCrds ?? []);
    for (const kind of [
      'argoproj.io/Rollout',
      'argoproj.io/AnalysisTemplate',
      'monitoring.coreos.com/PrometheusRule',
      'monitoring.coreos.com/AlertmanagerConfig',
      'opentelemetry.io/OpenTelemetryCollector',
      'opentelemetry.io/Instrumentation',
    ]) {
      expect(crds).toContain(kind);
    }
    expect(component('kube-prometheus-stack').serverSideApply).toBe(true);
  });

  test('operators sync before their resources, instrumentation before the workloads it instruments', () => {
    expect(component('argo-rollouts').syncWave).toBeLessThan(component('service-rollouts').syncWave);
    expect(component('kube-prometheus-stack').syncWave).toBeLessThan(component('slo-rules').syncWave);
    expect(component('opentelemetry-operator').syncWave).toBeLessThan(component('apm').syncWave);
    expect(component('apm').syncWave).toBeLessThan(component('service-rollouts').syncWave);
    // What kube-prometheus-stack needs at start (Grafana's admin Secret, the AlertmanagerConfig) comes first.
    expect(component('alerting').syncWave).toBeLessThan(component('kube-prometheus-stack').syncWave);
    expect(component('prometheus-operator-crds').syncWave).toBe(SYNC_WAVES.crds);
  });

  test('kube-prometheus-stack: ECR images, all rules selected, remote write on, metrics retention from config', () => {
    const values = helmValuesFor(component('kube-prometheus-stack').helm as any, view) as any;
    const spec = values.prometheus.prometheusSpec;
    expect(spec.image.registry).toBe(`${view.facts.ecrRegistry}/quay`);
    expect(spec.ruleSelectorNilUsesHelmValues).toBe(false);
    expect(spec.enableRemoteWriteReceiver).toBe(true);
    expect(spec.retention).toBe(`${config.retention.metrics.retentionDays}d`);
    expect(values.grafana.sidecar.dashboards).toMatchObject({ enabled: true, label: 'grafana_dashboard', labelValue: '1' });
    expect(values['kube-state-metrics'].metricLabelsAllowlist).toEqual(['namespaces=[tradesense.io/team]']);
  });

  test('Tempo keeps traces for the configured retention', () => {
    const values = helmValuesFor(component('tempo').helm as any, view) as any;
    expect(values.tempo.retention).toBe(`${config.retention.traces.retentionDays * 24}h`);
    expect(values.tempo.repository.startsWith(view.facts.ecrRegistry)).toBe(true);
  });
});

describe('OpenTelemetry collector', () => {
  const cfg = collector.spec.config;

  test('receives OTLP on gRPC and HTTP', () => {
    expect(Object.keys(cfg.receivers.otlp.protocols).sort()).toEqual(['grpc', 'http']);
  });

  test('sends traces to Tempo and through the span-metrics and service-graph connectors', () => {
    expect(cfg.service.pipelines.traces.exporters).toEqual(['otlp/tempo', 'spanmetrics', 'servicegraph']);
    expect(cfg.exporters['otlp/tempo'].endpoint).toBe(TEMPO_OTLP_ENDPOINT);
    expect(Object.keys(cfg.connectors).sort()).toEqual(['servicegraph', 'spanmetrics']);
  });

  test('sends span metrics, the service graph and app metrics to Prometheus', () => {
    expect(cfg.service.pipelines.metrics.receivers).toEqual(['otlp', 'spanmetrics', 'servicegraph']);
    expect(cfg.service.pipelines.metrics.exporters).toEqual(['prometheusremotewrite']);
    expect(cfg.exporters.prometheusremotewrite.endpoint).toBe(`${PROMETHEUS_URL}/api/v1/write`);
  });

  test('every pipeline component is defined', () => {
    for (const p of Object.values(cfg.service.pipelines) as any[]) {
      for (const r of p.receivers) expect({ ...cfg.receivers, ...cfg.connectors }).toHaveProperty([r]);
      for (const x of p.processors) expect(cfg.processors).toHaveProperty([x]);
      for (const e of p.exporters) expect({ ...cfg.exporters, ...cfg.connectors }).toHaveProperty([e]);
    }
  });

  test('runs hardened from the ECR cache', () => {
    expect(collector.spec.image).toMatch(new RegExp(`^${view.facts.ecrRegistry}/ghcr/.+:\\d+\\.\\d+\\.\\d+$`));
    expect(collector.spec.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
  });
});

describe('auto-instrumentation', () => {
  test('the Instrumentation services reference exports to the collector', () => {
    expect(`${instrumentation.metadata.namespace}/${instrumentation.metadata.name}`).toBe(INSTRUMENTATION_REF);
    expect(instrumentation.spec.exporter.endpoint).toBe(`http://${COLLECTOR_SERVICE}:4318`);
    expect(instrumentation.spec.sampler).toEqual({
      type: 'parentbased_traceidratio',
      argument: String(config.gitops.tracing.samplingPercentage / 100),
    });
  });

  test('has a pinned ECR agent for every runtime a service uses, and hardened init containers', () => {
    for (const d of Object.values(config.delivery.services)) {
      expect(instrumentation.spec[d.runtime].image).toMatch(new RegExp(`^${view.facts.ecrRegistry}/ghcr/.+:[\\w.]+$`));
    }
    expect(instrumentation.spec.initContainerSecurityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true });
  });
});

test('Prometheus scrapes the Istio sidecars the SLIs read', () => {
  const monitor = apm.find((o) => o.kind === 'PodMonitor');
  expect(monitor.spec.namespaceSelector).toEqual({ any: true });
  expect(monitor.spec.podMetricsEndpoints).toEqual([{ port: 'http-envoy-prom', path: '/stats/prometheus', interval: '15s' }]);
});
