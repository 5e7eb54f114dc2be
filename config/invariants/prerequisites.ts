import type { ConfigProblem } from '../errors.js';
import type { PlatformConfig } from '../schema/platform.js';
import type { PrerequisiteKind } from '../schema/prerequisites.js';
import type { Invariant } from './invariant.js';

const sorted = (record: Record<string, unknown>) => Object.keys(record).sort();

/** How `match` must read for each kind: an ARN of the right shape, or a plain name. */
const MATCH_SHAPES: Record<PrerequisiteKind, { readonly pattern: RegExp; readonly example: string }> = {
  'iam-role': {
    pattern: /^arn:aws:iam::\d{12}:role\/(?!aws-service-role\/)[\w+=,.@/*-]+$/,
    example: 'arn:aws:iam::123456789012:role/platform-admin',
  },
  'service-linked-role': {
    pattern: /^arn:aws:iam::\d{12}:role\/aws-service-role\/[a-z0-9.-]+\.amazonaws\.com\/[\w+=,.@*-]+$/,
    example: 'arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
  },
  'iam-policy': { pattern: /^arn:aws:iam::\d{12}:policy\/[\w+=,.@/*-]+$/, example: 'arn:aws:iam::123456789012:policy/name' },
  'route53-zone': { pattern: /^(?!arn:)[a-z0-9*][a-z0-9.*-]*[a-z0-9]$/, example: 'tradesense.io' },
  'acm-certificate': { pattern: /^(?!arn:)[a-z0-9*][a-z0-9.*-]*[a-z0-9]$/, example: 'api.tradesense.io' },
  'secret-value-filled-out-of-band': {
    pattern: /^arn:aws:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@!*-]+$/,
    example: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/name',
  },
  'ssm-parameter': {
    pattern: /^arn:aws:ssm:[a-z0-9-]+:\d{12}:parameter\/[\w/.*-]+$/,
    example: 'arn:aws:ssm:us-east-1:123456789012:parameter/name',
  },
  'kms-alias': { pattern: /^arn:aws:kms:[a-z0-9-]+:\d{12}:alias\/[\w/*-]+$/, example: 'arn:aws:kms:us-east-1:123456789012:alias/name' },
  's3-bucket': { pattern: /^(?!arn:)[a-z0-9*][a-z0-9.*-]{1,62}$/, example: 'bucket-name' },
  'github-team': { pattern: /^(?!arn:)[a-z0-9*][a-z0-9*-]*$/, example: 'platform' },
  'aws-resource': { pattern: /^arn:aws:[a-z0-9-]+:/, example: 'arn:aws:<service>:<region>:<account>:<resource>' },
};

/** Cross-field rules of config.prerequisites; spread into INVARIANTS. */
export const PREREQUISITE_INVARIANTS: Invariant[] = [
  {
    id: 'prerequisites-cover-every-environment',
    check: (c: PlatformConfig) => [
      ...sorted(c.environments)
        .filter((name) => !(name in c.prerequisites))
        .map((name) => ({
          path: ['prerequisites', name],
          message: `environment '${name}' has no prerequisites list; add prerequisites.${name} (an empty list when its account needs nothing)`,
        })),
      ...sorted(c.prerequisites)
        .filter((name) => !(name in c.environments))
        .map((name) => ({
          path: ['prerequisites', name],
          message: `unknown environment '${name}'; use one of ${sorted(c.environments).join(', ')}`,
        })),
    ],
  },
  {
    id: 'prerequisite-match-shape',
    check: (c: PlatformConfig) =>
      sorted(c.prerequisites).flatMap((env) =>
        (c.prerequisites[env] ?? []).flatMap((p, i): ConfigProblem[] => {
          const shape = MATCH_SHAPES[p.kind];
          const path = ['prerequisites', env, i];
          const problems: ConfigProblem[] = [];
          if (!shape.pattern.test(p.match)) {
            problems.push({
              path: [...path, 'match'],
              message: `'${p.match}' does not read as a ${p.kind}; write it as the stacks do, e.g. ${shape.example}`,
            });
          }
          if (p.kind === 'acm-certificate' && !p.region) {
            problems.push({ path: [...path, 'region'], message: 'a certificate is regional: set region (us-east-1 for CloudFront)' });
          }
          return problems;
        }),
      ),
  },
  {
    id: 'prerequisites-unique',
    check: (c: PlatformConfig) =>
      sorted(c.prerequisites).flatMap((env) => {
        const keys = (c.prerequisites[env] ?? []).map((p) => `${p.kind} ${p.match} ${p.region ?? ''}`);
        return keys.flatMap((key, i) =>
          keys.indexOf(key) === i ? [] : [{ path: ['prerequisites', env, i], message: `${key.trim()} is declared twice; keep one entry` }],
        );
      }),
  },
];
