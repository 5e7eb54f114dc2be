import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../tools/helm/chart-lock.js';

/** What esbuild puts in the bundle of an entry, as `npm run synth` bundles it (packages external). */
async function metafileOf(entry: string): Promise<Metafile> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
    metafile: true,
    write: false,
    outfile: '.build/threads-test.cjs',
  });
  return result.metafile;
}

/** The packages a bundle loads at run time (external imports), by name. */
const packagesOf = (meta: Metafile) =>
  new Set(
    Object.values(meta.outputs)
      .flatMap((o) => o.imports)
      .filter((i) => i.external)
      .map((i) =>
        i.path
          .split('/')
          .slice(0, i.path.startsWith('@') ? 2 : 1)
          .join('/'),
      ),
  );

describe('npm run synth on two threads', () => {
  it('the main thread never loads cdktf or the provider; the Terraform thread never loads cdk8s', async () => {
    const [main, thread] = await Promise.all([metafileOf('tools/synth.ts'), metafileOf('tools/synth/terraform-worker.ts')]);
    expect(packagesOf(main)).toContain('cdk8s');
    expect([...packagesOf(main)].filter((p) => p === 'cdktf' || p.startsWith('@cdktf/'))).toEqual([]);
    expect(packagesOf(thread)).toContain('cdktf');
    expect(packagesOf(thread)).toContain('@cdktf/provider-aws');
    expect([...packagesOf(thread)].filter((p) => p.startsWith('cdk8s'))).toEqual([]);
  });

  it('the Kubernetes side (charts, cluster states, policies, checks, reports) loads after the thread has its job', async () => {
    const main = await metafileOf('tools/synth.ts');
    const imports = main.inputs['tools/synth/run.ts']?.imports ?? [];
    const dynamic = imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
    const lazy = ['charts/app.ts', 'tools/synth/cluster-state.ts', 'policies/engine.ts', 'tools/synth/checks.ts', 'tools/synth/reports.ts'];
    expect(dynamic.sort()).toEqual([...lazy].sort());
    expect(imports.filter((i) => i.kind === 'require-call' || i.kind === 'import-statement').map((i) => i.path)).not.toEqual(
      expect.arrayContaining([lazy[0]]),
    );
  });
});
