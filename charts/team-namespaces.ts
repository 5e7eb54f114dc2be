import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { resolveLabels } from '../config/derive/tags.js';
import { chaosNamespaceAnnotations } from './chaos/chaos-scope.js';
import type { ClusterContext } from './cluster-context.js';
import { teamQuota } from './team-quota.js';

/** Namespace name of a team's workloads. */
export function teamNamespace(team: string): string {
  return `team-${team}`;
}

/**
 * The cluster baseline: a namespace per team that runs services, with a
 * ResourceQuota (the team's budget of the cluster, never below what a
 * blue-green promotion of its services needs: team-quota.ts) and a LimitRange
 * giving every container default requests and limits, so one team cannot
 * starve another.
 */
export class TeamNamespacesChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    const { config, target } = ctx;
    const teams = config.teams.filter((t) => config.services.some((s) => s.team === t.name));
    for (const team of teams) {
      const name = teamNamespace(team.name);
      const labels = resolveLabels(config, target.envName, { Team: team.name, Service: team.name });
      new k8s.KubeNamespace(this, `${team.name}-namespace`, { metadata: { name, labels: { ...labels, 'istio-injection': 'enabled' }, annotations: chaosNamespaceAnnotations(ctx, team.name) } });
      const quota = teamQuota(config, team);
      new k8s.KubeResourceQuota(this, `${team.name}-quota`, {
        metadata: { name: 'team-quota', namespace: name, labels },
        spec: {
          hard: {
            'requests.cpu': k8s.Quantity.fromString(quota['requests.cpu']),
            'requests.memory': k8s.Quantity.fromString(quota['requests.memory']),
            'limits.cpu': k8s.Quantity.fromString(quota['limits.cpu']),
            'limits.memory': k8s.Quantity.fromString(quota['limits.memory']),
            pods: k8s.Quantity.fromNumber(quota.pods),
          },
        },
      });
      new k8s.KubeLimitRange(this, `${team.name}-limits`, {
        metadata: { name: 'container-defaults', namespace: name, labels },
        spec: {
          limits: [
            {
              type: 'Container',
              defaultRequest: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('128Mi') },
              default: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('512Mi') },
              max: { cpu: k8s.Quantity.fromString('4'), memory: k8s.Quantity.fromString('8Gi') },
            },
          ],
        },
      });
    }
  }
}
