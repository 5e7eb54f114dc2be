/**
 * The parts of Karpenter's v1 specs this chart writes, typed from the pinned CRDs
 * (karpenter.k8s.aws_ec2nodeclasses.yaml, karpenter.sh_nodepools.yaml, Karpenter 1.x).
 * No @kubernetes-models package for Karpenter supports Node 20, so the types live here;
 * test/support/schemas/karpenter.ts checks the rendered objects against the same fields.
 */
type Tags = Record<string, string>;

export interface EC2NodeClassSpec {
  readonly role?: string;
  readonly amiSelectorTerms: readonly {
    readonly alias?: string;
    readonly id?: string;
    readonly name?: string;
    readonly owner?: string;
    readonly tags?: Tags;
  }[];
  readonly subnetSelectorTerms: readonly { readonly id?: string; readonly tags?: Tags }[];
  readonly securityGroupSelectorTerms: readonly { readonly id?: string; readonly name?: string; readonly tags?: Tags }[];
  readonly metadataOptions?: {
    readonly httpEndpoint?: 'enabled' | 'disabled';
    readonly httpProtocolIPv6?: 'enabled' | 'disabled';
    readonly httpPutResponseHopLimit?: number;
    readonly httpTokens?: 'required' | 'optional';
  };
  readonly blockDeviceMappings?: readonly {
    readonly deviceName?: string;
    readonly rootVolume?: boolean;
    readonly ebs?: {
      readonly volumeSize?: string;
      readonly volumeType?: 'standard' | 'io1' | 'io2' | 'gp2' | 'sc1' | 'st1' | 'gp3';
      readonly encrypted?: boolean;
      readonly kmsKeyID?: string;
      readonly deleteOnTermination?: boolean;
      readonly iops?: number;
      readonly throughput?: number;
    };
  }[];
  readonly detailedMonitoring?: boolean;
  readonly tags?: Tags;
}

export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | 'Gte' | 'Lte';
  readonly values?: readonly string[];
  readonly minValues?: number;
}

export interface NodeClaimTemplate {
  readonly metadata?: { readonly labels?: Tags; readonly annotations?: Tags };
  readonly spec: {
    readonly nodeClassRef: { readonly group: string; readonly kind: string; readonly name: string };
    readonly requirements: readonly NodeSelectorRequirement[];
    readonly expireAfter?: string;
    readonly terminationGracePeriod?: string;
  };
}

export interface Disruption {
  readonly consolidationPolicy?: 'WhenEmpty' | 'WhenEmptyOrUnderutilized' | 'Balanced';
  readonly consolidateAfter: string;
  readonly budgets?: readonly {
    readonly nodes: string;
    readonly reasons?: readonly ('Underutilized' | 'Empty' | 'Drifted')[];
    readonly schedule?: string;
    readonly duration?: string;
  }[];
}

export interface NodePoolSpec {
  readonly weight?: number;
  readonly template: NodeClaimTemplate;
  readonly disruption?: Disruption;
  readonly limits?: Record<string, string>;
}
