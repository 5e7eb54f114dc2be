import { accountPrerequisitesDeclared } from '../prerequisites/account-prerequisites-declared.js';
import { prerequisiteDeclarationsUsed } from '../prerequisites/prerequisite-declarations-used.js';
import type { OutputPack } from '../types.js';

/** What every stack of an account needs on an empty account: created by a stack, or declared (docs/security-compliance.md). */
export const accountPrerequisites: OutputPack = {
  name: 'account-prerequisites',
  target: 'output',
  entries: [
    {
      rule: accountPrerequisitesDeclared,
      severity: 'error',
      title: 'What a stack names exists on an empty account',
      rationale:
        'A data source, ARN or name that no stack of the account creates plans nowhere but the account it was written against: the first apply on a new account fails, or a cluster waits for a secret that never syncs.',
      remediation:
        'create it in a stack of the same account, or declare it in config/values/prerequisites.ts with why and how to create it',
    },
    {
      rule: prerequisiteDeclarationsUsed,
      severity: 'warning',
      title: 'Declared prerequisites are needed',
      rationale:
        'A declaration nothing needs still asks whoever sets up an account to create it by hand (it is listed in the prerequisites report).',
      remediation: 'remove the declaration from config/values/prerequisites.ts',
    },
  ],
};
