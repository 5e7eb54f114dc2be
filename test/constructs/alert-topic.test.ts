import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { describe, expect, test } from 'vitest';
import { AlertTopic, type AlertTopicProps } from '../../constructs/aws/alert-topic.js';
import { ACCOUNT, all, awsStack, only, PEER_REGION, providerRef, ref, regionProvider, statements, synth } from './construct-stack.js';

function build(props: Partial<AlertTopicProps> = {}) {
  const stack = awsStack();
  new AlertTopic(stack, 'alerts', { accountId: ACCOUNT, topicName: 'prod-alerts', ...props });
  return synth(stack);
}

describe('AlertTopic', () => {
  test('the topic is encrypted with its own customer key, aliased after the topic', () => {
    const out = build();
    expect(only(out, SnsTopic.tfResourceType)).toMatchObject({
      name: 'prod-alerts',
      kms_master_key_id: ref(out, KmsKey.tfResourceType, 'arn'),
    });
    expect(only(out, KmsKey.tfResourceType).lifecycle).toEqual({ prevent_destroy: true });
    expect(only(out, 'aws_kms_alias').name).toBe('alias/prod-alerts');
  });

  test('without publishers: no service may publish, the account manages, plain HTTP is refused', () => {
    const out = build();
    const policy = only(out, SnsTopicPolicy.tfResourceType);
    const topicArn = ref(out, SnsTopic.tfResourceType, 'arn');
    expect(policy.arn).toBe(topicArn);
    const s = statements(policy.policy);
    expect(Object.keys(s)).toEqual(['AccountManages', 'DenyInsecureTransport']);
    expect(s.AccountManages).toMatchObject({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Resource: topicArn });
    expect(s.DenyInsecureTransport).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Action: 'sns:Publish',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(Object.keys(statements(only(out, KmsKey.tfResourceType).policy))).toEqual(['AccountAdministration']);
  });

  test('publishers may publish on behalf of this account only, and use the key', () => {
    const out = build({ publishers: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] });
    const s = statements(only(out, SnsTopicPolicy.tfResourceType).policy);
    expect(Object.keys(s)).toEqual(['AccountManages', 'ServicesPublish', 'DenyInsecureTransport']);
    expect(s.ServicesPublish).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
      Action: 'sns:Publish',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
    const key = statements(only(out, KmsKey.tfResourceType).policy);
    expect(key.Servicecloudwatch.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
    expect(key.Serviceevents.Principal).toEqual({ Service: 'events.amazonaws.com' });
  });

  test('key users get the key but no right to publish', () => {
    const out = build({ keyUsers: ['logs.us-east-1.amazonaws.com'] });
    expect(statements(only(out, KmsKey.tfResourceType).policy).Servicelogs.Principal).toEqual({ Service: 'logs.us-east-1.amazonaws.com' });
    expect(only(out, SnsTopicPolicy.tfResourceType).policy).not.toContain('logs.us-east-1.amazonaws.com');
  });

  test('e-mail subscribers are sorted (stable ids whatever the config order), none by default', () => {
    expect(all(build(), SnsTopicSubscription.tfResourceType)).toEqual([]);
    const subscriptions = all(build({ emails: ['oncall@example.com', 'audit@example.com'] }), SnsTopicSubscription.tfResourceType);
    expect(subscriptions.map((s) => [s.protocol, s.endpoint])).toEqual([
      ['email', 'audit@example.com'],
      ['email', 'oncall@example.com'],
    ]);
  });

  test('a provider of another region puts topic, key, policy and subscriptions there (alarm actions cannot cross regions)', () => {
    const stack = awsStack();
    new AlertTopic(stack, 'alerts', {
      accountId: ACCOUNT,
      topicName: 't',
      emails: ['a@example.com'],
      provider: regionProvider(stack, PEER_REGION),
    });
    const out = synth(stack);
    for (const type of [SnsTopic, SnsTopicPolicy, SnsTopicSubscription, KmsKey])
      expect(only(out, type.tfResourceType).provider).toBe(providerRef(PEER_REGION));
  });
});
