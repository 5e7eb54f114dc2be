import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { resolveLabels } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';
import { businessDashboard } from './dashboards/business.js';
import { costDashboard } from './dashboards/cost.js';
import { doraDashboard } from './dashboards/dora.js';
import { DASHBOARD_LABEL, type GrafanaDashboard } from './dashboards/grafana.js';
import { sloDashboard } from './dashboards/slo.js';
import { MONITORING_NAMESPACE } from './namespaces.js';
import { ksmLabelName, teamLabel } from './prometheus-stack-values.js';
import { sloSpecs, windowSet } from './slo/specs.js';

/** Every dashboard of a cluster, by folder, generated from config. */
export function clusterDashboards(ctx: ClusterContext): { folder: string; dashboard: GrafanaDashboard }[] {
  const specs = sloSpecs(ctx.config);
  const set = windowSet(ctx.config);
  return [
    ...ctx.config.services.map((s) => ({ folder: 'SLO', dashboard: sloDashboard(s.name, specs.filter((x) => x.service === s.name), set) })),
    { folder: 'Business', dashboard: businessDashboard() },
    { folder: 'Cost', dashboard: costDashboard(ksmLabelName(teamLabel(ctx))) },
    { folder: 'Delivery', dashboard: doraDashboard() },
  ];
}

/** Grafana dashboards as ConfigMaps the Grafana sidecar loads (label grafana_dashboard: "1"). */
export class DashboardsChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    const labels = { ...resolveLabels(ctx.config, ctx.target.envName), [DASHBOARD_LABEL]: '1' };
    for (const { folder, dashboard } of clusterDashboards(ctx)) {
      new k8s.KubeConfigMap(this, dashboard.uid, {
        metadata: { name: `dashboard-${dashboard.uid}`, namespace: MONITORING_NAMESPACE, labels, annotations: { grafana_folder: folder } },
        data: { [`${dashboard.uid}.json`]: JSON.stringify(dashboard, null, 2) },
      });
    }
  }
}
