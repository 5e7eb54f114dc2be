import { describe, expect, test } from 'vitest';
import { policyDocument, tlsOnlyStatement, type PolicyStatement } from '../../constructs/aws/iam-policy.js';

describe('IAM policy documents', () => {
  test('a document is the 2012-10-17 version with the statements in order', () => {
    const statements: PolicyStatement[] = [
      { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      { Sid: 'B', Effect: 'Deny', NotAction: 'iam:*', Resource: '*' },
    ];
    expect(JSON.parse(policyDocument(statements))).toEqual({ Version: '2012-10-17', Statement: statements });
  });

  test('rendering is deterministic (same statements, same bytes)', () => {
    const s: PolicyStatement = { Effect: 'Allow', Action: ['b', 'a'], Resource: '*', Condition: { StringEquals: { k: 'v' } } };
    expect(policyDocument([s])).toBe(policyDocument([{ ...s }]));
    expect(policyDocument([s])).toBe(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["b","a"],"Resource":"*","Condition":{"StringEquals":{"k":"v"}}}]}',
    );
  });

  test('TLS-only denies every S3 action without TLS, on the bucket and its objects, to everyone', () => {
    expect(tlsOnlyStatement('arn:aws:s3:::orders')).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::orders', 'arn:aws:s3:::orders/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });
});
