import { blocksOf, literal, placeOf, text, type Body, type Place, type StackIndex } from '../terraform.js';
import type { Named } from './arn.js';

/** Something a stack creates, named as references name it; `identifier` may hold `*`. */
export interface Created extends Named {
  readonly stack: string;
  readonly address: string;
  readonly account: string;
}

type Namer = (b: Body, p: Place) => Named | undefined;

const named = (kind: Named['kind'], value: unknown, identifier: (v: string) => string, region?: string): Named | undefined => {
  const v = literal(value);
  return v ? { kind, identifier: identifier(v), ...(region ? { region } : {}) } : undefined;
};

const iamPath = (b: Body) => literal(b.path) ?? '/';

/** The name or ARN of what each resource type creates, from its literal arguments. */
const CREATES: Readonly<Record<string, Namer>> = {
  aws_iam_role: (b, p) => named('iam-role', b.name, (n) => `arn:aws:iam::${p.account}:role${iamPath(b)}${n}`),
  // The role's name depends on the service; any role under its service path is the one it creates.
  aws_iam_service_linked_role: (b, p) =>
    named('service-linked-role', b.aws_service_name, (s) => `arn:aws:iam::${p.account}:role/aws-service-role/${s}/*`),
  aws_iam_policy: (b, p) => named('iam-policy', b.name, (n) => `arn:aws:iam::${p.account}:policy${iamPath(b)}${n}`),
  aws_iam_openid_connect_provider: (b, p) =>
    named('aws-resource', b.url, (u) => `arn:aws:iam::${p.account}:oidc-provider/${u.replace(/^https:\/\//, '')}`),
  aws_iam_instance_profile: (b, p) => named('aws-resource', b.name, (n) => `arn:aws:iam::${p.account}:instance-profile${iamPath(b)}${n}`),
  aws_s3_bucket: (b) => named('s3-bucket', b.bucket, (n) => n),
  aws_secretsmanager_secret: (b, p) =>
    named('secret-value-filled-out-of-band', b.name, (n) => `arn:aws:secretsmanager:${p.region}:${p.account}:secret:${n}`),
  aws_ssm_document: (b, p) => named('aws-resource', b.name, (n) => `arn:aws:ssm:${p.region}:${p.account}:document/${n}`),
  aws_ssm_parameter: (b, p) =>
    named('ssm-parameter', b.name, (n) => `arn:aws:ssm:${p.region}:${p.account}:parameter/${n.replace(/^\//, '')}`),
  aws_kms_alias: (b, p) => named('kms-alias', b.name, (n) => `arn:aws:kms:${p.region}:${p.account}:${n}`),
  aws_route53_zone: (b) => named('route53-zone', b.name, (n) => n.replace(/\.$/, '')),
  aws_acm_certificate: (b, p) => named('acm-certificate', b.domain_name, (n) => n, p.region),
  aws_sns_topic: (b, p) => named('aws-resource', b.name, (n) => `arn:aws:sns:${p.region}:${p.account}:${n}`),
  aws_sqs_queue: (b, p) => named('aws-resource', b.name, (n) => `arn:aws:sqs:${p.region}:${p.account}:${n}`),
  aws_cloudtrail: (b, p) => named('aws-resource', b.name, (n) => `arn:aws:cloudtrail:${p.region}:${p.account}:trail/${n}`),
  aws_eks_cluster: (b, p) => named('aws-resource', b.name, (n) => `arn:aws:eks:${p.region}:${p.account}:cluster/${n}`),
  aws_lambda_function: (b, p) => named('aws-resource', b.function_name, (n) => `arn:aws:lambda:${p.region}:${p.account}:function:${n}`),
  aws_cloudwatch_log_group: (b, p) => named('aws-resource', b.name, (n) => `arn:aws:logs:${p.region}:${p.account}:log-group:${n}`),
  aws_ecr_repository: (b, p) => named('aws-resource', b.name, (n) => `arn:aws:ecr:${p.region}:${p.account}:repository/${n}`),
  aws_backup_vault: (b, p) => named('aws-resource', b.name, (n) => `arn:aws:backup:${p.region}:${p.account}:backup-vault:${n}`),
};

/** Copies AWS keeps of a resource in other regions (a secret's `replica` blocks), named as references there name them. */
const REPLICAS: Readonly<Record<string, (b: Body, p: Place) => Named[]>> = {
  aws_secretsmanager_secret: (b, p) =>
    (Array.isArray(b.replica) ? (b.replica as Body[]) : []).flatMap((r) => {
      const region = literal(r.region);
      return region
        ? [named('secret-value-filled-out-of-band', b.name, (n) => `arn:aws:secretsmanager:${region}:${p.account}:secret:${n}`)].filter(
            (x): x is Named => !!x,
          )
        : [];
    }),
};

/**
 * What one synthesized stack creates, in the account and region of the
 * provider each resource uses, and its own state object in the S3 backend
 * (which other stacks read as remote state).
 */
export function stackCreations(index: StackIndex): Created[] {
  const { stack, places } = index;
  const created: Created[] = [];
  for (const [type, name, body] of blocksOf(stack, 'resource')) {
    const place = placeOf(places, body);
    const thing = CREATES[type]?.(body, place);
    if (thing) created.push({ stack: stack.name, address: `${type}.${name}`, account: place.account, ...thing });
    for (const copy of REPLICAS[type]?.(body, place) ?? [])
      created.push({ stack: stack.name, address: `${type}.${name}`, account: place.account, ...copy });
  }
  const backend = ((stack.json.terraform?.backend ?? {}) as Record<string, Body>).s3;
  if (backend) {
    const home = places.get('aws');
    created.push({
      stack: stack.name,
      address: 'terraform.backend.s3',
      account: home?.account ?? '',
      kind: 'terraform-state',
      identifier: `${text(backend.bucket)}/${text(backend.key)}`,
    });
  }
  return created;
}
