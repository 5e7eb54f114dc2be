import { verdictOf, type AwsRule } from '../types.js';
import { conditionEntries, grants, IDENTITY_POLICY_TYPES, identityStatements, ownershipTagKeys } from './identity-statements.js';

/** Tagging actions that can forge the ownership tag a delete or terminate condition trusts. */
const TAGGING = ['ec2:CreateTags', 'elasticloadbalancing:AddTags'];

/**
 * A tagging permission is safe when it cannot forge ownership: limited to the
 * create call (`ec2:CreateAction`/`elasticloadbalancing:CreateAction`), to
 * resources already carrying an ownership tag, or to tag keys that no
 * ownership condition of the same policy reads (`ForAllValues` on `aws:TagKeys`).
 */
export const iamTagOnCreateScoped: AwsRule = {
  id: 'iam-tag-on-create-scoped',
  types: IDENTITY_POLICY_TYPES,
  check: (r, ctx) => {
    const statements = identityStatements(r, ctx);
    const ownership = new Set(statements.flatMap(ownershipTagKeys));
    const problems = statements.flatMap((s) => {
      const actions = TAGGING.filter((a) => grants(s, a));
      if (actions.length === 0) return [];
      const entries = conditionEntries(s);
      if (entries.some(({ key }) => key.endsWith(':createaction'))) return [];
      if (ownershipTagKeys(s).length > 0) return [];
      const keys = entries.find(({ operator, key }) => operator.startsWith('ForAllValues:') && key === 'aws:tagkeys');
      if (keys && keys.values.every((k) => !ownership.has(k.toLowerCase()))) return [];
      return [
        `${actions.join(', ')} is allowed without an ec2:CreateAction condition or an ownership-tag condition${keys ? ' (its aws:TagKeys include an ownership tag)' : ''}`,
      ];
    });
    return verdictOf(problems);
  },
};
