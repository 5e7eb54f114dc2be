import type { Construct } from 'constructs';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import type { IdleCleanupSettings } from '../config/schema/cost.js';
import { AlertTopic } from '../constructs/aws/alert-topic.js';
import { BundledFunction } from '../constructs/aws/bundled-function.js';
import { IDLE_SINCE_TAG } from '../functions/idle-cleanup/plan.js';
import { PlatformStack } from './platform-stack.js';

export interface IdleCleanupStackProps {
  readonly environment: StackEnvironment;
  readonly region: AwsRegion;
  /** Names the function and its report topic. */
  readonly functionName: string;
  /** What the sweep looks for, how old, and whether it deletes (cost.environments.<env>.idleCleanup). */
  readonly sweep: IdleCleanupSettings;
  /** Who the reports reach (cost.environments.<env>.alertEmails). */
  readonly alertEmails: readonly string[];
  /** Retention of the function's logs (the application-logs class). */
  readonly logRetentionDays: number;
}

/**
 * `<env>-<region>-idle-cleanup`: a daily Lambda that finds unattached volumes,
 * unassociated Elastic IPs, old snapshots, idle load balancers and long-stopped
 * instances. Dry run by default; it deletes only what carries the opt-in tag
 * and is older than the configured age, and reports every run to SNS.
 */
export class IdleCleanupStack extends PlatformStack {
  constructor(scope: Construct, id: string, props: IdleCleanupStackProps) {
    super(scope, { environment: props.environment, region: props.region, kind: 'idle-cleanup', tags: { Service: 'idle-cleanup' } }, id);
    const { sweep, functionName: name } = props;
    const alerts = new AlertTopic(this, 'reports', {
      accountId: this.accountId,
      topicName: name,
      emails: props.alertEmails,
      keyUsers: [`logs.${this.region}.amazonaws.com`],
    });
    const inRegion = { StringEquals: { 'aws:RequestedRegion': this.region } };
    // Deletions are allowed only on resources carrying the opt-in tag, in IAM as well as in code.
    const optedIn = { StringEquals: { [`aws:ResourceTag/${sweep.optInTag.key}`]: sweep.optInTag.value } };
    new BundledFunction(this, 'sweep', {
      accountId: this.accountId,
      region: this.region,
      functionName: name,
      source: 'idle-cleanup',
      description: `Idle-resource sweep of ${this.envName} in ${this.region}${sweep.dryRun ? ' (dry run)' : ''}`,
      logRetentionDays: props.logRetentionDays,
      logsKeyArn: alerts.key.arn,
      timeoutSeconds: 900,
      environment: {
        SCOPE: `${this.envName}/${this.region}`,
        TOPIC_ARN: alerts.topic.arn,
        SWEEP_SETTINGS: JSON.stringify(sweep),
      },
      statements: [
        {
          Sid: 'Inventory',
          Effect: 'Allow',
          Action: [
            'ec2:DescribeVolumes',
            'ec2:DescribeAddresses',
            'ec2:DescribeSnapshots',
            'ec2:DescribeInstances',
            'elasticloadbalancing:DescribeLoadBalancers',
            'elasticloadbalancing:DescribeTags',
            'cloudwatch:GetMetricData',
          ],
          Resource: '*',
          Condition: inRegion,
        },
        { Sid: 'Report', Effect: 'Allow', Action: 'sns:Publish', Resource: alerts.topic.arn },
        { Sid: 'EncryptReport', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: alerts.key.arn },
        ...(sweep.dryRun
          ? []
          : [
              { Sid: 'FinalSnapshots', Effect: 'Allow' as const, Action: 'ec2:CreateSnapshot', Resource: '*', Condition: inRegion },
              // Tagging may not forge the opt-in tag the deletions trust: only the snapshot's own create call, and the idle-since mark.
              {
                Sid: 'TagFinalSnapshots',
                Effect: 'Allow' as const,
                Action: 'ec2:CreateTags',
                Resource: '*',
                Condition: { StringEquals: { ...inRegion.StringEquals, 'ec2:CreateAction': 'CreateSnapshot' } },
              },
              {
                Sid: 'MarkIdle',
                Effect: 'Allow' as const,
                Action: 'ec2:CreateTags',
                Resource: '*',
                Condition: { ...inRegion, 'ForAllValues:StringEquals': { 'aws:TagKeys': [IDLE_SINCE_TAG] } },
              },
              {
                Sid: 'SnapshotEncryptedVolumes',
                Effect: 'Allow' as const,
                Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
                Resource: `arn:aws:kms:${this.region}:${this.accountId}:key/*`,
                Condition: { StringEquals: { 'kms:ViaService': `ec2.${this.region}.amazonaws.com` } },
              },
              {
                Sid: 'DeleteOptedIn',
                Effect: 'Allow' as const,
                Action: [
                  'ec2:DeleteVolume',
                  'ec2:ReleaseAddress',
                  'ec2:DeleteSnapshot',
                  'ec2:TerminateInstances',
                  'elasticloadbalancing:DeleteLoadBalancer',
                ],
                Resource: '*',
                Condition: { StringEquals: { ...inRegion.StringEquals, ...optedIn.StringEquals } },
              },
            ]),
      ],
      schedule: { expression: sweep.scheduleExpression },
    });
  }
}
