import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubStandardsSubscription } from '@cdktf/provider-aws/lib/securityhub-standards-subscription';
import { Construct } from 'constructs';
import type { SecurityHubStandard } from '../../config/schema/security.js';

export interface SecurityHubProps {
  readonly region: string;
  readonly standards: readonly SecurityHubStandard[];
  /** PCI DSS standard version: `3.2.1` or `4.0.1`. */
  readonly pciDssVersion: string;
}

/** The regional ARN Security Hub (DescribeStandards) gives each standard. */
export function standardArn(region: string, standard: SecurityHubStandard, pciDssVersion: string): string {
  const version = {
    'aws-foundational-security-best-practices': '1.0.0',
    'cis-aws-foundations-benchmark': '3.0.0',
    'pci-dss': pciDssVersion,
  }[standard];
  return `arn:aws:securityhub:${region}::standards/${standard}/v/${version}`;
}

/**
 * Security Hub with consolidated control findings and the configured standards;
 * the defaults AWS would pick are off so that only config decides.
 */
export class SecurityHub extends Construct {
  readonly account: SecurityhubAccount;
  readonly subscriptions: SecurityhubStandardsSubscription[];

  constructor(scope: Construct, id: string, props: SecurityHubProps) {
    super(scope, id);
    this.account = new SecurityhubAccount(this, 'account', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
    this.subscriptions = props.standards.map(
      (standard) =>
        new SecurityhubStandardsSubscription(this, standard, {
          standardsArn: standardArn(props.region, standard, props.pciDssVersion),
          dependsOn: [this.account],
        }),
    );
  }
}
