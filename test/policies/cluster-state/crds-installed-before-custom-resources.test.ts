import { describe, expect, it } from 'vitest';
import { crdsInstalledBeforeCustomResources } from '../../../policies/cluster-state/crds-installed-before-custom-resources.js';
import type { StateApplication, StateObject } from '../../../policies/cluster-state/types.js';
import { fixtureState, stateApplication, stateContext, stateObject } from '../../support/cluster-state.js';

const crd = (application: string, group: string, kind: string, wave = 0) =>
  stateObject({
    application,
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    name: `${kind.toLowerCase()}s.${group}`,
    clusterScoped: true,
    wave,
    body: { spec: { group, names: { kind } } },
  });
const monitor = (application: string, annotations: Record<string, string> = {}, wave = 0) =>
  stateObject({
    application,
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    name: 'm',
    namespace: 'monitoring',
    wave,
    body: { metadata: { name: 'm', annotations } },
  });

/** Argo CD (bootstrap: it installs the Application CRD), the root, and children at the given waves. */
function state(objects: StateObject[], children: Record<string, number>, extra: Partial<Record<string, Partial<StateApplication>>> = {}) {
  const apps = [
    stateApplication({ name: 'root' }),
    stateApplication({ name: 'argo-cd' }),
    ...Object.entries(children).map(([name, wave]) => stateApplication({ name, wave, ...extra[name] })),
  ];
  const childObjects = ['argo-cd', ...Object.keys(children)].map((name) =>
    stateObject({
      application: 'root',
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      name,
      namespace: 'argocd',
      wave: children[name] ?? 0,
    }),
  );
  const rootSelf = stateObject({
    application: 'root',
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    name: 'root',
    namespace: 'argocd',
  });
  return fixtureState(
    [crd('argo-cd', 'argoproj.io', 'Application'), crd('argo-cd', 'argoproj.io', 'AppProject'), rootSelf, ...childObjects, ...objects],
    apps,
  );
}
const check = (s: ReturnType<typeof state>) => crdsInstalledBeforeCustomResources.check(s, stateContext());

describe('crds-installed-before-custom-resources', () => {
  it('passes a CRD from an earlier wave, from the same Application and wave, and the root after the bootstrap install', () => {
    const project = stateObject({
      application: 'root',
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      name: 'platform',
      namespace: 'argocd',
      wave: -10,
    });
    expect(
      check(state([crd('crds', 'monitoring.coreos.com', 'ServiceMonitor'), monitor('rollouts'), project], { crds: 0, rollouts: 20 })),
    ).toEqual([]);
    // Argo CD skips the dry run for a kind whose CRD is part of the same sync, and creates CRDs first within a wave.
    expect(check(state([crd('stack', 'monitoring.coreos.com', 'ServiceMonitor'), monitor('stack')], { stack: 20 }))).toEqual([]);
  });

  it('fails a resource in the same wave as another Application that installs its CRD, naming both', () => {
    const [v, ...rest] = check(
      state([crd('stack', 'monitoring.coreos.com', 'ServiceMonitor'), monitor('rollouts')], { stack: 20, rollouts: 20 }),
    );
    expect(rest).toEqual([]);
    expect(v?.where).toBe('rollouts#ServiceMonitor/monitoring/m');
    expect(v?.detail).toMatch(
      /applied at wave 20 \(Application rollouts.*not after its CRD \(CRD servicemonitors.monitoring.coreos.com at wave 20 \(Application stack/,
    );
  });

  it('lets SkipDryRunOnMissingResource (object annotation or Application option) cover the same wave', () => {
    const annotated = monitor('rollouts', { 'argocd.argoproj.io/sync-options': 'Prune=false,SkipDryRunOnMissingResource=true' });
    expect(check(state([crd('stack', 'monitoring.coreos.com', 'ServiceMonitor'), annotated], { stack: 20, rollouts: 20 }))).toEqual([]);
    const viaApp = state(
      [crd('stack', 'monitoring.coreos.com', 'ServiceMonitor'), monitor('rollouts')],
      { stack: 20, rollouts: 20 },
      { rollouts: { syncOptions: ['SkipDryRunOnMissingResource=true'] } },
    );
    expect(check(viaApp)).toEqual([]);
  });

  it('fails a CRD at a later wave (the CRD-less kind first), even with SkipDryRunOnMissingResource', () => {
    expect(
      check(state([crd('stack', 'monitoring.coreos.com', 'ServiceMonitor'), monitor('rollouts')], { stack: 30, rollouts: 20 })),
    ).toHaveLength(1);
    expect(check(state([crd('stack', 'monitoring.coreos.com', 'ServiceMonitor', 5), monitor('stack', {}, 0)], { stack: 20 }))).toHaveLength(
      1,
    );
    expect(
      check(
        state(
          [
            crd('stack', 'monitoring.coreos.com', 'ServiceMonitor'),
            monitor('rollouts', { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' }),
          ],
          { stack: 30, rollouts: 20 },
        ),
      ),
    ).toHaveLength(1);
  });

  it('fails a custom resource whose CRD no Application installs, and ignores built-in and EKS-provided kinds', () => {
    const [v] = check(state([monitor('rollouts')], { rollouts: 20 }));
    expect(v?.detail).toMatch(/no Application of this cluster installs the CRD of monitoring.coreos.com\/ServiceMonitor/);
    const builtIn = stateObject({ application: 'rollouts', apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' });
    const eni = stateObject({
      application: 'rollouts',
      apiVersion: 'crd.k8s.amazonaws.com/v1alpha1',
      kind: 'ENIConfig',
      name: 'us-east-1a',
      clusterScoped: true,
    });
    expect(check(state([builtIn, eni], { rollouts: 20 }))).toEqual([]);
  });

  it('treats a Gatekeeper ConstraintTemplate as creating its constraint CRD at run time: strictly earlier', () => {
    const template = stateObject({
      application: 'templates',
      apiVersion: 'templates.gatekeeper.sh/v1',
      kind: 'ConstraintTemplate',
      name: 'tsnolatesttag',
      clusterScoped: true,
      body: { spec: { crd: { spec: { names: { kind: 'TsNoLatestTag' } } } } },
    });
    const constraint = (application: string) =>
      stateObject({ application, apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'TsNoLatestTag', name: 'c', clusterScoped: true });
    const gatekeeper = crd('gatekeeper', 'templates.gatekeeper.sh', 'ConstraintTemplate');
    expect(check(state([gatekeeper, template, constraint('constraints')], { gatekeeper: 20, templates: 40, constraints: 50 }))).toEqual([]);
    // In the same sync the CRD does not exist yet: Gatekeeper creates it only after the template is applied.
    const [v, ...rest] = check(state([gatekeeper, template, constraint('templates')], { gatekeeper: 20, templates: 40 }));
    expect(rest).toEqual([]);
    expect(v?.detail).toMatch(/not after its CRD \(ConstraintTemplate tsnolatesttag/);
  });
});
