import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy.js';
import { CustomerKey } from './kms-key.js';

export interface AlertTopicProps {
  readonly accountId: string;
  readonly region: string;
  readonly topicName: string;
  /** Addresses subscribed by e-mail (each confirms once). */
  readonly emails: readonly string[];
  /** AWS services that publish (e.g. `budgets.amazonaws.com`), limited to this account. @default [] */
  readonly publisherServices?: readonly string[];
}

/**
 * A KMS-encrypted SNS topic with e-mail subscribers. Its key also serves the
 * stack's log groups, so it admits CloudWatch Logs of the region beside the publishers.
 */
export class AlertTopic extends Construct {
  readonly topic: SnsTopic;
  readonly key: CustomerKey;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const publishers = [...(props.publisherServices ?? [])];
    this.key = new CustomerKey(this, 'key', {
      accountId: props.accountId,
      alias: props.topicName,
      description: `Encrypts the ${props.topicName} topic and its functions' logs`,
      servicePrincipals: [`logs.${props.region}.amazonaws.com`, ...publishers],
    });
    this.topic = new SnsTopic(this, 'topic', { name: props.topicName, kmsMasterKeyId: this.key.arn });
    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: policyDocument([
        { Sid: 'AccountPublishes', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${props.accountId}:root` }, Action: ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes'], Resource: this.topic.arn },
        ...(publishers.length
          ? [{ Sid: 'ServicesPublish', Effect: 'Allow' as const, Principal: { Service: publishers }, Action: 'sns:Publish', Resource: this.topic.arn, Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } } }]
          : []),
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: this.topic.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ]),
    });
    [...props.emails].sort().forEach((endpoint, i) => new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: 'email', endpoint }));
  }
}
