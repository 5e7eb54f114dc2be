import { formatCpu, formatMemory, parseQuantity } from '../../config/derive/quantity.js';
import type { ClusterStateRule, StateViolation } from '../types.js';
import { meshInjection, podResources, scale, sum, type MeshInjection, type PodResources } from './pod-resources.js';
import { stateWhere, type ClusterState, type StateObject } from './types.js';
import { podTemplateOf, type StatePodTemplate } from './workload-pods.js';
import { type Json, obj } from '../json.js';

/** One thing that runs in the namespace at its worst moment. */
interface Share {
  readonly what: string;
  readonly pods: number;
  readonly resources: PodResources;
}

/** An HPA's maximum for a workload, or its own replica count. */
function maxReplicas(state: ClusterState, o: StateObject): number {
  const hpa = state.objects.find((h) => {
    const ref = obj(obj(h.body.spec).scaleTargetRef);
    return h.kind === 'HorizontalPodAutoscaler' && h.namespace === o.namespace && ref.kind === o.kind && ref.name === o.name;
  });
  const n = hpa ? obj(hpa.body.spec).maxReplicas : obj(o.body.spec).replicas;
  return typeof n === 'number' ? n : 1;
}

/** `maxSurge` of a rolling update (`25%` by default) on top of `replicas`. */
function surge(value: unknown, replicas: number): number {
  const v = value ?? '25%';
  return typeof v === 'string' && v.endsWith('%') ? Math.ceil((replicas * Number(v.slice(0, -1))) / 100) : Number(v) || 0;
}

/** The pods of the Jobs an analysis phase starts: every job metric of every template, at its parallelism. */
function analysisJobs(state: ClusterState, namespace: string, analysis: unknown, mesh: MeshInjection | undefined): Share[] {
  const templates = ((obj(analysis).templates as Json[] | undefined) ?? []).map((t) =>
    state.objects.find(
      (o) =>
        (t.clusterScope ? o.kind === 'ClusterAnalysisTemplate' : o.kind === 'AnalysisTemplate' && o.namespace === namespace) &&
        o.name === t.templateName,
    ),
  );
  return templates.flatMap((template) =>
    ((obj(template?.body.spec).metrics as Json[] | undefined) ?? []).flatMap((metric) => {
      const job = obj(obj(metric.provider).job);
      if (!template || !job.spec) return [];
      const spec = obj(job.spec);
      const pod = obj(spec.template);
      const t: StatePodTemplate = {
        object: { ...template, namespace },
        labels: obj(obj(pod.metadata).labels) as Record<string, string>,
        annotations: obj(obj(pod.metadata).annotations) as Record<string, string>,
        spec: obj(pod.spec),
      };
      const n = typeof spec.parallelism === 'number' ? spec.parallelism : 1;
      return [{ what: `${template.name} Job`, pods: n, resources: scale(podResources(t, state, mesh), n) }];
    }),
  );
}

const largest = (phases: Share[][]): Share[] =>
  phases.reduce((a, b) => (sum(b.map((s) => s.resources)).requests.cpu > sum(a.map((s) => s.resources)).requests.cpu ? b : a), []);

/** What one workload adds at its worst: a blue-green promotion doubles it at the HPA maximum, plus the analysis Jobs. */
function sharesOf(state: ClusterState, o: StateObject, mesh: MeshInjection | undefined): Share[] {
  const template = podTemplateOf(o);
  if (!template || Object.keys(template.spec).length === 0) return [];
  const pod = podResources(template, state, mesh);
  const n = maxReplicas(state, o);
  const spec = obj(o.body.spec);
  const strategy = obj(spec.strategy);
  if (o.kind === 'Rollout' && strategy.blueGreen) {
    const bg = obj(strategy.blueGreen);
    const jobs = largest([
      analysisJobs(state, o.namespace ?? '', bg.prePromotionAnalysis, mesh),
      analysisJobs(state, o.namespace ?? '', bg.postPromotionAnalysis, mesh),
    ]);
    return [{ what: `${o.name}: active + preview at ${n} replicas each`, pods: 2 * n, resources: scale(pod, 2 * n) }, ...jobs];
  }
  const extra =
    o.kind === 'Rollout'
      ? surge(obj(strategy.canary).maxSurge, n)
      : o.kind === 'Deployment'
        ? surge(obj(strategy.rollingUpdate).maxSurge, n)
        : 0;
  const count =
    o.kind === 'Job' || o.kind === 'CronJob'
      ? Number(obj(o.kind === 'Job' ? spec : obj(obj(spec.jobTemplate).spec)).parallelism ?? 1)
      : n + extra;
  return [{ what: `${o.kind} ${o.name} at ${count} pods`, pods: count, resources: scale(pod, count) }];
}

/** The quota keys this rule compares, with how to read the worst case for each. */
const KEYS: readonly [string, (r: PodResources, pods: number) => number, (n: number) => string][] = [
  ['requests.cpu', (r) => r.requests.cpu, formatCpu],
  ['cpu', (r) => r.requests.cpu, formatCpu],
  ['requests.memory', (r) => r.requests.memory, formatMemory],
  ['memory', (r) => r.requests.memory, formatMemory],
  ['limits.cpu', (r) => r.limits.cpu, formatCpu],
  ['limits.memory', (r) => r.limits.memory, formatMemory],
  ['pods', (_r, pods) => pods, String],
  ['count/pods', (_r, pods) => pods, String],
];

/**
 * A ResourceQuota too small for a blue-green promotion stalls it: the preview
 * ReplicaSet (or the load-test Job, or a scale-out during the promotion) is
 * refused at admission, the analysis never runs and the Rollout aborts at its
 * progress deadline. Each quota must hold every workload of its namespace at
 * its worst moment: both ReplicaSets at the HPA maximum, as admission counts
 * their pods (LimitRange defaults, the injected istio-init and proxy, the
 * OpenTelemetry init container), plus the analysis Jobs of the larger phase.
 */
export const quotasHoldRollouts: ClusterStateRule = {
  id: 'quotas-hold-rollouts',
  check: (state) => {
    const mesh = meshInjection(state);
    const violations: StateViolation[] = [];
    for (const quota of state.objects.filter((o) => o.kind === 'ResourceQuota' && o.apiVersion === 'v1')) {
      const hard = obj(obj(quota.body.spec).hard);
      const workloads = state.objects.filter((o) => o.namespace === quota.namespace && o.kind !== 'Pod' && podTemplateOf(o));
      const shares = workloads.flatMap((o) => sharesOf(state, o, mesh));
      if (shares.length === 0) continue;
      const total = sum(shares.map((s) => s.resources));
      const pods = shares.reduce((n, s) => n + s.pods, 0);
      for (const [key, read, format] of KEYS) {
        if (hard[key] === undefined) continue;
        const limit = parseQuantity(hard[key] as string | number);
        const need = read(total, pods);
        if (need <= limit + 1e-9) continue;
        const parts = shares.map((s) => `${s.what}: ${format(read(s.resources, s.pods))}`).join('; ');
        violations.push({
          where: stateWhere(quota),
          detail: `${key} ${String(hard[key])} < ${format(need)} at the worst moment of a rollout (${parts})`,
        });
      }
    }
    return violations;
  },
};
