import { ACCOUNT_INVARIANTS } from './account.js';
import { CATALOG_INVARIANTS } from './catalog.js';
import { COST_INVARIANTS } from './cost.js';
import { DATA_INVARIANTS } from './data.js';
import { DELIVERY_INVARIANTS } from './delivery.js';
import { DEPLOY_ORDER_INVARIANTS } from './deploy-order.js';
import { GITOPS_INVARIANTS } from './gitops.js';
import type { Invariant } from './invariant.js';
import { NODE_POOL_INVARIANTS } from './node-pools.js';
import { OWNERSHIP_INVARIANTS } from './ownership.js';
import { PREREQUISITE_INVARIANTS } from './prerequisites.js';
import { REGION_INVARIANTS } from './regions.js';
import { REGISTRY_INVARIANTS } from './registry.js';
import { RESILIENCE_INVARIANTS } from './resilience.js';
import { RETENTION_INVARIANTS } from './retention.js';
import { SECURITY_INVARIANTS } from './security.js';
import { TAG_INVARIANTS } from './tags.js';
import { TEAM_INVARIANTS } from './teams.js';
import { VERSION_INVARIANTS } from './version.js';

/**
 * Every cross-field rule, one list per capability, in the order parsing reports
 * their problems. A new capability adds its file here.
 */
export const INVARIANTS: readonly Invariant[] = [
  ...REGION_INVARIANTS,
  ...REGISTRY_INVARIANTS,
  ...TEAM_INVARIANTS,
  ...NODE_POOL_INVARIANTS,
  ...TAG_INVARIANTS,
  ...RETENTION_INVARIANTS,
  ...SECURITY_INVARIANTS,
  ...GITOPS_INVARIANTS,
  ...DELIVERY_INVARIANTS,
  ...COST_INVARIANTS,
  ...OWNERSHIP_INVARIANTS,
  ...DATA_INVARIANTS,
  ...VERSION_INVARIANTS,
  ...PREREQUISITE_INVARIANTS,
  ...RESILIENCE_INVARIANTS,
  ...ACCOUNT_INVARIANTS,
  ...DEPLOY_ORDER_INVARIANTS,
  ...CATALOG_INVARIANTS,
];
