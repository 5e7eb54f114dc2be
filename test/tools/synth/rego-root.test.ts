import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../tools/helm/chart-lock.js';
import { bundlePaths } from '../../../tools/synth/bundle.mjs';
import { compileCacheFile } from '../../../tools/synth/compile-cache.mjs';

describe('the Gatekeeper policies a synth reads', () => {
  it('come from the repository whatever the working directory (npm run synth -- --config started elsewhere)', () => {
    // A bundled entry, as every tool runs, started from a folder outside the repository: worker threads cannot chdir.
    const dir = mkdtempSync(join(REPO_ROOT, '.build', 'rego-root-test-'));
    const entry = join(dir, 'entry.ts');
    const elsewhere = mkdtempSync(join(tmpdir(), 'rego-root-cwd-'));
    const { name, bundle, manifest } = bundlePaths(REPO_ROOT, entry);
    try {
      writeFileSync(
        entry,
        "import { policyFile, regoSource } from '../../charts/gatekeeper/rego-source.js';\n" +
          "console.log(policyFile('required-labels', 'src.rego'));\nconsole.log(regoSource('required-labels').length > 0);\n",
      );
      const run = spawnSync(process.execPath, [join(REPO_ROOT, 'tools', 'run.mjs'), entry], { cwd: elsewhere, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim().split('\n')).toEqual([join(REPO_ROOT, 'policies', 'rego', 'required-labels', 'src.rego'), 'true']);
    } finally {
      for (const path of [dir, elsewhere, bundle, manifest, compileCacheFile(REPO_ROOT, name)])
        rmSync(path, { recursive: true, force: true });
    }
  });
});
