import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import type { JanitorSettings } from '../../config/schema/cost.js';
import { addDeletionPolicy, PROTECTED_NAMESPACES, PROTECTED_PREFIX } from './deletion-policy.js';

export const JANITOR_NAMESPACE = 'janitor';
/** Preview environments opt in to expiry with this label... */
export const PREVIEW_LABEL = 'tradesense.io/preview';
/** ...and may set their lifetime in hours with this annotation. */
export const TTL_ANNOTATION = 'tradesense.io/ttl-hours';

/**
 * The sweep, in bash for the kubectl image. Fields are split on '|' (not tabs:
 * bash collapses empty whitespace-separated fields, which would shift columns).
 */
export function janitorScript(defaultTtlHours: number, jobTtlSeconds: number): string {
  return [
    'set -euo pipefail',
    'now=$(date +%s)',
    `kubectl get namespaces -l '${PREVIEW_LABEL}=true' -o jsonpath='{range .items[*]}{.metadata.name}{"|"}{.metadata.creationTimestamp}{"|"}{.metadata.annotations.${TTL_ANNOTATION.replace(/\./g, '\\.')}}{"\\n"}{end}' |`,
    "while IFS='|' read -r name created ttl; do",
    `  case "$name" in ${PROTECTED_PREFIX}*|${PROTECTED_NAMESPACES.join('|')}) continue ;; esac`,
    `  case "$ttl" in ''|*[!0-9]*) ttl=${defaultTtlHours} ;; esac`,
    '  expires=$(( $(date -d "$created" +%s) + ttl * 3600 ))',
    '  if [ "$now" -ge "$expires" ]; then',
    '    echo "deleting preview namespace $name (created $created, ttl $ttl h)"',
    '    kubectl delete namespace "$name" --wait=false',
    '  fi',
    'done',
    // CronJob-owned Jobs are bounded by the CronJob's history limits.
    `kubectl get jobs -A -o jsonpath='{range .items[?(@.status.completionTime)]}{.metadata.namespace}{"|"}{.metadata.name}{"|"}{.status.completionTime}{"|"}{.spec.ttlSecondsAfterFinished}{"|"}{.metadata.ownerReferences[0].kind}{"\\n"}{end}' |`,
    "while IFS='|' read -r ns name finished ttl owner; do",
    '  if [ -n "$ttl" ] || [ "$owner" = "CronJob" ]; then continue; fi',
    `  if [ $(( now - $(date -d "$finished" +%s) )) -ge ${jobTtlSeconds} ]; then`,
    '    echo "deleting finished job $ns/$name (finished $finished)"',
    '    kubectl delete job -n "$ns" "$name" --cascade=background',
    '  fi',
    'done',
  ].join('\n');
}

export interface JanitorProps {
  /** The taxonomy labels of its objects and pods. */
  readonly labels: Record<string, string>;
  /** Schedule, image and lifetimes (cost.environments.<env>.janitor). */
  readonly settings: JanitorSettings;
  /** The cluster's ECR registry: the kubectl image comes through it. */
  readonly ecrRegistry: string;
}

/**
 * The in-cluster janitor: an hourly CronJob that deletes preview namespaces
 * past their TTL and finished Jobs that set no ttlSecondsAfterFinished, with a
 * service account allowed exactly that (RBAC narrowed by a
 * ValidatingAdmissionPolicy, deletion-policy.ts), in a hardened non-root container.
 */
export class JanitorChart extends Chart {
  constructor(scope: Construct, id: string, props: JanitorProps) {
    super(scope, id);
    const { settings, labels } = props;
    const metadata = { name: 'janitor', namespace: JANITOR_NAMESPACE, labels };
    new k8s.KubeNamespace(this, 'namespace', { metadata: { name: JANITOR_NAMESPACE, labels } });
    new k8s.KubeServiceAccount(this, 'service-account', { metadata, automountServiceAccountToken: true });
    new k8s.KubeClusterRole(this, 'role', {
      metadata: { name: 'janitor', labels },
      rules: [
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'delete'] },
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'delete'] },
      ],
    });
    new k8s.KubeClusterRoleBinding(this, 'binding', {
      metadata: { name: 'janitor', labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'janitor' },
      subjects: [{ kind: 'ServiceAccount', name: 'janitor', namespace: JANITOR_NAMESPACE }],
    });
    addDeletionPolicy(this, { namespace: JANITOR_NAMESPACE, serviceAccount: 'janitor', previewLabel: PREVIEW_LABEL, labels });
    new k8s.KubeCronJob(this, 'cron-job', {
      metadata,
      spec: {
        schedule: settings.schedule,
        timeZone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          // The CronJob's Jobs are admitted on their own: Gatekeeper's required-labels checks them too.
          metadata: { labels },
          spec: {
            backoffLimit: 1,
            activeDeadlineSeconds: 600,
            ttlSecondsAfterFinished: settings.finishedJobTtlSeconds,
            template: {
              metadata: { labels },
              spec: {
                serviceAccountName: 'janitor',
                restartPolicy: 'Never',
                securityContext: { runAsNonRoot: true, runAsUser: 1001, runAsGroup: 1001, seccompProfile: { type: 'RuntimeDefault' } },
                containers: [
                  {
                    name: 'janitor',
                    image: `${props.ecrRegistry}/${settings.kubectlImage}`,
                    imagePullPolicy: 'IfNotPresent',
                    command: ['/bin/bash', '-c', janitorScript(settings.defaultPreviewTtlHours, settings.finishedJobTtlSeconds)],
                    // kubectl writes its discovery cache under HOME: keep it on the scratch volume.
                    env: [{ name: 'HOME', value: '/tmp' }],
                    securityContext: {
                      allowPrivilegeEscalation: false,
                      readOnlyRootFilesystem: true,
                      runAsNonRoot: true,
                      privileged: false,
                      capabilities: { drop: ['ALL'] },
                      seccompProfile: { type: 'RuntimeDefault' },
                    },
                    resources: {
                      requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('64Mi') },
                      limits: { cpu: k8s.Quantity.fromString('200m'), memory: k8s.Quantity.fromString('128Mi') },
                    },
                    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
                  },
                ],
                volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } }],
              },
            },
          },
        },
      },
    });
  }
}
