/**
 * Series the DORA tool (tools/dora) exports, per `environment`: the contract
 * between the tool and the DORA dashboard.
 */
export const DORA_SERIES = {
  deployments: 'dora_deployments',
  deploymentsPerDay: 'dora_deployment_frequency_per_day',
  leadTimeMedian: 'dora_lead_time_median_seconds',
  changeFailureRatio: 'dora_change_failure_ratio',
  timeToRestoreMean: 'dora_time_to_restore_mean_seconds',
} as const;
