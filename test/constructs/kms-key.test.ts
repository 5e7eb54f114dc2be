import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { describe, expect, test } from 'vitest';
import { CustomerKey } from '../../constructs/aws/kms-key.js';
import { ACCOUNT, awsStack, only, PEER_REGION, probe, providerRef, regionProvider, statements, synth } from './construct-stack.js';

function build(props: Partial<ConstructorParameters<typeof CustomerKey>[2]> = {}) {
  const stack = awsStack();
  const key = new CustomerKey(stack, 'key', { accountId: ACCOUNT, alias: 'orders-data', description: 'Encrypts orders', ...props });
  const out = synth(stack);
  return { key, out, kms: only(out, KmsKey.tfResourceType), alias: only(out, KmsAlias.tfResourceType) };
}

describe('CustomerKey', () => {
  test('rotates yearly, waits 30 days before deletion by default, and survives destroy', () => {
    const { kms } = build();
    expect(kms).toMatchObject({
      description: 'Encrypts orders',
      enable_key_rotation: true,
      rotation_period_in_days: 365,
      deletion_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('a shorter deletion window is honoured', () => {
    expect(build({ deletionWindowInDays: 7 }).kms.deletion_window_in_days).toBe(7);
  });

  test('the alias carries the alias/ prefix and points at the key', () => {
    const { alias } = build();
    expect(alias.name).toBe('alias/orders-data');
    expect(alias.target_key_id).toMatch(/^\$\{aws_kms_key\.[^.]+\.key_id\}$/);
  });

  test('administration stays in the account: only the account root holds kms:*', () => {
    const policy = statements(build().kms.policy);
    expect(Object.keys(policy)).toEqual(['AccountAdministration']);
    expect(policy.AccountAdministration).toEqual({
      Sid: 'AccountAdministration',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    });
  });

  test('each service principal may use (not administer) the key, for this account only', () => {
    const policy = statements(build({ servicePrincipals: ['logs.us-east-1.amazonaws.com', 'events.amazonaws.com'] }).kms.policy);
    expect(Object.keys(policy)).toEqual(['AccountAdministration', 'Servicelogs', 'Serviceevents']);
    for (const [sid, service] of [
      ['Servicelogs', 'logs.us-east-1.amazonaws.com'],
      ['Serviceevents', 'events.amazonaws.com'],
    ] as const) {
      expect(policy[sid]).toMatchObject({
        Effect: 'Allow',
        Principal: { Service: service },
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      });
      expect(policy[sid].Action).not.toContain('kms:*');
      expect(policy[sid].Action.every((a: string) => /^kms:(Encrypt|Decrypt|ReEncrypt|GenerateDataKey|Describe)\*$/.test(a))).toBe(true);
    }
  });

  test('extra statements follow the generated ones', () => {
    const extra = {
      Sid: 'CloudTrailEncrypt',
      Effect: 'Allow' as const,
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
    };
    const policy = statements(build({ extraStatements: [extra] }).kms.policy);
    expect(Object.keys(policy)).toEqual(['AccountAdministration', 'CloudTrailEncrypt']);
    expect(policy.CloudTrailEncrypt).toEqual(extra);
  });

  test('a provider of another region places both key and alias there', () => {
    const stack = awsStack();
    new CustomerKey(stack, 'replica', {
      accountId: ACCOUNT,
      alias: 'orders-replica',
      description: 'd',
      provider: regionProvider(stack, PEER_REGION),
    });
    const out = synth(stack);
    expect(only(out, KmsKey.tfResourceType).provider).toBe(providerRef(PEER_REGION));
    expect(only(out, KmsAlias.tfResourceType).provider).toBe(providerRef(PEER_REGION));
  });

  test('arn is the key ARN, for the resources it encrypts', () => {
    const stack = awsStack();
    const key = new CustomerKey(stack, 'key', { accountId: ACCOUNT, alias: 'a', description: 'd' });
    probe(stack, 'arn', key.arn);
    expect(synth(stack).output.arn?.value).toMatch(/^\$\{aws_kms_key\.[^.]+\.arn\}$/);
  });
});
