import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKS } from '../../../policies/catalog.js';
import { CONTROL_MAPPINGS, FRAMEWORKS } from '../../../tools/compliance/controls.js';
import { gatherEvidence } from '../../../tools/compliance/evidence.js';
import { complianceReport } from '../../../tools/compliance/report.js';
import { OUTPUT_CHECKS } from '../../../tools/synth/checks.js';
import { configInput, keepOnlyEnvironment, platformConfig } from '../../support/platform.js';
import { tradesenseOutput } from '../security/fixtures.js';
import { run as compliance } from '../../../tools/compliance/cli.js';
import { runCli } from '../cli/harness.js';

const catalogIds = new Set(PACKS.flatMap((p) => p.entries.map((e) => e.rule.id)));

describe('compliance mapping', () => {
  test.each(CONTROL_MAPPINGS.map((m) => [`${m.framework} ${m.control}`, m] as const))(
    '%s names only existing guardrails and checks',
    (_, mapping) => {
      for (const id of mapping.guardrails ?? []) expect(catalogIds, `guardrail ${id}`).toContain(id);
      for (const id of mapping.checks ?? []) expect(Object.keys(OUTPUT_CHECKS), `check ${id}`).toContain(id);
      const implementations = [
        ...(mapping.guardrails ?? []),
        ...(mapping.checks ?? []),
        ...(mapping.resourceTypes ?? []),
        ...(mapping.manifestKinds ?? []),
      ];
      expect(implementations.length).toBeGreaterThan(0);
      expect(mapping.manual.length).toBeGreaterThan(10);
    },
  );

  test('covers SOC 2, PCI DSS, GDPR and HIPAA', () => {
    for (const framework of FRAMEWORKS) expect(CONTROL_MAPPINGS.filter((m) => m.framework === framework).length).toBeGreaterThanOrEqual(5);
  });
});

describe('compliance report', () => {
  const output = tradesenseOutput();
  const report = complianceReport(gatherEvidence(output, platformConfig()), platformConfig());

  test('knows every mapped guardrail and check', () => {
    expect(report.missing).toEqual([]);
  });

  test('every resource it names is a real synthesized resource', () => {
    const real = new Set(
      output.stacks.flatMap((s) =>
        Object.entries(s.json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${s.name}/${type}.${n}`)),
      ),
    );
    const named = [...report.markdown.matchAll(/^ {2}- `([^`]+)`: (.+)$/gm)].flatMap(([, stack, rest]) =>
      [...(rest ?? '').matchAll(/`([a-z0-9_]+\.[^`]+)`/g)].map(([, address]) => `${stack}/${address}`),
    );
    expect(named.length).toBeGreaterThan(100);
    for (const address of named) expect(real, address).toContain(address);
  });

  test('points the audit-trail controls at each environment trail and the Object Lock', () => {
    const section = report.markdown.split('### 10.3:')[1]?.split('###')[0] ?? '';
    for (const env of ['dev', 'staging', 'prod'])
      expect(section).toContain(`\`${env}-global-audit\`: \`aws_s3_bucket_object_lock_configuration.log-archive-object-lock\``);
    expect(section).toMatch(/\*\*Remains manual:\*\* .*validate-logs/);
    expect(report.markdown).toContain("retention['audit-logs'] = 2557 days (SOC 2 min 365, PCI DSS min 365, SEC 17a-4 min 2190)");
  });

  test('npm run compliance writes the Markdown report (here for a --config of dev alone: a third of the synth)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'compliance-cli-'));
    const input = configInput();
    keepOnlyEnvironment(input, 'dev');
    writeFileSync(join(cwd, 'dev-only.json'), JSON.stringify(input));
    const result = await runCli(compliance, ['--out', 'report.md', '--config', 'dev-only.json'], cwd);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = readFileSync(join(cwd, 'report.md'), 'utf8');
    for (const framework of FRAMEWORKS) expect(text).toContain(`## ${framework}`);
    expect(text).toContain('`dev-global-audit`');
    expect(text).not.toContain('`prod-global-audit`');
  });

  test('npm run compliance names a bad --config and its field, and writes nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'compliance-cli-'));
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ ...configInput(), deployOrder: ['dev', 'qa'] }));
    const result = await runCli(compliance, ['--out', 'report.md', '--config', 'bad.json'], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.json: .*deployOrder\[1\]: unknown environment 'qa'/s);
    expect(existsSync(join(cwd, 'report.md'))).toBe(false);
  });
});
