import { describe, expect, test } from 'vitest';
import { PACKS } from '../../../policies/catalog.js';
import type { PolicyInput, TerraformJson } from '../../../policies/output.js';
import { DATA_STORE_TYPES, encryptionInventory } from '../../../policies/output/encryption-inventory.js';
import { indexOutput } from '../../../policies/output-index.js';
import { outputOf, ref, tradesenseOutput } from '../../tools/security/fixtures.js';
import { ruleFindings } from '../fixtures.js';

const rotatingKey = { k: { enable_key_rotation: true } };
const checkEncryption = (output: PolicyInput) => ruleFindings('encryption-verified', output);
const messages = (stacks: Record<string, TerraformJson>) => checkEncryption(outputOf(stacks)).map((f) => `${f.where}: ${f.message}`);
const tlsPolicy = (arn: string) =>
  JSON.stringify({
    Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
  });

describe('encryption verification', () => {
  test('every data store of the TradeSense synth is encrypted with a rotating customer key', () => {
    const output = tradesenseOutput();
    expect(checkEncryption(output)).toEqual([]);
    const stores = encryptionInventory(indexOutput(output));
    const synthesized = output.stacks.flatMap((s) =>
      DATA_STORE_TYPES.flatMap((type) => Object.keys(s.json.resource?.[type] ?? {}).map((name) => `${s.name}/${type}.${name}`)),
    );
    expect(stores.map((s) => s.where).sort()).toEqual(synthesized.sort());
    expect(PACKS.flatMap((p) => p.entries.map((e) => e.rule.id))).toContain('encryption-verified');
  });

  test('follows cross-stack references to the producing stack key (EKS logs use the network stack key)', () => {
    const store = encryptionInventory(indexOutput(tradesenseOutput())).find((s) =>
      s.where.startsWith('prod-us-east-1-cluster/aws_cloudwatch_log_group.'),
    );
    expect(store?.key).toMatch(/^prod-us-east-1-network\/aws_kms_key\.logs-key_[0-9A-F]+ \(alias\/prod-us-east-1-logs\)$/);
  });

  test.each([
    ['a log group without a key', { aws_cloudwatch_log_group: { g: { name: 'x' } } }, /no customer-managed KMS key/],
    [
      'a key without rotation',
      { aws_kms_key: { k: { enable_key_rotation: false } }, aws_cloudwatch_log_group: { g: { kms_key_id: ref('aws_kms_key.k.arn') } } },
      /does not rotate/,
    ],
    [
      'an AWS-managed key alias',
      { aws_secretsmanager_secret: { g: { kms_key_id: 'alias/aws/secretsmanager' } } },
      /not a reference to a CustomerKey/,
    ],
    [
      'an S3 bucket with SSE-S3',
      {
        aws_s3_bucket: { b: {} },
        aws_s3_bucket_server_side_encryption_configuration: {
          e: { bucket: ref('aws_s3_bucket.b.id'), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
        },
        aws_s3_bucket_policy: { p: { bucket: ref('aws_s3_bucket.b.id'), policy: tlsPolicy('b') } },
      },
      /sse_algorithm AES256 is not aws:kms/,
    ],
    [
      'an S3 bucket without a TLS-only policy',
      {
        aws_kms_key: rotatingKey,
        aws_s3_bucket: { b: {} },
        aws_s3_bucket_server_side_encryption_configuration: {
          e: {
            bucket: ref('aws_s3_bucket.b.id'),
            rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: ref('aws_kms_key.k.arn') } }],
          },
        },
      },
      /no bucket policy denying aws:SecureTransport=false/,
    ],
    [
      'an SNS topic without a TLS-only policy',
      { aws_kms_key: rotatingKey, aws_sns_topic: { g: { kms_master_key_id: ref('aws_kms_key.k.arn') } } },
      /no topic policy denying/,
    ],
    [
      'an RDS instance without rds.force_ssl',
      {
        aws_kms_key: rotatingKey,
        aws_db_parameter_group: { pg: { parameter: [{ name: 'log_connections', value: '1' }] } },
        aws_db_instance: {
          g: { storage_encrypted: true, kms_key_id: ref('aws_kms_key.k.arn'), parameter_group_name: ref('aws_db_parameter_group.pg.name') },
        },
      },
      /rds.force_ssl=1/,
    ],
    [
      'an unencrypted EFS file system',
      { aws_kms_key: rotatingKey, aws_efs_file_system: { g: { kms_key_id: ref('aws_kms_key.k.arn') } } },
      /encrypted is not true/,
    ],
    ['a launch template without volumes', { aws_launch_template: { g: {} } }, /declares no block device mappings/],
    [
      'a backup vault on a looked-up key',
      { aws_backup_vault: { g: { kms_key_arn: ref('data.aws_kms_key.k.arn') } } },
      /looked-up and AWS-managed keys/,
    ],
  ])('fails %s', (_, resource, message) => {
    const found = messages({ s: { resource: resource as TerraformJson['resource'], data: { aws_kms_key: { k: {} } } } });
    expect(found.join('\n')).toMatch(message);
  });

  test('reads as a catalog finding: one per problem, the kind of store, what is wrong and the fix', () => {
    const found = checkEncryption(outputOf({ s: { resource: { aws_sns_topic: { t: {} } } } }));
    expect(found.map((f) => [f.severity, f.check, f.where])).toEqual([
      ['error', 'encryption-verified', 's/aws_sns_topic.t'],
      ['error', 'encryption-verified', 's/aws_sns_topic.t'],
    ]);
    expect(found[0]?.message).toBe(
      'Data stores are encrypted with a rotating customer key and take TLS only: SNS topic: no customer-managed KMS key: set one (CustomerKey). ' +
        'Fix: encrypt it with a CustomerKey (constructs/aws/kms-key.ts) referenced directly or through a remote-state output named *key_arn, and deny aws:SecureTransport=false (SecureBucket, AlertTopic) or set rds.force_ssl=1',
    );
    expect(found[1]?.message).toMatch(/: SNS topic: no topic policy denying aws:SecureTransport=false\. Fix: /);
  });

  test('takes a TLS-only statement from an aws_iam_policy_document as well as from JSON (one reading of policies for every rule)', () => {
    const bucket = (policy: Record<string, unknown>, data: TerraformJson['data'] = {}): TerraformJson => ({
      resource: {
        aws_kms_key: rotatingKey,
        aws_s3_bucket: { b: {} },
        aws_s3_bucket_server_side_encryption_configuration: {
          e: {
            bucket: ref('aws_s3_bucket.b.id'),
            rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: ref('aws_kms_key.k.arn') } }],
          },
        },
        aws_s3_bucket_policy: { p: { bucket: ref('aws_s3_bucket.b.id'), ...policy } },
      },
      data,
    });
    const denyStatement = {
      effect: 'Deny',
      actions: ['s3:*'],
      resources: ['*'],
      principals: [{ type: '*', identifiers: ['*'] }],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    };
    expect(
      messages({
        s: bucket(
          { policy: ref('data.aws_iam_policy_document.tls.json') },
          { aws_iam_policy_document: { tls: { statement: [denyStatement] } } },
        ),
      }),
    ).toEqual([]);
    expect(
      messages({
        s: bucket(
          { policy: ref('data.aws_iam_policy_document.tls.json') },
          { aws_iam_policy_document: { tls: { statement: [{ ...denyStatement, effect: 'Allow' }] } } },
        ),
      }).join(),
    ).toMatch(/no bucket policy denying aws:SecureTransport=false/);
  });

  test('passes an encrypted RDS instance enforcing TLS, and an SSE-S3 bucket only as an access-log target', () => {
    expect(
      messages({
        s: {
          resource: {
            aws_kms_key: rotatingKey,
            aws_db_parameter_group: { pg: { parameter: [{ name: 'rds.force_ssl', value: '1' }] } },
            aws_db_instance: {
              db: {
                storage_encrypted: true,
                kms_key_id: ref('aws_kms_key.k.arn'),
                parameter_group_name: ref('aws_db_parameter_group.pg.name'),
              },
            },
            aws_s3_bucket: { logs: {} },
            aws_s3_bucket_server_side_encryption_configuration: {
              e: { bucket: ref('aws_s3_bucket.logs.id'), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
            },
            aws_s3_bucket_policy: { p: { bucket: ref('aws_s3_bucket.logs.id'), policy: tlsPolicy('logs') } },
            aws_s3_bucket_logging: { l: { bucket: 'other', target_bucket: ref('aws_s3_bucket.logs.id') } },
          },
        },
      }),
    ).toEqual([]);
  });

  test('remote state keys: resolved in the producing stack, else accepted only as a *key_arn output', () => {
    const consumer = (output: string, key = 'producer/terraform.tfstate'): TerraformJson => ({
      data: { terraform_remote_state: { rs: { backend: 's3', config: { key } } } },
      resource: { aws_sqs_queue: { q: { kms_master_key_id: ref(`data.terraform_remote_state.rs.outputs.${output}`) } } },
    });
    const producer = (rotation: boolean): TerraformJson => ({
      resource: { aws_kms_key: { k: { enable_key_rotation: rotation } } },
      output: { out: { value: ref('aws_kms_key.k.arn') } },
    });
    expect(messages({ consumer: consumer('out'), producer: producer(true) })).toEqual([]);
    expect(messages({ consumer: consumer('out'), producer: producer(false) }).join()).toMatch(/producer\/aws_kms_key.k does not rotate/);
    expect(messages({ consumer: consumer('queue_key_arn', 'elsewhere/terraform.tfstate') })).toEqual([]);
    expect(messages({ consumer: consumer('queue_id', 'elsewhere/terraform.tfstate') }).join()).toMatch(/not named \*key_arn/);
  });

  test('a replica key is proven through its primary', () => {
    const stack = (rotation: boolean): TerraformJson => ({
      resource: {
        aws_kms_key: { k: { enable_key_rotation: rotation } },
        aws_kms_replica_key: { r: { primary_key_arn: ref('aws_kms_key.k.arn') } },
        aws_cloudwatch_log_group: { g: { kms_key_id: ref('aws_kms_replica_key.r.arn') } },
      },
    });
    expect(messages({ s: stack(true) })).toEqual([]);
    expect(messages({ s: stack(false) }).join()).toMatch(/does not rotate/);
  });
});
