import { readFileSync } from 'node:fs';
import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { helmValuesFor } from '../../charts/argocd/helm-values.js';
import { PLATFORM_COMPONENTS } from '../../charts/components.js';
import { constraintInputs } from '../../charts/gatekeeper/constraint.js';
import { SYSTEM_NAMESPACES } from '../../charts/gatekeeper/exempt-namespaces.js';
import { GATEKEEPER_COMPONENTS } from '../../charts/gatekeeper/gatekeeper-component.js';
import { GatekeeperConstraintsChart } from '../../charts/gatekeeper/gatekeeper-constraints.js';
import { GATEKEEPER_WAVES } from '../../charts/gatekeeper/names.js';
import { regoPackage } from '../../charts/gatekeeper/rego-source.js';
import type { ClusterView } from '../../config/derive/cluster-view.js';
import { ADMISSION_RULES } from '../../policies/admission-rules.js';
import { clusterAt, findObject, findObjects, renderedClusters, viewAt } from '../support/manifests.js';
import { configWith, platformConfig } from '../support/platform.js';

const constraintsOf = (view: ClusterView) =>
  new GatekeeperConstraintsChart(new App(), 'c', { ...constraintInputs(view), labels: {} }).toJson();

describe('ConstraintTemplates', () => {
  const cluster = clusterAt('prod/us-east-1');

  test.each(ADMISSION_RULES.map((r) => [r.id, r] as const))('%s is generated from its Rego, marked DO NOT EDIT', (id, rule) => {
    const template = findObject(cluster, { kind: 'ConstraintTemplate', name: rule.kind.toLowerCase() });
    const rego = readFileSync(`policies/rego/${id}/src.rego`, 'utf8');
    expect(template.apiVersion).toBe('templates.gatekeeper.sh/v1');
    expect(template.spec).toMatchObject({
      crd: { spec: { names: { kind: rule.kind } } },
      targets: [{ target: 'admission.k8s.gatekeeper.sh', rego }],
    });
    expect(regoPackage((template.spec as any).targets[0].rego)).toBe(rule.kind.toLowerCase());
    expect(template.metadata.annotations?.['tradesense.io/generated']).toMatch(
      new RegExp(`^DO NOT EDIT: generated from policies/rego/${id}/src.rego`),
    );
    expect(template.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe(String(GATEKEEPER_WAVES.templates));
  });

  test('declare the parameters their Rego reads', () => {
    const schema = (kind: string) => (findObject(cluster, { kind: 'ConstraintTemplate', name: kind }).spec as any).crd.spec.validation;
    expect(schema('tsrequiredlabels').openAPIV3Schema.properties.labels).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(schema('tsallowedregistries').openAPIV3Schema.properties.registries).toMatchObject({ type: 'array' });
    expect(schema('tsnoprivileged')).toBeUndefined();
  });
});

describe('constraints', () => {
  test.each(renderedClusters().map((c) => [c.dir, c] as const))('%s: enforcement follows the environment tier', (_dir, cluster) => {
    const expected = cluster.view.tier === 'development' ? 'warn' : 'deny';
    const constraints = findObjects(cluster, { apiVersion: 'constraints.gatekeeper.sh/v1beta1' });
    expect(constraints.map((c) => c.kind).sort()).toEqual(ADMISSION_RULES.map((r) => r.kind).sort());
    for (const c of constraints) expect((c.spec as any).enforcementAction, c.kind).toBe(expected);
  });

  test('warn in development and deny in staging and production', () => {
    const action = (dir: string) => (findObject(clusterAt(dir), { kind: 'TsNoPrivileged' }).spec as any).enforcementAction;
    expect(action('dev/us-east-1')).toBe('warn');
    expect(action('staging/us-west-2')).toBe('deny');
    expect(action('prod/us-east-1')).toBe('deny');
  });

  test('enforcement is derived from the tier, not the environment name', () => {
    const config = configWith((c) => {
      const staging = c.environments.staging;
      if (staging) staging.tier = 'development';
    });
    const actions = constraintsOf(viewAt('staging/us-east-1', config)).map((c) => c.spec.enforcementAction);
    expect(new Set(actions)).toEqual(new Set(['warn']));
  });

  test('exempt the platform namespaces and match Pods and pod-templating workloads', () => {
    const spec = findObject(clusterAt('prod/us-west-2'), { kind: 'TsReadOnlyRootFilesystem' }).spec as any;
    for (const ns of [
      'kube-system',
      'gatekeeper-system',
      'istio-system',
      'argocd',
      'velero',
      'external-secrets',
      'falco',
      'chaos-mesh',
      'monitoring',
    ]) {
      expect(spec.match.excludedNamespaces).toContain(ns);
    }
    expect(spec.match.excludedNamespaces).toEqual([...SYSTEM_NAMESPACES]);
    expect(spec.match.excludedNamespaces.some((ns: string) => ns.startsWith('team-'))).toBe(false);
    expect(spec.match.kinds).toEqual(
      expect.arrayContaining([{ apiGroups: [''], kinds: ['Pod'] }, expect.objectContaining({ apiGroups: ['apps'] })]),
    );
  });

  test('carry parameters from config: the taxonomy label keys and the cluster ECR registry', () => {
    const cluster = clusterAt('staging/us-west-2');
    const labels = (findObject(cluster, { kind: 'TsRequiredLabels' }).spec as any).parameters.labels;
    expect(labels).toEqual(
      platformConfig()
        .tagTaxonomy.map((t) => t.label)
        .sort(),
    );
    const registries = (findObject(cluster, { kind: 'TsAllowedRegistries' }).spec as any).parameters.registries;
    expect(registries).toEqual([cluster.view.facts.ecrRegistry]);
    const staging = platformConfig().environments.staging;
    expect(registries[0]).toBe(`${staging?.accountId}.dkr.ecr.us-west-2.amazonaws.com`);
  });

  test('a new taxonomy key becomes a required label', () => {
    const config = configWith((c) => {
      c.tagTaxonomy.push({ key: 'Compliance', label: 'tradesense.io/compliance', description: 'Regulatory scope.' });
      for (const env of Object.values(c.environments)) env.extraTags = { ...env.extraTags, Compliance: 'sox' };
    });
    const [required] = constraintsOf(viewAt('prod/us-east-1', config)).filter((c) => c.kind === 'TsRequiredLabels');
    expect(required.spec.parameters.labels).toContain('tradesense.io/compliance');
  });

  test('wait for their CRDs: skip the dry run on a first sync', () => {
    const c = findObject(clusterAt('dev/us-east-1'), { kind: 'TsNoLatestTag' });
    expect(c.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true');
  });
});

describe('Gatekeeper components', () => {
  const [operator, templates, constraints] = GATEKEEPER_COMPONENTS;

  test('install the operator from an exactly pinned chart, then templates, then constraints', () => {
    expect(operator?.helm).toMatchObject({ chart: 'gatekeeper', version: expect.stringMatching(/^3\.2\d\.\d+$/) });
    expect(operator?.syncWave).toBeLessThan(templates?.syncWave ?? 0);
    expect(templates?.syncWave).toBeLessThan(constraints?.syncWave ?? 0);
    expect(templates?.charts?.map((c) => c.id)).toEqual(['gatekeeper-templates']);
    expect(constraints?.charts?.map((c) => c.id)).toEqual(['gatekeeper-constraints']);
  });

  test('the templates provide every constraint kind; the operator provides ConstraintTemplate', () => {
    expect(operator?.providesCrds).toContain('templates.gatekeeper.sh/ConstraintTemplate');
    expect(templates?.providesCrds).toEqual(ADMISSION_RULES.map((r) => `constraints.gatekeeper.sh/${r.kind}`));
  });

  test('pull Gatekeeper through the cluster ECR', () => {
    const cluster = clusterAt('prod/us-east-1');
    const values = operator?.helm ? helmValuesFor(operator.helm, cluster.view) : {};
    expect((values.image as any).repository).toBe(`${cluster.view.facts.ecrRegistry}/docker-hub/openpolicyagent/gatekeeper`);
  });

  test('are registered with Argo CD and rendered in every cluster', () => {
    for (const c of GATEKEEPER_COMPONENTS) expect(PLATFORM_COMPONENTS).toContain(c);
    for (const cluster of renderedClusters())
      expect([...cluster.files.keys()]).toEqual(
        expect.arrayContaining(['gatekeeper-templates.k8s.yaml', 'gatekeeper-constraints.k8s.yaml']),
      );
  });
});

describe('exempt namespaces', () => {
  test('are namespaces that exist: Kubernetes own, or one a platform component installs into in some cluster', async () => {
    const { platformStates } = await import('../support/cluster-state.js');
    const namespaces = new Set(['kube-system', 'kube-public', 'kube-node-lease']);
    for (const state of await platformStates()) {
      for (const app of state.applications) namespaces.add(app.destinationNamespace);
      for (const o of state.objects) if (o.namespace) namespaces.add(o.namespace);
    }
    expect(SYSTEM_NAMESPACES.filter((ns) => !namespaces.has(ns))).toEqual([]);
  });
});
