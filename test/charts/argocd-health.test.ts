import { describe, expect, test } from 'vitest';
import { platformStates } from '../support/cluster-state.js';

const HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';

describe("Argo CD assesses child Applications' health (waves wait for it)", () => {
  test('the argocd-cm the argo-cd chart renders carries the Application health check, in every cluster', async () => {
    for (const state of await platformStates()) {
      const cm = state.objects.filter((o) => o.application === 'argo-cd' && o.kind === 'ConfigMap' && o.name === 'argocd-cm');
      expect(cm, state.dir).toHaveLength(1);
      const lua = String((cm[0]?.body.data as Record<string, unknown> | undefined)?.[HEALTH_KEY] ?? '');
      // Healthy only once the child reports it; Progressing while it has no health yet.
      expect(lua, state.dir).toMatch(/hs\.status = "Progressing"/);
      expect(lua, state.dir).toMatch(/hs\.status = obj\.status\.health\.status/);
      expect(lua, state.dir).toMatch(/return hs/);
    }
  });
});
