import { bucketConfigs } from '../aws/bucket-configs.js';
import { deniesInsecureTransport, statementsOf } from '../aws/policy-document.js';
import type { OutputIndex } from '../output-index.js';
import { blocks, isTrue, whereOf, type StackIndex } from '../terraform.js';
import type { TfResource } from '../types.js';
import { proveKey, type KeyProof } from './key-proof.js';

/** Transport encryption: enforced by policy/parameter, missing, or not enforceable per resource. */
export type TlsStatus = 'enforced' | 'missing' | 'n/a';

/** One synthesized resource that stores data, with the key that encrypts it at rest. */
export interface DataStore {
  readonly where: string;
  readonly kind: string;
  readonly key: string;
  readonly tls: TlsStatus;
  readonly problems: readonly string[];
}

type Ctx = { stack: StackIndex; index: OutputIndex };
type Inspect = (resource: TfResource, ctx: Ctx) => { key: KeyProof; tls?: { status: TlsStatus; problem?: string }; problems?: string[] };

const tlsByPolicy = (policies: TfResource[], stack: StackIndex, what: string) =>
  deniesInsecureTransport(policies.flatMap((p) => statementsOf(p.body.policy, stack) ?? []))
    ? { status: 'enforced' as const }
    : { status: 'missing' as const, problem: `no ${what} denying aws:SecureTransport=false` };

/** RDS enforces TLS through a parameter group: rds.force_ssl (PostgreSQL, SQL Server) or require_secure_transport (MySQL). */
function tlsByParameter(group: TfResource | undefined) {
  const forced = blocks(group?.body.parameter).some(
    (p) =>
      ['rds.force_ssl', 'require_secure_transport'].includes(String(p.name)) && ['1', 'on', 'true'].includes(String(p.value).toLowerCase()),
  );
  return forced
    ? { status: 'enforced' as const }
    : { status: 'missing' as const, problem: 'parameter group does not set rds.force_ssl=1 / require_secure_transport=1' };
}

const requireFlag = (resource: TfResource, flag: string) => (isTrue(resource.body[flag]) ? [] : [`${flag} is not true`]);

/** The key of a resource attribute, proven from this stack. */
const keyAt =
  (attribute: string): Inspect =>
  (r, { stack, index }) => ({ key: proveKey(r.body[attribute], stack, index) });

const INSPECTORS: Record<string, { kind: string; inspect: Inspect }> = {
  aws_db_instance: {
    kind: 'RDS instance',
    inspect: (r, { stack, index }) => {
      const source = stack.resolve(r.body.replicate_source_db);
      // A same-stack replica without its own key inherits the source's encryption.
      const keyValue = r.body.kms_key_id ?? (source?.type === 'aws_db_instance' ? source.body.kms_key_id : undefined);
      return {
        key: proveKey(keyValue, stack, index),
        problems: source ? [] : requireFlag(r, 'storage_encrypted'),
        tls: tlsByParameter(stack.resolve(r.body.parameter_group_name)),
      };
    },
  },
  aws_rds_cluster: {
    kind: 'RDS cluster',
    inspect: (r, { stack, index }) => ({
      key: proveKey(r.body.kms_key_id, stack, index),
      problems: requireFlag(r, 'storage_encrypted'),
      tls: tlsByParameter(stack.resolve(r.body.db_cluster_parameter_group_name)),
    }),
  },
  aws_s3_bucket: {
    kind: 'S3 bucket',
    inspect: (r, { stack, index }) => {
      const tls = tlsByPolicy(bucketConfigs(r, stack, 'aws_s3_bucket_policy'), stack, 'bucket policy');
      const sse = bucketConfigs(r, stack, 'aws_s3_bucket_server_side_encryption_configuration')
        .flatMap((c) => blocks(c.body.rule))
        .flatMap((rule) => blocks(rule.apply_server_side_encryption_by_default))[0];
      if (!sse) return { key: { key: '(none)', problem: 'no aws_s3_bucket_server_side_encryption_configuration' }, tls };
      // S3 and ELB log delivery accept only SSE-S3 on their target bucket: the documented exceptions.
      const logTarget = stack.referencing(r, 'aws_s3_bucket_logging', 'target_bucket').length > 0;
      if (sse.sse_algorithm === 'AES256' && logTarget)
        return { key: { key: 'SSE-S3 (server access log target; S3 supports no SSE-KMS there)' }, tls };
      const lbLogTarget = [...stack.ofType('aws_lb'), ...stack.ofType('aws_alb')].some((lb) =>
        blocks(lb.body.access_logs).some((l) => stack.resolve(l.bucket) === r),
      );
      if (sse.sse_algorithm === 'AES256' && lbLogTarget)
        return { key: { key: 'SSE-S3 (load balancer access log target; ELB supports no SSE-KMS there)' }, tls };
      if (sse.sse_algorithm !== 'aws:kms' && sse.sse_algorithm !== 'aws:kms:dsse') {
        return { key: { key: String(sse.sse_algorithm), problem: `sse_algorithm ${String(sse.sse_algorithm)} is not aws:kms` }, tls };
      }
      return { key: proveKey(sse.kms_master_key_id, stack, index), tls };
    },
  },
  aws_launch_template: {
    kind: 'EBS volumes (launch template)',
    inspect: (r, { stack, index }) => {
      const volumes = blocks(r.body.block_device_mappings).flatMap((m) => blocks(m.ebs));
      if (volumes.length === 0)
        return { key: { key: '(none)', problem: 'declares no block device mappings, so volumes get the account default encryption' } };
      const proofs = volumes.map((v) => ({ proof: proveKey(v.kms_key_id, stack, index), encrypted: isTrue(v.encrypted) }));
      const first = proofs.find((p) => p.proof.problem) ?? proofs[0];
      return {
        key: first?.proof ?? { key: '(none)' },
        problems: proofs.some((p) => !p.encrypted) ? ['a block device mapping is not encrypted'] : [],
      };
    },
  },
  aws_ebs_volume: {
    kind: 'EBS volume',
    inspect: (r, { stack, index }) => ({ key: proveKey(r.body.kms_key_id, stack, index), problems: requireFlag(r, 'encrypted') }),
  },
  aws_efs_file_system: {
    kind: 'EFS file system',
    inspect: (r, { stack, index }) => ({ key: proveKey(r.body.kms_key_id, stack, index), problems: requireFlag(r, 'encrypted') }),
  },
  aws_sns_topic: {
    kind: 'SNS topic',
    inspect: (r, { stack, index }) => ({
      key: proveKey(r.body.kms_master_key_id, stack, index),
      tls: tlsByPolicy(stack.referencing(r, 'aws_sns_topic_policy', 'arn'), stack, 'topic policy'),
    }),
  },
  aws_sqs_queue: { kind: 'SQS queue', inspect: keyAt('kms_master_key_id') },
  aws_cloudwatch_log_group: { kind: 'CloudWatch log group', inspect: keyAt('kms_key_id') },
  aws_secretsmanager_secret: { kind: 'Secrets Manager secret', inspect: keyAt('kms_key_id') },
  aws_eks_cluster: {
    kind: 'EKS secrets',
    inspect: (r, { stack, index }) => {
      const config = blocks(r.body.encryption_config).find((c) => Array.isArray(c.resources) && c.resources.includes('secrets'));
      return { key: proveKey(blocks(config?.provider)[0]?.key_arn, stack, index) };
    },
  },
  aws_backup_vault: { kind: 'Backup vault', inspect: keyAt('kms_key_arn') },
};

/** Terraform types this verification covers. */
export const DATA_STORE_TYPES = Object.keys(INSPECTORS).sort();

/** Every data store of a synth output: built once per synth (the rule and both reports read it). */
export function encryptionInventory(index: OutputIndex): DataStore[] {
  return index.derived('encryption-inventory', () =>
    index.stacks.flatMap((stack) =>
      DATA_STORE_TYPES.flatMap((type) =>
        stack.ofType(type).map((resource): DataStore => {
          const inspector = INSPECTORS[type];
          if (!inspector) throw new Error(`no inspector for ${type}`);
          const result = inspector.inspect(resource, { stack, index });
          const problems = [
            ...(result.key.problem ? [result.key.problem] : []),
            ...(result.problems ?? []),
            ...(result.tls?.problem ? [result.tls.problem] : []),
          ];
          return { where: whereOf(resource), kind: inspector.kind, key: result.key.key, tls: result.tls?.status ?? 'n/a', problems };
        }),
      ),
    ),
  );
}
