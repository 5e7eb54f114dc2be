import { z } from 'zod';
import { OwnerSchema } from './organization.js';
import { accountId, awsRegion, cidrBlock, k8sName, tagKey, tagValue } from './primitives.js';

export const RegionSpecSchema = z.strictObject({
  region: awsRegion,
  /** The VPC's CIDR; /16 to /20 so that nine subnets of /prefix+4 fit. */
  vpcCidr: cidrBlock.refine(
    (c) => {
      const prefix = Number(c.split('/')[1]);
      return prefix >= 16 && prefix <= 20;
    },
    { error: 'vpcCidr must be a /16 to /20 block (the VPC is cut into /prefix+4 subnets)' },
  ),
});

export const NodePoolSchema = z.strictObject({
  name: k8sName,
  capacityType: z.enum(['ON_DEMAND', 'SPOT']),
  /** Instance types in order of preference; one CPU architecture per pool. */
  instanceTypes: z.array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: 'not an EC2 instance type' })).min(1),
  minSize: z.number().int().nonnegative(),
  maxSize: z.number().int().positive(),
  desiredSize: z.number().int().nonnegative(),
  /** Root volume size. @default 50 */
  diskSizeGiB: z.number().int().min(20).max(1000).default(50),
  labels: z.record(z.string(), z.string()).default({}),
  taints: z
    .array(z.strictObject({ key: z.string(), value: z.string(), effect: z.enum(['NO_SCHEDULE', 'PREFER_NO_SCHEDULE', 'NO_EXECUTE']) }))
    .default([]),
});

export const AccessEntrySchema = z.strictObject({
  principalArn: z.string().regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/, { error: 'principalArn must be an IAM role ARN' }),
  /** EKS access policy granted cluster-wide. */
  policy: z.enum(['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy', 'AmazonEKSEditPolicy', 'AmazonEKSViewPolicy']),
});

export const EksSchema = z.strictObject({
  version: z.string().regex(/^1\.(2[89]|3\d)$/, { error: 'EKS version must read 1.NN, 1.28 or later' }),
  /** CIDRs allowed to reach the public endpoint; empty keeps the endpoint private only. @default [] */
  publicAccessCidrs: z.array(cidrBlock).default([]),
  accessEntries: z.array(AccessEntrySchema).default([]),
  nodePools: z.strictObject({ system: NodePoolSchema, workload: NodePoolSchema }),
});

export const EnvironmentSchema = z.strictObject({
  tier: z.enum(['development', 'staging', 'production']),
  accountId,
  owner: OwnerSchema,
  /**
   * Where the environment runs: the primary region takes writes; each replica region
   * gets its own network, cluster and copies of the data to fail over to
   * (config/derive/regions.ts derives the peers).
   */
  regions: z.strictObject({
    primary: RegionSpecSchema,
    /** Replica regions, in order of preference. @default [] */
    replicas: z.array(RegionSpecSchema).default([]),
  }),
  network: z.strictObject({
    /** One NAT gateway per AZ (resilient) or one for the VPC (cheap). */
    natGateways: z.enum(['per-az', 'single']),
  }),
  eks: EksSchema,
  /** Default DataClassification tag of this environment's resources. */
  dataClassification: z.enum(['public', 'internal', 'confidential', 'restricted']),
  /** Extra tags on every resource of the environment. @default {} */
  extraTags: z.record(tagKey, tagValue).default({}),
});

export type RegionSpec = z.infer<typeof RegionSpecSchema>;
export type NodePool = z.infer<typeof NodePoolSchema>;
export type EksSettings = z.infer<typeof EksSchema>;
export type Environment = z.infer<typeof EnvironmentSchema>;
