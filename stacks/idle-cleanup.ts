import type { Construct } from 'constructs';
import { costSettings } from '../config/derive/cost.js';
import { retentionDays } from '../config/derive/retention.js';
import type { ClusterTarget } from '../config/derive/targets.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { AlertTopic } from '../constructs/aws/alert-topic.js';
import { BundledFunction } from '../constructs/aws/bundled-function.js';
import { IDLE_SINCE_TAG } from '../functions/idle-cleanup/plan.js';
import { PlatformStack } from './platform-stack.js';

/**
 * `<env>-<region>-idle-cleanup`: a daily Lambda that finds unattached volumes,
 * unassociated Elastic IPs, old snapshots, idle load balancers and long-stopped
 * instances. Dry run by default; it deletes only what carries the opt-in tag
 * and is older than the configured age, and reports every run to SNS.
 */
export class IdleCleanupStack extends PlatformStack {
  constructor(scope: Construct, config: PlatformConfig, target: ClusterTarget) {
    super(scope, { config, envName: target.envName, region: target.region, kind: 'idle-cleanup', tags: { Service: 'idle-cleanup' } });
    const settings = costSettings(config, target.envName);
    const sweep = settings.idleCleanup;
    const name = `${config.organization.name}-${target.envName}-${target.region}-idle-cleanup`;
    const alerts = new AlertTopic(this, 'reports', { accountId: this.accountId, topicName: name, emails: settings.alertEmails, keyUsers: [`logs.${this.region}.amazonaws.com`] });
    const inRegion = { StringEquals: { 'aws:RequestedRegion': this.region } };
    // Deletions are allowed only on resources carrying the opt-in tag, in IAM as well as in code.
    const optedIn = { StringEquals: { [`aws:ResourceTag/${sweep.optInTag.key}`]: sweep.optInTag.value } };
    new BundledFunction(this, 'sweep', {
      accountId: this.accountId,
      region: this.region,
      functionName: name,
      source: 'idle-cleanup',
      description: `Idle-resource sweep of ${target.envName} in ${target.region}${sweep.dryRun ? ' (dry run)' : ''}`,
      logRetentionDays: retentionDays(config, 'application-logs'),
      logsKeyArn: alerts.key.arn,
      timeoutSeconds: 900,
      environment: {
        SCOPE: `${target.envName}/${target.region}`,
        TOPIC_ARN: alerts.topic.arn,
        SWEEP_SETTINGS: JSON.stringify(sweep),
      },
      statements: [
        {
          Sid: 'Inventory',
          Effect: 'Allow',
          Action: ['ec2:DescribeVolumes', 'ec2:DescribeAddresses', 'ec2:DescribeSnapshots', 'ec2:DescribeInstances', 'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeTags', 'cloudwatch:GetMetricData'],
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
              { Sid: 'TagFinalSnapshots', Effect: 'Allow' as const, Action: 'ec2:CreateTags', Resource: '*', Condition: { StringEquals: { ...inRegion.StringEquals, 'ec2:CreateAction': 'CreateSnapshot' } } },
              { Sid: 'MarkIdle', Effect: 'Allow' as const, Action: 'ec2:CreateTags', Resource: '*', Condition: { ...inRegion, 'ForAllValues:StringEquals': { 'aws:TagKeys': [IDLE_SINCE_TAG] } } },
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
                Action: ['ec2:DeleteVolume', 'ec2:ReleaseAddress', 'ec2:DeleteSnapshot', 'ec2:TerminateInstances', 'elasticloadbalancing:DeleteLoadBalancer'],
                Resource: '*',
                Condition: { StringEquals: { ...inRegion.StringEquals, ...optedIn.StringEquals } },
              },
            ]),
      ],
      schedule: { expression: sweep.scheduleExpression },
    });
  }
}
