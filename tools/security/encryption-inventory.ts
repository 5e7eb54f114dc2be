import type { SynthOutput } from '../synth/output.js';
import { proveKey, type KeyProof } from './key-proof.js';
import { blocksOf, indexStacks, truthy, type StackIndex, type StackResource } from './stack-index.js';

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

type Ctx = { index: StackIndex; stacks: ReadonlyMap<string, StackIndex> };
type Inspect = (resource: StackResource, ctx: Ctx) => { key: KeyProof; tls?: { status: TlsStatus; problem?: string }; problems?: string[] };

/** A policy document (JSON text) denying requests made without TLS. */
export function deniesInsecureTransport(policy: unknown): boolean {
  if (typeof policy !== 'string') return false;
  try {
    const doc = JSON.parse(policy) as { Statement?: unknown };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return statements.some((s: { Effect?: string; Condition?: { Bool?: Record<string, unknown> } } | undefined) =>
      s?.Effect === 'Deny' && String(s.Condition?.Bool?.['aws:SecureTransport']) === 'false');
  } catch {
    return false;
  }
}

const tlsByPolicy = (policies: StackResource[], what: string) =>
  policies.some((p) => deniesInsecureTransport(p.body.policy))
    ? { status: 'enforced' as const }
    : { status: 'missing' as const, problem: `no ${what} denying aws:SecureTransport=false` };

/** RDS enforces TLS through a parameter group: rds.force_ssl (PostgreSQL, SQL Server) or require_secure_transport (MySQL). */
function tlsByParameter(group: StackResource | undefined) {
  const forced = blocksOf(group?.body.parameter).some(
    (p) => ['rds.force_ssl', 'require_secure_transport'].includes(String(p.name)) && ['1', 'on', 'true'].includes(String(p.value).toLowerCase()),
  );
  return forced ? { status: 'enforced' as const } : { status: 'missing' as const, problem: 'parameter group does not set rds.force_ssl=1 / require_secure_transport=1' };
}

const requireFlag = (resource: StackResource, flag: string) => (truthy(resource.body[flag]) ? [] : [`${flag} is not true`]);

const INSPECTORS: Record<string, { kind: string; inspect: Inspect }> = {
  aws_db_instance: {
    kind: 'RDS instance',
    inspect: (r, { index, stacks }) => {
      const source = index.resolve(r.body.replicate_source_db);
      // A same-stack replica without its own key inherits the source's encryption.
      const keyValue = r.body.kms_key_id ?? (source?.type === 'aws_db_instance' ? source.body.kms_key_id : undefined);
      return {
        key: proveKey(keyValue, index, stacks),
        problems: source ? [] : requireFlag(r, 'storage_encrypted'),
        tls: tlsByParameter(index.resolve(r.body.parameter_group_name)),
      };
    },
  },
  aws_rds_cluster: {
    kind: 'RDS cluster',
    inspect: (r, { index, stacks }) => ({
      key: proveKey(r.body.kms_key_id, index, stacks),
      problems: requireFlag(r, 'storage_encrypted'),
      tls: tlsByParameter(index.resolve(r.body.db_cluster_parameter_group_name)),
    }),
  },
  aws_s3_bucket: {
    kind: 'S3 bucket',
    inspect: (r, { index, stacks }) => {
      const tls = tlsByPolicy(index.referencing(r, 'aws_s3_bucket_policy', 'bucket'), 'bucket policy');
      const sse = index.referencing(r, 'aws_s3_bucket_server_side_encryption_configuration', 'bucket')
        .flatMap((c) => blocksOf(c.body.rule)).flatMap((rule) => blocksOf(rule.apply_server_side_encryption_by_default))[0];
      if (!sse) return { key: { key: '(none)', problem: 'no aws_s3_bucket_server_side_encryption_configuration' }, tls };
      // S3 and ELB log delivery accept only SSE-S3 on their target bucket: the documented exceptions.
      const logTarget = index.referencing(r, 'aws_s3_bucket_logging', 'target_bucket').length > 0;
      if (sse.sse_algorithm === 'AES256' && logTarget) return { key: { key: 'SSE-S3 (server access log target; S3 supports no SSE-KMS there)' }, tls };
      const lbLogTarget = [...index.ofType('aws_lb'), ...index.ofType('aws_alb')].some((lb) => blocksOf(lb.body.access_logs).some((l) => index.resolve(l.bucket) === r));
      if (sse.sse_algorithm === 'AES256' && lbLogTarget) return { key: { key: 'SSE-S3 (load balancer access log target; ELB supports no SSE-KMS there)' }, tls };
      if (sse.sse_algorithm !== 'aws:kms' && sse.sse_algorithm !== 'aws:kms:dsse') {
        return { key: { key: String(sse.sse_algorithm), problem: `sse_algorithm ${String(sse.sse_algorithm)} is not aws:kms` }, tls };
      }
      return { key: proveKey(sse.kms_master_key_id, index, stacks), tls };
    },
  },
  aws_launch_template: {
    kind: 'EBS volumes (launch template)',
    inspect: (r, { index, stacks }) => {
      const volumes = blocksOf(r.body.block_device_mappings).flatMap((m) => blocksOf(m.ebs));
      if (volumes.length === 0) return { key: { key: '(none)', problem: 'declares no block device mappings, so volumes get the account default encryption' } };
      const proofs = volumes.map((v) => ({ proof: proveKey(v.kms_key_id, index, stacks), encrypted: truthy(v.encrypted) }));
      const first = proofs.find((p) => p.proof.problem) ?? proofs[0];
      return {
        key: first?.proof ?? { key: '(none)' },
        problems: proofs.some((p) => !p.encrypted) ? ['a block device mapping is not encrypted'] : [],
      };
    },
  },
  aws_ebs_volume: {
    kind: 'EBS volume',
    inspect: (r, { index, stacks }) => ({ key: proveKey(r.body.kms_key_id, index, stacks), problems: requireFlag(r, 'encrypted') }),
  },
  aws_efs_file_system: {
    kind: 'EFS file system',
    inspect: (r, { index, stacks }) => ({ key: proveKey(r.body.kms_key_id, index, stacks), problems: requireFlag(r, 'encrypted') }),
  },
  aws_sns_topic: {
    kind: 'SNS topic',
    inspect: (r, { index, stacks }) => ({
      key: proveKey(r.body.kms_master_key_id, index, stacks),
      tls: tlsByPolicy(index.referencing(r, 'aws_sns_topic_policy', 'arn'), 'topic policy'),
    }),
  },
  aws_sqs_queue: { kind: 'SQS queue', inspect: (r, { index, stacks }) => ({ key: proveKey(r.body.kms_master_key_id, index, stacks) }) },
  aws_cloudwatch_log_group: { kind: 'CloudWatch log group', inspect: (r, { index, stacks }) => ({ key: proveKey(r.body.kms_key_id, index, stacks) }) },
  aws_secretsmanager_secret: { kind: 'Secrets Manager secret', inspect: (r, { index, stacks }) => ({ key: proveKey(r.body.kms_key_id, index, stacks) }) },
  aws_eks_cluster: {
    kind: 'EKS secrets',
    inspect: (r, { index, stacks }) => {
      const config = blocksOf(r.body.encryption_config).find((c) => Array.isArray(c.resources) && c.resources.includes('secrets'));
      return { key: proveKey(blocksOf(config?.provider)[0]?.key_arn, index, stacks) };
    },
  },
  aws_backup_vault: { kind: 'Backup vault', inspect: (r, { index, stacks }) => ({ key: proveKey(r.body.kms_key_arn, index, stacks) }) },
};

/** Terraform types this verification covers. */
export const DATA_STORE_TYPES = Object.keys(INSPECTORS).sort();

const cache = new WeakMap<SynthOutput, DataStore[]>();

/** Every data store of a synth output (memoized: the check and both reports read it). */
export function encryptionInventory(output: SynthOutput): DataStore[] {
  const cached = cache.get(output);
  if (cached) return cached;
  const stacks = indexStacks(output.stacks);
  const stores = [...stacks.values()].flatMap((index) =>
    DATA_STORE_TYPES.flatMap((type) =>
      index.ofType(type).map((resource): DataStore => {
        const inspector = INSPECTORS[type];
        if (!inspector) throw new Error(`no inspector for ${type}`);
        const result = inspector.inspect(resource, { index, stacks });
        const problems = [...(result.key.problem ? [result.key.problem] : []), ...(result.problems ?? []), ...(result.tls?.problem ? [result.tls.problem] : [])];
        return { where: resource.where, kind: inspector.kind, key: result.key.key, tls: result.tls?.status ?? 'n/a', problems };
      }),
    ),
  );
  cache.set(output, stores);
  return stores;
}
