import { DATA_CLASSES, type DataClass } from '../../config/schema/retention.js';
import { bucketConfigs } from '../aws/bucket-configs.js';
import type { OutputIndex } from '../output-index.js';
import { blocks, tagsOf, whereOf, type StackIndex } from '../terraform.js';

/**
 * Every retention-bearing thing in a synth output, classified by data class.
 * Classification is generic (by resource type, name pattern or a `DataClass`
 * tag), so resources other engineers add are covered without registration.
 */
export interface RetentionItem {
  /** `stack/type.name[#rule]` or `env/region/file#Schedule/namespace/name`. */
  readonly where: string;
  readonly kind: string;
  readonly dataClass: DataClass | undefined;
  /** Days kept; undefined when the resource sets no retention (kept forever or a service default). */
  readonly days: number | undefined;
  /** Why the item has its class, for the report and the finding. */
  readonly classifiedBy: string;
}

const isDataClass = (value: string): value is DataClass => (DATA_CLASSES as readonly string[]).includes(value);

function explicitClass(tags: Record<string, string>): DataClass | undefined | 'invalid' {
  const value = tags.DataClass;
  if (value === undefined) return undefined;
  return isDataClass(value) ? value : 'invalid';
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;

/** CloudWatch log groups: DataClass tag, else by name (EKS control plane, VPC flow logs, CloudTrail), else application logs. */
function logGroups(stack: StackIndex): RetentionItem[] {
  const trailGroups = new Set(stack.ofType('aws_cloudtrail').map((t) => stack.resolve(t.body.cloud_watch_logs_group_arn)));
  return stack.ofType('aws_cloudwatch_log_group').map((group) => {
    const name = typeof group.body.name === 'string' ? group.body.name : '';
    const tagged = explicitClass(tagsOf(group.body.tags));
    const days = num(group.body.retention_in_days);
    const item = (dataClass: DataClass | undefined, classifiedBy: string): RetentionItem => ({
      where: whereOf(group),
      kind: 'log group',
      dataClass,
      days: days === 0 ? undefined : days,
      classifiedBy,
    });
    if (tagged === 'invalid')
      return item(undefined, `DataClass tag '${tagsOf(group.body.tags).DataClass}' is not one of ${DATA_CLASSES.join(', ')}`);
    if (tagged) return item(tagged, 'DataClass tag');
    if (/^\/aws\/eks\/[^/]+\/cluster$/.test(name)) return item('audit-logs', 'name /aws/eks/*/cluster (EKS control plane)');
    if (/^\/aws\/vpc\/.+\/flow-logs$/.test(name)) return item('network-logs', 'name /aws/vpc/*/flow-logs');
    if (trailGroups.has(group) || /cloudtrail/i.test(name)) return item('audit-logs', 'CloudTrail log group');
    return item('application-logs', 'default for log groups');
  });
}

/** Lifecycle expirations and Object Lock defaults of buckets tagged with a DataClass. */
function buckets(stack: StackIndex): RetentionItem[] {
  return stack.ofType('aws_s3_bucket').flatMap((bucket) => {
    const tagged = explicitClass(tagsOf(bucket.body.tags));
    if (tagged === undefined) return [];
    const dataClass = tagged === 'invalid' ? undefined : tagged;
    const classifiedBy =
      tagged === 'invalid' ? `DataClass tag '${tagsOf(bucket.body.tags).DataClass}' is not a data class` : 'DataClass tag';
    const rules = bucketConfigs(bucket, stack, 'aws_s3_bucket_lifecycle_configuration')
      .flatMap((config) => blocks(config.body.rule).map((rule) => ({ config, rule })))
      .filter(({ rule }) => rule.status === 'Enabled')
      .flatMap(({ config, rule }) =>
        blocks(rule.expiration).map((e) => ({ where: `${whereOf(config)}#${String(rule.id)}`, days: num(e.days) })),
      );
    const expirations: RetentionItem[] = rules.length
      ? rules.map((r) => ({ where: r.where, kind: 'bucket lifecycle', dataClass, days: r.days, classifiedBy }))
      : [{ where: whereOf(bucket), kind: 'bucket lifecycle', dataClass, days: undefined, classifiedBy }];
    const locks = bucketConfigs(bucket, stack, 'aws_s3_bucket_object_lock_configuration').flatMap((lock) =>
      blocks(lock.body.rule).flatMap((rule) =>
        blocks(rule.default_retention).map((d): RetentionItem => ({
          where: whereOf(lock),
          kind: 'object lock',
          dataClass,
          classifiedBy,
          days: num(d.days) ?? (num(d.years) === undefined ? undefined : (num(d.years) ?? 0) * 365),
        })),
      ),
    );
    return [...expirations, ...locks];
  });
}

/** AWS Backup plan rules (and their cross-region copies): backups. */
function backupPlans(stack: StackIndex): RetentionItem[] {
  return stack.ofType('aws_backup_plan').flatMap((plan) => {
    const tagged = explicitClass(tagsOf(plan.body.tags));
    const dataClass = tagged === 'invalid' ? undefined : (tagged ?? 'backups');
    return blocks(plan.body.rule).flatMap((rule) => {
      const where = `${whereOf(plan)}#${String(rule.rule_name)}`;
      const days = (lifecycle: unknown) => num(blocks(lifecycle)[0]?.delete_after);
      return [
        { where, kind: 'backup rule', dataClass, days: days(rule.lifecycle), classifiedBy: 'aws_backup_plan rule' },
        ...blocks(rule.copy_action).map((copy) => ({
          where: `${where}#copy`,
          kind: 'backup copy',
          dataClass,
          days: days(copy.lifecycle),
          classifiedBy: 'aws_backup_plan copy action',
        })),
      ];
    });
  });
}

/** Automated backups of RDS instances and clusters: database snapshots. Replicas keep none unless they set a period. */
function databases(stack: StackIndex): RetentionItem[] {
  return ['aws_db_instance', 'aws_rds_cluster'].flatMap((type) =>
    stack.ofType(type).flatMap((db): RetentionItem[] => {
      const days = num(db.body.backup_retention_period);
      if (days === undefined && db.body.replicate_source_db !== undefined) return [];
      return [
        {
          where: whereOf(db),
          kind: 'automated backups',
          dataClass: 'database-snapshots',
          days: days === 0 ? undefined : days,
          classifiedBy: type,
        },
      ];
    }),
  );
}

/** A Go duration (`840h0m0s`) in days; undefined when it is not one. */
export function durationDays(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^(\d+(\.\d+)?(h|m|s|ms|us|µs|ns))+$/.test(value)) return undefined;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  let seconds = 0;
  for (const [, amount, , u] of value.matchAll(/(\d+(\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) seconds += Number(amount) * (unit[u ?? 's'] ?? 0);
  return seconds / 86_400;
}

const SCHEDULES: ReadonlySet<string> = new Set(['Schedule']);

/** Velero Schedules in rendered manifests: backups (Velero's own default TTL counts as missing). */
function veleroSchedules(index: OutputIndex): RetentionItem[] {
  return index.manifests(SCHEDULES).flatMap(({ objects }) =>
    objects
      .filter((o) => o.apiVersion.startsWith('velero.io/'))
      .map((o): RetentionItem => {
        const ttl = (o.body.spec as { template?: { ttl?: unknown } } | undefined)?.template?.ttl;
        return {
          where: `${o.file}#Schedule/${o.namespace ?? ''}/${o.name}`,
          kind: 'velero schedule',
          dataClass: 'backups',
          days: durationDays(ttl),
          classifiedBy: 'velero.io Schedule',
        };
      }),
  );
}

/** Every retention-bearing item of a synth output: Terraform resources stack by stack, then Velero schedules. */
export function retentionInventory(index: OutputIndex): RetentionItem[] {
  return [
    ...index.stacks.flatMap((stack) => [...logGroups(stack), ...buckets(stack), ...backupPlans(stack), ...databases(stack)]),
    ...veleroSchedules(index),
  ];
}
