import type { PlatformConfigInput } from '../schema/platform.js';

type EnvironmentInput = PlatformConfigInput['environments'][string];

const GRAVITON_SPOT_TYPES = ['m7g.xlarge', 'm6g.xlarge', 'c7g.xlarge', 'r7g.xlarge', 'm8g.xlarge'];

const platformOwner = { team: 'platform', contact: 'platform@tradesense.io', costCentre: 'CC-1000' };

function accessEntries(accountId: string): EnvironmentInput['eks']['accessEntries'] {
  return [
    { principalArn: `arn:aws:iam::${accountId}:role/platform-admin`, policy: 'AmazonEKSClusterAdminPolicy' },
    { principalArn: `arn:aws:iam::${accountId}:role/sre-readonly`, policy: 'AmazonEKSViewPolicy' },
  ];
}

export const environments: Record<string, EnvironmentInput> = {
  dev: {
    tier: 'development',
    accountId: '210987654321',
    owner: platformOwner,
    regions: { primary: { region: 'us-east-1', vpcCidr: '10.10.0.0/16' } },
    network: { natGateways: 'single' },
    eks: {
      version: '1.35',
      publicAccessCidrs: ['203.0.113.0/24'], // office egress, for kubectl without the VPN
      accessEntries: accessEntries('210987654321'),
      nodePools: {
        system: { name: 'system', capacityType: 'ON_DEMAND', instanceTypes: ['m7g.large'], minSize: 2, maxSize: 3, desiredSize: 2 },
        workload: { name: 'workload', capacityType: 'SPOT', instanceTypes: GRAVITON_SPOT_TYPES, minSize: 1, maxSize: 6, desiredSize: 2 },
      },
    },
    dataClassification: 'internal',
  },
  staging: {
    tier: 'staging',
    accountId: '310987654321',
    owner: platformOwner,
    regions: {
      primary: { region: 'us-east-1', vpcCidr: '10.20.0.0/16' },
      replicas: [{ region: 'us-west-2', vpcCidr: '10.21.0.0/16' }],
    },
    network: { natGateways: 'single' },
    eks: {
      version: '1.35',
      accessEntries: accessEntries('310987654321'),
      nodePools: {
        system: { name: 'system', capacityType: 'ON_DEMAND', instanceTypes: ['m7g.large'], minSize: 2, maxSize: 4, desiredSize: 2 },
        workload: { name: 'workload', capacityType: 'SPOT', instanceTypes: GRAVITON_SPOT_TYPES, minSize: 2, maxSize: 12, desiredSize: 3 },
      },
    },
    dataClassification: 'confidential',
  },
  prod: {
    tier: 'production',
    accountId: '410987654321',
    owner: platformOwner,
    regions: {
      primary: { region: 'us-east-1', vpcCidr: '10.30.0.0/16' },
      replicas: [{ region: 'us-west-2', vpcCidr: '10.31.0.0/16' }],
    },
    network: { natGateways: 'per-az' },
    eks: {
      version: '1.35',
      accessEntries: accessEntries('410987654321'),
      nodePools: {
        system: { name: 'system', capacityType: 'ON_DEMAND', instanceTypes: ['m7g.large'], minSize: 3, maxSize: 6, desiredSize: 3 },
        workload: { name: 'workload', capacityType: 'SPOT', instanceTypes: GRAVITON_SPOT_TYPES, minSize: 3, maxSize: 30, desiredSize: 6 },
      },
    },
    dataClassification: 'restricted',
  },
};
