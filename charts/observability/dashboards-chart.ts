import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import type { Service } from '../../config/schema/service.js';
import type { Delivery } from '../../config/schema/slo.js';
import { businessDashboard } from './dashboards/business.js';
import { costDashboard } from './dashboards/cost.js';
import { doraDashboard } from './dashboards/dora.js';
import { DASHBOARD_LABEL, type GrafanaDashboard } from './dashboards/grafana.js';
import { sloDashboard } from './dashboards/slo.js';
import { MONITORING_NAMESPACE } from './namespaces.js';
import { ksmLabelName } from './prometheus-stack-values.js';
import { sloSpecs, windowSet } from './slo/specs.js';

export interface DashboardsProps {
  /** The taxonomy labels of the dashboards' ConfigMaps. */
  readonly labels: Record<string, string>;
  readonly services: readonly Service[];
  /** The SLOs, their period and runbooks (config.delivery). */
  readonly delivery: Pick<Delivery, 'services' | 'runbookBaseUrl' | 'sloPeriod'>;
  /** The namespace label carrying a team (prometheus-stack-values.ts teamLabel): cost by team groups by it. */
  readonly teamLabel: string;
}

/** Every dashboard of a cluster, by folder, generated from config. */
export function clusterDashboards(props: Omit<DashboardsProps, 'labels'>): { folder: string; dashboard: GrafanaDashboard }[] {
  const specs = sloSpecs(props.services, props.delivery);
  const set = windowSet(props.delivery.sloPeriod);
  return [
    ...props.services.map((s) => ({
      folder: 'SLO',
      dashboard: sloDashboard(
        s.name,
        specs.filter((x) => x.service === s.name),
        set,
      ),
    })),
    { folder: 'Business', dashboard: businessDashboard() },
    { folder: 'Cost', dashboard: costDashboard(ksmLabelName(props.teamLabel)) },
    { folder: 'Delivery', dashboard: doraDashboard() },
  ];
}

/** Grafana dashboards as ConfigMaps the Grafana sidecar loads (label grafana_dashboard: "1"). */
export class DashboardsChart extends Chart {
  constructor(scope: Construct, id: string, props: DashboardsProps) {
    super(scope, id);
    const labels = { ...props.labels, [DASHBOARD_LABEL]: '1' };
    for (const { folder, dashboard } of clusterDashboards(props)) {
      new k8s.KubeConfigMap(this, dashboard.uid, {
        metadata: { name: `dashboard-${dashboard.uid}`, namespace: MONITORING_NAMESPACE, labels, annotations: { grafana_folder: folder } },
        data: { [`${dashboard.uid}.json`]: JSON.stringify(dashboard, null, 2) },
      });
    }
  }
}
