import { environmentRegions } from '../../config/derive/regions.js';
import { blocks } from '../terraform.js';
import type { OutputRule, OutputViolation } from '../types.js';
import {
  COPIED_TYPES,
  CROSS_REGION_COPY_RULE,
  copiedByBackupPlan,
  copiesElsewhere,
  exemptionTag,
  hasRemoteCopy,
  locatedResources,
  type Located,
} from './cross-region-copies.js';

const where = (r: Located) => `${r.stack}/${r.type}.${r.name}`;

/** Regions with a vault of the environment that some rule of `plan` does not copy into (its own region aside). */
function vaultRegionsMissed(plan: Located, inEnv: readonly Located[]): string[] {
  const vaults = inEnv.filter((v) => v.type === 'aws_backup_vault' && v.region !== plan.region);
  const regions = [...new Set(vaults.map((v) => v.region))];
  return regions.filter((region) =>
    blocks(plan.body.rule).some(
      (rule) =>
        !blocks(rule.copy_action).some((copy) => {
          const arn = copy.destination_vault_arn;
          return typeof arn === 'string' && vaults.some((v) => v.region === region && arn.includes(`${v.type}.${v.name}.`));
        }),
    ),
  );
}

/**
 * In a production environment with more than one region, every stateful
 * resource has a copy in another region (a replica, bucket replication, a
 * global-cluster member, or a tag selecting it into a backup plan that copies
 * cross-region), and every backup plan copies into the vault of every other
 * region, so whichever region a failover goes to holds the recovery points; a
 * `DisasterRecoveryExemption` tag says why a resource needs no copy.
 */
export const productionDataCopiedCrossRegion: OutputRule = {
  id: CROSS_REGION_COPY_RULE,
  types: [...COPIED_TYPES, 'aws_backup_plan'],
  check: (index, { config }) => {
    const all = locatedResources(index);
    const violations: OutputViolation[] = [];
    const production = Object.entries(config.environments).filter(
      ([, env]) => env.tier === 'production' && env.regions.replicas.length > 0,
    );
    for (const [envName, env] of production) {
      const inEnv = all.filter((r) => r.envName === envName);
      for (const r of inEnv) {
        if (r.type === 'aws_backup_plan') {
          if (!copiesElsewhere(r, inEnv)) {
            const peers = environmentRegions(env).filter((region) => region !== r.region);
            violations.push({
              where: where(r),
              detail: `a rule of this production plan has no copy_action into another region's vault; copy into the ${peers.join(' or ')} vault`,
            });
          } else {
            const missed = vaultRegionsMissed(r, inEnv);
            if (missed.length > 0) {
              violations.push({
                where: where(r),
                detail: `a rule of this production plan copies into no vault of ${missed.join(', ')}; add a copy_action into the ${missed.join(' and ')} vault, so a failover there finds the recovery points`,
              });
            }
          }
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
