/**
 * AWS's published support calendars, as data. AWS upgrades what outlives its support:
 * an EKS control plane past the end of standard support (upgrade policy STANDARD) moves
 * to the next version, and the next plan would try to take it back. Dates are the last
 * day of support, UTC. Add a row when a version is released, from the sources below.
 */

/**
 * The clusters' upgrade policy (constructs/aws/eks-cluster.ts): STANDARD avoids the
 * extended-support charge, so AWS upgrades a cluster once standard support ends.
 */
export const EKS_UPGRADE_POLICY = 'STANDARD' as const;

/** Days before the end of support from which synth warns. */
export const SUPPORT_WARNING_DAYS = 90;

export interface EksVersionSupport {
  readonly version: string;
  readonly endOfStandardSupport: string;
  readonly endOfExtendedSupport: string;
}

/**
 * Amazon EKS Kubernetes release calendar:
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar
 * (1.35 as listed at https://endoflife.date/amazon-eks from the same calendar).
 */
export const EKS_SUPPORT: readonly EksVersionSupport[] = [
  { version: '1.29', endOfStandardSupport: '2025-03-23', endOfExtendedSupport: '2026-03-23' },
  { version: '1.30', endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23' },
  { version: '1.31', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' },
  { version: '1.32', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' },
  { version: '1.33', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' },
  { version: '1.34', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' },
  { version: '1.35', endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27' },
];

export interface PostgresMajorSupport {
  readonly major: string;
  readonly endOfStandardSupport: string;
}

/**
 * RDS for PostgreSQL major versions, end of standard support (RDS Extended Support,
 * charged per vCPU-hour, starts the day after):
 * https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html
 */
export const RDS_POSTGRES_SUPPORT: readonly PostgresMajorSupport[] = [
  { major: '13', endOfStandardSupport: '2026-02-28' },
  { major: '14', endOfStandardSupport: '2027-02-28' },
  { major: '15', endOfStandardSupport: '2028-02-29' },
  { major: '16', endOfStandardSupport: '2029-02-28' },
  { major: '17', endOfStandardSupport: '2030-02-28' },
];

/**
 * Aurora PostgreSQL major versions (the same dates as RDS for PostgreSQL):
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraPostgreSQLReleaseNotes/aurorapostgresql-release-calendar.html
 */
export const AURORA_POSTGRES_SUPPORT: readonly PostgresMajorSupport[] = RDS_POSTGRES_SUPPORT;

/** The supported versions after `version`, oldest first (the order of the table). */
export function newerEksVersions(version: string, table: readonly EksVersionSupport[] = EKS_SUPPORT): EksVersionSupport[] {
  const index = table.findIndex((row) => row.version === version);
  return index < 0 ? [] : table.slice(index + 1);
}
