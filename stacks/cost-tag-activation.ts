import { CeCostAllocationTag } from '@cdktf/provider-aws/lib/ce-cost-allocation-tag';
import type { Construct } from 'constructs';
import type { ManagementAccess } from '../config/derive/organization.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import { managementProvider } from './cost-controls.js';
import { PlatformStack } from './platform-stack.js';

export interface CostTagActivationStackProps {
  readonly environment: StackEnvironment;
  /**
   * In an organization only the payer (management) account activates: the
   * governance environment reaches it through this role.
   * @default none (a standalone account activates its own tags)
   */
  readonly management?: ManagementAccess;
}

/**
 * `<env>-global-cost-tag-activation`: the tag taxonomy activated as cost
 * allocation tags. A step of its own, deployed once Billing has seen the keys
 * (cost.environments.<env>.activateCostAllocationTags; stacks/app.ts builds it
 * only for the account that activates, config/derive/cost.ts
 * `activatesCostAllocationTags`): activating a key Billing does not know fails,
 * so on a new account this stack would break the first deploy. Nothing
 * depends on it.
 */
export class CostTagActivationStack extends PlatformStack {
  constructor(scope: Construct, id: string, props: CostTagActivationStackProps) {
    super(scope, { environment: props.environment, region: 'global', kind: 'cost-tag-activation', tags: { Service: 'cost-controls' } }, id);
    const provider = props.management ? managementProvider(this, props.management) : undefined;
    for (const def of props.environment.tagTaxonomy) {
      new CeCostAllocationTag(this, `cost-allocation-tag-${def.key.toLowerCase()}`, { tagKey: def.key, status: 'Active', provider });
    }
  }
}
