import { PEER_LOCATION } from '../../config/derive/cluster-names.js';
import { backupTag, type DrFacts, type RegionNames } from './dr-facts.js';
import { closeGateStep, openGateStep } from './runbook-dns-steps.js';

/** A numbered step: what to do, and the commands that do it. */
export interface Step {
  /** Stable name of the step; docs/disaster-recovery.md lists the same ids in the same order (tested). */
  readonly id: string;
  readonly title: string;
  readonly commands?: string[];
  readonly note?: string;
}

/**
 * The read-only location in `at`'s cluster listing `of`'s replicated backups, as
 * the rendered manifests name it; without them (a partial synth) the name a
 * single peer has, or a placeholder beside several.
 */
function peerLocation(f: DrFacts, at: RegionNames, of: RegionNames): string {
  return at.peerLocations.get(of.clusterName) ?? (f.replicas.length === 1 ? PEER_LOCATION : `<read-only location of ${of.clusterName}>`);
}

function veleroRestore(f: DrFacts, from: RegionNames, to: RegionNames): Step {
  const location = peerLocation(f, to, from);
  return {
    id: 'restore-kubernetes-state',
    title: `Restore Kubernetes state of ${from.clusterName} in ${to.clusterName}`,
    note: `${from.clusterName}'s backups are replicated into ${to.veleroBucket} under the prefix ${from.clusterName}; the cluster's read-only '${location}' location (charts/velero) lists them even while ${from.region} is down.`,
    commands: [
      `aws eks update-kubeconfig --name ${to.clusterName} --region ${to.region}`,
      `velero backup-location get ${location}`,
      `velero backup get --selector velero.io/storage-location=${location}`,
      `velero restore create --from-backup <latest completed backup> --exclude-namespaces velero,kube-system --wait`,
    ],
  };
}

/** The replica regions DNS answers with before `target`: a failover to `target` closes their gates too. */
const passedOver = (f: DrFacts, target: RegionNames) => f.replicas.slice(0, f.replicas.indexOf(target));

/** How to pick the surviving region, where there are several. */
function choice(f: DrFacts, target: RegionNames): string {
  if (f.replicas.length < 2) return '';
  const [first] = f.replicas;
  const order = f.replicas.map((r) => r.region).join(', ');
  return target === first
    ? ` Fail over to the first replica region, in order (${order}), that is healthy and within its lag threshold: these steps go to ${target.region}; for another, follow its section 'Failover to <region> instead'.`
    : ` These steps go to ${target.region}, when ${passedOver(f, target)
        .map((r) => r.region)
        .join(', ')} cannot take over (unhealthy, or lagging past its threshold).`;
}

/** Failover to `target` (by default the first replica region), for the configured database engine. */
export function failoverSteps(f: DrFacts, target: RegionNames | undefined = f.replicas[0]): Step[] {
  const p = f.primary;
  const s = target;
  if (!s) {
    return [
      {
        id: 'restore-in-place',
        title: `No secondary region: restore ${p.database ?? 'the database'} in ${p.region} once the region returns`,
        commands: [
          `aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier ${p.database ?? '<id>'} --target-db-instance-identifier ${p.database ?? '<id>'}-restored --use-latest-restorable-time --region ${p.region}`,
        ],
      },
    ];
  }
  const steps: Step[] = [
    {
      id: 'work-from-surviving-region',
      title: `Work from ${s.region} only`,
      note: `Every command below names ${s.region}: none needs ${p.region}, the Terraform state (home region) or a global control plane (Route53, IAM, CloudFront live in us-east-1).${choice(f, s)}`,
      commands: [`export AWS_REGION=${s.region} AWS_STS_REGIONAL_ENDPOINTS=regional`, `aws sts get-caller-identity --region ${s.region}`],
    },
    {
      id: 'declare-incident',
      title: 'Declare the incident and freeze changes',
      note: `Page ${f.contact}. Stop \`cdktf deploy\` of ${f.stacks.database} and pause Argo CD syncs of ${p.clusterName} until fail-back.`,
    },
    {
      id: 'measure-data-at-risk',
      title: 'Measure the data at risk',
      commands: [
        `aws cloudwatch describe-alarms --alarm-names ${s.lagAlarm ?? '<replica-lag alarm>'} --query 'MetricAlarms[].[StateValue,StateReason]' --region ${s.region}`,
      ],
      note: `OK on received datapoints: the ${s.region} copy is within ${f.data.database.alarms.replicaLagSeconds} s of the primary. The alarm treats missing data as OK (a promoted copy reports no lag), so a reason of "no datapoints were received" means the copy stopped reporting: check it before promoting.`,
    },
    ...closeGateStep(f, [p, ...passedOver(f, s)], s),
  ];
  if (f.data.database.engine === 'aurora-postgres-global') {
    steps.push({
      id: 'promote-global-secondary',
      title: `Promote ${s.database ?? 'the secondary cluster'} to writer`,
      note: 'Planned (both regions up): switchover, no data loss. Outage: failover with --allow-data-loss.',
      commands: [
        `aws rds switchover-global-cluster --global-cluster-identifier ${f.globalCluster ?? '<global>'} --target-db-cluster-identifier arn:aws:rds:${s.region}:${f.accountId}:cluster:${s.database ?? '<cluster>'} --region ${s.region}`,
        `aws rds failover-global-cluster --global-cluster-identifier ${f.globalCluster ?? '<global>'} --target-db-cluster-identifier arn:aws:rds:${s.region}:${f.accountId}:cluster:${s.database ?? '<cluster>'} --allow-data-loss --region ${s.region}`,
      ],
    });
  } else {
    steps.push(
      {
        id: 'promote-replica',
        title: `Promote the replica ${s.database ?? ''} in ${s.region}`,
        commands: [
          `aws rds promote-read-replica --db-instance-identifier ${s.database ?? '<replica>'} --region ${s.region}`,
          `aws rds wait db-instance-available --db-instance-identifier ${s.database ?? '<replica>'} --region ${s.region}`,
        ],
      },
      {
        id: 'complete-promoted-writer',
        title: 'Give the promoted writer what the primary had: managed password, backups, backup plan',
        commands: [
          `aws rds modify-db-instance --db-instance-identifier ${s.database ?? '<replica>'} --manage-master-user-password --master-user-secret-kms-key-id ${s.databaseKeyAlias ?? '<key alias>'} --apply-immediately --region ${s.region}`,
          `aws rds add-tags-to-resource --resource-name arn:aws:rds:${s.region}:${f.accountId}:db:${s.database ?? '<replica>'} --tags ${backupTag(f)} --region ${s.region}`,
        ],
        note: `The tag puts it into the ${s.region} backup plan, which copies into ${p.vault ?? 'the primary vault'} for fail-back.${
          others(f, s).length
            ? ` The other replicas (${others(f, s)
                .map((r) => r.database ?? r.region)
                .join(', ')}) keep following the stale primary until fail-back rebuilds them.`
            : ''
        }`,
      },
    );
  }
  const aurora = f.data.database.engine === 'aurora-postgres-global';
  const endpoint = aurora
    ? `aws rds describe-db-clusters --db-cluster-identifier ${s.database ?? '<cluster>'} --query 'DBClusters[0].Endpoint' --output text --region ${s.region}`
    : `aws rds describe-db-instances --db-instance-identifier ${s.database ?? '<replica>'} --query 'DBInstances[0].Endpoint.Address' --output text --region ${s.region}`;
  steps.push(
    {
      id: 'repoint-services',
      title: `Repoint services at the ${s.region} writer`,
      note: "Set the services' database host to the new writer (after promotion that host accepts writes); External Secrets re-reads the master secret on its refresh interval.",
      commands: [endpoint],
    },
    veleroRestore(f, p, s),
    {
      id: 'verify',
      title: 'Verify',
      note: `Health alarm of ${s.region} OK, ${f.failoverRecord ?? 'the API'} answered from ${s.region}, writes succeed, error budget burn back to normal.`,
    },
  );
  return steps;
}

/** The replica regions other than the one failed over to. */
const others = (f: DrFacts, target: RegionNames) => f.replicas.filter((r) => r !== target);

/** Fail-back to the primary region from `target` (where the failover went) once the primary is healthy again. */
export function failbackSteps(f: DrFacts, target: RegionNames | undefined = f.replicas[0]): Step[] {
  const p = f.primary;
  const s = target;
  if (!s) return [];
  const window = `${f.data.database.maintenanceWindow} (UTC, outside market hours)`;
  const db: Step[] =
    f.data.database.engine === 'aurora-postgres-global'
      ? [
          {
            id: 'switch-writer-back',
            title: `Switch the writer back to ${p.database ?? p.region} in ${window}`,
            note: `After a failover Aurora rebuilds the old primary as a secondary once ${p.region} returns; wait until ${s.lagAlarm ?? 'the lag alarm'} is OK.`,
            commands: [
              `aws rds switchover-global-cluster --global-cluster-identifier ${f.globalCluster ?? '<global>'} --target-db-cluster-identifier arn:aws:rds:${p.region}:${f.accountId}:cluster:${p.database ?? '<cluster>'} --region ${p.region}`,
            ],
          },
        ]
      : [
          {
            id: 'rebuild-primary',
            title: `Keep the stale primary ${p.database ?? ''} for forensics, then rebuild ${p.region} from the promoted writer`,
            commands: [
              `aws rds create-db-snapshot --db-instance-identifier ${p.database ?? '<primary>'} --db-snapshot-identifier ${p.database ?? '<primary>'}-before-failback --region ${p.region}`,
              `aws rds create-db-instance-read-replica --db-instance-identifier ${p.database ?? '<primary>'}-failback --source-db-instance-identifier arn:aws:rds:${s.region}:${f.accountId}:db:${s.database ?? '<replica>'} --kms-key-id ${p.databaseKeyAlias ?? '<key alias>'} --db-subnet-group-name ${p.subnetGroup ?? '<subnet group>'} --region ${p.region}`,
            ],
          },
          {
            id: 'promote-rebuilt-primary',
            title: `In ${window}: stop writers, wait for zero lag, promote ${p.database ?? ''}-failback`,
            commands: [`aws rds promote-read-replica --db-instance-identifier ${p.database ?? '<primary>'}-failback --region ${p.region}`],
          },
          {
            id: 'reconcile-terraform',
            title: 'Reconcile Terraform with the original topology',
            note:
              f.replicas.length === 1
                ? `Delete the stale primary (disable its deletion protection first), rename ${p.database ?? ''}-failback to ${p.database ?? ''} (\`aws rds modify-db-instance --new-db-instance-identifier\`), remove ${s.database ?? 'the old replica'} from ${f.stacks.database}'s state after renaming it aside, then \`cdktf deploy ${f.stacks.database}\` recreates the cross-region replica and backup replication.`
                : `Delete the stale primary (disable its deletion protection first), rename ${p.database ?? ''}-failback to ${p.database ?? ''} (\`aws rds modify-db-instance --new-db-instance-identifier\`), remove ${f.replicas.map((r) => r.database ?? r.region).join(', ')} from ${f.stacks.database}'s state after renaming them aside (the promoted writer and the replicas that followed the stale primary), then \`cdktf deploy ${f.stacks.database}\` recreates the cross-region replicas and backup replication.`,
          },
        ];
  return [
    ...db,
    {
      id: 'repoint-services-back',
      title: `Repoint services at the ${p.region} writer`,
      note: `\`terraform -chdir=cdktf.out/stacks/${f.stacks.database} output writer_endpoint\`.`,
    },
    ...openGateStep(f, [p, ...passedOver(f, s)], s),
    {
      id: 'restore-kubernetes-state-back',
      title: `Bring Kubernetes state written in ${s.region} back to ${p.clusterName}`,
      note: `Backups of ${s.clusterName} replicate into ${p.veleroBucket} under the prefix ${s.clusterName}.`,
      commands: [
        `aws eks update-kubeconfig --name ${p.clusterName} --region ${p.region}`,
        `velero backup get --selector velero.io/storage-location=${peerLocation(f, p, s)}`,
        `velero restore create --from-backup <latest completed backup> --exclude-namespaces velero,kube-system --wait`,
      ],
    },
    {
      id: 'unfreeze',
      title: 'Unfreeze',
      note: `Resume Argo CD syncs and deploys; record the measured promotion and restore times in config (promotionMinutes, restoreMinutes).`,
    },
  ];
}
