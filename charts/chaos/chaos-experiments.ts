import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { resolveLabels } from '../../config/derive/tags.js';
import { availabilityZones } from '../../config/reference/aws-regions.js';
import type { ClusterContext } from '../cluster-context.js';
import { SERVICE_NAME_LABEL } from '../workloads/service-accounts.js';
import { chaosNamespaces, chaosTargets, type ChaosScopeOptions } from './chaos-scope.js';
import { CHAOS_NAMESPACE } from './components.js';
import { NETWORK_LATENCY, POD_KILL, zoneOutages, type ChaosExperiment } from './experiments.js';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

const SPEC_FIELD: Record<ChaosExperiment['type'], string> = { PodChaos: 'podChaos', NetworkChaos: 'networkChaos' };

/**
 * Chaos Mesh Schedules of a staging-tier cluster: pod kill, network latency and
 * the loss of each availability zone in turn. Every experiment is confined to
 * the namespaces that opted in (annotated, and listed in selector.namespaces)
 * and to their stateless services; other tiers render no experiment.
 */
export class ChaosExperimentsChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext, options: ChaosScopeOptions = {}) {
    super(scope, id, { namespace: CHAOS_NAMESPACE });
    const targets = chaosTargets(ctx, options);
    if (targets.length === 0) return;
    const labels = resolveLabels(ctx.config, ctx.target.envName, { Team: 'platform', Service: 'chaos-mesh' });
    const selector = {
      namespaces: chaosNamespaces(ctx, options),
      expressionSelectors: [{ key: SERVICE_NAME_LABEL, operator: 'In', values: targets.map((s) => s.name) }],
    };
    for (const experiment of [POD_KILL, NETWORK_LATENCY, ...zoneOutages(availabilityZones(ctx.target.region))]) {
      const scoped = experiment.zone ? { ...selector, nodeSelectors: { [ZONE_LABEL]: experiment.zone } } : selector;
      new ApiObject(this, experiment.name, {
        apiVersion: 'chaos-mesh.org/v1alpha1',
        kind: 'Schedule',
        metadata: { name: experiment.name, labels },
        spec: {
          schedule: experiment.schedule,
          type: experiment.type,
          historyLimit: 5,
          concurrencyPolicy: 'Forbid',
          startingDeadlineSeconds: 300,
          [SPEC_FIELD[experiment.type]]: { ...experiment.spec, selector: scoped },
        },
      });
    }
  }
}
