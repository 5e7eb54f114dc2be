import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeownersLines, renderCodeowners } from '../../../tools/codeowners/render.js';
import { owningPattern } from '../../../tools/codeowners/pattern.js';
import { configWith, platformConfig } from '../../support/platform.js';
import { run as codeowners } from '../../../tools/codeowners/cli.js';
import { runCli } from '../cli/harness.js';

const ROOT = resolve(__dirname, '../../..');
const committed = () => readFileSync(join(ROOT, 'CODEOWNERS'), 'utf8');

/** Tracked files plus new, not ignored ones: what the next commit holds. */
const repoFiles = () =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '');

/** CODEOWNERS as (pattern, owners) pairs, comments and blank lines dropped. */
const parsed = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [pattern, ...owners] = l.trim().split(/\s+/);
      return { pattern, owners };
    });

describe('CODEOWNERS', () => {
  it('is fresh: the committed file is what the ownership map generates', () => {
    expect(committed()).toBe(renderCodeowners(platformConfig()));
  });

  it('matches the ownership map line for line, with GitHub team slugs', () => {
    const config = platformConfig();
    expect(parsed(committed())).toEqual(codeownersLines(config).map((l) => ({ pattern: l.pattern, owners: l.owners })));
    const slugs = new Set(config.teams.map((t) => t.githubTeam));
    for (const { owners } of parsed(committed())) for (const owner of owners) expect(slugs).toContain(owner);
  });

  it('names an explicit owner (not just the catch-all) for every top-level path of the repository', () => {
    const patterns = parsed(committed()).map((l) => l.pattern ?? '');
    const files = repoFiles();
    const topLevel = [...new Set(files.map((f) => f.split('/')[0]))].sort();
    const uncovered = topLevel.filter((entry) =>
      files.filter((f) => f === entry || f.startsWith(`${entry}/`)).some((f) => owningPattern(patterns, f) === '*'),
    );
    expect(topLevel.length).toBeGreaterThan(10);
    expect(uncovered).toEqual([]);
  });

  it('marks prod-affecting paths with their approval count', () => {
    expect(committed()).toMatch(
      /# Terraform stacks applied to the AWS accounts\. \[prod-affecting: 2 approvals\]\n\/stacks\/ +@tradesense\/platform/,
    );
  });

  it('rejects an ownership rule naming an unknown team or a pattern listed twice', () => {
    expect(() => configWith((c) => void c.ownership.rules.push({ pattern: '/x/', teams: ['nobody'], reason: 'test' }))).toThrow(
      /unknown team 'nobody'/,
    );
    expect(() => configWith((c) => void c.ownership.rules.push({ pattern: '/stacks/', teams: ['platform'], reason: 'again' }))).toThrow(
      /pattern '\/stacks\/' is listed twice/,
    );
  });

  it('rejects patterns GitHub would ignore', () => {
    expect(() => configWith((c) => void c.ownership.rules.push({ pattern: '!/docs/', teams: ['platform'], reason: 'negation' }))).toThrow(
      /CODEOWNERS patterns cannot hold/,
    );
  });

  it('--check exits non-zero when the file is stale and zero when fresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codeowners-'));
    const check = () => runCli(codeowners, ['--check'], dir);
    writeFileSync(join(dir, 'CODEOWNERS'), '* @tradesense/platform\n');
    const stale = await check();
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/CODEOWNERS is stale: run `npm run codeowners`/);
    writeFileSync(join(dir, 'CODEOWNERS'), renderCodeowners(platformConfig()));
    expect((await check()).code).toBe(0);
  });
});
