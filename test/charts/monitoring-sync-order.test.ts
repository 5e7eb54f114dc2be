import { describe, expect, test } from 'vitest';
import { GRAFANA_ADMIN_SECRET, ALERTMANAGER_CONFIG_NAME } from '../../charts/alerting/names.js';
import { SYNC_WAVES } from '../../charts/sync-waves.js';
import { crdsInstalledBeforeCustomResources } from '../../policies/cluster-state/crds-installed-before-custom-resources.js';
import { createdBy, referencesOf } from '../../policies/cluster-state/object-references.js';
import { syncOrder } from '../../policies/cluster-state/sync-order.js';
import { platformStates, stateContext } from '../support/cluster-state.js';

describe('kube-prometheus-stack starts with what it needs', () => {
  test("its Grafana admin Secret and Alertmanager's global AlertmanagerConfig are created before it, in every cluster", async () => {
    for (const state of await platformStates()) {
      const order = syncOrder(state);
      const kps = state.objects.filter((o) => o.application === 'kube-prometheus-stack');
      const grafana = kps.find((o) => o.kind === 'Deployment' && referencesOf(o).some((r) => r.name === GRAFANA_ADMIN_SECRET));
      const alertmanager = kps.find((o) => o.kind === 'Alertmanager');
      const creator = (name: string) => state.objects.find((o) => createdBy(o)?.name === name);
      const [secret, amc] = [creator(GRAFANA_ADMIN_SECRET), creator(ALERTMANAGER_CONFIG_NAME)];
      if (!grafana || !alertmanager || !secret || !amc)
        throw new Error(`${state.dir}: Grafana, Alertmanager, or what they need is missing`);
      expect(order.compare(secret, grafana), `${state.dir}: ${order.describe(secret)} vs ${order.describe(grafana)}`).toBeLessThan(0);
      expect(order.compare(amc, alertmanager), `${state.dir}: ${order.describe(amc)} vs ${order.describe(alertmanager)}`).toBeLessThan(0);
    }
  });

  test('the monitoring CRDs come on their own at the CRD wave; no Application renders a monitoring resource before them', async () => {
    for (const state of await platformStates()) {
      const crds = state.objects.filter((o) => o.kind === 'CustomResourceDefinition' && o.name.endsWith('.monitoring.coreos.com'));
      expect(new Set(crds.map((o) => o.application)), state.dir).toEqual(new Set(['prometheus-operator-crds']));
      expect(state.applications.find((a) => a.name === 'prometheus-operator-crds')?.wave).toBe(SYNC_WAVES.crds);
      const early = crdsInstalledBeforeCustomResources
        .check(state, stateContext(state.dir))
        .filter((v) => v.detail.includes('monitoring.coreos.com'));
      expect(
        early.map((v) => v.where),
        state.dir,
      ).toEqual([]);
    }
  });
});
