import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { helmValuesFor } from '../../charts/argocd/helm-values.js';
import { ChaosExperimentsChart, ZONE_LABEL } from '../../charts/chaos/chaos-experiments.js';
import { CHAOS_INJECT_ANNOTATION, chaosNamespaces, chaosTargets } from '../../charts/chaos/chaos-scope.js';
import { CHAOS_COMPONENTS } from '../../charts/chaos/components.js';
import { clusterComponents, PLATFORM_COMPONENTS } from '../../charts/components.js';
import { availabilityZones } from '../../config/reference/aws-regions.js';
import { clusterAt, findObject, findObjects, renderedClusters, type K8sObject } from '../support/manifests.js';

const staging = clusterAt('staging/us-east-1');
const schedules = (dir: string) => findObjects(clusterAt(dir), { kind: 'Schedule', apiVersion: 'chaos-mesh.org/v1alpha1' });
const experimentOf = (s: K8sObject) => {
  const spec = s.spec as any;
  return spec.podChaos ?? spec.networkChaos;
};

describe('scheduled experiments', () => {
  test.each(renderedClusters().map((c) => [c.dir, c.view.tier] as const))('%s (%s) runs them only in the staging tier', (dir, tier) => {
    expect(schedules(dir).length > 0).toBe(tier === 'staging');
  });

  test('kill a pod, add latency, and lose each availability zone in turn', () => {
    const byName = Object.fromEntries(schedules('staging/us-east-1').map((s) => [s.metadata.name, s.spec as any]));
    expect(byName['pod-kill']).toMatchObject({ type: 'PodChaos', podChaos: { action: 'pod-kill', mode: 'one' } });
    expect(byName['network-latency']).toMatchObject({
      type: 'NetworkChaos',
      networkChaos: { action: 'delay', delay: { latency: '150ms' }, duration: '10m' },
    });
    for (const zone of availabilityZones('us-east-1')) {
      expect(byName[`zone-outage-${zone}`]).toMatchObject({
        type: 'PodChaos',
        podChaos: { action: 'pod-failure', mode: 'all', duration: '15m', selector: { nodeSelectors: { [ZONE_LABEL]: zone } } },
      });
    }
    const days = availabilityZones('us-east-1').map((z) => byName[`zone-outage-${z}`].schedule);
    expect(new Set(days).size).toBe(3);
  });

  test('never stack runs and keep a short history', () => {
    for (const s of schedules('staging/us-west-2')) expect(s.spec).toMatchObject({ concurrencyPolicy: 'Forbid', historyLimit: 5 });
  });

  test('are confined to the opted-in namespaces and never select stateful services', () => {
    const { services } = staging.view;
    const namespaces = chaosNamespaces(chaosTargets(staging.view.tier, services));
    const stateful = services.filter((s) => s.stateful).map((s) => s.name);
    const stateless = services
      .filter((s) => !s.stateful)
      .map((s) => s.name)
      .sort();
    expect(stateful).toContain('risk-engine');
    for (const s of schedules('staging/us-east-1')) {
      const { selector } = experimentOf(s);
      expect(selector.namespaces).toEqual(namespaces);
      expect(selector.expressionSelectors).toEqual([{ key: 'app.kubernetes.io/name', operator: 'In', values: stateless }]);
      for (const name of stateful) expect(selector.expressionSelectors[0].values).not.toContain(name);
    }
    expect(namespaces).not.toContain('team-risk');
  });

  test('a stateful service that opts in becomes a target', () => {
    const { tier, services, region } = staging.view;
    const targets = chaosTargets(tier, services, { statefulOptIn: ['risk-engine'] });
    const objects = new ChaosExperimentsChart(new App(), 'chaos', { labels: {}, targets, zones: availabilityZones(region) }).toJson();
    expect(objects[0].spec.podChaos.selector.expressionSelectors[0].values).toContain('risk-engine');
    expect(objects[0].spec.podChaos.selector.namespaces).toContain('team-risk');
    expect(chaosTargets(tier, services).map((s) => s.name)).not.toContain('risk-engine');
  });
});

describe('namespace opt-in', () => {
  test('staging team namespaces with chaos targets carry the Chaos Mesh inject annotation', () => {
    for (const ns of chaosNamespaces(chaosTargets(staging.view.tier, staging.view.services))) {
      expect(findObject(staging, { kind: 'Namespace', name: ns }).metadata.annotations).toEqual({ [CHAOS_INJECT_ANNOTATION]: 'enabled' });
    }
    expect(findObject(staging, { kind: 'Namespace', name: 'team-risk' }).metadata.annotations).toBeUndefined();
  });

  test('no namespace opts in outside the staging tier', () => {
    for (const dir of ['dev/us-east-1', 'prod/us-east-1', 'prod/us-west-2']) {
      for (const ns of findObjects(clusterAt(dir), { kind: 'Namespace' })) {
        expect(ns.metadata.annotations?.[CHAOS_INJECT_ANNOTATION], `${dir} ${ns.metadata.name}`).toBeUndefined();
      }
    }
  });
});

describe('Chaos Mesh component', () => {
  const [mesh, experiments] = CHAOS_COMPONENTS;

  test('installs a pinned chart in staging clusters only, before the experiments', () => {
    expect(mesh?.helm).toMatchObject({ chart: 'chaos-mesh', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(clusterComponents(staging.view)).toContain(mesh);
    expect(clusterComponents(clusterAt('prod/us-east-1').view)).not.toContain(mesh);
    expect(clusterComponents(clusterAt('dev/us-east-1').view)).not.toContain(mesh);
    expect(mesh?.syncWave).toBeLessThan(experiments?.syncWave ?? 0);
    expect(mesh?.providesCrds).toContain('chaos-mesh.org/Schedule');
    for (const c of CHAOS_COMPONENTS) expect(PLATFORM_COMPONENTS).toContain(c);
  });

  test('honours only annotated namespaces and pulls its images through the cluster ECR', () => {
    const values = mesh?.helm ? helmValuesFor(mesh.helm, staging.view) : {};
    expect(values).toMatchObject({
      controllerManager: { enableFilterNamespace: true },
      images: { registry: `${staging.view.facts.ecrRegistry}/ghcr` },
      chaosDaemon: { runtime: 'containerd' },
    });
  });
});
