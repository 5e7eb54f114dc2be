import { readFileSync } from 'node:fs';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../tools/helm/chart-lock.js';
import { bundlePaths, ensureBundle } from '../../../tools/synth/bundle.mjs';

/** What esbuild put in the bundle `npm run synth` runs for an entry (built here when stale, as the synth would). */
async function metafileOf(entry: string): Promise<Metafile> {
  // The extra inputs tools/run.mjs and terraform-thread.ts give: a bundle built here is the one they would build.
  await ensureBundle(
    REPO_ROOT,
    entry,
    entry === 'tools/synth.ts' ? ['tools/run.mjs', 'tools/synth/bundle.mjs'] : ['tools/synth/bundle.mjs'],
  );
  return JSON.parse(readFileSync(bundlePaths(REPO_ROOT, entry).metafile, 'utf8')) as Metafile;
}

/** The packages whose files a bundle holds, by name. */
const packagesOf = (meta: Metafile) =>
  new Set(
    Object.keys(meta.inputs)
      .filter((path) => path.startsWith('node_modules/'))
      .map((path) => {
        const parts = path.split('/');
        return parts.slice(1, parts[1]?.startsWith('@') ? 3 : 2).join('/');
      }),
  );

/** cdktf's token-trace module: every token it creates calls into it. */
const STACK_TRACE = 'node_modules/cdktf/lib/tokens/private/stack-trace.js';

describe('npm run synth on two threads', () => {
  it('the main thread never loads cdktf or the provider; the Terraform thread never loads cdk8s', async () => {
    const [main, thread] = await Promise.all([metafileOf('tools/synth.ts'), metafileOf('tools/synth/terraform-worker.ts')]);
    expect(packagesOf(main)).toContain('cdk8s');
    expect([...packagesOf(main)].filter((p) => p.startsWith('@cdktf/'))).toEqual([]);
    // Of cdktf, only the trace module its cheap-traces patch replaces (a module of no imports).
    expect(Object.keys(main.inputs).filter((path) => path.startsWith('node_modules/cdktf/'))).toEqual([STACK_TRACE]);
    expect(packagesOf(thread)).toContain('cdktf');
    expect(packagesOf(thread)).toContain('@cdktf/provider-aws');
    expect([...packagesOf(thread)].filter((p) => p.startsWith('cdk8s'))).toEqual([]);
  });

  it("the cheap-traces patch replaces the trace module the thread's own cdktf calls", async () => {
    const thread = await metafileOf('tools/synth/terraform-worker.ts');
    const importers = (path: string) =>
      Object.entries(thread.inputs)
        .filter(([, input]) => input.imports.some((i) => i.path === path && !i.external))
        .map(([file]) => file);
    // Bundled (not loaded from node_modules at run time, which would be a second copy cdktf never calls).
    expect(importers(STACK_TRACE)).toContain('tools/synth/cheap-stack-traces.ts');
    expect(importers(STACK_TRACE)).toContain('node_modules/cdktf/lib/tokens/lazy.js');
    expect(Object.keys(thread.inputs).filter((path) => path.endsWith('/tokens/private/stack-trace.js'))).toEqual([STACK_TRACE]);
  });

  it('the Kubernetes side (charts, cluster states, policies, checks, reports) loads after the thread has its job', async () => {
    const main = await metafileOf('tools/synth.ts');
    const imports = main.inputs['tools/synth/run.ts']?.imports ?? [];
    const dynamic = imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
    const lazy = [
      'charts/app.ts',
      'tools/synth/yaml-cache.ts',
      'tools/synth/cluster-state.ts',
      'policies/engine.ts',
      'tools/synth/checks.ts',
      'tools/synth/reports.ts',
    ];
    expect(dynamic.sort()).toEqual([...lazy].sort());
    expect(imports.filter((i) => i.kind === 'require-call' || i.kind === 'import-statement').map((i) => i.path)).not.toEqual(
      expect.arrayContaining([lazy[0]]),
    );
  });
});
