/**
 * The defects of issue 12 that kept platform pods from running, asserted on the
 * real rendered state of every cluster (each fails on the output before its fix).
 */
import { describe, expect, it } from 'vitest';
import { asObject, type Json } from '../../../policies/k8s/pod-spec.js';
import { podsAdmittedByConstraints } from '../../../policies/cluster-state/pods-admitted-by-constraints.js';
import { imagesPinnedFromClusterEcr } from '../../../policies/cluster-state/images-pinned-from-cluster-ecr.js';
import type { ClusterState, StateObject } from '../../../policies/cluster-state/types.js';
import { platformStates, stateAt, stateContext } from '../../support/cluster-state.js';
import { platformConfig } from '../../support/platform.js';

const find = (state: ClusterState, kind: string, name: string): StateObject => {
  const o = state.objects.find((x) => x.kind === kind && x.name === name);
  if (!o) throw new Error(`no ${kind}/${name} in ${state.dir}`);
  return o;
};
const podSpec = (o: StateObject): Json => asObject(asObject(asObject(o.body.spec).template).spec);
const container = (o: StateObject, name?: string): Json =>
  ((podSpec(o).containers as Json[]).find((c) => name === undefined || c.name === name) ?? {}) as Json;
const taxonomy = () =>
  platformConfig()
    .tagTaxonomy.map((t) => t.label)
    .sort();
const labelsOf = (metadata: unknown) => Object.keys(asObject(asObject(metadata).labels));

describe('platform pods are admitted in every cluster (Gatekeeper, with the mesh)', () => {
  it.each(['argo-rollouts', 'tempo', 'opentelemetry-operator', 'opencost', 'janitor', 'service-rollouts'])(
    '%s: no constraint refuses or warns about any of its objects or pods',
    async (application) => {
      for (const state of await platformStates()) {
        const found = podsAdmittedByConstraints.check(state, stateContext(state.dir)).filter((v) => v.where.startsWith(`${application}#`));
        expect(found.map((v) => `${state.dir} ${v.where}: ${v.detail}`)).toEqual([]);
      }
    },
  );

  it('the chart Deployments and their pod templates carry the tag taxonomy as labels', async () => {
    const state = await stateAt('prod/us-east-1');
    for (const [kind, name] of [
      ['Deployment', 'argo-rollouts'],
      ['StatefulSet', 'tempo'],
      ['Deployment', 'opentelemetry-operator'],
      ['Deployment', 'opencost'],
    ] as const) {
      const o = find(state, kind, name);
      expect(labelsOf(o.body.metadata), `${kind}/${name}`).toEqual(expect.arrayContaining(taxonomy()));
      expect(labelsOf(asObject(asObject(o.body.spec).template).metadata), `${kind}/${name} pods`).toEqual(
        expect.arrayContaining(taxonomy()),
      );
    }
  });

  it('opencost sets a CPU limit', async () => {
    expect(asObject(container(find(await stateAt('prod/us-east-1'), 'Deployment', 'opencost'), 'opencost').resources)).toMatchObject({
      limits: { cpu: '500m' },
    });
  });

  it("team pods are judged with istiod's istio-init, which only the narrow exemption lets through", async () => {
    const state = await stateAt('prod/us-east-1');
    const withoutExemption: ClusterState = {
      ...state,
      objects: state.objects.map((o) =>
        o.kind === 'TsReadOnlyRootFilesystem' ? { ...o, body: { ...o.body, spec: { ...asObject(o.body.spec), parameters: {} } } } : o,
      ),
    };
    const denied = podsAdmittedByConstraints
      .check(withoutExemption, stateContext('prod/us-east-1'))
      .filter((v) => v.where.startsWith('service-rollouts#Rollout/'));
    expect(denied.length).toBe(platformConfig().services.length);
    expect(denied[0]?.detail).toMatch(/with the mesh's istio-init, istio-proxy: container istio-init has a writable root filesystem/);
  });
});

describe('platform images are valid, mirrored and pinned', () => {
  it('the Argo Rollouts controller image is a valid reference through the quay cache (not `/<ecr-host>/quay/...`)', async () => {
    const state = await stateAt('prod/us-east-1');
    const image = String(container(find(state, 'Deployment', 'argo-rollouts')).image);
    expect(image).toBe(`${stateContext('prod/us-east-1').facts.ecrRegistry}/quay/argoproj/argo-rollouts:v1.8.3`);
  });

  it("the Argo Rollouts controller's security context is the one we set (the chart reads it at the top level)", async () => {
    const controller = find(await stateAt('prod/us-east-1'), 'Deployment', 'argo-rollouts');
    expect(container(controller).securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(podSpec(controller).securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  });

  it("Gatekeeper's post-install webhook probe pulls curl through the Docker Hub cache", async () => {
    const state = await stateAt('prod/us-east-1');
    const job = find(state, 'Job', 'gatekeeper-update-namespace-label');
    const probe = ((podSpec(job).initContainers as Json[] | undefined) ?? [])
      .concat((podSpec(job).containers as Json[]) ?? [])
      .find((c) => c.name === 'webhook-probe-post');
    expect(probe?.image).toBe(`${stateContext('prod/us-east-1').facts.ecrRegistry}/docker-hub/curlimages/curl:8.20.0`);
  });

  it('Chaos Mesh swaps pods for a mirrored, pinned pause image and applies its CRDs server-side', async () => {
    const state = await stateAt('staging/us-east-1');
    const env = (container(find(state, 'Deployment', 'chaos-controller-manager')).env as Json[]).find(
      (e) => e.name === 'POD_FAILURE_PAUSE_IMAGE',
    );
    expect(env?.value).toBe(`${stateContext('staging/us-east-1').facts.ecrRegistry}/k8s/pause:3.10`);
    const app = state.applications.find((a) => a.name === 'chaos-mesh');
    expect(app?.syncOptions).toContain('ServerSideApply=true');
    const largest = Math.max(
      ...state.objects.filter((o) => o.application === 'chaos-mesh' && o.kind === 'CustomResourceDefinition').map((o) => o.bytes),
    );
    expect(largest).toBeGreaterThan(256 * 1024);
  });

  it('no cluster pulls an image that is invalid, unmirrored or unpinned', async () => {
    for (const state of await platformStates()) {
      expect(imagesPinnedFromClusterEcr.check(state, stateContext(state.dir)).map((v) => `${state.dir} ${v.where}: ${v.detail}`)).toEqual(
        [],
      );
    }
  });
});
