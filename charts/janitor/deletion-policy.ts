import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';

/** Namespaces the sweep skips even when labelled as a preview: the cluster's own and the janitor's. */
export const PROTECTED_NAMESPACES = ['default', 'janitor', 'argocd', 'istio-system'] as const;
/** Namespace name prefix the sweep never deletes (Kubernetes' own namespaces). */
export const PROTECTED_PREFIX = 'kube-';

export const DELETION_POLICY = 'janitor-deletes-only-expired-previews';

/** Cluster-scoped kinds the janitor's Application creates beyond the baseline (its AppProject whitelists them). */
export const DELETION_POLICY_KINDS = [
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
];

export interface DeletionPolicyProps {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly previewLabel: string;
  readonly labels: Record<string, string>;
}

const cel = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * What RBAC cannot say: the janitor's ClusterRole must allow `delete` on every
 * namespace and Job (RBAC has no label conditions, and preview namespaces
 * appear at run time, so no Role or resourceName can name them in advance).
 * This ValidatingAdmissionPolicy narrows that grant at the API server: for the
 * janitor's service account only, a namespace DELETE is admitted when the
 * namespace carries the preview label and is not protected, and a Job DELETE
 * when the Job has finished. A compromised janitor can delete nothing else.
 */
export function addDeletionPolicy(scope: Construct, props: DeletionPolicyProps): void {
  const user = `system:serviceaccount:${props.namespace}:${props.serviceAccount}`;
  const labels = 'oldObject.metadata.labels';
  const name = 'oldObject.metadata.name';
  new ApiObject(scope, 'deletion-policy', {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: DELETION_POLICY, labels: props.labels },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [
          { apiGroups: [''], apiVersions: ['v1'], operations: ['DELETE'], resources: ['namespaces'] },
          { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['DELETE'], resources: ['jobs'] },
        ],
      },
      matchConditions: [{ name: 'janitor-service-account', expression: `request.userInfo.username == ${cel(user)}` }],
      validations: [
        {
          expression: `request.resource.resource != 'namespaces' || (has(${labels}) && ${cel(props.previewLabel)} in ${labels} && ${labels}[${cel(props.previewLabel)}] == 'true')`,
          message: `the janitor may delete only namespaces labelled ${props.previewLabel}=true`,
        },
        {
          expression: `request.resource.resource != 'namespaces' || !(${name} in [${PROTECTED_NAMESPACES.map(cel).join(', ')}] || ${name}.startsWith(${cel(PROTECTED_PREFIX)}))`,
          message: `the janitor never deletes ${PROTECTED_NAMESPACES.join(', ')} or ${PROTECTED_PREFIX}* namespaces`,
        },
        {
          expression: `request.resource.resource != 'jobs' || (has(oldObject.status) && has(oldObject.status.completionTime))`,
          message: 'the janitor may delete only finished Jobs',
        },
      ],
    },
  });
  new ApiObject(scope, 'deletion-policy-binding', {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: DELETION_POLICY, labels: props.labels },
    spec: { policyName: DELETION_POLICY, validationActions: ['Deny'] },
  });
}
