import { copyIntervalMinutes, planIntervalMinutes } from '../../config/derive/backup.js';
import { PITR_LOG_MINUTES } from '../../config/reference/aws-limits.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import type { DrFacts } from './dr-facts.js';

/** S3 Replication Time Control replicates 99.99 % of objects within this many minutes. */
export const RTC_MINUTES = 15;

/** One row of the RPO/RTO table: the figures and how each follows from config. */
export interface Objective {
  readonly component: string;
  readonly rpo: string;
  readonly rpoBasis: string;
  readonly rto: string;
  readonly rtoBasis: string;
}

/** Minutes between runs of a five-field cron (`0 * * * *` = 60); daily or rarer counts as a day. */
export function cronIntervalMinutes(cron: string): number {
  const [minute = '', hour = ''] = cron.trim().split(/\s+/);
  const every = (field: string) => {
    const step = /^\*\/(\d+)$/.exec(field)?.[1];
    return step === undefined ? undefined : Number(step);
  };
  if (minute === '*') return 1;
  const minuteStep = every(minute);
  if (minuteStep !== undefined) return minuteStep;
  if (hour === '*') return 60;
  const hourStep = every(hour);
  return hourStep !== undefined ? hourStep * 60 : 24 * 60;
}

const minutes = (m: number) => (m % (24 * 60) === 0 ? `${m / (24 * 60)} d` : m % 60 === 0 ? `${m / 60} h` : `${m} min`);
const seconds = (s: number) => (s < 120 ? `${s} s` : minutes(Math.ceil(s / 60)));

/** Seconds from a regional outage to clients resolving the healthy region. */
export function dnsSwitchSeconds(facts: DrFacts): number | undefined {
  const dns = facts.data.dnsFailover;
  return dns ? dns.healthCheck.failureThreshold * dns.healthCheck.requestIntervalSeconds + dns.ttlSeconds : undefined;
}

/** RPO and RTO of every component of an environment, each derived from config. */
export function recoveryObjectives(facts: DrFacts, config: PlatformConfig): Objective[] {
  const { database, backup, velero, dnsFailover } = facts.data;
  const dnsSeconds = dnsSwitchSeconds(facts);
  const rows: Objective[] = [];
  const aurora = database.engine === 'aurora-postgres-global';
  const copies = facts.replicas.map((r) => r.region).join(', ');
  if (facts.replicas.length > 0) {
    const lagAlarms = facts.replicas.map((r) => `\`${r.lagAlarm ?? 'replica-lag alarm'}\``).join(', ');
    const copy = aurora ? 'secondary cluster' : 'replica';
    rows.push({
      component: aurora
        ? 'Database (Aurora Global Database)'
        : `Database (RDS cross-region replica${facts.replicas.length > 1 ? 's' : ''})`,
      rpo: `≤ ${seconds(database.alarms.replicaLagSeconds)}`,
      rpoBasis: `${lagAlarms} ${facts.replicas.length > 1 ? `page when a ${copy}` : `pages when the ${copy}`} lags more than data.${facts.envName}.database.alarms.replicaLagSeconds = ${database.alarms.replicaLagSeconds}; a failover while it is quiet loses at most that`,
      rto: `${database.promotionMinutes} min${dnsSeconds === undefined ? '' : ` + ${seconds(dnsSeconds)}`}`,
      rtoBasis: `database.promotionMinutes (measured in the last drill: promote and repoint)${dnsSeconds === undefined ? '' : ' plus the DNS switch below'}`,
    });
  } else {
    rows.push({
      component: 'Database (single region)',
      rpo: `${PITR_LOG_MINUTES} min in-region; regional outage: until the region returns`,
      rpoBasis: `no regions.replicas: point-in-time recovery from automated backups (logs every ${PITR_LOG_MINUTES} min) within ${facts.primary.region} only`,
      rto: `${backup.restoreMinutes} min`,
      rtoBasis: 'backup.restoreMinutes (restore test)',
    });
  }
  for (const plan of backup.plans) {
    const interval = planIntervalMinutes(plan.frequency);
    const kept = `kept ${config.retention[plan.dataClass].retentionDays} days (retention '${plan.dataClass}')`;
    const continuous = plan.frequency === 'continuous';
    rows.push({
      component: `AWS Backup plan '${plan.name}'${copies ? ` (copies in ${copies})` : ''}`,
      rpo:
        continuous && copies
          ? `${minutes(interval)} in-region; ${minutes(copyIntervalMinutes(plan.frequency))} from the copies`
          : minutes(interval),
      rpoBasis: continuous
        ? `backup.plans '${plan.name}' is continuous: point-in-time restore (logs every ${PITR_LOG_MINUTES} min)${copies ? `, a snapshot copied daily at backup.dailyStartHourUtc ${backup.dailyStartHourUtc}:00 UTC` : ''}; ${kept}`
        : `backup.plans '${plan.name}' runs ${plan.frequency}; ${kept}`,
      rto: `${backup.restoreMinutes} min`,
      rtoBasis: 'backup.restoreMinutes (measured in the last restore test)',
    });
  }
  const veleroInterval = cronIntervalMinutes(config.gitops.backupSchedules.hourly);
  const replication = copies && velero.replicationTimeControl ? RTC_MINUTES : 0;
  rows.push({
    component: 'Kubernetes state (Velero)',
    rpo: minutes(veleroInterval + replication),
    rpoBasis: `stateful namespaces back up every ${minutes(veleroInterval)} (gitops.backupSchedules.hourly)${replication ? ` + ${RTC_MINUTES} min replication (velero.replicationTimeControl)` : ''}`,
    rto: `${velero.restoreMinutes} min`,
    rtoBasis: 'velero.restoreMinutes (measured in the last drill)',
  });
  if (dnsFailover && dnsSeconds !== undefined) {
    rows.push({
      component: `Public API DNS (${facts.failoverRecord ?? ''})`,
      rpo: 'n/a (stateless)',
      rpoBasis: '-',
      rto: seconds(dnsSeconds),
      rtoBasis: `healthCheck.failureThreshold ${dnsFailover.healthCheck.failureThreshold} × requestIntervalSeconds ${dnsFailover.healthCheck.requestIntervalSeconds} + ttlSeconds ${dnsFailover.ttlSeconds}`,
    });
  }
  return rows;
}
