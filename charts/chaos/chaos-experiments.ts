import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Service } from '../../config/schema/service.js';
import { SERVICE_NAME_LABEL } from '../workloads/names.js';
import { chaosNamespaces } from './chaos-scope.js';
import { NETWORK_LATENCY, POD_KILL, zoneOutages, type ChaosExperiment } from './experiments.js';
import { CHAOS_NAMESPACE } from './names.js';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

const SPEC_FIELD: Record<ChaosExperiment['type'], string> = { PodChaos: 'podChaos', NetworkChaos: 'networkChaos' };

export interface ChaosExperimentsProps {
  /** The taxonomy labels of the schedules. */
  readonly labels: Record<string, string>;
  /** The services experiments may target (chaos-scope.ts chaosTargets); none renders nothing. */
  readonly targets: readonly Service[];
  /** The cluster's availability zones: one zone outage each. */
  readonly zones: readonly string[];
}

/**
 * Chaos Mesh Schedules of a staging-tier cluster: pod kill, network latency and
 * the loss of each availability zone in turn. Every experiment is confined to
 * the namespaces that opted in (annotated, and listed in selector.namespaces)
 * and to their stateless services; other tiers install no Chaos Mesh (components.ts).
 */
export class ChaosExperimentsChart extends Chart {
  constructor(scope: Construct, id: string, props: ChaosExperimentsProps) {
    super(scope, id, { namespace: CHAOS_NAMESPACE });
    const { targets, labels } = props;
    if (targets.length === 0) return;
    const selector = {
      namespaces: chaosNamespaces(targets),
      expressionSelectors: [{ key: SERVICE_NAME_LABEL, operator: 'In', values: targets.map((s) => s.name) }],
    };
    for (const experiment of [POD_KILL, NETWORK_LATENCY, ...zoneOutages(props.zones)]) {
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
