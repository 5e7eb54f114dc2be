import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../tools/helm/chart-lock.js';

describe('the Terraform thread started ahead of a synth', () => {
  it('does not keep `npm run synth` alive when the synth never starts (bad config: exit 1 at once)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'idle-thread-'));
    try {
      writeFileSync(join(dir, 'bad.json'), '{"bad": 1}\n');
      // Before: the thread waited for a job that never came, and the process with it.
      const run = spawnSync(
        process.execPath,
        [join(REPO_ROOT, 'tools', 'run.mjs'), join(REPO_ROOT, 'tools', 'synth.ts'), '--config', 'bad.json'],
        {
          cwd: dir,
          encoding: 'utf8',
          timeout: 30_000,
        },
      );
      expect({ status: run.status, signal: run.signal }).toEqual({ status: 1, signal: null });
      expect(run.stderr).toMatch(/bad: unknown key/);
      expect(run.stderr).toMatch(/previous output left untouched/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
