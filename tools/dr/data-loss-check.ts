import type { PlatformConfig } from '../../config/index.js';
import { BACKUP_TAG_KEY, DR_EXEMPTION_TAG_KEY } from '../../config/schema/data.js';
import type { Finding, OutputCheck, SynthOutput, SynthStack } from '../synth/output.js';
import { DR_WAIVERS } from './dr-waivers.js';

export const DATA_LOSS_CHECK = 'data-loss-guards';

/** Resources whose loss loses data: each needs deletion protection or prevent_destroy. */
export const STATEFUL_TYPES = [
  'aws_backup_vault',
  'aws_db_instance',
  'aws_dynamodb_table',
  'aws_efs_file_system',
  'aws_kms_key',
  'aws_rds_cluster',
  'aws_rds_global_cluster',
  'aws_s3_bucket',
] as const;

/**
 * Stateful resources whose data must also exist in the secondary region in
 * production. KMS keys are regional by design (each region's copies use that
 * region's key) and a global cluster is covered through its regional clusters.
 */
export const COPIED_TYPES = ['aws_backup_vault', 'aws_db_instance', 'aws_dynamodb_table', 'aws_efs_file_system', 'aws_rds_cluster', 'aws_s3_bucket'] as const;

type Body = Record<string, unknown>;

/** One synthesized resource with the region its provider points at. */
export interface Located {
  readonly stack: string;
  readonly envName: string;
  readonly type: string;
  readonly name: string;
  readonly body: Body;
  readonly region: string;
}

const refersTo = (value: unknown, type: string, name: string) => typeof value === 'string' && value.includes(`${type}.${name}.`);

function providerRegions(stack: SynthStack): Map<string, string> {
  const regions = new Map<string, string>();
  for (const p of stack.json.provider?.aws ?? []) {
    const alias = typeof p.alias === 'string' ? `aws.${p.alias}` : 'aws';
    if (typeof p.region === 'string') regions.set(alias, p.region);
  }
  return regions;
}

/** Every resource of the output with its stack, environment (the stack-name prefix) and region. */
export function locateResources(output: SynthOutput): Located[] {
  return output.stacks.flatMap((stack) => {
    const regions = providerRegions(stack);
    const envName = stack.name.split('-')[0] ?? stack.name;
    return Object.entries(stack.json.resource ?? {}).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, body]) => ({
        stack: stack.name,
        envName,
        type,
        name,
        body,
        region: regions.get(typeof body.provider === 'string' ? body.provider : 'aws') ?? 'unknown',
      })),
    );
  });
}

const isProtected = (r: Located) => r.body.deletion_protection === true || (r.body.lifecycle as Body | undefined)?.prevent_destroy === true;

const tagOf = (r: Located, key: string) => {
  const tags = r.body.tags as Record<string, unknown> | undefined;
  return typeof tags?.[key] === 'string' ? (tags[key] as string) : undefined;
};

const rulesOf = (plan: Located) => (Array.isArray(plan.body.rule) ? (plan.body.rule as Body[]) : []);
const copiesElsewhere = (plan: Located, all: Located[]) =>
  rulesOf(plan).length > 0 &&
  rulesOf(plan).every((rule) =>
    (Array.isArray(rule.copy_action) ? (rule.copy_action as Body[]) : []).some((copy) => {
      const target = all.find((v) => v.stack === plan.stack && v.type === 'aws_backup_vault' && refersTo(copy.destination_vault_arn, v.type, v.name));
      return target ? target.region !== plan.region : typeof copy.destination_vault_arn === 'string';
    }),
  );

/** Selected (by the backup tag) into a plan of its region whose every rule copies to another region. */
function copiedByBackupPlan(r: Located, env: Located[]): boolean {
  const value = tagOf(r, BACKUP_TAG_KEY);
  if (!value) return false;
  return env.some((selection) => {
    if (selection.type !== 'aws_backup_selection' || selection.region !== r.region) return false;
    const tags = Array.isArray(selection.body.selection_tag) ? (selection.body.selection_tag as Body[]) : [];
    if (!tags.some((t) => t.key === BACKUP_TAG_KEY && t.value === value)) return false;
    const plan = env.find((p) => p.stack === selection.stack && p.type === 'aws_backup_plan' && refersTo(selection.body.plan_id, p.type, p.name));
    return plan !== undefined && copiesElsewhere(plan, env);
  });
}

/** How a resource's data reaches another region, if it does. */
function hasRemoteCopy(r: Located, env: Located[]): boolean {
  const sameStack = env.filter((o) => o.stack === r.stack);
  const elsewhere = (o: Located) => o.region !== r.region;
  switch (r.type) {
    case 'aws_db_instance':
      return (
        r.body.replicate_source_db !== undefined ||
        sameStack.some((o) => elsewhere(o) && o.type === 'aws_db_instance' && refersTo(o.body.replicate_source_db, r.type, r.name)) ||
        sameStack.some((o) => elsewhere(o) && o.type === 'aws_db_instance_automated_backups_replication' && refersTo(o.body.source_db_instance_arn, r.type, r.name))
      );
    case 'aws_rds_cluster':
      return r.body.global_cluster_identifier !== undefined &&
        sameStack.some((o) => elsewhere(o) && o.type === 'aws_rds_cluster' && o.body.global_cluster_identifier === r.body.global_cluster_identifier);
    case 'aws_s3_bucket': {
      const destinationOf = (c: Located) =>
        (Array.isArray(c.body.rule) ? (c.body.rule as Body[]) : []).map((rule) => (rule.destination as Body | undefined)?.bucket);
      const configs = sameStack.filter((o) => o.type === 'aws_s3_bucket_replication_configuration');
      const replicatesOut = configs.some((c) => refersTo(c.body.bucket, r.type, r.name) && destinationOf(c).some((d) => {
        const target = sameStack.find((b) => b.type === 'aws_s3_bucket' && refersTo(d, b.type, b.name));
        return target ? elsewhere(target) : typeof d === 'string';
      }));
      const isReplica = configs.some((c) => destinationOf(c).some((d) => refersTo(d, r.type, r.name)) &&
        sameStack.some((b) => b.type === 'aws_s3_bucket' && elsewhere(b) && refersTo(c.body.bucket, b.type, b.name)));
      return replicatesOut || isReplica;
    }
    case 'aws_backup_vault':
      return env.some((o) => elsewhere(o) && o.type === 'aws_backup_vault');
    default:
      return false;
  }
}

/** Why a resource needs no cross-region copy: its exemption tag or a reviewed waiver. */
export function waiverFor(r: Located): string | undefined {
  const tagged = tagOf(r, DR_EXEMPTION_TAG_KEY);
  if (tagged) return tagged;
  return DR_WAIVERS.find((w) => w.type === r.type && w.stack.test(r.stack) && w.name.test(r.name))?.reason;
}

/**
 * Data-loss guards over a synth output: every stateful resource is protected
 * from deletion, and in production every stateful resource (and every backup
 * plan) has a copy in the environment's other region, unless it carries a
 * `DisasterRecoveryExemption` tag or a reviewed waiver says why not.
 */
export function checkDataLoss(config: PlatformConfig, output: SynthOutput): Finding[] {
  const all = locateResources(output);
  const findings: Finding[] = [];
  const where = (r: Located) => `${r.stack}/${r.type}.${r.name}`;
  for (const r of all) {
    if ((STATEFUL_TYPES as readonly string[]).includes(r.type) && !isProtected(r)) {
      findings.push({ severity: 'error', check: DATA_LOSS_CHECK, where: where(r), message: 'neither deletion_protection nor lifecycle.prevent_destroy is set; add lifecycle: { preventDestroy: true } (and deletionProtection where the resource has it)' });
    }
  }
  const production = Object.entries(config.environments).filter(([, env]) => env.tier === 'production' && env.regions.secondary);
  for (const [envName, env] of production) {
    const inEnv = all.filter((r) => r.envName === envName);
    for (const r of inEnv) {
      if (r.type === 'aws_backup_plan' && !copiesElsewhere(r, inEnv)) {
        findings.push({ severity: 'error', check: DATA_LOSS_CHECK, where: where(r), message: `a rule of this production plan has no copy_action into another region's vault; copy into the ${env.regions.secondary?.region} vault` });
      }
      if (!(COPIED_TYPES as readonly string[]).includes(r.type) || waiverFor(r)) continue;
      if (!hasRemoteCopy(r, inEnv) && !copiedByBackupPlan(r, inEnv)) {
        findings.push({
          severity: 'error',
          check: DATA_LOSS_CHECK,
          where: where(r),
          message: `production data in ${r.region} has no replica or copy in another region; replicate it, tag it ${BACKUP_TAG_KEY}=<plan> for a plan that copies cross-region, or tag it ${DR_EXEMPTION_TAG_KEY}=<reason>`,
        });
      }
    }
  }
  return findings.sort((a, b) => a.where.localeCompare(b.where));
}

/** The registered synth check, over the config the output was built from. */
export const dataLossCheck: OutputCheck = (output, config) => checkDataLoss(config, output);
