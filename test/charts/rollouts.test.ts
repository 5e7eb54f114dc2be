import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { AnalysisTemplate } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate';
import { Rollout } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/Rollout';
import { renderCluster } from '../../charts/app.js';
import { k6Script } from '../../charts/rollouts/k6-script.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { chartObjects, viewAt } from '../support/manifests.js';
import { configWith, platformConfig } from '../support/platform.js';

function render(config: PlatformConfig, dir = 'prod/us-east-1') {
  const cluster = renderCluster(viewAt(dir, config));
  return { view: cluster.view, objects: chartObjects(cluster, 'service-rollouts'), rules: chartObjects(cluster, 'slo-rules') };
}

const config = platformConfig();
const { view, objects, rules } = render(config);
const k6Of = (name: string) => {
  const d = config.delivery.services[name];
  if (!d) throw new Error(`no delivery entry for ${name}`);
  return k6Script(name, d, config.delivery.analysis.maxBurnRate);
};
const find = (kind: string, name: string, namespace?: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
const rollouts = objects.filter((o) => o.kind === 'Rollout');

describe.each(config.services.map((s) => [s.name, s] as const))('%s', (name, service) => {
  const rollout = rollouts.find((r) => r.metadata.name === name);
  const ns = `team-${service.team}`;
  const bg = rollout?.spec.strategy.blueGreen;

  test('is a valid blue-green Rollout with an active and a preview Service', () => {
    expect(() => new Rollout(rollout).validate()).not.toThrow();
    expect(rollout.metadata.namespace).toBe(ns);
    expect(bg.activeService).toBe(name);
    expect(bg.previewService).toBe(`${name}-preview`);
    for (const svc of [bg.activeService, bg.previewService]) {
      expect(find('Service', svc, ns)?.spec.selector).toEqual({ 'app.kubernetes.io/name': name });
    }
  });

  test('promotes only after SLO and load-test analysis of the preview, and rolls back on post-promotion failure', () => {
    expect(bg.prePromotionAnalysis.templates.map((t: any) => t.templateName)).toEqual([
      `${name}-slo-availability`,
      `${name}-slo-latency`,
      `${name}-load-test`,
    ]);
    expect(bg.prePromotionAnalysis.args).toEqual([{ name: 'service-name', value: `${name}-preview` }]);
    expect(bg.postPromotionAnalysis.templates.map((t: any) => t.templateName)).toEqual([`${name}-slo-availability`, `${name}-slo-latency`]);
    expect(bg.postPromotionAnalysis.args).toEqual([{ name: 'service-name', value: name }]);
    expect(bg.scaleDownDelaySeconds).toBe(config.delivery.blueGreen.scaleDownDelaySeconds);
    expect(rollout.spec.progressDeadlineAbort).toBe(true);
    for (const t of bg.prePromotionAnalysis.templates) {
      const template = find('AnalysisTemplate', t.templateName, ns);
      expect(() => new AnalysisTemplate(template).validate()).not.toThrow();
      for (const metric of template.spec.metrics) expect(metric.failureLimit ?? 0).toBe(0);
    }
  });

  test('analysis queries are the SLI expressions the alerts are built on', () => {
    for (const kind of ['availability', 'latency']) {
      const metric = find('AnalysisTemplate', `${name}-slo-${kind}`, ns).spec.metrics[0];
      const recorded = rules
        .flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules))
        .find((r: any) => r.record === 'slo:sli_error:ratio_rate5m' && r.labels.slo_service === name && r.labels.slo === kind);
      // The same SLI, yielding 0 where it has no sample (zeroWithoutData).
      expect(metric.provider.prometheus.query.replaceAll('{{args.service-name}}', name)).toBe(`(\n${recorded.expr}\n) or on() vector(0)`);
    }
  });

  test('thresholds are the SLO: error budget and the p99 bound', () => {
    const d = config.delivery.services[name];
    const budget = Number(((100 - (d?.slo.availability ?? 0)) / 100).toPrecision(12));
    expect(find('AnalysisTemplate', `${name}-slo-availability`, ns).spec.metrics[0].successCondition).toBe(
      `len(result) == 0 || isNaN(result[0]) || result[0] <= ${budget}`,
    );
    expect(find('AnalysisTemplate', `${name}-slo-latency`, ns).spec.metrics[0].successCondition).toBe(
      'len(result) == 0 || isNaN(result[0]) || result[0] <= 0.01',
    );
    const script = k6Of(name);
    expect(script).toContain(`threshold: 'rate<=${budget}'`);
    expect(script).toContain(`threshold: 'p(99)<=${d?.slo.latencyP99Ms}'`);
  });

  test('the load test runs the checked-in k6 script against the preview service', () => {
    const script = k6Of(name);
    expect(readFileSync(`load-tests/${name}.js`, 'utf8'), 'run `npm run load-tests:generate`').toBe(script);
    expect(find('ConfigMap', `${name}-load-test`, ns).data[`${name}.js`]).toBe(script);
    const job = find('AnalysisTemplate', `${name}-load-test`, ns).spec.metrics[0].provider.job.spec;
    const k6 = job.template.spec.containers[0];
    expect(k6.args).toEqual(['run', '--no-usage-report', `/scripts/${name}.js`]);
    expect(k6.env).toEqual([{ name: 'BASE_URL', value: `http://${name}-preview.${ns}.svc.cluster.local:${service.port}` }]);
    expect(job.backoffLimit).toBe(0);
  });

  test('an HPA on the Rollout and a PDB consistent with its minimum', () => {
    const hpa = find('HorizontalPodAutoscaler', name, ns);
    const pdb = find('PodDisruptionBudget', name, ns);
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name });
    expect(hpa.spec.minReplicas).toBe(service.replicas);
    expect(rollout.spec.replicas, 'the HPA owns the replica count').toBeUndefined();
    expect(hpa.spec.maxReplicas).toBe(config.delivery.services[name]?.autoscaling.maxReplicas);
    expect(pdb.spec.minAvailable).toBe(service.replicas - 1);
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.selector.matchLabels).toEqual(rollout.spec.selector.matchLabels);
  });

  test('pods meet the guardrails', () => {
    const d = config.delivery.services[name];
    const jobPod = find('AnalysisTemplate', `${name}-load-test`, ns).spec.metrics[0].provider.job.spec.template;
    for (const pod of [rollout.spec.template, jobPod]) {
      expect(pod.spec.automountServiceAccountToken).toBe(false);
      expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const c of pod.spec.containers) {
        expect(c.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
        expect(c.image.startsWith(`${view.facts.ecrRegistry}/`)).toBe(true);
        expect(c.image).toMatch(/(:[\w][\w.-]*|@sha256:[a-f0-9]{64})$/);
        expect(c.image).not.toMatch(/:latest$/);
      }
    }
    const app = rollout.spec.template.spec.containers[0];
    expect(app.image).toBe(`${view.facts.ecrRegistry}/tradesense/${name}:${d?.version}`);
    expect(app.livenessProbe.httpGet.path).toBe(d?.probes.liveness);
    expect(app.readinessProbe.httpGet.path).toBe(d?.probes.readiness);
    expect(rollout.spec.template.spec.serviceAccountName).toBe(name);
    expect(rollout.spec.template.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': name,
      'tradesense.io/team': service.team,
      'tradesense.io/service': name,
    });
    expect(rollout.spec.template.metadata.annotations).toEqual({
      [`instrumentation.opentelemetry.io/inject-${d?.runtime}`]: 'observability/tradesense',
    });
  });
});

test('a digest version is pinned with @', () => {
  const digest = `sha256:${'ab'.repeat(32)}`;
  const { view: c, objects: o } = render(
    configWith((i) => {
      (i.delivery.services['risk-engine'] as any).version = digest;
    }),
  );
  const rollout = o.find((x) => x.kind === 'Rollout' && x.metadata.name === 'risk-engine');
  expect(rollout.spec.template.spec.containers[0].image).toBe(`${c.facts.ecrRegistry}/tradesense/risk-engine@${digest}`);
});

describe('delivery config errors', () => {
  test.each([
    [
      'a rollback window shorter than post-promotion analysis',
      (i: any) => {
        i.delivery.blueGreen.scaleDownDelaySeconds = 120;
      },
      /scaleDownDelaySeconds 120 ends before post-promotion analysis \(360 s\)/,
    ],
    [
      'an HPA maximum below the replicas',
      (i: any) => {
        i.delivery.services['order-gateway'].autoscaling.maxReplicas = 2;
      },
      /maxReplicas 2 is below order-gateway's replicas \(3\)/,
    ],
    [
      'a single replica (PDB would block every eviction or protect nothing)',
      (i: any) => {
        i.services[3].replicas = 1;
      },
      /portfolio-api runs 1 replica; .* set replicas to 2 or more/,
    ],
    [
      'a load test shorter than the analysis',
      (i: any) => {
        i.delivery.services['risk-engine'].loadTest.durationSeconds = 200;
      },
      /load test of risk-engine \(200 s\) ends before pre-promotion analysis \(360 s\)/,
    ],
    [
      'a latest tag',
      (i: any) => {
        i.delivery.services['risk-engine'].version = 'latest';
      },
      /version must be a release such as 1.4.2 or a sha256/,
    ],
    [
      'a team without an alert channel',
      (i: any) => {
        delete i.delivery.alerting.slackChannels.risk;
      },
      /team risk owns services or an environment but has no Slack channel/,
    ],
  ])('%s', (_what, mutate, message) => {
    expect(() => configWith(mutate)).toThrow(message);
  });
});
