import type { PrerequisiteKind } from '../../config/schema/prerequisites.js';
import { isAwsProvidedArn } from './aws-provided.js';

/** What a reference or a created resource is: a declarable kind, or another stack's state. */
export type ThingKind = PrerequisiteKind | 'terraform-state';

/** Something named by kind and identifier (an ARN, or a name for zones, certificates, buckets, teams). */
export interface Named {
  readonly kind: ThingKind;
  readonly identifier: string;
  /** Set for regional things named without an ARN (certificates). */
  readonly region?: string;
}

/** Every literal ARN in a string (a plain value or a policy document's JSON), interpolations excluded. */
export function literalArns(value: string): string[] {
  const found = value.match(/arn:aws[\w-]*:[^\s"',]+/g) ?? [];
  return found.filter((arn) => !arn.includes('${'));
}

const WILDCARD = /[*?]/;

/** IAM role paths look like `role/<path>/<name>`; service-linked roles live under `role/aws-service-role/`. */
function iamNamed(arn: string, resource: string): Named {
  if (resource.startsWith('role/aws-service-role/')) return { kind: 'service-linked-role', identifier: arn };
  if (resource.startsWith('role/')) return { kind: 'iam-role', identifier: arn };
  if (resource.startsWith('policy/')) return { kind: 'iam-policy', identifier: arn };
  return { kind: 'aws-resource', identifier: arn };
}

/**
 * What a literal ARN names, `undefined` when it names nothing to look for: an
 * AWS-provided thing, or a pattern (`key/*`, `role/tradesense-*`) that scopes
 * a policy rather than naming one resource. Secrets Manager's random suffix
 * (`name-*`, `name-??????`) and S3 object paths (`bucket/*`) still name one
 * secret or bucket.
 */
export function arnNamed(arn: string): Named | undefined {
  if (isAwsProvidedArn(arn)) return undefined;
  const [, , service = '', , account = '', ...rest] = arn.split(':');
  const resource = rest.join(':');
  if (service === 's3') {
    const bucket = resource.split('/')[0] ?? '';
    return bucket === '' || WILDCARD.test(bucket) ? undefined : { kind: 's3-bucket', identifier: bucket };
  }
  if (service === 'secretsmanager') {
    const base = arn.replace(/-(\*|\?{6})$/, '');
    return WILDCARD.test(base) ? undefined : { kind: 'secret-value-filled-out-of-band', identifier: base };
  }
  if (WILDCARD.test(resource) || account === 'aws') return undefined;
  switch (service) {
    case 'iam':
      return iamNamed(arn, resource);
    case 'ssm':
      return resource.startsWith('parameter/') ? { kind: 'ssm-parameter', identifier: arn } : { kind: 'aws-resource', identifier: arn };
    case 'kms':
      return resource.startsWith('alias/') ? { kind: 'kms-alias', identifier: arn } : { kind: 'aws-resource', identifier: arn };
    case 'route53':
      return resource.startsWith('hostedzone/')
        ? { kind: 'route53-zone', identifier: resource.slice('hostedzone/'.length) }
        : { kind: 'aws-resource', identifier: arn };
    default:
      return { kind: 'aws-resource', identifier: arn };
  }
}

/** The account an ARN names; S3 and Route53 ARNs name none (then the referencing account is meant). */
export function arnAccount(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** `*` matches any run of characters; everything else literally. */
export function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(value);
}
