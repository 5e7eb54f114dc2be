import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import type { SecurityConfig } from '../config/schema/security.js';
import { AlertTopic } from '../constructs/aws/alert-topic.js';
import { ConfigRecorder } from '../constructs/aws/config-recorder.js';
import { FindingsRouting } from '../constructs/aws/findings-routing.js';
import { SecurityHub } from '../constructs/aws/security-hub.js';
import { ThreatDetection } from '../constructs/aws/threat-detection.js';
import { PlatformStack } from './platform-stack.js';

export interface SecurityPostureStackProps {
  readonly environment: StackEnvironment;
  readonly region: AwsRegion;
  /** Standards, and which findings alert (config.security). */
  readonly security: Pick<SecurityConfig, 'securityHubStandards' | 'pciDssVersion' | 'guardDutyAlertSeverity' | 'securityHubAlertLabels'>;
  /** Who the alert topic e-mails (the environment owner's contact). */
  readonly alertEmails: readonly string[];
  /** AWS Config's delivery bucket in this region. */
  readonly configBucketName: string;
  readonly configRetentionDays: number;
  /** Whether this region records account-global resources (IAM): one region per environment (config/derive/audit.ts). */
  readonly recordsGlobalResources: boolean;
  /** Access Analyzer's zone of trust: the whole organization in the management account. */
  readonly analyzerType: 'ACCOUNT' | 'ORGANIZATION';
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

  constructor(scope: Construct, id: string, props: SecurityPostureStackProps) {
    super(scope, { environment: props.environment, region: props.region, kind: 'security', tags: { Service: 'security-posture' } }, id);
    const prefix = `${this.envName}-${this.region}`;
    const { security } = props;

    this.alerts = new AlertTopic(this, 'alerts', {
      accountId: this.accountId,
      topicName: `${prefix}-security-alerts`,
      publishers: ['events.amazonaws.com'],
      emails: props.alertEmails,
    });
    this.threatDetection = new ThreatDetection(this, 'guardduty');
    this.securityHub = new SecurityHub(this, 'security-hub', {
      region: this.region,
      standards: security.securityHubStandards,
      pciDssVersion: security.pciDssVersion,
    });
    this.configRecorder = new ConfigRecorder(this, 'config', {
      accountId: this.accountId,
      namePrefix: prefix,
      bucketName: props.configBucketName,
      includeGlobalResources: props.recordsGlobalResources,
      retentionDays: props.configRetentionDays,
    });
    new AccessanalyzerAnalyzer(this, 'access-analyzer', { analyzerName: `${prefix}-access-analyzer`, type: props.analyzerType });
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
