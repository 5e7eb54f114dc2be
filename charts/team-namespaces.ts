import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { teamNamespace } from '../config/derive/cluster-names.js';
import { labelsOf, type LabelBasis } from '../config/derive/tags.js';
import type { Team } from '../config/schema/organization.js';
import type { Service } from '../config/schema/service.js';
import type { ServiceDelivery } from '../config/schema/slo.js';
import { chaosNamespaceAnnotations } from './chaos/chaos-scope.js';
import { teamQuota } from './team-quota.js';

export interface TeamNamespacesProps {
  readonly labels: LabelBasis;
  /** Every team; those running no service get no namespace. */
  readonly teams: readonly Team[];
  readonly services: readonly Service[];
  /** Delivery settings per service (config.delivery.services): the quotas hold their rollouts. */
  readonly delivery: Readonly<Record<string, ServiceDelivery>>;
  /** Namespaces chaos experiments may inject into (chaos/chaos-scope.ts). @default none */
  readonly chaosNamespaces?: readonly string[];
}

/**
 * The cluster baseline: a namespace per team that runs services, with a
 * ResourceQuota (the team's budget of the cluster, never below what a
 * blue-green promotion of its services needs: team-quota.ts) and a LimitRange
 * giving every container default requests and limits, so one team cannot
 * starve another.
 */
export class TeamNamespacesChart extends Chart {
  constructor(scope: Construct, id: string, props: TeamNamespacesProps) {
    super(scope, id);
    const teams = props.teams.filter((t) => props.services.some((s) => s.team === t.name));
    for (const team of teams) {
      const name = teamNamespace(team.name);
      const labels = labelsOf(props.labels, { Team: team.name, Service: team.name });
      const annotations = chaosNamespaceAnnotations(props.chaosNamespaces ?? [], name);
      new k8s.KubeNamespace(this, `${team.name}-namespace`, {
        metadata: { name, labels: { ...labels, 'istio-injection': 'enabled' }, annotations },
      });
      const workloads = props.services.filter((s) => s.team === team.name).flatMap((s) => props.delivery[s.name] ?? []);
      const quota = teamQuota(team, workloads);
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
