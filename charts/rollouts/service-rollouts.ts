import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { resolveLabels } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';
import { serviceSecretNames } from '../external-secrets/secret-paths.js';
import { teamNamespace } from '../team-namespaces.js';
import { AnalysisTemplates } from './analysis-templates.js';
import { serviceAffinity } from './scheduling.js';
import { ServiceWorkload } from './service-workload.js';

/** Every TradeSense service as a blue-green Rollout with its analysis, Services, HPA and PDB. */
export class ServiceRolloutsChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    const { config, target, facts } = ctx;
    for (const service of config.services) {
      const delivery = config.delivery.services[service.name];
      if (!delivery) continue;
      const namespace = teamNamespace(service.team);
      const labels = {
        ...resolveLabels(config, target.envName, { Team: service.team, Service: service.name }),
        'app.kubernetes.io/name': service.name,
        'app.kubernetes.io/part-of': 'tradesense',
      };
      new AnalysisTemplates(this, `${service.name}-analysis`, { config, service, namespace, labels, ecrRegistry: facts.ecrRegistry });
      const secrets = serviceSecretNames(ctx, service);
      new ServiceWorkload(this, service.name, {
        config,
        envName: target.envName,
        service,
        delivery,
        namespace,
        labels,
        ecrRegistry: facts.ecrRegistry,
        secrets,
        affinity: serviceAffinity(ctx, service),
      });
    }
  }
}
