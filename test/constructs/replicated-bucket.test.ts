import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { describe, expect, test } from 'vitest';
import { BucketReplication, type BucketReplicationProps } from '../../constructs/aws/replicated-bucket.js';
import { SecureBucket } from '../../constructs/aws/secure-bucket.js';
import { address, awsStack, PEER_REGION, only, providerRef, ref, REGION, regionProvider, statements, synth } from './construct-stack.js';

const SOURCE_KEY = `arn:aws:kms:${REGION}:111122223333:key/source`;
const DESTINATION_KEY = `arn:aws:kms:${PEER_REGION}:111122223333:key/destination`;

function build(props: Partial<BucketReplicationProps> = {}, destinationRegion = PEER_REGION) {
  const stack = awsStack();
  const peer = regionProvider(stack, PEER_REGION);
  const source = new SecureBucket(stack, 'source', { bucketName: 'state-use1', kmsKeyArn: SOURCE_KEY });
  const destination = new SecureBucket(stack, 'destination', { bucketName: 'state-usw2', kmsKeyArn: DESTINATION_KEY, provider: peer });
  new BucketReplication(stack, 'replication', {
    roleName: 'prod-state-replication',
    source: { bucket: source, keyArn: SOURCE_KEY, region: REGION },
    destinations: [{ bucket: destination, keyArn: DESTINATION_KEY, region: destinationRegion }],
    ...props,
  });
  const out = synth(stack);
  return {
    out,
    rule: only(out, S3BucketReplicationConfigurationA.tfResourceType).rule[0],
    policy: statements(only(out, IamRolePolicy.tfResourceType).policy),
  };
}

const bucketArn = (out: ReturnType<typeof build>['out'], name: string) => ref(out, 'aws_s3_bucket', 'arn', `"bucket":"${name}"`);

describe('BucketReplication', () => {
  test('refuses a destination in the same region, naming the role and the fix', () => {
    expect(() => build({}, REGION)).toThrow(
      /replication prod-state-replication: source and destination are both in us-east-1; replicate to another region/,
    );
  });

  test('replicates every new version to the destination, re-encrypted with its key, including SSE-KMS objects', () => {
    const { out, rule } = build();
    expect(rule).toMatchObject({
      id: `to-${PEER_REGION}`,
      status: 'Enabled',
      filter: { prefix: '' },
      source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
      destination: {
        bucket: bucketArn(out, 'state-usw2'),
        storage_class: 'STANDARD',
        encryption_configuration: { replica_kms_key_id: DESTINATION_KEY },
      },
    });
  });

  test.each([
    [{}, 'Enabled'],
    [{ replicationTimeControl: false }, undefined],
  ])('replication time control (%j): %s', (props, status) => {
    const { destination } = build(props).rule;
    expect(destination.replication_time?.status).toBe(status);
    expect(destination.metrics?.status).toBe(status);
    if (status) expect(destination.replication_time.time).toEqual({ minutes: 15 });
  });

  test('deletions are not replicated by default, and the role cannot replicate them', () => {
    const { rule, policy } = build();
    expect(rule.delete_marker_replication).toEqual({ status: 'Disabled' });
    expect(policy.WriteReplicas.Action).toEqual(['s3:ReplicateObject', 's3:ReplicateTags']);
  });

  // S3 replicates a delete marker with s3:ReplicateDelete on the destination: without it the marker fails to replicate.
  test('delete markers on request: the rule enables them and the role may write them', () => {
    const { rule, policy } = build({ replicateDeleteMarkers: true });
    expect(rule.delete_marker_replication).toEqual({ status: 'Enabled' });
    expect(policy.WriteReplicas.Action).toContain('s3:ReplicateDelete');
  });

  test('the role reads the source and writes replicas of the destination only', () => {
    const { out, policy } = build();
    const [source, destination] = [bucketArn(out, 'state-use1'), bucketArn(out, 'state-usw2')];
    expect(policy.ReadSourceConfiguration).toMatchObject({ Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: source });
    expect(policy.ReadSourceVersions).toMatchObject({
      Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
      Resource: `${source}/*`,
    });
    expect(policy.WriteReplicas.Resource).toBe(`${destination}/*`);
    expect(JSON.parse(only(out, IamRole.tfResourceType).assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('each key only through S3 of its own region: decrypt the source, encrypt replicas', () => {
    const { policy } = build();
    expect(policy.DecryptSource).toMatchObject({
      Action: 'kms:Decrypt',
      Resource: SOURCE_KEY,
      Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } },
    });
    expect(policy.EncryptReplicas).toMatchObject({
      Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: DESTINATION_KEY,
      Condition: { StringEquals: { 'kms:ViaService': `s3.${PEER_REGION}.amazonaws.com` } },
    });
  });

  test('object lock: the role also reads retention and legal hold', () => {
    expect(build({ objectLock: true }).policy.ReadSourceVersions.Action).toEqual(
      expect.arrayContaining(['s3:GetObjectRetention', 's3:GetObjectLegalHold']),
    );
  });

  test('the configuration waits for versioning on both ends', () => {
    const { out } = build();
    const configuration = only(out, S3BucketReplicationConfigurationA.tfResourceType);
    expect(configuration.depends_on).toEqual([
      address(out, 'aws_s3_bucket_versioning', 'source'),
      address(out, 'aws_s3_bucket_versioning', 'destination'),
    ]);
    expect(configuration.role).toBe(ref(out, IamRole.tfResourceType, 'arn'));
  });

  test("the configuration uses the source region's provider when given", () => {
    const stack = awsStack();
    const peer = regionProvider(stack, PEER_REGION);
    const source = new SecureBucket(stack, 'source', { bucketName: 's', kmsKeyArn: DESTINATION_KEY, provider: peer });
    const destination = new SecureBucket(stack, 'destination', { bucketName: 'd', kmsKeyArn: SOURCE_KEY });
    new BucketReplication(stack, 'r', {
      roleName: 'r',
      source: { bucket: source, keyArn: DESTINATION_KEY, region: PEER_REGION },
      destinations: [{ bucket: destination, keyArn: SOURCE_KEY, region: REGION }],
      provider: peer,
    });
    expect(only(synth(stack), S3BucketReplicationConfigurationA.tfResourceType).provider).toBe(providerRef(PEER_REGION));
  });

  test('several destinations: one rule each (distinct priorities), the role writes and encrypts for each in its own region', () => {
    const stack = awsStack();
    const third = 'eu-west-1';
    const thirdKey = `arn:aws:kms:${third}:111122223333:key/third`;
    const source = new SecureBucket(stack, 'source', { bucketName: 'v-use1', kmsKeyArn: SOURCE_KEY });
    const peer = new SecureBucket(stack, 'peer', {
      bucketName: 'v-usw2',
      kmsKeyArn: DESTINATION_KEY,
      provider: regionProvider(stack, PEER_REGION),
    });
    const other = new SecureBucket(stack, 'other', { bucketName: 'v-euw1', kmsKeyArn: thirdKey, provider: regionProvider(stack, third) });
    new BucketReplication(stack, 'replication', {
      roleName: 'prod-velero-replication',
      source: { bucket: source, keyArn: SOURCE_KEY, region: REGION },
      destinations: [
        { bucket: peer, keyArn: DESTINATION_KEY, region: PEER_REGION },
        { bucket: other, keyArn: thirdKey, region: third },
      ],
    });
    const out = synth(stack);
    const configuration = only(out, S3BucketReplicationConfigurationA.tfResourceType);
    expect(
      configuration.rule.map((r: any) => [
        r.id,
        r.priority,
        r.destination.bucket,
        r.destination.encryption_configuration.replica_kms_key_id,
      ]),
    ).toEqual([
      [`to-${PEER_REGION}`, 1, bucketArn(out, 'v-usw2'), DESTINATION_KEY],
      [`to-${third}`, 2, bucketArn(out, 'v-euw1'), thirdKey],
    ]);
    expect(configuration.depends_on).toHaveLength(3);
    const policy = statements(only(out, IamRolePolicy.tfResourceType).policy);
    expect(policy.WriteReplicas.Resource).toEqual([`${bucketArn(out, 'v-usw2')}/*`, `${bucketArn(out, 'v-euw1')}/*`]);
    expect(policy.EncryptReplicas).toMatchObject({
      Resource: [DESTINATION_KEY, thirdKey],
      Condition: { StringEquals: { 'kms:ViaService': [`s3.${PEER_REGION}.amazonaws.com`, `s3.${third}.amazonaws.com`] } },
    });
  });

  test('refuses no destination, or any destination in the source region', () => {
    const stack = awsStack();
    const source = new SecureBucket(stack, 'source', { bucketName: 's', kmsKeyArn: SOURCE_KEY });
    const end = { bucket: source, keyArn: SOURCE_KEY, region: REGION };
    expect(() => new BucketReplication(stack, 'none', { roleName: 'none', source: end, destinations: [] })).toThrow(
      /replication none: no destination/,
    );
  });
});
