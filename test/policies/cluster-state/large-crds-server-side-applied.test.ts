import { describe, expect, it } from 'vitest';
import { ANNOTATION_LIMIT_BYTES, largeCrdsServerSideApplied } from '../../../policies/cluster-state/large-crds-server-side-applied.js';
import { fixtureState, stateApplication, stateContext, stateObject } from '../../support/cluster-state.js';

const crd = (bytes: number, annotations: Record<string, string> = {}) =>
  stateObject({
    application: 'chaos-mesh',
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    name: 'workflows.chaos-mesh.org',
    clusterScoped: true,
    bytes,
    body: { metadata: { annotations } },
  });
const check = (o: ReturnType<typeof crd>, syncOptions: string[] = []) =>
  largeCrdsServerSideApplied.check(fixtureState([o], [stateApplication({ name: 'chaos-mesh', syncOptions })]), stateContext());

describe('large-crds-server-side-applied', () => {
  it('fails a CRD over the annotation limit synced client-side, with its size', () => {
    const [v] = check(crd(624_457), ['CreateNamespace=true']);
    expect(v?.where).toBe('chaos-mesh#CustomResourceDefinition/workflows.chaos-mesh.org');
    expect(v?.detail).toMatch(/624457 bytes, over the 262144-byte annotation limit .*'chaos-mesh' syncs without ServerSideApply=true/);
  });

  it('passes server-side apply (Application or object option), Replace, and CRDs within the limit', () => {
    expect(check(crd(624_457), ['ServerSideApply=true'])).toEqual([]);
    expect(check(crd(624_457, { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' }))).toEqual([]);
    expect(check(crd(624_457), ['Replace=true'])).toEqual([]);
    expect(check(crd(ANNOTATION_LIMIT_BYTES))).toEqual([]);
  });
});
