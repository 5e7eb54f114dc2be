import type { OutputRule, OutputViolation } from '../types.js';
import { prerequisiteNeeds, type ExternalNeed } from './needs.js';

/** What is missing and how to fix it, for one undeclared reference. */
function undeclared(need: ExternalNeed): OutputViolation {
  const r = need.reference;
  const where = `${r.stack}/${r.address}`;
  if (r.kind === 'terraform-state') {
    return {
      where,
      detail: `reads remote state '${r.identifier}', which no stack keeps`,
      remediation: 'point it at the state key of an existing stack (<stack>/terraform.tfstate)',
    };
  }
  return {
    where,
    detail: `${r.kind} '${r.identifier}'${r.region ? ` in ${r.region}` : ''} is created by no stack of account ${r.account} and not declared in prerequisites.${need.envName}`,
    remediation:
      `create it in a stack of account ${r.account}, or declare it in config/values/prerequisites.ts ` +
      `({ kind: '${r.kind}', match: '${r.identifier}',${r.region ? ` region: '${r.region}',` : ''} why, create })`,
  };
}

/**
 * What a stack names (data sources, literal ARNs, names in arguments, its
 * backend) and what a cluster reads from its account (secrets ExternalSecrets
 * name) is created by a stack of the same account or declared in
 * config.prerequisites; a data source type the index cannot read fails too.
 */
export const accountPrerequisitesDeclared: OutputRule = {
  id: 'account-prerequisites-declared',
  types: ['*'],
  check: (index, { config }) => {
    const needs = prerequisiteNeeds(index, config);
    const violations: OutputViolation[] = [
      ...needs.unindexed.map((u) => ({
        where: `${u.stack}/${u.address}`,
        detail: `data source type ${u.type} is not indexed, so what it looks up cannot be checked`,
        remediation:
          'add what it looks up to policies/prerequisites/references.ts, or to the AWS-provided list in policies/prerequisites/aws-provided.ts if AWS owns it',
      })),
      ...needs.needs.filter((n) => n.declaration === undefined).map(undeclared),
    ];
    return violations.sort((a, b) => a.where.localeCompare(b.where) || a.detail.localeCompare(b.detail));
  },
};
