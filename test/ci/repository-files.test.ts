import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { ROOT } from './workflows.js';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Manifest files that mean Dependabot has an ecosystem to watch. */
const ECOSYSTEM_MARKERS: [RegExp, string][] = [
  [/(^|\/)package\.json$/, 'npm'],
  [/^\.github\/workflows\/.+\.ya?ml$/, 'github-actions'],
  [/(^|\/)Dockerfile[^/]*$/, 'docker'],
  [/(^|\/)go\.mod$/, 'gomod'],
  [/(^|\/)(requirements[^/]*\.txt|pyproject\.toml)$/, 'pip'],
  [/\.tf$/, 'terraform'],
];

describe('.github/dependabot.yml', () => {
  const config = load(read('.github/dependabot.yml')) as {
    updates: { 'package-ecosystem': string; schedule: { interval: string }; groups?: object }[];
  };
  const byEcosystem = Object.fromEntries(config.updates.map((u) => [u['package-ecosystem'], u]));

  it('watches every ecosystem present in the repository', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split(
      '\n',
    );
    const present = [...new Set(files.flatMap((f) => ECOSYSTEM_MARKERS.filter(([re]) => re.test(f)).map(([, eco]) => eco)))].sort();
    expect(present).toEqual(expect.arrayContaining(['github-actions', 'npm']));
    expect(Object.keys(byEcosystem).sort()).toEqual(present);
  });

  it('updates npm weekly in groups', () => {
    expect(byEcosystem.npm?.schedule.interval).toBe('weekly');
    expect(Object.keys(byEcosystem.npm?.groups ?? {}).length).toBeGreaterThan(0);
  });
});

describe('SECURITY.md and the PR template', () => {
  it('says how Dependabot security updates are switched on', () => {
    expect(read('SECURITY.md')).toMatch(/Dependabot security updates[\s\S]*stacks\/github-governance\.ts/);
  });

  it('gives reviewers a risk checklist', () => {
    const template = read('.github/pull_request_template.md');
    expect((template.match(/^- \[ \] /gm) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(template).toMatch(/allow-destroy/);
  });
});
