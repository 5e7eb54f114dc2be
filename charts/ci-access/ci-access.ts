import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { CI_KUBERNETES_GROUPS } from '../../config/derive/facts.js';
import type { Environment } from '../../config/schema/environment.js';
import { ARGOCD_NAMESPACE } from '../argocd-namespace.js';

export const ARGOCD_READER_ROLE = 'tradesense:ci-argocd-reader';
export const PORT_FORWARDER_ROLE = 'tradesense:ci-port-forwarder';

/** Load tests run only against staging-tier clusters (tools/drift/targets.ts loadTestMatrix). */
export const runsLoadTests = (tier: Environment['tier']) => tier === 'staging';

export interface CiAccessProps {
  /** The taxonomy labels of the roles and bindings. */
  readonly labels: Record<string, string>;
  /** Load tests port-forward only in staging-tier clusters. */
  readonly tier: Environment['tier'];
  /** The namespaces of the services the load tests reach. */
  readonly teamNamespaces: readonly string[];
}

/**
 * What the CI roles may do in the cluster beyond their EKS access policy
 * (AmazonEKSViewPolicy covers built-in kinds only, not custom resources, and
 * grants no port-forward). Their access entries carry the Kubernetes groups
 * of config/derive/facts.ts CI_KUBERNETES_GROUPS, which this chart binds:
 * - the deploy role reads Argo CD Applications in Argo CD's namespace (the
 *   post-deploy health check), nothing else;
 * - the read-only role port-forwards to the services of the team namespaces,
 *   only in staging-tier clusters, where the load tests run.
 */
export class CiAccessChart extends Chart {
  constructor(scope: Construct, id: string, props: CiAccessProps) {
    super(scope, id);
    const { labels } = props;
    const binding = (bindingId: string, namespace: string, role: string, group: string) =>
      new k8s.KubeRoleBinding(this, bindingId, {
        metadata: { name: role.replace(':', '-'), namespace, labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
      });

    new k8s.KubeClusterRole(this, 'argocd-reader', {
      metadata: { name: ARGOCD_READER_ROLE, labels },
      rules: [{ apiGroups: ['argoproj.io'], resources: ['applications'], verbs: ['get', 'list', 'watch'] }],
    });
    binding('argocd-reader-binding', ARGOCD_NAMESPACE, ARGOCD_READER_ROLE, CI_KUBERNETES_GROUPS.deploy);

    if (!runsLoadTests(props.tier)) return;
    new k8s.KubeClusterRole(this, 'port-forwarder', {
      metadata: { name: PORT_FORWARDER_ROLE, labels },
      rules: [
        { apiGroups: [''], resources: ['services', 'pods'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] },
      ],
    });
    for (const namespace of props.teamNamespaces)
      binding(`port-forwarder-${namespace}`, namespace, PORT_FORWARDER_ROLE, CI_KUBERNETES_GROUPS.loadTest);
  }
}
