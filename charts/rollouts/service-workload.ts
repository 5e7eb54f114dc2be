import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { IRollout } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/Rollout';
import { serviceRepository } from '../../config/derive/registry.js';
import type { EnvName } from '../../config/derive/stack-environment.js';
import type { Service } from '../../config/schema/service.js';
import type { Delivery, ServiceDelivery } from '../../config/schema/slo.js';
import type { ServiceSecretNames } from '../external-secrets/secret-paths.js';
import { serviceSecretRefs } from '../external-secrets/service-secret-refs.js';
import { INSTRUMENTATION_REF } from '../observability/namespaces.js';
import { loadTestTemplateName, previewServiceName, SERVICE_ARG, sloTemplateName } from './names.js';
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_MOUNT, TMP_VOLUME } from './pod-security.js';

export interface ServiceWorkloadProps {
  readonly envName: EnvName;
  readonly service: Service;
  readonly delivery: ServiceDelivery;
  /** How long the old version stays and when a stuck rollout aborts (config.delivery.blueGreen). */
  readonly blueGreen: Delivery['blueGreen'];
  readonly namespace: string;
  /** The service's taxonomy labels plus `app.kubernetes.io/name`. */
  readonly labels: Record<string, string>;
  /** The cluster's ECR registry (clusterFacts().ecrRegistry). */
  readonly ecrRegistry: string;
  /** The service's synced Secrets in this cluster (serviceSecretNames()). */
  readonly secrets: ServiceSecretNames;
  /** Node constraints (scheduling.ts: on-demand for the order path in production). @default none */
  readonly affinity?: k8s.Affinity;
}

/** `<registry>/tradesense/<service>:<version>`, or `@sha256:...` when the version is a digest. */
export function serviceImage(ecrRegistry: string, service: string, version: string): string {
  return `${ecrRegistry}/${serviceRepository(service)}${version.startsWith('sha256:') ? '@' : ':'}${version}`;
}

/**
 * One TradeSense service: a blue-green Rollout promoted only after its SLO and
 * load-test analysis pass (and rolled back when post-promotion analysis fails),
 * its active and preview Services, an HPA on the Rollout and a PDB that keeps
 * all but one of the HPA's minimum replicas through voluntary disruptions.
 */
export class ServiceWorkload extends Construct {
  constructor(scope: Construct, id: string, props: ServiceWorkloadProps) {
    super(scope, id);
    const { service, namespace, labels } = props;
    const selector = { 'app.kubernetes.io/name': service.name };
    for (const name of [service.name, previewServiceName(service.name)]) {
      new k8s.KubeService(this, name, {
        metadata: { name, namespace, labels },
        spec: {
          type: 'ClusterIP',
          // Argo Rollouts adds the pod-template hash to this selector, pinning each Service to one version.
          selector,
          ports: [{ name: 'http', port: service.port, targetPort: k8s.IntOrString.fromString('http'), appProtocol: 'http' }],
        },
      });
    }
    new ApiObject(this, 'rollout', this.rollout(props, selector));
    new k8s.KubeHorizontalPodAutoscalerV2(this, 'hpa', {
      metadata: { name: service.name, namespace, labels },
      spec: {
        scaleTargetRef: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: service.name },
        minReplicas: service.replicas,
        maxReplicas: props.delivery.autoscaling.maxReplicas,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: props.delivery.autoscaling.targetCpuUtilization } },
          },
        ],
        // Scale up at once, down slowly: trading bursts come back within minutes.
        behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
      },
    });
    new k8s.KubePodDisruptionBudget(this, 'pdb', {
      metadata: { name: service.name, namespace, labels },
      spec: { minAvailable: k8s.IntOrString.fromNumber(service.replicas - 1), selector: { matchLabels: selector } },
    });
  }

  private rollout(props: ServiceWorkloadProps, selector: Record<string, string>): IRollout {
    const { service, delivery, namespace, labels, blueGreen } = props;
    const slos = [sloTemplateName(service.name, 'availability'), sloTemplateName(service.name, 'latency')];
    const templates = (names: string[]) => names.map((templateName) => ({ templateName }));
    const arg = (value: string) => [{ name: SERVICE_ARG, value }];
    const secrets = serviceSecretRefs(props.secrets);
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: service.name, namespace, labels },
      spec: {
        // No `replicas`: the HPA owns the count; a fixed value would make Argo CD undo every scale-out.
        revisionHistoryLimit: 3,
        selector: { matchLabels: selector },
        progressDeadlineSeconds: blueGreen.progressDeadlineSeconds,
        progressDeadlineAbort: true,
        template: {
          metadata: {
            labels: { ...labels, 'app.kubernetes.io/version': delivery.version.replace('sha256:', '').slice(0, 63) },
            annotations: { [`instrumentation.opentelemetry.io/inject-${delivery.runtime}`]: INSTRUMENTATION_REF },
          },
          spec: {
            serviceAccountName: service.name,
            // The services call no Kubernetes API.
            automountServiceAccountToken: false,
            securityContext: restrictedPodSecurity(),
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: 'topology.kubernetes.io/zone',
                whenUnsatisfiable: 'ScheduleAnyway',
                labelSelector: { matchLabels: selector },
              },
            ],
            ...(props.affinity ? { affinity: props.affinity } : {}),
            containers: [
              {
                name: service.name,
                image: serviceImage(props.ecrRegistry, service.name, delivery.version),
                ports: [{ name: 'http', containerPort: service.port, protocol: 'TCP' }],
                envFrom: secrets.envFrom,
                env: [
                  { name: 'OTEL_SERVICE_NAME', value: service.name },
                  {
                    name: 'OTEL_RESOURCE_ATTRIBUTES',
                    value: `deployment.environment.name=${props.envName},service.namespace=${namespace}`,
                  },
                  ...secrets.env,
                ],
                resources: {
                  requests: { cpu: delivery.resources.cpuRequest, memory: delivery.resources.memoryRequest },
                  limits: { cpu: delivery.resources.cpuLimit, memory: delivery.resources.memoryLimit },
                },
                securityContext: restrictedContainerSecurity(),
                livenessProbe: {
                  httpGet: { path: delivery.probes.liveness, port: 'http' },
                  initialDelaySeconds: 20,
                  periodSeconds: 10,
                  failureThreshold: 3,
                },
                readinessProbe: { httpGet: { path: delivery.probes.readiness, port: 'http' }, periodSeconds: 5, failureThreshold: 2 },
                volumeMounts: [TMP_MOUNT, ...secrets.volumeMounts],
              },
            ],
            volumes: [TMP_VOLUME, ...secrets.volumes],
          },
        },
        strategy: {
          blueGreen: {
            activeService: service.name,
            previewService: previewServiceName(service.name),
            // Promotion is automatic but gated: it happens only once pre-promotion analysis succeeds.
            autoPromotionEnabled: true,
            prePromotionAnalysis: {
              templates: templates([...slos, loadTestTemplateName(service.name)]),
              args: arg(previewServiceName(service.name)),
            },
            // A failure here aborts: the active Service switches back to the old pods, still up for scaleDownDelaySeconds.
            postPromotionAnalysis: { templates: templates(slos), args: arg(service.name) },
            scaleDownDelaySeconds: blueGreen.scaleDownDelaySeconds,
            abortScaleDownDelaySeconds: 30,
          },
        },
      },
    };
  }
}
