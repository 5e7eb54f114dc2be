import { BcmdataexportsExport } from '@cdktf/provider-aws/lib/bcmdataexports-export';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import type { Construct } from 'constructs';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import type { EnvironmentCost } from '../config/schema/cost.js';
import { BundledFunction } from '../constructs/aws/bundled-function.js';
import type { PolicyStatement } from '../constructs/aws/iam-policy.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { SecureBucket } from '../constructs/aws/secure-bucket.js';
import { PlatformStack } from './platform-stack.js';

/** CUR 2.0 columns the FinOps queries use, tags and resource ids included. */
export const CUR_COLUMNS = [
  'bill_billing_period_start_date',
  'line_item_usage_account_id',
  'line_item_usage_start_date',
  'line_item_product_code',
  'line_item_usage_type',
  'line_item_operation',
  'line_item_resource_id',
  'line_item_line_item_type',
  'line_item_usage_amount',
  'line_item_unblended_cost',
  'line_item_net_unblended_cost',
  'pricing_term',
  'product_region_code',
  'product_instance_type',
  'resource_tags',
] as const;

const EXPORT_SERVICES = ['bcm-data-exports.amazonaws.com', 'billingreports.amazonaws.com'];

export interface CostReportingStackProps {
  readonly environment: StackEnvironment;
  /** When and over how many days the report runs, and its Slack secret (cost.environments.<env>.reports). */
  readonly reports: EnvironmentCost['reports'];
  /** Names of the exports bucket, the CUR export and the cost-controls alert topic (config/derive/cost.ts `costNames`). */
  readonly names: { readonly exportsBucket: string; readonly curExport: string; readonly alertsTopic: string };
  readonly functionName: string;
  /** Retention of the report function's logs (the application-logs class). */
  readonly logRetentionDays: number;
}

/**
 * `<env>-global-cost-reporting`: Cost and Usage Report 2.0 (Data Exports) into
 * an encrypted bucket, and the weekly report Lambda that posts spend by the tag
 * taxonomy to the cost-alerts topic (and Slack when a webhook secret is set).
 * It publishes to the cost-controls stack's topic: stacks/app.ts deploys that first.
 */
export class CostReportingStack extends PlatformStack {
  constructor(scope: Construct, id: string, props: CostReportingStackProps) {
    super(scope, { environment: props.environment, region: 'global', kind: 'cost-reporting', tags: { Service: 'cost-reporting' } }, id);
    const envName = this.envName;
    const { names, reports } = props;
    const key = new CustomerKey(this, 'exports-key', {
      accountId: this.accountId,
      alias: `${envName}-cost-exports`,
      description: `Encrypts the cost exports, report logs and Slack webhook secret of ${envName}`,
      servicePrincipals: [...EXPORT_SERVICES, `logs.${this.region}.amazonaws.com`],
    });
    const bucketName = names.exportsBucket;
    const bucketArn = `arn:aws:s3:::${bucketName}`;
    const exportsWrite: PolicyStatement = {
      Sid: 'DataExportsDeliver',
      Effect: 'Allow',
      Principal: { Service: EXPORT_SERVICES },
      Action: ['s3:PutObject', 's3:GetBucketPolicy'],
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: {
        StringLike: {
          'aws:SourceAccount': this.accountId,
          'aws:SourceArn': [`arn:aws:cur:*:${this.accountId}:definition/*`, `arn:aws:bcm-data-exports:*:${this.accountId}:export/*`],
        },
      },
    };
    const bucket = new SecureBucket(this, 'exports-bucket', { bucketName, kmsKeyArn: key.arn, policyStatements: [exportsWrite] });
    new BcmdataexportsExport(this, 'cur2', {
      export: [
        {
          name: names.curExport,
          description: `CUR 2.0 of ${envName}, hourly, with resource ids and tags`,
          dataQuery: [
            {
              queryStatement: `SELECT ${CUR_COLUMNS.join(', ')} FROM COST_AND_USAGE_REPORT`,
              tableConfigurations: {
                COST_AND_USAGE_REPORT: {
                  TIME_GRANULARITY: 'HOURLY',
                  INCLUDE_RESOURCES: 'TRUE',
                  INCLUDE_SPLIT_COST_ALLOCATION_DATA: 'TRUE',
                  INCLUDE_MANUAL_DISCOUNT_COMPATIBILITY: 'FALSE',
                },
              },
            },
          ],
          destinationConfigurations: [
            {
              s3Destination: [
                {
                  s3Bucket: bucket.name,
                  s3Prefix: 'cur2',
                  s3Region: this.region,
                  s3OutputConfigurations: [
                    { format: 'PARQUET', compression: 'PARQUET', outputType: 'CUSTOM', overwrite: 'OVERWRITE_REPORT' },
                  ],
                },
              ],
            },
          ],
          refreshCadence: [{ frequency: 'SYNCHRONOUS' }],
        },
      ],
      // Data Exports checks the bucket policy when the export is created.
      dependsOn: [bucket.bucket, bucket.policy],
    });

    const topicArn = `arn:aws:sns:${this.region}:${this.accountId}:${names.alertsTopic}`;
    const slackSecret = reports.slackWebhookSecretName;
    if (slackSecret) {
      // Created empty: the webhook URL is a credential, set out of band (dist/reports/prerequisites-<env>.md).
      new SecretsmanagerSecret(this, 'slack-webhook', {
        name: slackSecret,
        description: `Slack incoming-webhook URL (https://hooks.slack.com/services/...) the weekly cost report of ${envName} posts to`,
        kmsKeyId: key.arn,
        recoveryWindowInDays: 30,
      });
    }
    new BundledFunction(this, 'weekly-report', {
      accountId: this.accountId,
      region: this.region,
      functionName: props.functionName,
      source: 'cost-report',
      description: `Weekly spend of ${envName} by the tag taxonomy`,
      logRetentionDays: props.logRetentionDays,
      logsKeyArn: key.arn,
      environment: {
        ENVIRONMENT: envName,
        TOPIC_ARN: topicArn,
        TAG_KEYS: props.environment.tagTaxonomy.map((t) => t.key).join(','),
        LOOKBACK_DAYS: String(reports.lookbackDays),
        ...(slackSecret ? { SLACK_WEBHOOK_SECRET: slackSecret } : {}),
      },
      statements: [
        // Cost Explorer has no resource-level permissions.
        { Sid: 'ReadCosts', Effect: 'Allow', Action: 'ce:GetCostAndUsage', Resource: '*' },
        { Sid: 'PublishReport', Effect: 'Allow', Action: 'sns:Publish', Resource: topicArn },
        {
          Sid: 'EncryptForTopic',
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: `arn:aws:kms:${this.region}:${this.accountId}:key/*`,
          Condition: { StringEquals: { 'kms:ViaService': `sns.${this.region}.amazonaws.com` } },
        },
        ...(slackSecret
          ? [
              {
                Sid: 'ReadSlackWebhook',
                Effect: 'Allow' as const,
                Action: 'secretsmanager:GetSecretValue',
                Resource: `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${slackSecret}-*`,
              },
              {
                Sid: 'DecryptSlackWebhook',
                Effect: 'Allow' as const,
                Action: 'kms:Decrypt',
                Resource: key.arn,
                Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${this.region}.amazonaws.com` } },
              },
            ]
          : []),
      ],
      schedule: { expression: reports.scheduleExpression, timezone: reports.timezone },
    });
  }
}
