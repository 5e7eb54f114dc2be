import { afterEach, describe, expect, test } from 'vitest';
import { TODAY_VARIABLE, today } from '../../config/clock.js';
import { versionSupportNotices } from '../../config/invariants/version.js';
import { EKS_SUPPORT, RDS_POSTGRES_SUPPORT } from '../../config/reference/version-support.js';
import type { PlatformConfigInput } from '../../config/schema/platform.js';
import { versionSupportCheck } from '../../tools/synth/version-support-check.js';
import { configWith, platformConfig } from '../support/platform.js';

type Input = PlatformConfigInput;
const prodEks = (c: Input) => {
  const env = c.environments.prod;
  if (!env) throw new Error('no prod environment in the TradeSense input');
  return env.eks;
};
const prodDatabase = (c: Input) => {
  const data = c.data.prod;
  if (!data) throw new Error('no prod data in the TradeSense input');
  return data.database;
};
const PINNED = '2026-12-07';

/** Runs `check` with the clock set to `date`, then puts the suite's pinned date back. */
function on<T>(date: string, check: () => T): T {
  process.env[TODAY_VARIABLE] = date;
  try {
    return check();
  } finally {
    process.env[TODAY_VARIABLE] = PINNED;
  }
}

describe('version support calendar', () => {
  afterEach(() => {
    process.env[TODAY_VARIABLE] = PINNED;
  });

  test('the tables are in release order with their end dates ascending', () => {
    for (const table of [
      EKS_SUPPORT.map((r) => [r.version, r.endOfStandardSupport] as const),
      RDS_POSTGRES_SUPPORT.map((r) => [r.major, r.endOfStandardSupport] as const),
    ]) {
      const ends = table.map(([, end]) => end);
      expect([...ends].sort()).toEqual(ends);
      expect(ends.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    }
    expect(EKS_SUPPORT.every((r) => r.endOfExtendedSupport > r.endOfStandardSupport)).toBe(true);
  });

  test('TradeSense runs versions in standard support on the pinned day, with nothing to warn about', () => {
    expect(today()).toBe(PINNED);
    expect(versionSupportNotices(platformConfig(), PINNED)).toEqual([]);
    expect(platformConfig().environments.prod?.eks.version).toBe('1.35');
  });

  test.each<[string, (c: Input) => void, RegExp]>([
    [
      'an EKS version AWS has already upgraded twice',
      (c) => {
        prodEks(c).version = '1.33';
      },
      /environments\.prod\.eks\.version: 1\.33 left EKS standard support on 2026-07-29; with upgrade policy STANDARD AWS upgrades the control plane itself and the next plan would try to downgrade it: set '1\.35', the oldest version still in standard support \(EKS upgrades one minor at a time: 1\.34, then 1\.35\)/,
    ],
    [
      'an EKS version past standard support',
      (c) => {
        prodEks(c).version = '1.34';
      },
      /environments\.prod\.eks\.version: 1\.34 left EKS standard support on 2026-12-02; .*: set '1\.35', the oldest version still in standard support$/m,
    ],
    [
      'an EKS version the calendar does not know',
      (c) => {
        prodEks(c).version = '1.36';
      },
      /environments\.prod\.eks\.version: 1\.36 is not in the EKS support calendar; add its dates to config\/reference\/version-support\.ts/,
    ],
    [
      'a PostgreSQL major past standard support',
      (c) => {
        prodDatabase(c).engineVersion = '13';
      },
      /data\.prod\.database\.engineVersion: RDS for PostgreSQL 13 left standard support on 2026-02-28: RDS Extended Support charges per vCPU-hour until AWS upgrades the major itself; upgrade to '14'/,
    ],
    [
      'an Aurora major past standard support',
      (c) => {
        Object.assign(prodDatabase(c), { engine: 'aurora-postgres-global', engineVersion: '13.9' });
      },
      /data\.prod\.database\.engineVersion: Aurora PostgreSQL 13 left standard support on 2026-02-28/,
    ],
    [
      'an exact RDS minor while RDS applies minor upgrades',
      (c) => {
        prodDatabase(c).engineVersion = '16.6';
      },
      /data\.prod\.database\.engineVersion: '16\.6' pins a minor while autoMinorVersionUpgrade is on: RDS moves the instance to newer minors in the maintenance window and the next plan would try to go back; set '16'/,
    ],
    [
      'an Aurora global database without its exact version',
      (c) => {
        prodDatabase(c).engine = 'aurora-postgres-global';
      },
      /data\.prod\.database\.engineVersion: '16' names only a major; an Aurora global database takes its exact version, e.g. '16\.6'/,
    ],
  ])('rejects %s, naming the field and the fix', (_name, mutate, message) => {
    expect(() => configWith(mutate)).toThrow(message);
  });

  test.each<[string, (c: Input) => void]>([
    [
      'an exact RDS minor with automatic minor upgrades off',
      (c) => {
        Object.assign(prodDatabase(c), { engineVersion: '16.6', autoMinorVersionUpgrade: false });
      },
    ],
    [
      'an Aurora global database on its exact version',
      (c) => {
        Object.assign(prodDatabase(c), { engine: 'aurora-postgres-global', engineVersion: '16.6' });
      },
    ],
  ])('accepts %s', (_name, mutate) => {
    expect(() => configWith(mutate)).not.toThrow();
  });

  test('on its end date an EKS version has left standard support (extended support bills from that day); the day before it warns', () => {
    const config = platformConfig();
    expect(
      versionSupportNotices(config, '2027-03-27')
        .filter((n) => n.severity === 'error')
        .map((n) => n.path.join('.')),
    ).toEqual(['environments.dev.eks.version', 'environments.prod.eks.version', 'environments.staging.eks.version']);
    const [warning] = versionSupportNotices(config, '2027-03-26');
    expect(warning).toMatchObject({ severity: 'warning', path: ['environments', 'dev', 'eks', 'version'] });
    expect(warning?.message).toMatch(
      /^1\.35 leaves EKS standard support on 2027-03-27 \(in 1 day\), when AWS upgrades the control plane itself; upgrade to the next version \(add its dates to config\/reference\/version-support\.ts\) before then$/,
    );
  });

  test('90 days before the end synth warns, the day before that it does not', () => {
    const config = platformConfig();
    expect(versionSupportNotices(config, '2026-12-27').map((n) => n.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(versionSupportNotices(config, '2026-12-26')).toEqual([]);
    const database = configWith((c) => {
      prodDatabase(c).engineVersion = '14';
    });
    expect(versionSupportNotices(database, PINNED).find((n) => n.path.join('.') === 'data.prod.database.engineVersion')).toMatchObject({
      severity: 'warning',
      message:
        "RDS for PostgreSQL 14 leaves standard support on 2027-02-28 (in 83 days), then RDS Extended Support charges apply; upgrade to '15' before then",
    });
  });

  test('config parsing reads the one clock: the same config passes today and fails once the calendar has moved on', () => {
    const input = () => configWith(() => undefined);
    expect(() => on('2027-03-26', input)).not.toThrow();
    expect(() => on('2027-03-27', input)).toThrow(/environments\.prod\.eks\.version: 1\.35 left EKS standard support on 2027-03-27/);
    expect(() => on('27/03/2027', input)).toThrow(/PLATFORM_TODAY: '27\/03\/2027' is not a date; use YYYY-MM-DD/);
  });

  test('synth surfaces the warnings as findings of the version-support check, and nothing on a quiet day', () => {
    const findings = on('2027-01-10', () => versionSupportCheck({ stacks: [], clusters: [] }, platformConfig()));
    expect(findings).toHaveLength(3);
    expect(findings[0]).toMatchObject({ severity: 'warning', check: 'version-support', where: 'environments.dev.eks.version' });
    expect(findings[0]?.message).toContain('(in 76 days)');
    expect(versionSupportCheck({ stacks: [], clusters: [] }, platformConfig())).toEqual([]);
  });
});
