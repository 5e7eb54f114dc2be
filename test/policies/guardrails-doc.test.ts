import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { TODAY_VARIABLE } from '../../config/clock.js';
import { PACKS } from '../../policies/catalog.js';
import { policyFindings } from '../../policies/engine.js';
import type { PolicyInput } from '../../policies/output.js';
import { encryptionInventory } from '../../policies/output/encryption-inventory.js';
import { indexOutput } from '../../policies/output-index.js';
import { StackIndex } from '../../policies/terraform.js';
import { OUTPUT_CHECKS } from '../../tools/synth/checks.js';
import type { SynthOutput } from '../../tools/synth/output.js';
import { platformConfig } from '../support/platform.js';
import { outputOf, ref, tradesenseOutput } from '../tools/security/fixtures.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const doc = readFileSync(join(ROOT, 'docs', 'guardrails.md'), 'utf8');
const catalog = doc.slice(doc.indexOf('## Policy catalog'), doc.indexOf('## Synth diff'));
/** The rows of the Markdown table whose header line is `header`, as cells. */
function table(header: string): string[][] {
  const start = catalog.indexOf(`${header}\n`);
  if (start < 0) throw new Error(`no table '${header}' in docs/guardrails.md`);
  const rows = catalog.slice(start).split('\n').slice(2);
  return rows
    .slice(
      0,
      rows.findIndex((r) => !r.startsWith('|')),
    )
    .map((r) => r.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, '').trim()));
}
const code = (cell: string | undefined) => /^`([^`]+)`$/.exec(cell ?? '')?.[1] ?? cell;

describe('docs/guardrails.md says what the engine does', () => {
  afterEach(() => {
    process.env[TODAY_VARIABLE] = '2026-12-07';
  });

  it('one engine, registered as the only guardrail check beside the config-only version-support', () => {
    expect(catalog).toContain('synth registers it as its only guardrail check,\n`policy-catalog`');
    expect(Object.keys(OUTPUT_CHECKS).sort()).toEqual(['budget-covers-estimate', 'policy-catalog', 'version-support']);
    expect(catalog).toContain("`budget-covers-estimate` compares each environment's\nbudget with the cost estimate of its stacks");
  });

  it('lists every pack with its target, in the catalog', () => {
    expect(table('| pack | target | rules |').map(([pack, target]) => [code(pack), code(target)])).toEqual(
      PACKS.map((p) => [p.name, p.target]),
    );
  });

  it('lists the rule kinds, one per pack target, each an exported type', () => {
    const types = readFileSync(join(ROOT, 'policies', 'types.ts'), 'utf8');
    const kinds = table('| rule kind | target | reads | verdict |');
    expect(kinds.map(([, target]) => code(target)).sort()).toEqual([...new Set(PACKS.map((p) => p.target))].sort());
    for (const [kind] of kinds) expect(types).toContain(`export interface ${code(kind)} {`);
  });

  it('gives every documented rule the severity of its pack entry', () => {
    const entries = new Map(PACKS.flatMap((p) => p.entries.map((e) => [e.rule.id, e.severity] as const)));
    const rows = [...catalog.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning)\b/gm)];
    expect(rows.length).toBe(entries.size);
    for (const [, id, severity] of rows) expect([id, severity]).toEqual([id, entries.get(id ?? '')]);
  });

  it('names paths that exist', () => {
    for (const [path] of table('| path | what |')) {
      const file = (code(path) ?? '').replace(/<[a-z]+>\.ts$|\*\.ts$/, '').replace(/<id>\/$/, '');
      expect(existsSync(join(ROOT, file)), file).toBe(true);
    }
  });

  it('policies/output.ts owns what the engine reads: a synth output is a PolicyInput', () => {
    expectTypeOf<SynthOutput>().toMatchTypeOf<PolicyInput>();
    expect(readFileSync(join(ROOT, 'tools', 'synth', 'output.ts'), 'utf8')).toContain(
      "export type { Finding, OutputCheck, SynthStack, TerraformJson } from '../../policies/output.js';",
    );
  });

  it('builds the index once per synth: rules and reports share it and the facts derived from it', () => {
    const output = tradesenseOutput();
    const copy = { ...output };
    expect(indexOutput(copy).stacks).toBe(indexOutput(output).stacks);
    expect(encryptionInventory(indexOutput(copy))).toBe(encryptionInventory(indexOutput(output)));
  });

  it('resolves references within a stack, `:*` ARN suffixes included', () => {
    const stack = new StackIndex(
      outputOf({ s: { resource: { aws_cloudwatch_log_group: { g: {} } } } }).stacks[0] ?? { name: '', json: {} },
    );
    expect(stack.resolve(`${ref('aws_cloudwatch_log_group.g.arn')}:*`)?.address).toBe('aws_cloudwatch_log_group.g');
    expect(stack.resolve(ref('aws_cloudwatch_log_group.g.name'))?.address).toBe('aws_cloudwatch_log_group.g');
  });

  it('judges waiver expiry on config/clock.ts today() (PLATFORM_TODAY when set)', () => {
    const input = outputOf({ 'dev-us-east-1-x': { resource: { aws_sns_topic: { t: {} } } } });
    const waivers = [
      {
        rule: 'sns-topic-encrypted',
        resource: 'dev-us-east-1-x/aws_sns_topic.t',
        reason: 'a topic being replaced this sprint',
        expires: '2027-01-31',
      },
    ];
    const expired = (today: string) => {
      process.env[TODAY_VARIABLE] = today;
      return policyFindings(input, { config: platformConfig(), waivers }).filter(
        (f) => f.check === 'policy-waivers' && f.severity === 'error',
      );
    };
    expect(expired('2027-01-31')).toEqual([]);
    expect(expired('2027-02-01').map((f) => f.message)).toEqual([expect.stringMatching(/^expired on 2027-01-31/)]);
  });

  it.each(['security-compliance.md', 'disaster-recovery.md'])(
    'docs/%s names guardrails of the catalog, its files and the one waiver file',
    (name) => {
      const text = readFileSync(join(ROOT, 'docs', name), 'utf8');
      const ids = new Set(PACKS.flatMap((p) => p.entries.map((e) => e.rule.id)));
      for (const [, id] of text.matchAll(/`([a-z0-9-]+)` guardrail/g)) expect(ids, `${name}: ${id}`).toContain(id);
      for (const [, path] of text.matchAll(/`(policies\/[^`<*]+\.ts)`/g))
        expect(existsSync(join(ROOT, path ?? '')), `${name}: ${path}`).toBe(true);
      expect(text).not.toMatch(/dr-waivers|prerequisites\/waivers|tools\/security\/retention|data-loss-check/);
    },
  );

  it('docs/disaster-recovery.md: the data-loss guards are the two catalog rules it names', () => {
    const guards =
      readFileSync(join(ROOT, 'docs', 'disaster-recovery.md'), 'utf8')
        .split('## Guards')[1]
        ?.split('\n## ')[0] ?? '';
    const ids = new Set(PACKS.flatMap((p) => p.entries.map((e) => e.rule.id)));
    const named = [...guards.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)+)`/g)].map((m) => m[1]);
    expect(named).toEqual(['stateful-deletion-protected', 'production-data-copied-cross-region']);
    for (const id of named) expect(ids).toContain(id);
  });
});
