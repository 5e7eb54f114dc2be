import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { labelsOf, type LabelBasis } from '../../config/derive/tags.js';
import type { Service } from '../../config/schema/service.js';
import type { Delivery } from '../../config/schema/slo.js';
import { MONITORING_NAMESPACE } from './namespaces.js';
import { compileSlo } from './slo/compile.js';
import { sloSpecs, windowSet } from './slo/specs.js';

export interface SloRulesProps {
  readonly labels: LabelBasis;
  readonly services: readonly Service[];
  /** The SLOs, their period and runbooks (config.delivery). */
  readonly delivery: Pick<Delivery, 'services' | 'runbookBaseUrl' | 'sloPeriod'>;
}

/**
 * The SLOs of config.delivery compiled into one PrometheusRule per service:
 * SLI recordings, budget series and burn-rate alerts. Generated from config;
 * DO NOT EDIT the rendered rules, change config/values/slo.ts.
 */
export class SloRulesChart extends Chart {
  constructor(scope: Construct, id: string, props: SloRulesProps) {
    super(scope, id);
    const set = windowSet(props.delivery.sloPeriod);
    const specs = sloSpecs(props.services, props.delivery);
    for (const service of props.services) {
      const groups = specs.filter((s) => s.service === service.name).flatMap((s) => compileSlo(s, set));
      if (groups.length === 0) continue;
      const rule: IPrometheusRule = {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        metadata: {
          name: `slo-${service.name}`,
          namespace: MONITORING_NAMESPACE,
          labels: labelsOf(props.labels, { Team: service.team, Service: service.name }),
          annotations: { 'tradesense.io/generated-from': 'config/values/slo.ts (DO NOT EDIT)' },
        },
        spec: { groups: groups.map((g) => ({ name: g.name, rules: g.rules.map((r) => ({ ...r })) })) },
      };
      new ApiObject(this, `slo-${service.name}`, rule);
    }
  }
}
