import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy.js';
import { CustomerKey } from './kms-key.js';

export interface AlarmTopicProps {
  readonly accountId: string;
  readonly topicName: string;
  /** AWS services that publish (`cloudwatch.amazonaws.com`, `events.amazonaws.com`), for this account only. */
  readonly publishers: string[];
  /** Addresses subscribed by e-mail (each confirms once). */
  readonly emails: string[];
  /** Provider of the alarms' region: alarm actions cannot cross regions. @default the stack's provider */
  readonly provider?: AwsProvider;
}

/**
 * A KMS-encrypted SNS topic that AWS services publish alarms and events to,
 * TLS-only, in any region of the stack (through an aliased provider).
 */
export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;
  readonly key: CustomerKey;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const provider = props.provider;
    // Publishing services encrypt with the topic's key: they must be allowed to use it.
    this.key = new CustomerKey(this, 'key', {
      accountId: props.accountId,
      alias: props.topicName,
      description: `Encrypts the ${props.topicName} topic`,
      servicePrincipals: props.publishers,
      provider,
    });
    this.topic = new SnsTopic(this, 'topic', { name: props.topicName, kmsMasterKeyId: this.key.arn, provider });
    this.arn = this.topic.arn;
    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: policyDocument([
        { Sid: 'AccountManages', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${props.accountId}:root` }, Action: ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes'], Resource: this.topic.arn },
        {
          Sid: 'ServicesPublish',
          Effect: 'Allow',
          Principal: { Service: props.publishers },
          Action: 'sns:Publish',
          Resource: this.topic.arn,
          Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
        },
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: this.topic.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ]),
      provider,
    });
    [...props.emails].sort().forEach((endpoint, i) => new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: 'email', endpoint, provider }));
  }
}
