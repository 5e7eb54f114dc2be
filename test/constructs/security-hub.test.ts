import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubStandardsSubscription } from '@cdktf/provider-aws/lib/securityhub-standards-subscription';
import { describe, expect, test } from 'vitest';
import { SecurityHub, standardArn } from '../../constructs/aws/security-hub.js';
import { SECURITY_HUB_STANDARDS, type SecurityHubStandard } from '../../config/schema/security.js';
import { address, all, awsStack, only, synth } from './construct-stack.js';

function build(standards: readonly SecurityHubStandard[] = SECURITY_HUB_STANDARDS, pciDssVersion = '4.0.1') {
  const stack = awsStack();
  new SecurityHub(stack, 'hub', { region: 'eu-west-1', standards, pciDssVersion });
  return synth(stack);
}

describe('SecurityHub', () => {
  test("AWS's default standards off, consolidated control findings, new controls enabled", () => {
    expect(only(build(), SecurityhubAccount.tfResourceType)).toEqual({
      enable_default_standards: false,
      control_finding_generator: 'SECURITY_CONTROL',
      auto_enable_controls: true,
    });
  });

  test.each([
    [
      'aws-foundational-security-best-practices',
      '4.0.1',
      'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0',
    ],
    ['cis-aws-foundations-benchmark', '4.0.1', 'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0'],
    ['pci-dss', '4.0.1', 'arn:aws:securityhub:eu-west-1::standards/pci-dss/v/4.0.1'],
    ['pci-dss', '3.2.1', 'arn:aws:securityhub:eu-west-1::standards/pci-dss/v/3.2.1'],
  ] as const)('%s (PCI DSS %s) subscribes to %s', (standard, pci, arn) => {
    expect(standardArn('eu-west-1', standard, pci)).toBe(arn);
    expect(only(build([standard], pci), SecurityhubStandardsSubscription.tfResourceType).standards_arn).toBe(arn);
  });

  test('exactly the configured standards, each after the account is enabled', () => {
    const out = build(['aws-foundational-security-best-practices', 'pci-dss']);
    const subscriptions = all(out, SecurityhubStandardsSubscription.tfResourceType);
    expect(subscriptions.map((s) => s.standards_arn.split('/')[1]).sort()).toEqual(['aws-foundational-security-best-practices', 'pci-dss']);
    for (const s of subscriptions) expect(s.depends_on).toEqual([address(out, SecurityhubAccount.tfResourceType)]);
  });
});
