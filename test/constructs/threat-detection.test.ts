import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { describe, expect, test } from 'vitest';
import { GUARDDUTY_FEATURES, ThreatDetection } from '../../constructs/aws/threat-detection.js';
import { all, awsStack, named, only, ref, synth } from './construct-stack.js';

function build() {
  const stack = awsStack();
  new ThreatDetection(stack, 'guardduty');
  return synth(stack);
}

describe('ThreatDetection', () => {
  test('an enabled detector exporting findings every 15 minutes', () => {
    expect(only(build(), GuarddutyDetector.tfResourceType)).toEqual({ enable: true, finding_publishing_frequency: 'FIFTEEN_MINUTES' });
  });

  test('every protection plan on, on this detector', () => {
    const out = build();
    const features = all(out, GuarddutyDetectorFeature.tfResourceType);
    expect(features.map((f) => f.name).sort()).toEqual(GUARDDUTY_FEATURES.map((f) => f.name).sort());
    for (const f of features) expect(f).toMatchObject({ status: 'ENABLED', detector_id: ref(out, GuarddutyDetector.tfResourceType, 'id') });
    expect(GUARDDUTY_FEATURES.map((f) => f.name)).toEqual(
      expect.arrayContaining(['S3_DATA_EVENTS', 'EKS_AUDIT_LOGS', 'EKS_RUNTIME_MONITORING', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS']),
    );
  });

  test('EKS runtime monitoring manages its agent add-on (no extra chart in the clusters)', () => {
    expect(named(build(), GuarddutyDetectorFeature.tfResourceType, '"name":"EKS_RUNTIME_MONITORING"').additional_configuration).toEqual([
      { name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' },
    ]);
  });

  test('features without sub-settings carry none', () => {
    expect(named(build(), GuarddutyDetectorFeature.tfResourceType, '"name":"S3_DATA_EVENTS"').additional_configuration).toBeUndefined();
  });
});
