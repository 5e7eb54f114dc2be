import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import { AccessLogBucket } from '../constructs/aws/access-log-bucket.js';
import { AlertTopic } from '../constructs/aws/alert-topic.js';
import { CisAlarms } from '../constructs/aws/cis-alarms.js';
import { policyDocument } from '../constructs/aws/iam-policy.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { SecureBucket } from '../constructs/aws/secure-bucket.js';
import { PlatformStack } from './platform-stack.js';

export interface AuditTrailStackProps {
  readonly environment: StackEnvironment;
  /** The Object-Locked log archive the trail delivers to. */
  readonly archiveBucketName: string;
  /** Where S3 writes the archive's server access logs. */
  readonly accessLogBucketName: string;
  /** How long logs are kept, and locked (the audit-logs class). */
  readonly retentionDays: number;
  /** An organization trail (the environment's account is the management account) or the account's own. */
  readonly organizationTrail: boolean;
  /** Buckets whose object reads and writes are recorded (config/derive/audit.ts `dataEventBuckets`). */
  readonly dataEventBuckets: readonly string[];
  /** Who the CIS alarms e-mail (the environment owner's contact). */
  readonly alertEmails: readonly string[];
}

/**
 * `<env>-global-audit`: the account's multi-region CloudTrail (an organization
 * trail in the management account) with data events on the state and Velero
 * buckets, validated and KMS-encrypted, delivered to an
 * Object-Locked log archive with server access logging, and mirrored to
 * CloudWatch Logs where the CIS monitoring alarms watch it.
 */
export class AuditTrailStack extends PlatformStack {
  readonly trail: Cloudtrail;
  readonly logArchive: SecureBucket;
  readonly alerts: AlertTopic;

  constructor(scope: Construct, id: string, props: AuditTrailStackProps) {
    super(scope, { environment: props.environment, region: 'global', kind: 'audit', tags: { Service: 'audit-trail' } }, id);
    const envName = this.envName;
    const days = props.retentionDays;
    const trailName = `${envName}-audit-trail`;
    // Known before the trail exists: the key and bucket policies name it without a dependency cycle.
    const trailArn = `arn:aws:cloudtrail:${this.region}:${this.accountId}:trail/${trailName}`;
    const { organizationTrail } = props;

    const key = new CustomerKey(this, 'trail-key', {
      accountId: this.accountId,
      alias: `${envName}-audit-trail`,
      description: `Encrypts the CloudTrail logs of ${envName}`,
      servicePrincipals: [`logs.${this.region}.amazonaws.com`],
      extraStatements: [
        {
          Sid: 'CloudTrailEncryptsLogs',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:SourceArn': trailArn },
            StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${this.accountId}:trail/*` },
          },
        },
        {
          Sid: 'CloudTrailDescribesKey',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:DescribeKey',
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
        },
      ],
    });

    const accessLogs = new AccessLogBucket(this, 'access-logs', {
      bucketName: props.accessLogBucketName,
      accountId: this.accountId,
      retentionDays: days,
      dataClass: 'audit-logs',
    });

    const archiveName = props.archiveBucketName;
    const archiveArn = `arn:aws:s3:::${archiveName}`;
    this.logArchive = new SecureBucket(this, 'log-archive', {
      bucketName: archiveName,
      kmsKeyArn: key.arn,
      objectLockEnabled: true,
      noncurrentVersionExpirationDays: 1,
      lifecycleRules: [{ id: 'retention', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days }] }],
      policyStatements: [
        {
          Sid: 'CloudTrailAclCheck',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:GetBucketAcl',
          Resource: archiveArn,
          Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
        },
        {
          Sid: 'CloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          // An organization trail writes under the organization id as well as the account's.
          Resource: organizationTrail ? `${archiveArn}/AWSLogs/*` : `${archiveArn}/AWSLogs/${this.accountId}/*`,
          Condition: { StringEquals: { 'aws:SourceArn': trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
      ],
    });
    this.logArchive.bucket.tags = { DataClass: 'audit-logs' };
    // Compliance mode: nobody, root included, can delete or shorten a locked version before it expires.
    new S3BucketObjectLockConfigurationA(this, 'log-archive-object-lock', {
      bucket: this.logArchive.bucket.id,
      rule: { defaultRetention: { mode: 'COMPLIANCE', days } },
      dependsOn: [this.logArchive.versioning],
    });
    new S3BucketLoggingA(this, 'log-archive-access-logging', {
      bucket: this.logArchive.bucket.id,
      targetBucket: accessLogs.bucket.id,
      targetPrefix: `${archiveName}/`,
      // S3 checks the target's policy admits log delivery when logging is turned on.
      dependsOn: [accessLogs.policy],
    });

    const logGroup = new CloudwatchLogGroup(this, 'trail-log-group', {
      name: `/aws/cloudtrail/${trailName}`,
      retentionInDays: days,
      kmsKeyId: key.arn,
      tags: { DataClass: 'audit-logs' },
      lifecycle: { preventDestroy: true },
    });
    const deliveryRole = new IamRole(this, 'trail-delivery-role', {
      name: `${envName}-cloudtrail-to-logs`,
      assumeRolePolicy: policyDocument([
        {
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
        },
      ]),
    });
    const deliveryPolicy = new IamRolePolicy(this, 'trail-delivery-policy', {
      role: deliveryRole.name,
      policy: policyDocument([
        {
          Sid: 'DeliverToLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${logGroup.arn}:log-stream:*`,
        },
      ]),
    });

    this.trail = new Cloudtrail(this, 'trail', {
      name: trailName,
      s3BucketName: this.logArchive.bucket.id,
      kmsKeyId: key.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      isOrganizationTrail: organizationTrail,
      enableLogFileValidation: true,
      enableLogging: true,
      cloudWatchLogsGroupArn: `${logGroup.arn}:*`,
      cloudWatchLogsRoleArn: deliveryRole.arn,
      // Advanced selectors replace the default: management events are selected explicitly (the CIS alarms read them).
      advancedEventSelector: [
        { name: 'Management events', fieldSelector: [{ field: 'eventCategory', equalTo: ['Management'] }] },
        {
          name: 'Object reads and writes of the Terraform state and Velero buckets',
          fieldSelector: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
            { field: 'resources.ARN', startsWith: props.dataEventBuckets.map((b) => `arn:aws:s3:::${b}/`) },
          ],
        },
      ],
      // CloudTrail checks the bucket policy at creation (InsufficientS3BucketPolicyException).
      dependsOn: [deliveryPolicy, this.logArchive.policy],
    });

    this.alerts = new AlertTopic(this, 'alerts', {
      accountId: this.accountId,
      topicName: `${envName}-audit-alerts`,
      publishers: ['cloudwatch.amazonaws.com'],
      emails: props.alertEmails,
    });
    new CisAlarms(this, 'cis-alarms', {
      logGroupName: logGroup.name,
      metricNamespace: `${envName}/CISBenchmark`,
      alarmPrefix: `${envName}-cis`,
      alarmTopicArn: this.alerts.arn,
    });

    new TerraformOutput(this, 'trail_arn', { value: this.trail.arn });
    new TerraformOutput(this, 'log_archive_bucket', { value: this.logArchive.bucket.bucket });
    new TerraformOutput(this, 'trail_key_arn', { value: key.arn });
  }
}
