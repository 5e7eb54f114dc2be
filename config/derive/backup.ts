import { PITR_LOG_MINUTES } from '../reference/aws-limits.js';
import type { BackupPlanSettings } from '../schema/data.js';

/** Minutes AWS Backup has to start a scheduled job before it expires (every plan rule). */
export const BACKUP_START_WINDOW_MINUTES = 60;
/** Minutes a started job has to complete. */
export const BACKUP_COMPLETION_WINDOW_MINUTES = 180;

/** Minutes between two recovery points of a plan in its own region: the plan's RPO there. */
export function planIntervalMinutes(frequency: BackupPlanSettings['frequency']): number {
  return frequency === 'continuous' ? PITR_LOG_MINUTES : frequency === 'hourly' ? 60 : 24 * 60;
}

/** Minutes between two copies a plan sends to the other region: continuous plans copy a daily snapshot. */
export function copyIntervalMinutes(frequency: BackupPlanSettings['frequency']): number {
  return frequency === 'hourly' ? 60 : 24 * 60;
}
