import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentStacks } from '../../../tools/drift/stacks.js';

function fakeOut(stacks: Record<string, { backend: 's3' | 'local'; dependencies?: string[] }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'drift-stacks-'));
  const manifest: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(stacks)) {
    mkdirSync(join(dir, 'stacks', name), { recursive: true });
    writeFileSync(join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify({ terraform: { backend: { [s.backend]: {} } } }));
    manifest[name] = { name, dependencies: s.dependencies ?? [], synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: manifest }));
  return dir;
}

describe('environmentStacks', () => {
  const out = fakeOut({
    'prod-us-east-1-cluster': { backend: 's3', dependencies: ['prod-us-east-1-network'] },
    'prod-us-east-1-network': { backend: 's3' },
    'prod-global-state': { backend: 'local' },
    'production2-global-audit': { backend: 's3' },
    'dev-global-audit': { backend: 's3' },
  });

  it('lists the remote-state stacks of one environment, dependencies first', () => {
    expect(environmentStacks(out, 'prod')).toEqual(['prod-us-east-1-network', 'prod-us-east-1-cluster']);
  });

  it('leaves out local-state bootstrap stacks and other environments', () => {
    expect(environmentStacks(out, 'dev')).toEqual(['dev-global-audit']);
  });

  it('reports a dependency cycle', () => {
    const cyclic = fakeOut({ 'dev-a': { backend: 's3', dependencies: ['dev-b'] }, 'dev-b': { backend: 's3', dependencies: ['dev-a'] } });
    expect(() => environmentStacks(cyclic, 'dev')).toThrow(/stack dependency cycle: dev-a -> dev-b -> dev-a/);
  });
});
