import { describe, expect, test } from 'vitest';
import { CIS_MONITORING_CONTROLS } from '../../constructs/aws/cis-monitoring-controls.js';

const byId = Object.fromEntries(CIS_MONITORING_CONTROLS.map((c) => [c.id, c]));

describe('CIS monitoring controls', () => {
  test('CIS 4.1 to 4.15, once each, in order, with unique ids', () => {
    expect(CIS_MONITORING_CONTROLS.map((c) => c.cis)).toEqual(Array.from({ length: 15 }, (_, i) => `4.${i + 1}`));
    expect(new Set(CIS_MONITORING_CONTROLS.map((c) => c.id)).size).toBe(15);
    for (const c of CIS_MONITORING_CONTROLS) expect(c.id).toMatch(/^[a-z0-9-]+$/);
  });

  test('Security Hub controls CloudWatch.1-14 map onto 4.1-4.14 (4.15 has none)', () => {
    const mapped = CIS_MONITORING_CONTROLS.filter((c) => c.securityHub).map((c) => c.securityHub);
    expect(new Set(mapped).size).toBe(14);
    expect(byId['organizations-changes']?.securityHub).toBeUndefined();
    expect(byId['root-account-usage']?.securityHub).toBe('CloudWatch.1');
  });

  test('patterns are balanced CloudWatch Logs JSON filters', () => {
    for (const { id, pattern } of CIS_MONITORING_CONTROLS) {
      expect(pattern, id).toMatch(/^\{ .* \}$/);
      expect(pattern.split('(').length, id).toBe(pattern.split(')').length);
    }
  });

  test.each([
    ['root-account-usage', ['$.userIdentity.type = "Root"', '$.userIdentity.invokedBy NOT EXISTS', '$.eventType != "AwsServiceEvent"']],
    ['console-signin-without-mfa', ['$.eventName = "ConsoleLogin"', '$.additionalEventData.MFAUsed != "Yes"']],
    ['unauthorized-api-calls', ['"*UnauthorizedOperation"', '"AccessDenied*"']],
    ['cmk-disable-or-deletion', ['kms.amazonaws.com', '($.eventName = DisableKey)', '($.eventName = ScheduleKeyDeletion)']],
    ['cloudtrail-changes', ['($.eventName = StopLogging)', '($.eventName = DeleteTrail)']],
  ])('%s matches what the benchmark names', (id, fragments) => {
    for (const fragment of fragments) expect(byId[id]?.pattern).toContain(fragment);
  });
});
