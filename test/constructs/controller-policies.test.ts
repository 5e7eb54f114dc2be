import { describe, expect, test } from 'vitest';
import { CONTROLLERS } from '../../config/derive/facts.js';
import { controllerStatements, type ControllerScope } from '../../constructs/aws/controller-policies.js';
import type { PolicyStatement } from '../../constructs/aws/iam-policy.js';
import { karpenterStatements } from '../../constructs/aws/karpenter-policy.js';
import { ACCOUNT, REGION } from './construct-stack.js';

const scope: ControllerScope = {
  accountId: ACCOUNT,
  region: REGION,
  clusterName: 'prod-use1',
  nodeRoleArn: `arn:aws:iam::${ACCOUNT}:role/prod-use1-node`,
  volumeKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/ebs`,
  velero: { bucket: 'velero-use1', prefix: 'prod-use1', peerBuckets: ['velero-usw2'] },
  secretPrefixes: ['prod/', 'prod-orders/'],
};

const bySid = (statements: PolicyStatement[]) => Object.fromEntries(statements.map((s) => [s.Sid, s]));
const actions = (s: PolicyStatement) => [s.Action ?? []].flat();
const resources = (s: PolicyStatement) => [s.Resource ?? []].flat();

describe('controller policies', () => {
  test.each([...CONTROLLERS])("%s: '*' resources only for actions AWS cannot scope, or under a condition", (controller) => {
    for (const s of controllerStatements(controller, scope)) {
      if (!resources(s).includes('*') || s.Condition) continue;
      expect(
        actions(s).every((a) => /^(ec2:Describe|secretsmanager:ListSecrets|pricing:GetProducts|iam:ListInstanceProfiles)/.test(a)),
        `${s.Sid}`,
      ).toBe(true);
    }
  });

  test.each([...CONTROLLERS])('%s: allows only, every statement named', (controller) => {
    const statements = controllerStatements(controller, scope);
    expect(statements.every((s) => s.Effect === 'Allow' && s.Sid)).toBe(true);
    expect(new Set(statements.map((s) => s.Sid)).size).toBe(statements.length);
  });

  test('karpenter gets exactly the Karpenter statements', () => {
    expect(controllerStatements('karpenter', scope)).toEqual(karpenterStatements(scope));
  });

  describe('external-secrets', () => {
    const s = bySid(controllerStatements('external-secrets', scope));

    test("reads secret values under the environment's prefixes in its own region and account only", () => {
      expect(s.ReadEnvironmentSecrets?.Resource).toEqual([
        `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:prod/*`,
        `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:prod-orders/*`,
      ]);
      expect(actions(s.ReadEnvironmentSecrets as PolicyStatement)).not.toContain('secretsmanager:PutSecretValue');
    });

    test('decrypts only through Secrets Manager of its region', () => {
      expect(s.DecryptThroughSecretsManager).toMatchObject({
        Action: 'kms:Decrypt',
        Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` } },
      });
    });
  });

  describe('velero', () => {
    const s = bySid(controllerStatements('velero', scope));

    test('writes and deletes only under its own prefix of its own bucket', () => {
      expect(s.WriteOwnBackups).toMatchObject({ Resource: 'arn:aws:s3:::velero-use1/prod-use1/*' });
      expect(actions(s.WriteOwnBackups as PolicyStatement)).toContain('s3:DeleteObject');
      const writers = controllerStatements('velero', scope).filter((x) => actions(x).some((a) => /^s3:(Put|Delete)/.test(a)));
      expect(writers.map((x) => x.Sid)).toEqual(['WriteOwnBackups']);
    });

    test("reads its bucket and the peer region's (its replicas), read-only", () => {
      expect(s.ReadBackupsAndReplicas?.Resource).toEqual(['arn:aws:s3:::velero-use1/*', 'arn:aws:s3:::velero-usw2/*']);
      expect(s.ListBackups?.Resource).toEqual(['arn:aws:s3:::velero-use1', 'arn:aws:s3:::velero-usw2']);
    });

    test('with several peer regions it reads every peer bucket, and writes still only its own prefix', () => {
      const three = controllerStatements('velero', { ...scope, velero: { ...scope.velero, peerBuckets: ['velero-usw2', 'velero-euw1'] } });
      const byId = bySid(three);
      expect(byId.ReadBackupsAndReplicas?.Resource).toEqual([
        'arn:aws:s3:::velero-use1/*',
        'arn:aws:s3:::velero-usw2/*',
        'arn:aws:s3:::velero-euw1/*',
      ]);
      expect(byId.ListBackups?.Resource).toEqual(['arn:aws:s3:::velero-use1', 'arn:aws:s3:::velero-usw2', 'arn:aws:s3:::velero-euw1']);
      const writes = three.filter((x) => actions(x).some((a) => /^s3:(Put|Delete|Abort)/.test(a)));
      expect(writes.flatMap(resources)).toEqual(['arn:aws:s3:::velero-use1/prod-use1/*']);
    });

    test('a one-region environment reads its own bucket only', () => {
      const one = bySid(controllerStatements('velero', { ...scope, velero: { bucket: 'velero-use1', prefix: 'dev-use1' } }));
      expect(one.ReadBackupsAndReplicas?.Resource).toEqual(['arn:aws:s3:::velero-use1/*']);
      expect(one.ListBackups?.Resource).toEqual(['arn:aws:s3:::velero-use1']);
    });

    test('tags only in the create call and deletes only snapshots it took', () => {
      expect(s.TagOnCreate?.Condition).toEqual({ StringEquals: { 'ec2:CreateAction': ['CreateSnapshot', 'CreateVolume'] } });
      expect(s.DeleteOwnSnapshots?.Condition).toEqual({ StringLike: { 'aws:ResourceTag/velero.io/backup': '*' } });
    });

    test('uses keys only through S3 and EC2', () => {
      expect(s.EncryptedObjectsAndSnapshots?.Condition).toEqual({
        StringLike: { 'kms:ViaService': ['s3.*.amazonaws.com', 'ec2.*.amazonaws.com'] },
      });
    });
  });
});
