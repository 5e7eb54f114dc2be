import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../config/clock.js';
import { PACKS } from '../../policies/catalog.js';
import { policyFindings } from '../../policies/engine.js';
import { CROSS_REGION_COPY_RULE } from '../../policies/output/cross-region-copies.js';
import { WAIVER_CHECK } from '../../policies/waiver-check.js';
import { WAIVERS } from '../../policies/waivers.js';
import { drRunbook } from '../../tools/dr/runbook.js';
import { platformStates } from '../support/cluster-state.js';
import { platformConfig } from '../support/platform.js';
import { tradesenseOutput } from '../tools/security/fixtures.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });

describe('the one waiver file (policies/waivers.ts)', () => {
  it('is the only list of waivers in policies/ and tools/', () => {
    const lists = ['policies', 'tools']
      .flatMap((dir) => sources(join(ROOT, dir)))
      .filter((file) => /\b(?:const|let|var)\s+\w+\s*:\s*(?:readonly\s+)?\w*Waiver\[\]\s*=/.test(readFileSync(file, 'utf8')));
    expect(lists.map((file) => relative(ROOT, file))).toEqual(['policies/waivers.ts']);
  });

  it('gives every waiver a catalog rule, a resource, a reason and an expiry within 90 days', () => {
    const rules = new Set(PACKS.flatMap((p) => p.entries.map((e) => e.rule.id)));
    const realToday = new Date().toISOString().slice(0, 10);
    for (const w of WAIVERS) {
      expect(rules, w.rule).toContain(w.rule);
      expect(w.resource.trim(), w.rule).not.toBe('');
      expect(w.reason.trim().length, w.resource).toBeGreaterThan(20);
      expect(w.expires, w.resource).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(daysBetween(realToday, w.expires), `${w.resource} expires ${w.expires}`).toBeLessThanOrEqual(90);
    }
  });

  it('holds no waiver the TradeSense synth does not need: each covers a finding, and nothing else fails', async () => {
    const findings = policyFindings({ ...tradesenseOutput(), states: await platformStates() }, { config: platformConfig() });
    expect(
      findings.filter((f) => f.check === WAIVER_CHECK || f.severity === 'error').map((f) => `${f.check} ${f.where}: ${f.message}`),
    ).toEqual([]);
    // The state bucket replicates to the other region: the copy rule needs no waiver for it any more.
    expect(WAIVERS.map((w) => w.resource).filter((r) => r.includes('state-bucket'))).toEqual([]);
  });

  it('is what the DR runbook lists as reviewed exceptions to the cross-region copy rule', () => {
    const runbook = drRunbook('prod')(tradesenseOutput(), platformConfig());
    const reviewed = (runbook.split('## Stateful resources without a cross-region copy (reviewed)')[1] ?? '').trim().split('\n');
    for (const waiver of WAIVERS.filter((w) => w.rule === CROSS_REGION_COPY_RULE))
      expect(
        reviewed.some((line) => line.endsWith(`: ${waiver.reason}`)),
        waiver.resource,
      ).toBe(true);
    expect(reviewed.filter((line) => line.includes('-global-audit/'))).toHaveLength(2);
    expect(runbook).not.toContain('prod-global-state/aws_s3_bucket.state-bucket');
  });
});
