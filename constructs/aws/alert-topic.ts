import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from './iam-policy.js';
import { CustomerKey } from './kms-key.js';

export interface AlertTopicProps {
  readonly accountId: string;
  readonly topicName: string;
  /** AWS services that publish (`cloudwatch.amazonaws.com`, `events.amazonaws.com`, `budgets.amazonaws.com`...), for this account only. @default [] */
  readonly publishers?: readonly string[];
  /** Addresses subscribed by e-mail (each confirms once). @default [] */
  readonly emails?: readonly string[];
  /** Further services that may use the topic's key without publishing, e.g. CloudWatch Logs for the stack's log groups. @default [] */
  readonly keyUsers?: readonly string[];
  /** Provider of another region: alarm actions cannot cross regions. @default the stack's provider */
  readonly provider?: AwsProvider;
}

/**
 * The one way the platform alerts people: an SNS topic encrypted with its own
 * customer key (which the publishing services may use), TLS-only, publishable
 * only by the named AWS services on behalf of this account, with e-mail subscribers.
 */
export class AlertTopic extends Construct {
  readonly topic: SnsTopic;
  readonly key: CustomerKey;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const provider = props.provider;
    const publishers = [...(props.publishers ?? [])];
    this.key = new CustomerKey(this, 'key', {
      accountId: props.accountId,
      alias: props.topicName,
      description: `Encrypts the ${props.topicName} topic`,
      servicePrincipals: [...(props.keyUsers ?? []), ...publishers],
      provider,
    });
    this.topic = new SnsTopic(this, 'topic', { name: props.topicName, kmsMasterKeyId: this.key.arn, provider });
    this.arn = this.topic.arn;
    const statements: PolicyStatement[] = [
      {
        Sid: 'AccountManages',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
        Action: ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes'],
        Resource: this.topic.arn,
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: this.topic.arn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ];
    if (publishers.length > 0) {
      statements.splice(1, 0, {
        Sid: 'ServicesPublish',
        Effect: 'Allow',
        Principal: { Service: publishers },
        Action: 'sns:Publish',
        Resource: this.topic.arn,
        Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
      });
    }
    new SnsTopicPolicy(this, 'policy', { arn: this.topic.arn, policy: policyDocument(statements), provider });
    [...(props.emails ?? [])]
      .sort()
      .forEach(
        (endpoint, i) => new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: 'email', endpoint, provider }),
      );
  }
}
