import type { Invariant } from './invariant.js';

/** Each data class is kept at least as long as every regulation requires and no longer than any allows. */
export const RETENTION_INVARIANTS: Invariant[] = [
  {
    id: 'retention-within-regulations',
    check: (c) =>
      Object.entries(c.retention).flatMap(([dataClass, policy]) =>
        policy.requirements.flatMap((r) => {
          const path = ['retention', dataClass, 'retentionDays'];
          if (r.minDays !== undefined && policy.retentionDays < r.minDays) {
            return [
              {
                path,
                message: `${policy.retentionDays} days is shorter than ${r.regulation} requires (${r.minDays}, ${r.reference}); raise it`,
              },
            ];
          }
          if (r.maxDays !== undefined && policy.retentionDays > r.maxDays) {
            return [
              {
                path,
                message: `${policy.retentionDays} days is longer than ${r.regulation} allows (${r.maxDays}, ${r.reference}); lower it`,
              },
            ];
          }
          return [];
        }),
      ),
  },
];
