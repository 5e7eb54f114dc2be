import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy.js';
import { CustomerKey } from './kms-key.js';

export interface SecurityAlertTopicProps {
  readonly accountId: string;
  readonly topicName: string;
  /** AWS services that publish (e.g. `cloudwatch.amazonaws.com`, `events.amazonaws.com`). */
  readonly publishers: string[];
  /** E-mail addresses subscribed to the topic. @default [] */
  readonly emailSubscribers?: string[];
  /** @default the stack's provider */
  readonly provider?: AwsProvider;
}

/**
 * The SNS topic security alerts go to: encrypted with its own customer key
 * (which the publishing services may use), TLS-only, publishable only by the
 * named AWS services on behalf of this account.
 */
export class SecurityAlertTopic extends Construct {
  readonly topic: SnsTopic;
  readonly key: CustomerKey;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: SecurityAlertTopicProps) {
    super(scope, id);
    const provider = props.provider;
    this.key = new CustomerKey(this, 'key', {
      accountId: props.accountId,
      alias: props.topicName,
      description: `Encrypts the ${props.topicName} alert topic`,
      servicePrincipals: props.publishers,
      provider,
    });
    this.topic = new SnsTopic(this, 'topic', { name: props.topicName, kmsMasterKeyId: this.key.arn, provider });
    this.arn = this.topic.arn;
    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: policyDocument([
        {
          Sid: 'ServicesPublish',
          Effect: 'Allow',
          Principal: { Service: props.publishers },
          Action: 'sns:Publish',
          Resource: this.topic.arn,
          Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: this.topic.arn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
      provider,
    });
    [...(props.emailSubscribers ?? [])].sort().forEach((endpoint, i) => {
      new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: 'email', endpoint, provider });
    });
  }
}
