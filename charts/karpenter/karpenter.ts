import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ClusterFacts } from '../../config/derive/facts.js';
import { sortKeys } from '../../config/derive/tags.js';
import type { NodePool } from '../../config/schema/environment.js';
import type { EC2NodeClassSpec, NodeClaimTemplate, NodePoolSpec, NodeSelectorRequirement } from './karpenter-spec.js';

/**
 * EKS-optimized AL2023 release the nodes boot, pinned: `@latest` would drift
 * every node on each AMI release. Bump deliberately (awslabs/amazon-eks-ami releases).
 */
export const AMI_ALIAS = 'al2023@v20260818';
export const NODE_CLASS = 'default';

const VCPUS: Record<string, number> = { medium: 1, large: 2, xlarge: 4, '2xlarge': 8, '4xlarge': 16 };
const family = (type: string) => type.split('.')[0] ?? type;

/** Market hours (UTC, weekdays) when voluntary consolidation of busy nodes pauses. */
const MARKET_HOURS = { schedule: '0 13 * * mon-fri', duration: '8h' };

export interface KarpenterProps {
  /** The taxonomy labels of the NodePools and the EC2NodeClass. */
  readonly labels: Record<string, string>;
  /** The environment's tags: launch templates carry them (no provider default_tags there). */
  readonly tags: Readonly<Record<string, string>>;
  /** The cluster's name, node role and volume key. */
  readonly facts: Pick<ClusterFacts, 'clusterName' | 'nodeRoleName' | 'volumeKeyAliasArn'>;
  /** The workload node pool Karpenter replaces: instance types, size bound, disk. */
  readonly pool: NodePool;
}

/**
 * Karpenter capacity of one cluster, for environments whose capacity is
 * 'karpenter': a Graviton spot NodePool preferred by weight, an on-demand
 * fallback, both consolidating, expiring and bounded by disruption budgets,
 * on one EC2NodeClass (AL2023, IMDSv2 hop limit 1, gp3 encrypted with the cluster volume key).
 * Installed only where the environment's capacity is 'karpenter' (component.ts).
 */
export class KarpenterChart extends Chart {
  constructor(scope: Construct, id: string, props: KarpenterProps) {
    super(scope, id);
    const { facts, pool, labels } = props;
    const discovery = { 'karpenter.sh/discovery': facts.clusterName };

    const nodeClass: EC2NodeClassSpec = {
      role: facts.nodeRoleName,
      amiSelectorTerms: [{ alias: AMI_ALIAS }],
      subnetSelectorTerms: [{ tags: discovery }],
      securityGroupSelectorTerms: [{ tags: discovery }],
      metadataOptions: { httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 1, httpTokens: 'required' },
      blockDeviceMappings: [
        // The cluster's volume key (a cluster fact), not the account's default EBS key.
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeSize: `${pool.diskSizeGiB}Gi`,
            volumeType: 'gp3',
            encrypted: true,
            kmsKeyID: facts.volumeKeyAliasArn,
            deleteOnTermination: true,
          },
        },
      ],
      detailedMonitoring: true,
      // Launch templates do not inherit provider default_tags: carry the taxonomy explicitly.
      tags: sortKeys({ ...props.tags, Service: 'karpenter', ManagedBy: 'argocd', Name: `${facts.clusterName}-karpenter` }),
    };
    new ApiObject(this, 'node-class', {
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: { name: NODE_CLASS, labels },
      spec: nodeClass,
    });

    const vcpuLimit = pool.maxSize * Math.max(...pool.instanceTypes.map((t) => VCPUS[t.split('.')[1] ?? ''] ?? 4));
    const template = (capacity: 'spot' | 'on-demand', requirements: readonly NodeSelectorRequirement[]): NodeClaimTemplate => ({
      metadata: { labels: { 'tradesense.io/pool': 'workload', 'tradesense.io/capacity': capacity } },
      spec: {
        nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: NODE_CLASS },
        requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: [capacity] }, ...requirements],
        // Monthly replacement keeps nodes patched and bounds drift.
        expireAfter: '720h',
        terminationGracePeriod: '24h',
      },
    });
    const disruption: NodePoolSpec['disruption'] = {
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfter: '5m',
      budgets: [{ nodes: '10%' }, { nodes: '0', reasons: ['Underutilized', 'Drifted'], ...MARKET_HOURS }],
    };
    const pools: Record<string, NodePoolSpec> = {
      // Graviton spot first: the cheapest capacity, diversified across the configured families.
      'spot-graviton': {
        weight: 100,
        template: template('spot', [
          { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
          {
            key: 'karpenter.k8s.aws/instance-family',
            operator: 'In',
            values: [...new Set(pool.instanceTypes.map(family))].sort(),
            minValues: 2,
          },
          { key: 'karpenter.k8s.aws/instance-size', operator: 'In', values: ['large', 'xlarge', '2xlarge'] },
        ]),
        disruption,
        limits: { cpu: String(vcpuLimit) },
      },
      // Fallback when spot is short: on-demand, Graviton preferred by the lower weight of x86.
      'on-demand': {
        weight: 10,
        template: template('on-demand', [
          { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64', 'amd64'] },
          { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
          { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['5'] },
          { key: 'karpenter.k8s.aws/instance-size', operator: 'In', values: ['large', 'xlarge', '2xlarge'] },
        ]),
        disruption,
        limits: { cpu: String(Math.ceil(vcpuLimit / 2)) },
      },
    };
    for (const [name, spec] of Object.entries(pools)) {
      new ApiObject(this, `node-pool-${name}`, { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name, labels }, spec });
    }
  }
}
