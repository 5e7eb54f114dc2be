import { edgeEnvironments } from '../../config/derive/edge.js';
import type { PlatformConfig } from '../../config/schema/platform.js';

export const FRAMEWORKS = ['SOC 2', 'PCI DSS', 'GDPR', 'HIPAA'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/**
 * One control and what implements it. Implementations are named by guardrail
 * rule id (policies/ catalog), synth check id (tools/synth/checks.ts), Terraform
 * resource type and manifest kind; the report resolves them against the synth
 * output, so the resources it lists are always the synthesized ones.
 */
export interface ControlMapping {
  readonly framework: Framework;
  readonly control: string;
  readonly title: string;
  readonly guardrails?: readonly string[];
  readonly checks?: readonly string[];
  readonly resourceTypes?: readonly string[];
  /** `apiVersion-group/Kind` of rendered manifests, e.g. `velero.io/Schedule`. */
  readonly manifestKinds?: readonly string[];
  /** Settings from config that implement the control. */
  readonly config?: (config: PlatformConfig) => string[];
  /** What the platform cannot do and people must. */
  readonly manual: string;
}

const ENCRYPTION_GUARDRAILS = [
  'rds-storage-encrypted',
  's3-bucket-encrypted',
  'ebs-volumes-encrypted',
  'eks-secrets-encrypted',
  'sns-topic-encrypted',
  'log-group-encrypted',
];
const EXPOSURE_GUARDRAILS = ['ingress-restricted', 'rds-not-public', 's3-public-access-blocked', 'eks-endpoint-restricted'];
const WORKLOAD_GUARDRAILS = [
  'no-privileged',
  'no-privilege-escalation',
  'no-host-namespaces',
  'allowed-registries',
  'read-only-root-filesystem',
  'run-as-non-root',
];
const AUDIT_TYPES = ['aws_cloudtrail', 'aws_s3_bucket_object_lock_configuration', 'aws_config_configuration_recorder'];
const DETECTION_TYPES = [
  'aws_guardduty_detector',
  'aws_securityhub_standards_subscription',
  'aws_cloudwatch_metric_alarm',
  'aws_cloudwatch_event_rule',
];
const BACKUP_TYPES = ['aws_backup_plan', 'aws_backup_vault', 'aws_db_instance', 'aws_rds_cluster'];

const retentionRows = (classes: (keyof PlatformConfig['retention'])[]) => (c: PlatformConfig) =>
  classes.map(
    (k) =>
      `retention['${k}'] = ${c.retention[k].retentionDays} days (${c.retention[k].requirements.map((r) => `${r.regulation}${r.minDays ? ` min ${r.minDays}` : ''}${r.maxDays ? ` max ${r.maxDays}` : ''}`).join(', ')})`,
  );
const standards = (c: PlatformConfig) => [
  `Security Hub standards: ${c.security.securityHubStandards.join(', ')} (PCI DSS v${c.security.pciDssVersion})`,
];
const alerting = (c: PlatformConfig) => [
  `GuardDuty severity >= ${c.security.guardDutyAlertSeverity} and Security Hub ${c.security.securityHubAlertLabels.join('/')} findings page the alert topic`,
];
const edge = (c: PlatformConfig) =>
  edgeEnvironments(c).flatMap((env) => {
    const e = c.security.edge[env];
    return e
      ? [
          `${env}: WAF rate limit ${e.rateLimitPer5Minutes}/5 min per IP, geo ${e.geoRestriction.type} ${e.geoRestriction.locations.join(', ')}, TLSv1.2_2021 minimum`,
        ]
      : [];
  });

export const CONTROL_MAPPINGS: readonly ControlMapping[] = [
  // SOC 2 (2017 Trust Services Criteria, revised points of focus 2022)
  {
    framework: 'SOC 2',
    control: 'CC6.1',
    title: 'Logical access security: encryption of data at rest, key management',
    guardrails: [...ENCRYPTION_GUARDRAILS, 'kms-key-rotation-enabled', 'iam-no-admin-wildcard', 'encryption-verified'],
    resourceTypes: ['aws_kms_key'],
    manual: 'Quarterly access reviews of IAM roles, EKS access entries and KMS key administrators.',
  },
  {
    framework: 'SOC 2',
    control: 'CC6.6',
    title: 'Boundary protection against threats from outside',
    guardrails: EXPOSURE_GUARDRAILS,
    resourceTypes: ['aws_wafv2_web_acl', 'aws_cloudfront_distribution'],
    config: edge,
    manual: 'Annual penetration test of the public API; review of WAF sampled requests.',
  },
  {
    framework: 'SOC 2',
    control: 'CC6.7',
    title: 'Transmission of data is restricted and protected',
    guardrails: ['s3-tls-only', 'encryption-verified'],
    resourceTypes: ['aws_cloudfront_distribution', 'aws_sns_topic_policy'],
    manual: 'Client certificate and API key lifecycle for B2B integrations.',
  },
  {
    framework: 'SOC 2',
    control: 'CC6.8',
    title: 'Prevention and detection of unauthorized or malicious software',
    guardrails: WORKLOAD_GUARDRAILS,
    resourceTypes: ['aws_guardduty_detector_feature'],
    manual: 'Image vulnerability triage and patch SLAs.',
  },
  {
    framework: 'SOC 2',
    control: 'CC7.2',
    title: 'Monitoring of system components for anomalies (audit trail)',
    resourceTypes: [...AUDIT_TYPES, ...DETECTION_TYPES, 'aws_cloudwatch_log_metric_filter'],
    config: standards,
    manual: 'On-call triage of alerts and monthly review of Security Hub scores.',
  },
  {
    framework: 'SOC 2',
    control: 'CC7.3',
    title: 'Evaluation of security events',
    resourceTypes: ['aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target', 'aws_sns_topic'],
    config: alerting,
    manual: 'Incident classification and post-incident reviews per the incident response policy.',
  },
  {
    framework: 'SOC 2',
    control: 'CC8.1',
    title: 'Changes are authorized, tested and recorded',
    guardrails: ['mandatory-tags-present'],
    resourceTypes: ['aws_config_configuration_recorder'],
    manual: 'Pull-request approval (CODEOWNERS, branch rulesets) and change tickets for production deploys.',
  },
  {
    framework: 'SOC 2',
    control: 'A1.2',
    title: 'Backup and recovery of data',
    guardrails: ['backup-retention-compliant', 'stateful-deletion-protected', 'retention-from-table'],
    resourceTypes: BACKUP_TYPES,
    manifestKinds: ['velero.io/Schedule'],
    config: retentionRows(['backups', 'database-snapshots']),
    manual: 'Quarterly restore test and DR failover exercise, with evidence kept.',
  },
  // PCI DSS v4.0.1
  {
    framework: 'PCI DSS',
    control: '1.3 / 1.4',
    title: 'Network access to and from the cardholder data environment is restricted',
    guardrails: EXPOSURE_GUARDRAILS,
    resourceTypes: ['aws_security_group', 'aws_wafv2_web_acl'],
    manual: 'Semi-annual review of network security control rule sets (1.2.7).',
  },
  {
    framework: 'PCI DSS',
    control: '2.2',
    title: 'System components are configured and managed securely',
    guardrails: ['imdsv2-required', ...WORKLOAD_GUARDRAILS],
    resourceTypes: ['aws_securityhub_standards_subscription', 'aws_config_configuration_recorder'],
    config: standards,
    manual: 'Configuration standards document approved by the security owner.',
  },
  {
    framework: 'PCI DSS',
    control: '3.5.1',
    title: 'Stored account data is rendered unreadable (strong cryptography)',
    guardrails: [...ENCRYPTION_GUARDRAILS, 'encryption-verified'],
    manual: 'Data-flow diagram showing where PAN is stored; PAN is tokenized before it reaches the platform.',
  },
  {
    framework: 'PCI DSS',
    control: '3.6 / 3.7',
    title: 'Cryptographic keys are protected and managed',
    guardrails: ['kms-key-rotation-enabled', 'stateful-deletion-protected'],
    resourceTypes: ['aws_kms_key', 'aws_kms_alias'],
    manual: 'Key custodian acknowledgements (3.6.1.2) and key-management procedures.',
  },
  {
    framework: 'PCI DSS',
    control: '4.2.1',
    title: 'Strong cryptography protects data in transit over open networks',
    guardrails: ['s3-tls-only', 'encryption-verified'],
    resourceTypes: ['aws_cloudfront_distribution'],
    config: edge,
    manual: 'Inventory of trusted keys and certificates (4.2.1.1).',
  },
  {
    framework: 'PCI DSS',
    control: '5.2 / 5.3',
    title: 'Malicious software is prevented or detected',
    resourceTypes: ['aws_guardduty_detector_feature'],
    guardrails: ['allowed-registries'],
    manual: 'Evaluation of systems not at risk of malware (5.2.3) for anything outside GuardDuty coverage.',
  },
  {
    framework: 'PCI DSS',
    control: '6.4.2',
    title: 'Public-facing web applications are protected by an automated technical solution',
    resourceTypes: ['aws_wafv2_web_acl'],
    config: edge,
    manual: 'Review of WAF blocked requests and tuning of managed rule exclusions.',
  },
  {
    framework: 'PCI DSS',
    control: '10.2',
    title: 'Audit logs capture user and administrator actions',
    resourceTypes: ['aws_cloudtrail', 'aws_cloudwatch_log_group', 'aws_eks_cluster'],
    manual: 'Application-level audit events of the trading services (owned by service teams).',
  },
  {
    framework: 'PCI DSS',
    control: '10.3',
    title: 'Audit logs are protected from destruction and unauthorized modification',
    resourceTypes: ['aws_s3_bucket_object_lock_configuration', 'aws_cloudtrail', 'aws_s3_bucket_logging'],
    guardrails: ['log-group-encrypted'],
    manual: 'Periodic verification of CloudTrail digest files (aws cloudtrail validate-logs).',
  },
  {
    framework: 'PCI DSS',
    control: '10.4',
    title: 'Audit logs are reviewed to identify anomalies',
    resourceTypes: ['aws_cloudwatch_log_metric_filter', 'aws_cloudwatch_metric_alarm', 'aws_cloudwatch_event_rule'],
    config: alerting,
    manual: 'Daily review of security events by the on-call (10.4.1) and of other logs per the targeted risk analysis (10.4.2.1).',
  },
  {
    framework: 'PCI DSS',
    control: '10.5.1',
    title: 'Audit log history is retained for at least 12 months',
    guardrails: ['log-retention-from-table', 'retention-from-table'],
    config: retentionRows(['audit-logs', 'network-logs']),
    manual: 'None beyond keeping the retention table reviewed annually.',
  },
  {
    framework: 'PCI DSS',
    control: '11.3 / 11.4',
    title: 'Vulnerability scans and penetration tests',
    resourceTypes: ['aws_securityhub_standards_subscription'],
    config: standards,
    manual:
      'Quarterly ASV external scans (11.3.2), internal authenticated scans and annual penetration tests (11.4): not automatable here.',
  },
  {
    framework: 'PCI DSS',
    control: '11.5',
    title: 'Network intrusions and unexpected changes are detected',
    resourceTypes: ['aws_guardduty_detector', 'aws_config_configuration_recorder', 'aws_accessanalyzer_analyzer'],
    manual: 'Response procedures for GuardDuty findings.',
  },
  // GDPR
  {
    framework: 'GDPR',
    control: 'Art. 5(1)(e)',
    title: 'Storage limitation: personal data kept no longer than necessary',
    guardrails: ['log-retention-from-table', 'backup-retention-compliant', 'retention-from-table'],
    manifestKinds: ['velero.io/Schedule'],
    config: retentionRows(['application-logs', 'backups', 'database-snapshots', 'traces']),
    manual: 'Record of the lawful basis per data class; erasure requests handled in the application databases.',
  },
  {
    framework: 'GDPR',
    control: 'Art. 25',
    title: 'Data protection by design and by default',
    guardrails: [...EXPOSURE_GUARDRAILS, 'mandatory-tags-present'],
    manual: 'Data protection impact assessments for new processing.',
  },
  {
    framework: 'GDPR',
    control: 'Art. 32(1)(a)',
    title: 'Encryption of personal data',
    guardrails: [...ENCRYPTION_GUARDRAILS, 'encryption-verified'],
    manual: "None for platform-held data; application-level pseudonymisation is the service teams'.",
  },
  {
    framework: 'GDPR',
    control: 'Art. 32(1)(b)-(c)',
    title: 'Resilience and timely restoration of availability',
    guardrails: ['stateful-deletion-protected'],
    resourceTypes: [...BACKUP_TYPES, 'aws_cloudfront_distribution'],
    manifestKinds: ['velero.io/Schedule'],
    manual: 'Restore and failover tests (Art. 32(1)(d) regular testing).',
  },
  {
    framework: 'GDPR',
    control: 'Art. 33',
    title: 'Personal data breaches are detected in time to notify within 72 hours',
    resourceTypes: DETECTION_TYPES,
    config: alerting,
    manual: 'Breach assessment and notification to the supervisory authority by the DPO.',
  },
  // HIPAA Security Rule (45 CFR 164)
  {
    framework: 'HIPAA',
    control: '164.308(a)(1)(ii)(D)',
    title: 'Information system activity review',
    resourceTypes: DETECTION_TYPES,
    config: standards,
    manual: 'Documented periodic review of audit logs and incident tracking.',
  },
  {
    framework: 'HIPAA',
    control: '164.308(a)(7)',
    title: 'Contingency plan: data backup and disaster recovery',
    guardrails: ['backup-retention-compliant', 'retention-from-table'],
    resourceTypes: BACKUP_TYPES,
    manifestKinds: ['velero.io/Schedule'],
    manual: 'Contingency plan testing and revision (164.308(a)(7)(ii)(D)).',
  },
  {
    framework: 'HIPAA',
    control: '164.312(a)(1)',
    title: 'Access control',
    guardrails: ['iam-no-admin-wildcard', 'eks-endpoint-restricted', 'no-default-sa-token'],
    resourceTypes: ['aws_accessanalyzer_analyzer'],
    manual: 'Unique user identification and emergency access procedure.',
  },
  {
    framework: 'HIPAA',
    control: '164.312(a)(2)(iv)',
    title: 'Encryption and decryption of ePHI at rest',
    guardrails: [...ENCRYPTION_GUARDRAILS, 'kms-key-rotation-enabled', 'encryption-verified'],
    manual: 'Business associate agreements with AWS and other processors.',
  },
  {
    framework: 'HIPAA',
    control: '164.312(b)',
    title: 'Audit controls',
    guardrails: ['retention-from-table'],
    resourceTypes: [...AUDIT_TYPES, 'aws_eks_cluster'],
    manual: 'Audit log review procedure.',
  },
  {
    framework: 'HIPAA',
    control: '164.312(c)(1)',
    title: 'Integrity: ePHI is not improperly altered or destroyed',
    resourceTypes: ['aws_s3_bucket_object_lock_configuration', 'aws_cloudtrail'],
    guardrails: ['stateful-deletion-protected'],
    manual: 'Application-level integrity checks of health records, if any are processed.',
  },
  {
    framework: 'HIPAA',
    control: '164.312(e)(1)',
    title: 'Transmission security',
    guardrails: ['s3-tls-only', 'encryption-verified'],
    resourceTypes: ['aws_cloudfront_distribution'],
    manual: 'TLS for integrations outside the platform (partners, e-mail).',
  },
];
