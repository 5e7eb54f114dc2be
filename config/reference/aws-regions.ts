/**
 * AWS regions TradeSense may deploy to, with the three availability zones each
 * network spans. Fixed here (not looked up) so that synth needs no network and
 * stays deterministic. Regions with fewer than three AZs are deliberately absent.
 */
export const REGION_AZS = {
  'us-east-1': ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  'us-east-2': ['us-east-2a', 'us-east-2b', 'us-east-2c'],
  'us-west-2': ['us-west-2a', 'us-west-2b', 'us-west-2c'],
  'ca-central-1': ['ca-central-1a', 'ca-central-1b', 'ca-central-1d'],
  'eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  'eu-west-2': ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'],
  'eu-central-1': ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
  'ap-northeast-1': ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
  'ap-southeast-1': ['ap-southeast-1a', 'ap-southeast-1b', 'ap-southeast-1c'],
} as const satisfies Record<string, readonly [string, string, string]>;

export type AwsRegion = keyof typeof REGION_AZS;

export const AWS_REGIONS = Object.keys(REGION_AZS) as AwsRegion[];

export function isAwsRegion(value: string): value is AwsRegion {
  return Object.prototype.hasOwnProperty.call(REGION_AZS, value);
}

export function availabilityZones(region: AwsRegion): readonly [string, string, string] {
  return REGION_AZS[region];
}
