import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { environmentRegions } from '../config/derive/regions.js';
import { retentionDays } from '../config/derive/retention.js';
import type { ClusterTarget } from '../config/derive/targets.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { AlertTopic } from '../constructs/aws/alert-topic.js';
import { ConfigRecorder } from '../constructs/aws/config-recorder.js';
import { FindingsRouting } from '../constructs/aws/findings-routing.js';
import { SecurityHub } from '../constructs/aws/security-hub.js';
import { ThreatDetection } from '../constructs/aws/threat-detection.js';
import { isManagementAccount } from './audit-trail.js';
import { PlatformStack } from './platform-stack.js';

/**
 * The region of an environment that records account-global resources (IAM):
 * the home region when the environment runs there, else its primary region.
 */
export function globalRecordingRegion(config: PlatformConfig, target: ClusterTarget): string {
  const home = config.organization.homeRegion;
  return environmentRegions(target.env).includes(home) ? home : target.env.regions.primary.region;
}

/**
 * `<env>-<region>-security`: threat detection and posture of one region of an
 * environment's account: GuardDuty, Security Hub standards, AWS Config, IAM
 * Access Analyzer, and high-severity findings routed to the alert topic.
 */
export class SecurityPostureStack extends PlatformStack {
  readonly alerts: AlertTopic;
  readonly threatDetection: ThreatDetection;
  readonly securityHub: SecurityHub;
  readonly configRecorder: ConfigRecorder;

  constructor(scope: Construct, config: PlatformConfig, target: ClusterTarget) {
    super(scope, { config, envName: target.envName, region: target.region, kind: 'security', tags: { Service: 'security-posture' } });
    const prefix = `${target.envName}-${target.region}`;
    const security = config.security;

    this.alerts = new AlertTopic(this, 'alerts', {
      accountId: this.accountId,
      topicName: `${prefix}-security-alerts`,
      publishers: ['events.amazonaws.com'],
      emails: [target.env.owner.contact],
    });
    this.threatDetection = new ThreatDetection(this, 'guardduty');
    this.securityHub = new SecurityHub(this, 'security-hub', {
      region: target.region,
      standards: security.securityHubStandards,
      pciDssVersion: security.pciDssVersion,
    });
    this.configRecorder = new ConfigRecorder(this, 'config', {
      accountId: this.accountId,
      namePrefix: prefix,
      bucketName: `${config.organization.name}-${target.envName}-config-${target.region}-${this.accountId}`,
      includeGlobalResources: globalRecordingRegion(config, target) === target.region,
      retentionDays: retentionDays(config, 'audit-logs'),
    });
    new AccessanalyzerAnalyzer(this, 'access-analyzer', {
      analyzerName: `${prefix}-access-analyzer`,
      type: isManagementAccount(config, target.envName) ? 'ORGANIZATION' : 'ACCOUNT',
    });
    new FindingsRouting(this, 'findings', {
      namePrefix: prefix,
      topicArn: this.alerts.arn,
      guardDutyMinSeverity: security.guardDutyAlertSeverity,
      securityHubLabels: security.securityHubAlertLabels,
    });

    new TerraformOutput(this, 'guardduty_detector_id', { value: this.threatDetection.detector.id });
    new TerraformOutput(this, 'security_alerts_topic_arn', { value: this.alerts.arn });
  }
}
