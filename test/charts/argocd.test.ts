import { ApiObject, Chart } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { renderCluster } from '../../charts/app.js';
import { mergeValues } from '../../charts/argocd/helm-values.js';
import { clusterComponents } from '../../charts/components.js';
import type { ComponentChart, PlatformComponent } from '../../charts/platform-components.js';
import { SYNC_WAVES } from '../../charts/sync-waves.js';
import {
  clusterAt,
  clusterWith,
  field,
  findObject,
  findObjects,
  groupKind,
  type K8sObject,
  objectsOf,
  renderedClusters,
} from '../support/manifests.js';
import { configWith, platformConfig } from '../support/platform.js';

const clusters = renderedClusters();
const prod = clusterAt('prod/us-east-1');
const dev = clusterAt('dev/us-east-1');
const app = (cluster = prod, name: string) => findObject(cluster, { kind: 'Application', name });
const spec = (o: K8sObject) => o.spec as Record<string, any>;

describe('root application (app-of-apps)', () => {
  test.each(clusters.map((c) => [c.dir, c] as const))('%s has one root reading its own folder of the GitOps branch', (dir, cluster) => {
    const roots = findObjects(cluster, { kind: 'Application', file: 'argocd.k8s.yaml' }).filter((a) => spec(a).project === 'bootstrap');
    expect(roots.map((r) => r.metadata.name)).toEqual(['root']);
    const { repoURL, branch } = platformConfig().organization.gitops;
    expect(spec(roots[0] as K8sObject).source).toEqual({
      repoURL,
      targetRevision: branch,
      path: dir,
      directory: { include: 'argocd.k8s.yaml' },
    });
  });
});

describe('child applications', () => {
  test.each(clusters.map((c) => [c.dir, c] as const))('%s: one per component, sync wave annotated', (_dir, cluster) => {
    const components = clusterComponents(cluster.view);
    const children = findObjects(cluster, { kind: 'Application' }).filter((a) => spec(a).project === 'platform');
    expect(children.map((a) => a.metadata.name).sort()).toEqual(components.map((c) => c.name).sort());
    for (const c of components) {
      expect(app(cluster, c.name).metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe(String(c.syncWave));
    }
  });

  test('Helm components are pinned to exact chart versions, with cluster values merged in', () => {
    const helmApps = findObjects(prod, { kind: 'Application' }).filter((a) => spec(a).source?.chart || spec(a).sources);
    expect(helmApps.length).toBeGreaterThanOrEqual(6);
    for (const a of helmApps) {
      const sources = spec(a).sources ?? [spec(a).source];
      for (const s of sources.filter((x: any) => x.chart)) expect(s.targetRevision, a.metadata.name).toMatch(/^\d+\.\d+\.\d+$/);
    }
    const istiod = spec(app(prod, 'istiod')).source;
    expect(istiod).toMatchObject({ chart: 'istiod', repoURL: 'https://istio-release.storage.googleapis.com/charts' });
    expect(istiod.helm.valuesObject.global.hub).toBe(`${prod.view.facts.ecrRegistry}/docker-hub/istio`);
    expect(istiod.helm.valuesObject.pilot.autoscaleMin).toBe(2);
  });

  test('our Helm components pull every image through the cluster ECR registry, at a pinned tag', () => {
    const images: string[] = [];
    const collect = (node: unknown, key = ''): void => {
      if (Array.isArray(node)) node.forEach((n) => collect(n, key));
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) collect(v, k);
      else if (typeof node === 'string' && ['repository', 'hub', 'image'].includes(key)) images.push(node);
    };
    for (const name of ['argo-cd', 'istiod', 'external-secrets', 'velero']) collect(spec(app(prod, name)).source.helm.valuesObject);
    expect(images.length).toBeGreaterThanOrEqual(6);
    for (const image of images) expect(image.startsWith(`${prod.view.facts.ecrRegistry}/`), image).toBe(true);
    expect(images.filter((i) => i.includes(':')).every((i) => !i.endsWith(':latest'))).toBe(true);
  });

  test('manifest components point at their rendered files on the GitOps branch', () => {
    const mesh = spec(app(prod, 'istio-mesh')).source;
    const { repoURL, branch } = platformConfig().organization.gitops;
    expect(mesh).toEqual({
      repoURL,
      targetRevision: branch,
      path: prod.dir,
      directory: { include: '{istio-authorization.k8s.yaml,istio-mesh.k8s.yaml}' },
    });
    expect(spec(app(prod, 'velero-schedules')).source.directory).toEqual({ include: 'velero-schedules.k8s.yaml' });
  });

  test('automated sync with self-heal and retries from config; prune and server-side apply per component', () => {
    const { retry } = platformConfig().gitops;
    const base = spec(app(prod, 'istio-base')).syncPolicy;
    expect(base.automated).toEqual({ prune: false, selfHeal: true });
    expect(base.syncOptions).toEqual(expect.arrayContaining(['ServerSideApply=true', 'CreateNamespace=true']));
    expect(base.retry).toEqual({
      limit: retry.limit,
      backoff: { duration: retry.backoffDuration, factor: retry.backoffFactor, maxDuration: retry.backoffMaxDuration },
    });
    const schedules = spec(app(prod, 'velero-schedules')).syncPolicy;
    expect(schedules.automated).toEqual({ prune: true, selfHeal: true });
    expect(schedules.syncOptions).not.toContain('ServerSideApply=true');
    expect(app(prod, 'velero-schedules').metadata).toHaveProperty('finalizers', ['resources-finalizer.argocd.argoproj.io']);
    expect(app(prod, 'istio-base').metadata).not.toHaveProperty('finalizers');
  });

  test('operators come before their custom resources, workloads last', () => {
    const wave = (name: string) => Number(app(prod, name).metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    expect(wave('istio-base')).toBeLessThan(wave('istiod'));
    expect(wave('istiod')).toBeLessThan(wave('istio-ingress'));
    expect(wave('istio-ingress')).toBeLessThan(wave('istio-mesh'));
    expect(wave('external-secrets')).toBeLessThan(wave('cluster-secret-store'));
    expect(wave('cluster-secret-store')).toBeLessThan(wave('service-secrets'));
    expect(wave('velero')).toBeLessThan(wave('velero-locations'));
    expect(wave('velero-locations')).toBeLessThan(wave('velero-schedules'));
    expect(SYNC_WAVES.crds).toBeLessThan(SYNC_WAVES.operators);
    const minWave = Math.min(...clusterComponents(prod.view).map((c) => c.syncWave));
    for (const kind of ['AppProject', 'Secret']) {
      for (const o of findObjects(prod, { kind, file: 'argocd.k8s.yaml' }))
        expect(Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBeLessThan(minWave);
    }
    expect(SYNC_WAVES.customResources).toBeLessThan(SYNC_WAVES.workloads);
  });
});

describe('AppProjects', () => {
  const project = (cluster = prod, name = 'platform') => spec(findObject(cluster, { kind: 'AppProject', name }));

  test('platform project: only the GitOps repo and pinned chart repos, only the in-cluster server', () => {
    const p = project();
    const helmRepos = clusterComponents(prod.view).flatMap((c) => (c.helm ? [c.helm.repoURL] : []));
    expect(p.sourceRepos).toEqual([...new Set(['https://github.com/tradesense/platform.git', ...helmRepos])].sort());
    expect(p.sourceRepos).not.toContain('*');
    expect(new Set(p.destinations.map((d: any) => d.server))).toEqual(new Set(['https://kubernetes.default.svc']));
  });

  test.each(clusters.map((c) => [c.dir, c] as const))(
    '%s: every rendered namespace and cluster-scoped kind is allowed by the platform project',
    (_dir, cluster) => {
      const p = project(cluster);
      const namespaces = new Set(p.destinations.map((d: any) => d.namespace));
      const whitelisted = new Set(p.clusterResourceWhitelist.map((g: any) => `${g.group}/${g.kind}`));
      const problems = objectsOf(cluster)
        .filter(({ file }) => file !== 'argocd.k8s.yaml')
        .flatMap(({ file, object }) => {
          const ns = object.metadata.namespace;
          if (ns)
            return namespaces.has(ns) ? [] : [`${file}: namespace ${ns} of ${object.kind}/${object.metadata.name} is not a destination`];
          const kind = groupKind(object);
          const allowed = whitelisted.has(kind) || whitelisted.has(`${kind.slice(0, kind.lastIndexOf('/'))}/*`);
          return allowed ? [] : [`${file}: cluster-scoped ${groupKind(object)} is not whitelisted (declare it in clusterScopedKinds)`];
        });
      expect(problems).toEqual([]);
    },
  );

  test('bootstrap project may only create Argo CD objects and the cluster secret in argocd', () => {
    const p = project(prod, 'bootstrap');
    expect(p.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }]);
    expect(p.clusterResourceWhitelist).toEqual([]);
    expect(p.namespaceResourceWhitelist.map((g: any) => g.kind).sort()).toEqual(['AppProject', 'Application', 'Secret']);
  });

  test('prod freezes automated syncs in New York market hours, manual sync stays open', () => {
    for (const name of ['platform', 'bootstrap']) {
      expect(project(prod, name).syncWindows).toEqual([
        expect.objectContaining({
          kind: 'deny',
          schedule: '30 9 * * 1-5',
          duration: '6h30m',
          timeZone: 'America/New_York',
          manualSync: true,
          applications: ['*'],
        }),
      ]);
      expect(project(clusterAt('prod/us-west-2'), name).syncWindows).toHaveLength(1);
    }
  });

  test('dev and staging have no sync windows', () => {
    expect(project(dev).syncWindows).toEqual([]);
    expect(project(clusterAt('staging/us-east-1')).syncWindows).toEqual([]);
  });

  test('sync windows come from config', () => {
    const config = configWith((i) => {
      i.gitops = {
        ...i.gitops,
        syncWindows: { dev: [{ kind: 'deny', schedule: '0 22 * * *', duration: '2h', description: 'nightly freeze' }] },
      };
    });
    const devCluster = clusterWith(config, 'dev/us-east-1');
    const windows = spec(findObject(devCluster, { kind: 'AppProject', name: 'platform' })).syncWindows;
    expect(windows).toEqual([expect.objectContaining({ schedule: '0 22 * * *', duration: '2h', timeZone: 'UTC', manualSync: true })]);
  });

  test('sync windows of an unknown environment are rejected', () => {
    expect(() =>
      configWith((i) => {
        i.gitops = { ...i.gitops, syncWindows: { qa: [{ kind: 'deny', schedule: '0 9 * * 1-5', duration: '8h', description: 'x' }] } };
      }),
    ).toThrow(/gitops\.syncWindows\.qa: sync windows for unknown environment 'qa'/);
  });

  test('a window duration must be a Go duration', () => {
    expect(() =>
      configWith((i) => {
        i.gitops = {
          ...i.gitops,
          syncWindows: { prod: [{ kind: 'deny', schedule: '0 9 * * 1-5', duration: '6.5 hours', description: 'x' }] },
        };
      }),
    ).toThrow(/duration reads like 6h30m/);
  });
});

describe('cluster secret (gitops-bridge)', () => {
  test('carries the cluster facts as annotations, no credentials', () => {
    const secret = findObject(prod, { kind: 'Secret', name: 'in-cluster' });
    const { facts, peers } = prod.view;
    expect(secret.metadata.labels?.['argocd.argoproj.io/secret-type']).toBe('cluster');
    expect(secret.metadata.annotations).toMatchObject({
      aws_cluster_name: facts.clusterName,
      aws_region: 'us-east-1',
      velero_backup_s3_bucket_name: facts.veleroBucket,
      velero_iam_role_arn: facts.podIdentities.velero.roleArn,
      external_secrets_iam_role_arn: facts.podIdentities['external-secrets'].roleArn,
      peer_region: peers[0]?.region,
    });
    expect(peers).toHaveLength(1);
    expect(field(secret, 'stringData.server')).toBe('https://kubernetes.default.svc');
    expect(secret).not.toHaveProperty('data');
  });
});

describe('component registry guards', () => {
  const view = prod.view;
  /** A chart of one ConfigMap named after it. */
  const configMapChart = (id: string): ComponentChart => ({
    id,
    render: (scope, chartId) => {
      const chart = new Chart(scope, chartId);
      new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id, namespace: 'x' } });
      return chart;
    },
  });
  const appOf = (registry: readonly PlatformComponent[], name: string) =>
    (renderCluster(view, registry).objects.get('argocd.k8s.yaml') ?? []).find(
      (o: any) => o.kind === 'Application' && o.metadata.name === name,
    ) as any;

  test("a component's charts render to their files, and its Application syncs exactly those files", () => {
    const component: PlatformComponent = {
      name: 'pair',
      namespace: 'x',
      syncWave: 1,
      charts: [configMapChart('pair-a'), configMapChart('pair-b')],
    };
    const cluster = renderCluster(view, [component]);
    expect([...cluster.files.keys()]).toEqual(['argocd.k8s.yaml', 'pair-a.k8s.yaml', 'pair-b.k8s.yaml', 'kustomization.yaml']);
    expect(appOf([component], 'pair').spec.source.directory).toEqual({ include: '{pair-a.k8s.yaml,pair-b.k8s.yaml}' });
  });

  test('a component a cluster does not install renders neither its Application nor its files', () => {
    const component: PlatformComponent = {
      name: 'off',
      namespace: 'x',
      syncWave: 1,
      charts: [configMapChart('off')],
      enabled: () => false,
    };
    const cluster = renderCluster(view, [component]);
    expect([...cluster.files.keys()]).toEqual(['argocd.k8s.yaml', 'kustomization.yaml']);
    expect(appOf([component], 'off')).toBeUndefined();
  });

  test('duplicate component names are rejected', () => {
    const c: PlatformComponent = { name: 'twice', namespace: 'x', syncWave: 1, charts: [configMapChart('a')] };
    expect(() => renderCluster(view, [c, { ...c, charts: [configMapChart('b')] }])).toThrow(/two platform components are named 'twice'/);
  });

  test('two charts of one file are rejected', () => {
    const one: PlatformComponent = { name: 'one', namespace: 'x', syncWave: 1, charts: [configMapChart('same')] };
    expect(() => renderCluster(view, [one, { ...one, name: 'two' }])).toThrow(/two charts render same\.k8s\.yaml/);
  });

  test('a component with neither chart nor files is rejected', () => {
    expect(() => renderCluster(view, [{ name: 'empty', namespace: 'x', syncWave: 1 }])).toThrow(
      /platform component 'empty' has neither helm nor charts/,
    );
  });

  test('a component with both a chart and files becomes a multi-source application', () => {
    const both: PlatformComponent = {
      name: 'both',
      namespace: 'x',
      syncWave: 1,
      charts: [configMapChart('b')],
      helm: {
        repoURL: 'https://charts.example.com',
        chart: 'b',
        version: '1.2.3',
        values: { a: 1 },
        clusterValues: (v) => ({ region: v.region }),
      },
    };
    const app = appOf([both], 'both');
    expect(app.spec.source).toBeUndefined();
    expect(app.spec.sources.map((s: any) => s.chart ?? s.directory.include)).toEqual(['b', 'b.k8s.yaml']);
    expect(app.spec.sources[0].helm.valuesObject).toEqual({ a: 1, region: view.region });
  });

  test('cluster values deep-merge over static values; arrays replace', () => {
    expect(mergeValues({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2], e: 3 } })).toEqual({ a: { b: 1, c: [2], e: 3 }, d: 1 });
  });
});
