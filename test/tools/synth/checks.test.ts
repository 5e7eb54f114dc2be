import { describe, expect, it } from 'vitest';
import { TODAY_VARIABLE } from '../../../config/clock.js';
import { PACKS } from '../../../policies/catalog.js';
import { BUDGET_CHECK } from '../../../tools/cost/budget-check.js';
import { OUTPUT_CHECKS } from '../../../tools/synth/checks.js';
import { VERSION_SUPPORT_CHECK } from '../../../tools/synth/version-support-check.js';
import { platformConfig } from '../../support/platform.js';
import { tradesenseOutput } from '../security/fixtures.js';

describe('synth checks', () => {
  it('registers exactly one guardrail check, the policy catalog, beside the config-only version-support notices and the budget check (it prices the output with tools/cost, which policies/ may not import)', () => {
    expect(Object.keys(OUTPUT_CHECKS).sort()).toEqual([BUDGET_CHECK, 'policy-catalog', VERSION_SUPPORT_CHECK].sort());
  });

  it('runs the former separate checks (data loss, encryption, retention, prerequisites) as rules of that one catalog', () => {
    const ids = PACKS.flatMap((p) => p.entries.map((e) => e.rule.id));
    expect(ids).toEqual(
      expect.arrayContaining([
        'production-data-copied-cross-region',
        'stateful-deletion-protected',
        'encryption-verified',
        'retention-from-table',
        'account-prerequisites-declared',
      ]),
    );
    for (const former of ['data-loss-guards', 'encryption-verified', 'retention-from-table', 'account-prerequisites-declared'])
      expect(Object.keys(OUTPUT_CHECKS)).not.toContain(former);
  });

  it('version-support reads config against a calendar, not the output: it is no guardrail over what synth wrote', () => {
    const check = OUTPUT_CHECKS[VERSION_SUPPORT_CHECK];
    if (!check) throw new Error('version-support is not registered');
    const pinned = process.env[TODAY_VARIABLE];
    process.env[TODAY_VARIABLE] = '2027-01-10'; // within 90 days of the end of standard support of a configured version
    try {
      const empty = check({ stacks: [], clusters: [] }, platformConfig());
      expect(empty.length).toBeGreaterThan(0);
      expect(check(tradesenseOutput(), platformConfig())).toEqual(empty);
    } finally {
      process.env[TODAY_VARIABLE] = pinned;
    }
  });
});
