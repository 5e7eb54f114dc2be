import { describe, expect, it } from 'vitest';
import { UNSCRAPABLE_ON_EKS } from '../../../charts/observability/prometheus-stack-values.js';
import { evaluatePolicies, todayUtc } from '../../../policies/engine.js';
import { applyWaivers } from '../../../policies/waiver-check.js';
import { WAIVERS } from '../../../policies/waivers.js';
import { clusterState } from '../../../policies/packs/cluster-state.js';
import { platformStates, stateAt } from '../../support/cluster-state.js';
import { platformConfig, stackJson } from '../../support/platform.js';

describe('the TradeSense cluster states', () => {
  it('hold our files and every Helm Application rendered, attributed to its Application', async () => {
    const state = await stateAt('prod/us-east-1');
    const fromCharts = state.objects.filter((o) => o.source.startsWith('helm:'));
    expect(new Set(fromCharts.map((o) => o.application))).toContain('kube-prometheus-stack');
    expect(state.objects.find((o) => o.kind === 'Deployment' && o.name === 'argo-rollouts')?.source).toBe('helm:argo-rollouts-2.40.5');
    // Namespaces resolve to the Application's destination when the chart leaves them out.
    expect(state.objects.filter((o) => !o.clusterScoped && !o.namespace)).toEqual([]);
  });

  it('pass every cluster-state rule in every cluster (reviewed waivers aside)', async () => {
    const states = await platformStates();
    // The cluster stacks too: rules across both halves read them (network-policies-enforced).
    const stacks = states.map((s) => ({ name: `${s.envName}-${s.region}-cluster`, json: stackJson(`${s.envName}-${s.region}-cluster`) }));
    const violations = evaluatePolicies({ stacks, clusters: [], states }, platformConfig(), [clusterState]);
    const findings = applyWaivers(violations, WAIVERS, todayUtc()).filter((f) => f.severity === 'error');
    expect(findings.map((f) => `${f.check} ${f.where}: ${f.message}`)).toEqual([]);
  });

  it('kube-prometheus-stack renders nothing into kube-system and no exporter for EKS-managed control-plane parts', async () => {
    for (const state of await platformStates()) {
      const kps = state.objects.filter((o) => o.application === 'kube-prometheus-stack');
      expect(kps.filter((o) => o.namespace === 'kube-system').map((o) => o.name)).toEqual([]);
      expect(
        kps.filter((o) => /(coredns|kube-controller-manager|kube-scheduler|kube-etcd|kube-proxy)$/.test(o.name)).map((o) => o.name),
      ).toEqual([]);
    }
    expect(UNSCRAPABLE_ON_EKS).toContain('coreDns');
  });
});

describe('the rendered-manifests decision (docs/gitops.md)', () => {
  it('rests on facts: charts generate TLS keys at render time, and CRD schemas dominate the rendered size', async () => {
    const staging = await stateAt('staging/us-east-1');
    const keys = staging.objects.filter(
      (o) => o.kind === 'Secret' && o.source.startsWith('helm:') && 'tls.key' in ((o.body.data as object | undefined) ?? {}),
    );
    expect(keys.map((o) => o.application).sort()).toEqual(expect.arrayContaining(['chaos-mesh', 'opentelemetry-operator']));
    const prod = await stateAt('prod/us-east-1');
    const rendered = prod.objects.filter((o) => o.source.startsWith('helm:'));
    const total = rendered.reduce((n, o) => n + o.bytes, 0);
    const crds = rendered.filter((o) => o.kind === 'CustomResourceDefinition').reduce((n, o) => n + o.bytes, 0);
    expect(total).toBeGreaterThan(5_000_000);
    expect(crds / total).toBeGreaterThan(0.8);
    const ours = prod.objects.filter((o) => !o.source.startsWith('helm:')).reduce((n, o) => n + o.bytes, 0);
    expect(ours).toBeLessThan(500_000);
  });
});
