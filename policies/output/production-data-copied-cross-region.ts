import { environmentRegions } from '../../config/derive/regions.js';
import type { OutputRule, OutputViolation } from '../types.js';
import { COPIED_TYPES, CROSS_REGION_COPY_RULE, copiedByBackupPlan, copiesElsewhere, exemptionTag, hasRemoteCopy, locatedResources, type Located } from './cross-region-copies.js';

const where = (r: Located) => `${r.stack}/${r.type}.${r.name}`;

/**
 * In a production environment with more than one region, every stateful
 * resource has a copy in another region (a replica, bucket replication, a
 * global-cluster member, or a tag selecting it into a backup plan that copies
 * cross-region), and every backup plan copies; a `DisasterRecoveryExemption`
 * tag says why a resource needs none.
 */
export const productionDataCopiedCrossRegion: OutputRule = {
  id: CROSS_REGION_COPY_RULE,
  types: [...COPIED_TYPES, 'aws_backup_plan'],
  check: (index, { config }) => {
    const all = locatedResources(index);
    const violations: OutputViolation[] = [];
    const production = Object.entries(config.environments).filter(([, env]) => env.tier === 'production' && env.regions.replicas.length > 0);
    for (const [envName, env] of production) {
      const inEnv = all.filter((r) => r.envName === envName);
      for (const r of inEnv) {
        if (r.type === 'aws_backup_plan' && !copiesElsewhere(r, inEnv)) {
          const peers = environmentRegions(env).filter((region) => region !== r.region);
          violations.push({ where: where(r), detail: `a rule of this production plan has no copy_action into another region's vault; copy into the ${peers.join(' or ')} vault` });
        }
        if (!(COPIED_TYPES as readonly string[]).includes(r.type) || exemptionTag(r)) continue;
        if (!hasRemoteCopy(r, inEnv) && !copiedByBackupPlan(r, inEnv)) {
          violations.push({ where: where(r), detail: `production data in ${r.region} has no replica or copy in another region` });
        }
      }
    }
    return violations.sort((a, b) => a.where.localeCompare(b.where));
  },
};
