/** AWS limits and behaviours the config rules and reports rely on (facts from the service documentation). */

/** An ECR replication rule holds at most 25 destinations (ReplicationRule.destinations). */
export const ECR_REPLICATION_RULE_DESTINATIONS = 25;

/** RDS keeps automated backups for at most 35 days (BackupRetentionPeriod). */
export const RDS_MAX_BACKUP_RETENTION_DAYS = 35;
/** AWS Backup keeps continuous (point-in-time) backups for at most 35 days. */
export const CONTINUOUS_BACKUP_MAX_DAYS = 35;
/**
 * RDS allows 100 manual DB snapshots per region by default, and the snapshots AWS
 * Backup takes or copies count against it (automated backups do not).
 */
export const RDS_MANUAL_SNAPSHOT_QUOTA = 100;
/** AWS Backup starts no database backup in the hour before a maintenance window, nor during it. */
export const MAINTENANCE_LEAD_MINUTES = 60;

/** RDS uploads transaction logs for point-in-time recovery every five minutes. */
export const PITR_LOG_MINUTES = 5;

/** A CloudFront origin group holds exactly two origins: the primary and the one it fails over to. */
export const CLOUDFRONT_ORIGIN_GROUP_ORIGINS = 2;

/**
 * Secondary regions of one Aurora global database (Aurora User Guide,
 * "Configuration requirements of an Amazon Aurora global database": up to 10).
 */
export const AURORA_GLOBAL_SECONDARY_REGIONS = 10;

/**
 * Cross-region read replicas the platform gives one RDS instance. RDS for
 * PostgreSQL allows 15 read replicas per source; each cross-region one adds a
 * WAL stream the source ships over the WAN, so the platform holds to 5.
 */
export const RDS_CROSS_REGION_READ_REPLICAS = 5;
