import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { resolveLabels } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';
import { teamNamespace } from '../team-namespaces.js';

/**
 * Pod label naming the TradeSense service; mesh authorization policies select
 * on it, so the delivery charts must set it on every service's pods.
 */
export const SERVICE_NAME_LABEL = 'app.kubernetes.io/name';

/**
 * One ServiceAccount per TradeSense service, named after the service, in its
 * team's namespace: its identity in the mesh (`cluster.local/ns/<ns>/sa/<service>`)
 * and for Pod Identity. No API token is mounted unless a pod asks for one.
 */
export class ServiceAccountsChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    for (const service of [...ctx.config.services].sort((a, b) => a.name.localeCompare(b.name))) {
      new k8s.KubeServiceAccount(this, service.name, {
        metadata: {
          name: service.name,
          namespace: teamNamespace(service.team),
          labels: {
            ...resolveLabels(ctx.config, ctx.target.envName, { Team: service.team, Service: service.name }),
            [SERVICE_NAME_LABEL]: service.name,
          },
        },
        automountServiceAccountToken: false,
      });
    }
  }
}
