import type { PlatformConfigInput } from '../schema/platform.js';

/** TradeSense data retention, per data class, with the rule each figure serves. */
export const retention: PlatformConfigInput['retention'] = {
  'audit-logs': {
    retentionDays: 2557,
    requirements: [
      { regulation: 'SOC 2', minDays: 365, reference: 'CC7.2 monitoring evidence kept for the audit period' },
      { regulation: 'PCI DSS', minDays: 365, reference: 'Req. 10.5.1: audit log history for at least 12 months' },
      { regulation: 'SEC 17a-4', minDays: 2190, reference: 'Broker-dealer records preserved for six years' },
    ],
  },
  'application-logs': {
    retentionDays: 365,
    requirements: [
      { regulation: 'SOC 2', minDays: 90, reference: 'CC7.3 incident investigation' },
      { regulation: 'GDPR', maxDays: 400, reference: 'Art. 5(1)(e) storage limitation: logs may hold personal data' },
    ],
  },
  'network-logs': {
    retentionDays: 365,
    requirements: [{ regulation: 'PCI DSS', minDays: 365, reference: 'Req. 10.5.1 covers network traffic logs of the CDE' }],
  },
  backups: {
    retentionDays: 35,
    requirements: [
      { regulation: 'SOC 2', minDays: 30, reference: 'A1.2 recovery of data' },
      { regulation: 'GDPR', maxDays: 90, reference: 'Art. 17 erasure must reach backups within 90 days' },
    ],
  },
  'database-snapshots': {
    retentionDays: 35,
    requirements: [
      { regulation: 'SOC 2', minDays: 14, reference: 'A1.2 point-in-time recovery window' },
      { regulation: 'GDPR', maxDays: 90, reference: 'Art. 17 erasure must reach snapshots within 90 days' },
    ],
  },
  metrics: {
    retentionDays: 400,
    requirements: [{ regulation: 'SOC 2', minDays: 90, reference: 'A1.1 capacity planning evidence' }],
  },
  traces: {
    retentionDays: 30,
    requirements: [
      { regulation: 'SOC 2', minDays: 7, reference: 'CC7.3 incident investigation' },
      { regulation: 'GDPR', maxDays: 30, reference: 'Art. 5(1)(c) data minimisation: spans may carry personal data' },
    ],
  },
};
