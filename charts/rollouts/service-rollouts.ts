import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import { labelsOf, type LabelBasis } from '../../config/derive/tags.js';
import type { Service } from '../../config/schema/service.js';
import type { Delivery } from '../../config/schema/slo.js';
import { serviceSecretNames } from '../external-secrets/secret-paths.js';
import { AnalysisTemplates } from './analysis-templates.js';
import { serviceAffinity, type ClusterCapacity } from './scheduling.js';
import { ServiceWorkload } from './service-workload.js';

export interface ServiceRolloutsProps extends ClusterCapacity {
  readonly labels: LabelBasis;
  readonly services: readonly Service[];
  /** Versions, SLOs, autoscaling and promotion settings (config.delivery). */
  readonly delivery: Delivery;
  /** The cluster's ECR registry: the services' images and k6 come from it. */
  readonly ecrRegistry: string;
  /** Whether this cluster can read the database's master secret (the stateful services mount it). */
  readonly databaseReadable: boolean;
}

/** Every TradeSense service as a blue-green Rollout with its analysis, Services, HPA and PDB. */
export class ServiceRolloutsChart extends Chart {
  constructor(scope: Construct, id: string, props: ServiceRolloutsProps) {
    super(scope, id);
    const { delivery: settings, ecrRegistry } = props;
    for (const service of props.services) {
      const delivery = settings.services[service.name];
      if (!delivery) continue;
      const namespace = teamNamespace(service.team);
      const labels = {
        ...labelsOf(props.labels, { Team: service.team, Service: service.name }),
        'app.kubernetes.io/name': service.name,
        'app.kubernetes.io/part-of': 'tradesense',
      };
      new AnalysisTemplates(this, `${service.name}-analysis`, {
        service,
        delivery,
        analysis: settings.analysis,
        sloPeriod: settings.sloPeriod,
        namespace,
        labels,
        ecrRegistry,
      });
      new ServiceWorkload(this, service.name, {
        envName: props.envName,
        service,
        delivery,
        blueGreen: settings.blueGreen,
        namespace,
        labels,
        ecrRegistry,
        secrets: serviceSecretNames(service, props.databaseReadable),
        affinity: serviceAffinity(props, service),
      });
    }
  }
}
