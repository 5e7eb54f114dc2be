import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { Construct } from 'constructs';

/**
 * GuardDuty detector features the platform turns on. EKS runtime monitoring lets
 * GuardDuty manage its security agent add-on, so clusters need no extra chart.
 */
export const GUARDDUTY_FEATURES: readonly { name: string; additional?: string[] }[] = [
  { name: 'S3_DATA_EVENTS' },
  { name: 'EKS_AUDIT_LOGS' },
  { name: 'EKS_RUNTIME_MONITORING', additional: ['EKS_ADDON_MANAGEMENT'] },
  { name: 'EBS_MALWARE_PROTECTION' },
  { name: 'RDS_LOGIN_EVENTS' },
];

/** A GuardDuty detector with every protection plan above enabled, findings exported every 15 minutes. */
export class ThreatDetection extends Construct {
  readonly detector: GuarddutyDetector;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.detector = new GuarddutyDetector(this, 'detector', { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES' });
    for (const feature of GUARDDUTY_FEATURES) {
      new GuarddutyDetectorFeature(this, feature.name.toLowerCase(), {
        detectorId: this.detector.id,
        name: feature.name,
        status: 'ENABLED',
        additionalConfiguration: feature.additional?.map((name) => ({ name, status: 'ENABLED' })),
      });
    }
  }
}
