import { daysBetween, today } from '../clock.js';
import type { ConfigProblem } from '../errors.js';
import { awsEngineOf, unknownEngineVersion } from '../reference/catalog.js';
import {
  AURORA_POSTGRES_SUPPORT,
  EKS_SUPPORT,
  EKS_UPGRADE_POLICY,
  RDS_POSTGRES_SUPPORT,
  SUPPORT_WARNING_DAYS,
  newerEksVersions,
  type PostgresMajorSupport,
} from '../reference/version-support.js';
import type { DatabaseSettings } from '../schema/data.js';
import type { PlatformConfig } from '../schema/platform.js';
import type { Invariant } from './invariant.js';

/** A finding against the support calendar: errors fail parsing, warnings are printed by synth. */
export interface SupportNotice extends ConfigProblem {
  readonly severity: 'error' | 'warning';
}

const inDays = (n: number) => `in ${n} day${n === 1 ? '' : 's'}`;
const sortedEntries = <T>(record: Record<string, T>) => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));

/** `16.6` -> `16`. */
const major = (engineVersion: string) => engineVersion.split('.')[0] ?? engineVersion;

/** On its end-of-standard-support date an EKS version already bills extended support. */
function eksNotices(name: string, version: string, date: string): SupportNotice[] {
  const path = ['environments', name, 'eks', 'version'];
  const row = EKS_SUPPORT.find((r) => r.version === version);
  if (!row) {
    return [
      {
        severity: 'error',
        path,
        message: `${version} is not in the EKS support calendar; add its dates to config/reference/version-support.ts from https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html`,
      },
    ];
  }
  const newer = newerEksVersions(version);
  const next = newer.find((r) => r.endOfStandardSupport > date);
  if (row.endOfStandardSupport <= date) {
    const steps = next ? newer.slice(0, newer.indexOf(next) + 1).map((r) => r.version) : [];
    const fix = next
      ? `set '${next.version}', the oldest version still in standard support${steps.length > 1 ? ` (EKS upgrades one minor at a time: ${steps.join(', then ')})` : ''}`
      : 'no newer version in config/reference/version-support.ts is in standard support: add the next one and set it';
    return [
      {
        severity: 'error',
        path,
        message: `${version} left EKS standard support on ${row.endOfStandardSupport}; with upgrade policy ${EKS_UPGRADE_POLICY} AWS upgrades the control plane itself and the next plan would try to downgrade it: ${fix}`,
      },
    ];
  }
  const left = daysBetween(date, row.endOfStandardSupport);
  return left <= SUPPORT_WARNING_DAYS
    ? [
        {
          severity: 'warning',
          path,
          message: `${version} leaves EKS standard support on ${row.endOfStandardSupport} (${inDays(left)}), when AWS upgrades the control plane itself; upgrade to ${newer[0]?.version ?? 'the next version (add its dates to config/reference/version-support.ts)'} before then`,
        },
      ]
    : [];
}

/** RDS Extended Support starts the day after the end-of-standard-support date. */
function databaseNotices(name: string, settings: DatabaseSettings, date: string): SupportNotice[] {
  const path = ['data', name, 'database', 'engineVersion'];
  const aurora = settings.engine === 'aurora-postgres-global';
  const table: readonly PostgresMajorSupport[] = aurora ? AURORA_POSTGRES_SUPPORT : RDS_POSTGRES_SUPPORT;
  const engine = aurora ? 'Aurora PostgreSQL' : 'RDS for PostgreSQL';
  const current = major(settings.engineVersion);
  // A version that was never released is the catalog's to report (config/invariants/catalog.ts), once.
  if (unknownEngineVersion(settings.engineVersion, awsEngineOf(settings.engine))) return [];
  const row = table.find((r) => r.major === current);
  if (!row) {
    return [
      {
        severity: 'error',
        path,
        message: `${engine} ${current} is not in the support calendar; add its end of standard support to config/reference/version-support.ts from the ${engine} release calendar`,
      },
    ];
  }
  const next = table.find((r) => Number(r.major) > Number(current) && r.endOfStandardSupport >= date);
  if (row.endOfStandardSupport < date) {
    return [
      {
        severity: 'error',
        path,
        message: `${engine} ${current} left standard support on ${row.endOfStandardSupport}: RDS Extended Support charges per vCPU-hour until AWS upgrades the major itself; upgrade to ${next ? `'${next.major}'` : 'a major still in standard support'}`,
      },
    ];
  }
  const left = daysBetween(date, row.endOfStandardSupport);
  return left <= SUPPORT_WARNING_DAYS
    ? [
        {
          severity: 'warning',
          path,
          message: `${engine} ${current} leaves standard support on ${row.endOfStandardSupport} (${inDays(left)}), then RDS Extended Support charges apply; upgrade to ${next ? `'${next.major}'` : 'the next major'} before then`,
        },
      ]
    : [];
}

/** Every environment's EKS version and database major against the calendar on `date` (YYYY-MM-DD). */
export function versionSupportNotices(c: PlatformConfig, date: string): SupportNotice[] {
  return [
    ...sortedEntries(c.environments).flatMap(([name, env]) => eksNotices(name, env.eks.version, date)),
    ...sortedEntries(c.data)
      .filter(([name]) => name in c.environments)
      .flatMap(([name, data]) => databaseNotices(name, data.database, date)),
  ];
}

/**
 * An engine version Terraform can keep while AWS upgrades under it. RDS applies minor
 * upgrades itself (and retires old minors), and the provider keeps a configured prefix
 * (`16`) when the instance runs `16.x`; a configured `16.6` turns every AWS upgrade into
 * a plan back to 16.6. Aurora global databases are the opposite: AWS applies no automatic
 * minor upgrades to their members, and aws_rds_global_cluster compares engine_version
 * exactly, so they take the exact version.
 */
function pinProblems(name: string, settings: DatabaseSettings): ConfigProblem[] {
  const path = ['data', name, 'database', 'engineVersion'];
  const version = settings.engineVersion;
  const hasMinor = version.includes('.');
  if (settings.engine === 'rds-postgres' && settings.autoMinorVersionUpgrade && hasMinor) {
    return [
      {
        path,
        message: `'${version}' pins a minor while autoMinorVersionUpgrade is on: RDS moves the instance to newer minors in the maintenance window and the next plan would try to go back; set '${major(version)}' (the instance then follows AWS's minor upgrades), or turn autoMinorVersionUpgrade off`,
      },
    ];
  }
  if (settings.engine === 'aurora-postgres-global' && !hasMinor) {
    return [
      {
        path,
        message: `'${version}' names only a major; an Aurora global database takes its exact version, e.g. '${version}.6': AWS applies no automatic minor upgrades to global database members and aws_rds_global_cluster compares engine_version exactly`,
      },
    ];
  }
  return [];
}

/** Version rules; the dated ones read `today()` (config/clock.ts). Spread into INVARIANTS. */
export const VERSION_INVARIANTS: Invariant[] = [
  {
    id: 'versions-in-standard-support',
    check: (c) =>
      versionSupportNotices(c, today())
        .filter((n) => n.severity === 'error')
        .map(({ path, message }) => ({ path, message })),
  },
  {
    id: 'database-version-survives-aws-upgrades',
    check: (c) =>
      sortedEntries(c.data)
        .filter(([name]) => name in c.environments)
        .flatMap(([name, data]) => pinProblems(name, data.database)),
  },
];
