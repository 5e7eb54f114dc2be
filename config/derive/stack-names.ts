import type { AwsRegion } from '../reference/aws-regions.js';

/** `<env>-<region>-<kind>`, or `<env>-global-<kind>` for account-wide stacks: the one naming rule of stacks. */
export function stackName(envName: string, region: AwsRegion | 'global', kind: string): string {
  return `${envName}-${region}-${kind}`;
}
