import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../ci/workflows.js';

/**
 * .ci/run, copied into an empty folder and run with a stand-in npm that logs each
 * call and answers as told: how validate fits between synth and the tests.
 */
const FAKE_NPM = `#!/usr/bin/env bash
echo "npm $*" >> "$FAKE_LOG"
case "$*" in
  "run -s synth") exit "\${FAKE_SYNTH:-0}" ;;
  "run -s validate -- --probe")
    if [ -n "\${FAKE_PROBE_MISSING:-}" ]; then echo "$FAKE_PROBE_MISSING"; exit 1; fi
    echo "terraform 1.11.4; provider mirror /opt/tf-plugins (a machine-image provider folder): registry.terraform.io/hashicorp/aws 5.100.0" ;;
  "run -s validate") exit "\${FAKE_VALIDATE:-0}" ;;
  test*)
    for arg in "$@"; do case "$arg" in --outputFile=*) echo '{"numPassedTests":3,"numFailedTests":0,"success":true}' > "\${arg#--outputFile=}" ;; esac; done ;;
esac
exit 0
`;

function ciRun(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'ci-run-'));
  mkdirSync(join(dir, '.ci'));
  copyFileSync(join(ROOT, '.ci/run'), join(dir, '.ci/run'));
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin/npm'), FAKE_NPM);
  chmodSync(join(dir, 'bin/npm'), 0o755);
  const log = join(dir, 'npm.log');
  const run = spawnSync('bash', [join(dir, '.ci/run')], {
    env: { PATH: `${join(dir, 'bin')}:${dirname(process.execPath)}:/usr/bin:/bin`, FAKE_LOG: log, ...env },
    encoding: 'utf8',
  });
  const calls = readFileSync(log, 'utf8').trim().split('\n');
  return { status: run.status, lines: run.stdout.trim().split('\n'), calls };
}

describe('.ci/run and npm run validate', () => {
  it('validates after synth when the probe finds terraform and a mirror', () => {
    const { status, lines, calls } = ciRun({});
    expect(calls).toEqual([
      'npm ci --no-audit --no-fund',
      'npm run -s typecheck',
      'npm run -s lint',
      'npm run -s format:check',
      'npm run -s synth',
      'npm run -s validate -- --probe',
      'npm run -s validate',
      'npm test -- --reporter=default --reporter=json --outputFile=.build/vitest-results.json',
    ]);
    expect(lines).toContain(
      '::: validate with terraform 1.11.4; provider mirror /opt/tf-plugins (a machine-image provider folder): registry.terraform.io/hashicorp/aws 5.100.0',
    );
    expect(status).toBe(0);
    expect(lines.at(-1)).toBe('3 passed, 0 failed');
  });

  it('says why validate was skipped and does not count it as a failure', () => {
    const { status, lines, calls } = ciRun({ FAKE_PROBE_MISSING: 'terraform is not on PATH' });
    expect(calls).not.toContain('npm run -s validate');
    expect(lines).toContain('::: SKIPPED (not counted as a failure): npm run validate: terraform is not on PATH');
    expect(status).toBe(0);
    expect(lines.at(-1)).toBe('3 passed, 0 failed');
  });

  it('counts a failing validate as a failed step', () => {
    const { status, lines } = ciRun({ FAKE_VALIDATE: '1' });
    expect(lines).toContain('::: FAILED: npm run -s validate');
    expect(status).toBe(1);
    expect(lines.at(-1)).toBe('3 passed, 1 failed');
  });

  it('does not validate what a failed synth did not produce, and counts the synth once', () => {
    const { status, lines, calls } = ciRun({ FAKE_SYNTH: '1' });
    expect(calls.filter((c) => c.includes('validate'))).toEqual([]);
    expect(lines).toContain('::: SKIPPED: npm run validate (synth failed, nothing to validate)');
    expect(status).toBe(1);
    expect(lines.at(-1)).toBe('3 passed, 1 failed');
  });
});
