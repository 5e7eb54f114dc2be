import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { IAnalysisTemplate } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate';
import { mirroredRepository } from '../../config/derive/registry.js';
import type { Service } from '../../config/schema/service.js';
import type { Delivery, ServiceDelivery } from '../../config/schema/slo.js';
import { PROMETHEUS_URL } from '../observability/namespaces.js';
import { errorRatioQuery, type SloKind } from '../observability/slo/sli.js';
import { windowSet } from '../observability/slo/specs.js';
import { sliWindows } from '../observability/slo/windows.js';
import { k6Script } from './k6-script.js';
import { K6_IMAGE, K6_RESOURCES } from './k6-resources.js';
import { loadTestTemplateName, SERVICE_ARG, sloTemplateName } from './names.js';
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_MOUNT, TMP_VOLUME } from './pod-security.js';
import { promotionThresholds } from './thresholds.js';

export interface AnalysisTemplatesProps {
  readonly service: Service;
  /** The service's delivery settings (config.delivery.services): SLOs and load test. */
  readonly delivery: ServiceDelivery;
  /** How the analysis measures (config.delivery.analysis). */
  readonly analysis: Delivery['analysis'];
  /** The SLO period: its shortest alert window is the one measured. */
  readonly sloPeriod: Delivery['sloPeriod'];
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** The cluster's ECR registry (clusterFacts().ecrRegistry). */
  readonly ecrRegistry: string;
}

/**
 * The SLI, or 0 where it has no sample: a fresh preview that served no 5xx has
 * no 5xx series, so the ratio is an empty vector, and `result[0]` on it is an
 * error that aborts a healthy rollout. No error series means no errors; that
 * the preview serves at all is the load-test Job's evidence (its thresholds
 * fail on failed requests), not this metric's.
 */
export function zeroWithoutData(query: string): string {
  return `(\n${query}\n) or on() vector(0)`;
}

/**
 * Passes at or under the limit. Robust to what Prometheus may still return:
 * no sample, or NaN (0/0 when the counters exist but saw no request in the window).
 */
export function sloSuccessCondition(limit: number): string {
  return `len(result) == 0 || isNaN(result[0]) || result[0] <= ${limit}`;
}

/**
 * A service's AnalysisTemplates: one per SLO (the alerts' SLI query over the
 * shortest alert window, against the SLO) and a k6 Job against the preview
 * service whose thresholds are the same SLOs.
 */
export class AnalysisTemplates extends Construct {
  constructor(scope: Construct, id: string, props: AnalysisTemplatesProps) {
    super(scope, id);
    const { service, namespace, labels, analysis } = props;
    const window = sliWindows(windowSet(props.sloPeriod))[0] ?? '5m';
    const t = promotionThresholds(props.delivery, analysis.maxBurnRate);
    const target = { namespace, serviceName: `{{args.${SERVICE_ARG}}}` };
    const limits: Record<SloKind, number> = { availability: t.maxErrorRatio, latency: t.maxSlowRatio };
    for (const kind of ['availability', 'latency'] as const) {
      const template: IAnalysisTemplate = {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AnalysisTemplate',
        metadata: { name: sloTemplateName(service.name, kind), namespace, labels },
        spec: {
          args: [{ name: SERVICE_ARG }],
          metrics: [
            {
              name: `${kind}-error-ratio`,
              initialDelay: `${analysis.initialDelaySeconds}s`,
              interval: `${analysis.intervalSeconds}s`,
              count: analysis.count,
              // One breach aborts: a new version gets no benefit of the doubt against an SLO.
              failureLimit: 0,
              successCondition: sloSuccessCondition(limits[kind]),
              provider: {
                prometheus: { address: PROMETHEUS_URL, query: zeroWithoutData(errorRatioQuery(kind, target, window, t.latencyP99Ms)) },
              },
            },
          ],
        },
      };
      new ApiObject(this, kind, template);
    }
    this.loadTest(props);
  }

  private loadTest(props: AnalysisTemplatesProps): void {
    const { service, namespace, labels } = props;
    const d = props.delivery;
    const name = loadTestTemplateName(service.name);
    const podLabels = { ...labels, 'app.kubernetes.io/name': name };
    const script = `${service.name}.js`;
    new k8s.KubeConfigMap(this, 'script', {
      metadata: { name, namespace, labels },
      data: { [script]: k6Script(service.name, d, props.analysis.maxBurnRate) },
    });
    // The Job's identity, so mesh and network policies can allow exactly it to reach the preview service.
    new k8s.KubeServiceAccount(this, 'account', { metadata: { name, namespace, labels: podLabels }, automountServiceAccountToken: false });
    const template: IAnalysisTemplate = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name, namespace, labels },
      spec: {
        metrics: [
          {
            name: 'k6-load-test',
            provider: {
              job: {
                metadata: { labels: podLabels },
                spec: {
                  backoffLimit: 0,
                  activeDeadlineSeconds: d.loadTest.durationSeconds + 300,
                  ttlSecondsAfterFinished: 3600,
                  template: {
                    // A native sidecar exits with k6, so the Job completes inside the STRICT-mTLS mesh.
                    metadata: { labels: podLabels, annotations: { 'sidecar.istio.io/nativeSidecar': 'true' } },
                    spec: {
                      restartPolicy: 'Never',
                      serviceAccountName: name,
                      automountServiceAccountToken: false,
                      securityContext: restrictedPodSecurity(),
                      containers: [
                        {
                          name: 'k6',
                          image: mirroredRepository(props.ecrRegistry, 'docker-hub', K6_IMAGE),
                          args: ['run', '--no-usage-report', `/scripts/${script}`],
                          env: [
                            { name: 'BASE_URL', value: `http://${service.name}-preview.${namespace}.svc.cluster.local:${service.port}` },
                          ],
                          resources: K6_RESOURCES,
                          securityContext: restrictedContainerSecurity(),
                          volumeMounts: [{ name: 'scripts', mountPath: '/scripts', readOnly: true }, TMP_MOUNT],
                        },
                      ],
                      volumes: [{ name: 'scripts', configMap: { name } }, TMP_VOLUME],
                    },
                  },
                },
              },
            },
          },
        ],
      },
    };
    new ApiObject(this, 'load-test', template);
  }
}
