import { BACKUP_TAG_KEY, DR_EXEMPTION_TAG_KEY } from '../../config/derive/tags.js';
import { indexOutput, type OutputIndex } from '../output-index.js';
import type { PolicyInput } from '../output.js';
import { blocks, blocksOf } from '../terraform.js';
import { waiversCovering } from '../waiver-check.js';
import { WAIVERS } from '../waivers.js';

/** The rule that asks production data for a copy in another region (and whose waivers the DR runbook lists). */
export const CROSS_REGION_COPY_RULE = 'production-data-copied-cross-region';

/**
 * Stateful resources whose data must also exist in another region in
 * production. KMS keys are regional by design (each region's copies use that
 * region's key) and a global cluster is covered through its regional clusters.
 */
export const COPIED_TYPES = [
  'aws_backup_vault',
  'aws_db_instance',
  'aws_dynamodb_table',
  'aws_efs_file_system',
  'aws_rds_cluster',
  'aws_s3_bucket',
] as const;

type Body = Readonly<Record<string, unknown>>;

/** One synthesized resource with the region its provider points at. */
export interface Located {
  readonly stack: string;
  /** The stack-name prefix. */
  readonly envName: string;
  readonly type: string;
  readonly name: string;
  readonly body: Body;
  readonly region: string;
}

const refersTo = (value: unknown, type: string, name: string) => typeof value === 'string' && value.includes(`${type}.${name}.`);

/** Every resource of the output (stacks in order, resources in file order) with its stack, environment and region. */
export function locatedResources(index: OutputIndex): Located[] {
  return index.derived('located-resources', () =>
    index.stacks.flatMap((stack) => {
      const envName = stack.name.split('-')[0] ?? stack.name;
      return blocksOf(stack.stack, 'resource').map(([type, name, body]) => {
        const region = stack.placeOf({ stack: stack.name, type, name, address: `${type}.${name}`, body }).region;
        return { stack: stack.name, envName, type, name, body, region: region || 'unknown' };
      });
    }),
  );
}

/** The same, from a synth output (the DR runbook reads it). */
export const locateResources = (output: PolicyInput): Located[] => locatedResources(indexOutput(output));

const tagOf = (r: Located, key: string) => {
  const tags = r.body.tags as Record<string, unknown> | undefined;
  return typeof tags?.[key] === 'string' ? (tags[key] as string) : undefined;
};

/** True when every rule of a backup plan copies into a vault of another region. */
export const copiesElsewhere = (plan: Located, all: readonly Located[]): boolean =>
  blocks(plan.body.rule).length > 0 &&
  blocks(plan.body.rule).every((rule) =>
    blocks(rule.copy_action).some((copy) => {
      const target = all.find(
        (v) => v.stack === plan.stack && v.type === 'aws_backup_vault' && refersTo(copy.destination_vault_arn, v.type, v.name),
      );
      return target ? target.region !== plan.region : typeof copy.destination_vault_arn === 'string';
    }),
  );

/** Selected (by the backup tag) into a plan of its region whose every rule copies to another region. */
export function copiedByBackupPlan(r: Located, env: readonly Located[]): boolean {
  const value = tagOf(r, BACKUP_TAG_KEY);
  if (!value) return false;
  return env.some((selection) => {
    if (selection.type !== 'aws_backup_selection' || selection.region !== r.region) return false;
    if (!blocks(selection.body.selection_tag).some((t) => t.key === BACKUP_TAG_KEY && t.value === value)) return false;
    const plan = env.find(
      (p) => p.stack === selection.stack && p.type === 'aws_backup_plan' && refersTo(selection.body.plan_id, p.type, p.name),
    );
    return plan !== undefined && copiesElsewhere(plan, env);
  });
}

/** A bucket replicating into another region's bucket, or the replica of one. */
function bucketCopied(r: Located, sameStack: readonly Located[]): boolean {
  const elsewhere = (o: Located) => o.region !== r.region;
  const destinationOf = (c: Located) => blocks(c.body.rule).map((rule) => (rule.destination as Body | undefined)?.bucket);
  const configs = sameStack.filter((o) => o.type === 'aws_s3_bucket_replication_configuration');
  const replicatesOut = configs.some(
    (c) =>
      refersTo(c.body.bucket, r.type, r.name) &&
      destinationOf(c).some((d) => {
        const target = sameStack.find((b) => b.type === 'aws_s3_bucket' && refersTo(d, b.type, b.name));
        return target ? elsewhere(target) : typeof d === 'string';
      }),
  );
  const isReplica = configs.some(
    (c) =>
      destinationOf(c).some((d) => refersTo(d, r.type, r.name)) &&
      sameStack.some((b) => b.type === 'aws_s3_bucket' && elsewhere(b) && refersTo(c.body.bucket, b.type, b.name)),
  );
  return replicatesOut || isReplica;
}

/** How a resource's data reaches another region, if it does. */
export function hasRemoteCopy(r: Located, env: readonly Located[]): boolean {
  const sameStack = env.filter((o) => o.stack === r.stack);
  const elsewhere = (o: Located) => o.region !== r.region;
  switch (r.type) {
    case 'aws_db_instance':
      return (
        r.body.replicate_source_db !== undefined ||
        sameStack.some((o) => elsewhere(o) && o.type === 'aws_db_instance' && refersTo(o.body.replicate_source_db, r.type, r.name)) ||
        sameStack.some(
          (o) =>
            elsewhere(o) &&
            o.type === 'aws_db_instance_automated_backups_replication' &&
            refersTo(o.body.source_db_instance_arn, r.type, r.name),
        )
      );
    case 'aws_rds_cluster':
      return (
        r.body.global_cluster_identifier !== undefined &&
        sameStack.some(
          (o) => elsewhere(o) && o.type === 'aws_rds_cluster' && o.body.global_cluster_identifier === r.body.global_cluster_identifier,
        )
      );
    case 'aws_s3_bucket':
      return bucketCopied(r, sameStack);
    case 'aws_backup_vault':
      return env.some((o) => elsewhere(o) && o.type === 'aws_backup_vault');
    default:
      return false;
  }
}

/** A resource's `DisasterRecoveryExemption` tag: its owner says why its data needs no copy. */
export const exemptionTag = (r: Located): string | undefined => tagOf(r, DR_EXEMPTION_TAG_KEY);

/**
 * Why a resource needs no cross-region copy: its exemption tag, or a reviewed
 * waiver of the rule in policies/waivers.ts (for resources of other owners).
 */
export function waiverFor(r: Located): string | undefined {
  return exemptionTag(r) ?? waiversCovering(WAIVERS, CROSS_REGION_COPY_RULE, `${r.stack}/${r.type}.${r.name}`)[0]?.reason;
}
