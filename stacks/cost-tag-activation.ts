import { CeCostAllocationTag } from '@cdktf/provider-aws/lib/ce-cost-allocation-tag';
import type { Construct } from 'constructs';
import { costSettings } from '../config/derive/cost.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { managementProvider } from './cost-controls.js';
import { PlatformStack } from './platform-stack.js';

/**
 * Whether the environment gets `<env>-global-cost-tag-activation`: its flag is
 * set and it is the account that activates (the payer: the account itself when
 * standalone, the management account through the governance environment).
 */
export function activatesCostAllocationTags(config: PlatformConfig, envName: string): boolean {
  if (!costSettings(config, envName).activateCostAllocationTags) return false;
  return config.organization.managementAccountId === undefined || envName === config.cost.governanceEnvironment;
}

/**
 * `<env>-global-cost-tag-activation`: the tag taxonomy activated as cost
 * allocation tags. A step of its own, deployed once Billing has seen the keys
 * (cost.environments.<env>.activateCostAllocationTags): activating a key
 * Billing does not know fails, so on a new account this stack would break the
 * first deploy. Nothing depends on it.
 */
export class CostTagActivationStack extends PlatformStack {
  constructor(scope: Construct, config: PlatformConfig, envName: string) {
    super(scope, { config, envName, region: 'global', kind: 'cost-tag-activation', tags: { Service: 'cost-controls' } });
    if (!activatesCostAllocationTags(config, envName)) {
      throw new Error(`stack ${this.node.id}: set cost.environments.${envName}.activateCostAllocationTags once Billing shows the tag keys (and, in an organization, use the governance environment)`);
    }
    // In an organization only the payer (management) account activates cost allocation tags.
    const provider = config.organization.managementAccountId ? managementProvider(this, config, envName) : undefined;
    for (const def of config.tagTaxonomy) {
      new CeCostAllocationTag(this, `cost-allocation-tag-${def.key.toLowerCase()}`, { tagKey: def.key, status: 'Active', provider });
    }
  }
}
