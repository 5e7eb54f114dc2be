import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { CI_KUBERNETES_GROUPS } from '../../config/derive/facts.js';
import { resolveLabels } from '../../config/derive/tags.js';
import { ARGOCD_NAMESPACE } from '../argocd/argo-cd-component.js';
import type { ClusterContext } from '../cluster-context.js';
import { teamNamespace } from '../team-namespaces.js';

export const ARGOCD_READER_ROLE = 'tradesense:ci-argocd-reader';
export const PORT_FORWARDER_ROLE = 'tradesense:ci-port-forwarder';

/** Load tests run only against staging-tier clusters (tools/drift/targets.ts loadTestMatrix). */
export const runsLoadTests = (ctx: ClusterContext) => ctx.target.env.tier === 'staging';

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
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    const labels = resolveLabels(ctx.config, ctx.target.envName, { Team: 'platform', Service: 'ci-cd' });
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

    if (!runsLoadTests(ctx)) return;
    new k8s.KubeClusterRole(this, 'port-forwarder', {
      metadata: { name: PORT_FORWARDER_ROLE, labels },
      rules: [
        { apiGroups: [''], resources: ['services', 'pods'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] },
      ],
    });
    const namespaces = [...new Set(ctx.config.services.map((s) => teamNamespace(s.team)))].sort();
    for (const namespace of namespaces) binding(`port-forwarder-${namespace}`, namespace, PORT_FORWARDER_ROLE, CI_KUBERNETES_GROUPS.loadTest);
  }
}
