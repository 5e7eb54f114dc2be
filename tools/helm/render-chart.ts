import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import type { HelmBinary } from './helm-binary.js';

/** What Argo CD hands `helm template` for one Application. */
export interface ChartRenderJob {
  /** Application name, for messages. */
  readonly application: string;
  readonly archivePath: string;
  readonly archiveSha256: string;
  readonly release: string;
  readonly namespace: string;
  readonly values: Record<string, unknown>;
  /** The cluster's Kubernetes version (`1.33`). */
  readonly kubeVersion: string;
  /** API versions beyond the built-ins that the cluster serves (its CRDs): `group/version` and `group/version/Kind`. */
  readonly apiVersions: readonly string[];
}

/** One rendered document, with its size before CRD schemas were dropped (the client-side apply limit needs it). */
export interface RenderedDocument {
  readonly object: Record<string, unknown>;
  readonly bytes: number;
}

export class ChartRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartRenderError';
  }
}

/** Key order must not change a cache key: values objects come from spreads in varying order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function renderKey(helm: HelmBinary, job: ChartRenderJob): string {
  // What helm sees, not where the archive sits or which Application asked: equal inputs share a render.
  const inputs = {
    helm: helm.version,
    archive: job.archiveSha256,
    release: job.release,
    namespace: job.namespace,
    values: job.values,
    kubeVersion: job.kubeVersion,
    apiVersions: [...job.apiVersions].sort(),
  };
  return createHash('sha256').update(stableJson(inputs)).digest('hex');
}

/**
 * CRD schemas are most of a chart's bytes (kube-prometheus-stack: 5 MB) and no
 * check reads them: keep names, group, scope and served versions.
 */
function compact(object: Record<string, unknown>): Record<string, unknown> {
  if (object.kind !== 'CustomResourceDefinition') return object;
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  const versions = Array.isArray(spec.versions) ? (spec.versions as Record<string, unknown>[]) : [];
  return {
    ...object,
    spec: {
      group: spec.group,
      names: spec.names,
      scope: spec.scope,
      versions: versions.map((v) => ({ name: v.name, served: v.served, storage: v.storage })),
    },
  };
}

export function parseRendered(text: string): RenderedDocument[] {
  const docs: RenderedDocument[] = [];
  // json: true tolerates duplicate keys (last wins), as the Kubernetes YAML decoder does.
  loadAll(
    text,
    (doc) => {
      if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
        const object = doc as Record<string, unknown>;
        docs.push({ object: compact(object), bytes: Buffer.byteLength(JSON.stringify(object)) });
      }
    },
    { json: true },
  );
  return docs;
}

function helmTemplate(helm: HelmBinary, job: ChartRenderJob, valuesFile: string): Promise<string> {
  const args = [
    'template',
    job.release,
    job.archivePath,
    '--namespace',
    job.namespace,
    '--values',
    valuesFile,
    '--include-crds',
    '--kube-version',
    job.kubeVersion,
  ];
  if (job.apiVersions.length > 0) args.push('--api-versions', [...job.apiVersions].sort().join(','));
  return new Promise((resolve, reject) => {
    const child = spawn(helm.path, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HELM_CACHE_HOME: join(valuesFile, '..', 'helm-home') },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new ChartRenderError(`${job.application}: cannot run ${helm.path}: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(
          new ChartRenderError(`${job.application}: helm template failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim()}`),
        );
    });
  });
}

export interface RenderOptions {
  readonly helm: HelmBinary;
  /** Rendered documents by key, as JSON files. */
  readonly cacheDir: string;
  /** @default availableParallelism() */
  readonly concurrency?: number;
}

/**
 * Renders each job as Argo CD would (`helm template` with the Application's
 * release, namespace and values, CRDs included, the cluster's version and
 * APIs), cached by archive digest + inputs so a warm synth runs no helm.
 * Results come back in job order; misses render in parallel.
 */
export async function renderCharts(jobs: readonly ChartRenderJob[], options: RenderOptions): Promise<RenderedDocument[][]> {
  mkdirSync(options.cacheDir, { recursive: true });
  const results: (RenderedDocument[] | undefined)[] = jobs.map((job) => {
    const file = join(options.cacheDir, `${renderKey(options.helm, job)}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RenderedDocument[]) : undefined;
  });
  const misses = jobs.map((job, i) => ({ job, i })).filter(({ i }) => !results[i]);
  let next = 0;
  const worker = async () => {
    for (let m = misses[next++]; m; m = misses[next++]) {
      const key = renderKey(options.helm, m.job);
      const valuesFile = join(options.cacheDir, `${key}.values.json`);
      writeFileSync(valuesFile, JSON.stringify(m.job.values));
      const docs = parseRendered(await helmTemplate(options.helm, m.job, valuesFile));
      const partial = join(options.cacheDir, `${key}.${process.pid}.partial`);
      writeFileSync(partial, JSON.stringify(docs));
      renameSync(partial, join(options.cacheDir, `${key}.json`));
      results[m.i] = docs;
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), misses.length));
  await Promise.all(Array.from({ length: width }, worker));
  return results.map((r, i) => {
    if (!r) throw new ChartRenderError(`${jobs[i]?.application ?? i}: no render`);
    return r;
  });
}
