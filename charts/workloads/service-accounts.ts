import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import { labelsOf, type LabelBasis } from '../../config/derive/tags.js';
import type { Service } from '../../config/schema/service.js';
import { SERVICE_NAME_LABEL } from './names.js';

export interface ServiceAccountsProps {
  readonly labels: LabelBasis;
  readonly services: readonly Service[];
}

/**
 * One ServiceAccount per TradeSense service, named after the service, in its
 * team's namespace: its identity in the mesh (`cluster.local/ns/<ns>/sa/<service>`)
 * and for Pod Identity. No API token is mounted unless a pod asks for one.
 */
export class ServiceAccountsChart extends Chart {
  constructor(scope: Construct, id: string, props: ServiceAccountsProps) {
    super(scope, id);
    for (const service of [...props.services].sort((a, b) => a.name.localeCompare(b.name))) {
      new k8s.KubeServiceAccount(this, service.name, {
        metadata: {
          name: service.name,
          namespace: teamNamespace(service.team),
          labels: {
            ...labelsOf(props.labels, { Team: service.team, Service: service.name }),
            [SERVICE_NAME_LABEL]: service.name,
          },
        },
        automountServiceAccountToken: false,
      });
    }
  }
}
