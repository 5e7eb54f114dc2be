import { blocksOf, literal, placeOf, stringsIn, text, type Body, type Place, type StackIndex } from '../terraform.js';
import { arnAccount, arnNamed, literalArns, type Named } from './arn.js';
import { isAwsProvidedData } from './aws-provided.js';

/** Something a stack names that must exist when it applies. */
export interface ExternalReference extends Named {
  readonly stack: string;
  /** `type.name`, `data.type.name`, `provider.aws.<alias>` or `terraform.backend.s3`. */
  readonly address: string;
  /** The account it must exist in. */
  readonly account: string;
}

/** A data source type the index does not know: it cannot tell what the lookup needs. */
export interface UnindexedLookup {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
}

const arnIn = (value: unknown, place: Place, kind: (named: Named) => Named = (n) => n): (Named & { account: string }) | undefined => {
  const arn = literal(value);
  const named = arn ? arnNamed(arn) : undefined;
  return named && arn ? { ...kind(named), account: arnAccount(arn) ?? place.account } : undefined;
};

const at = (place: Place, named: Named | undefined) => (named ? { ...named, account: place.account } : undefined);

/** Name or ARN of a secret, as `secret_id`/`name`/`arn` take either. */
function secretNamed(id: unknown, place: Place): (Named & { account: string }) | undefined {
  const value = literal(id);
  if (!value) return undefined;
  if (value.startsWith('arn:')) return arnIn(value, place);
  return at(place, {
    kind: 'secret-value-filled-out-of-band',
    identifier: `arn:aws:secretsmanager:${place.region}:${place.account}:secret:${value}`,
  });
}

/** What each indexed data source looks up, from its literal arguments; `undefined` when computed in the same apply. */
const DATA_LOOKUPS: Readonly<Record<string, (b: Body, p: Place) => (Named & { account: string }) | undefined>> = {
  aws_route53_zone: (b, p) => {
    const id = literal(b.zone_id) ?? literal(b.name)?.replace(/\.$/, '');
    return at(p, id ? { kind: 'route53-zone', identifier: id } : undefined);
  },
  aws_acm_certificate: (b, p) =>
    at(p, literal(b.domain) ? { kind: 'acm-certificate', identifier: text(b.domain), region: p.region } : undefined),
  aws_eks_cluster: (b, p) =>
    at(
      p,
      literal(b.name) ? { kind: 'aws-resource', identifier: `arn:aws:eks:${p.region}:${p.account}:cluster/${text(b.name)}` } : undefined,
    ),
  aws_iam_role: (b, p) => (literal(b.name) ? arnIn(`arn:aws:iam::${p.account}:role/${text(b.name)}`, p) : undefined),
  aws_iam_policy: (b, p) =>
    literal(b.arn) ? arnIn(b.arn, p) : literal(b.name) ? arnIn(`arn:aws:iam::${p.account}:policy/${text(b.name)}`, p) : undefined,
  aws_secretsmanager_secret: (b, p) => secretNamed(b.arn ?? b.name, p),
  aws_secretsmanager_secret_version: (b, p) => secretNamed(b.secret_id, p),
  aws_ssm_parameter: (b, p) =>
    literal(b.name) ? arnIn(`arn:aws:ssm:${p.region}:${p.account}:parameter/${text(b.name).replace(/^\//, '')}`, p) : undefined,
  aws_kms_alias: (b, p) => (literal(b.name) ? arnIn(`arn:aws:kms:${p.region}:${p.account}:${text(b.name)}`, p) : undefined),
  aws_s3_bucket: (b, p) => at(p, literal(b.bucket) ? { kind: 's3-bucket', identifier: text(b.bucket) } : undefined),
  aws_sns_topic: (b, p) => (literal(b.name) ? arnIn(`arn:aws:sns:${p.region}:${p.account}:${text(b.name)}`, p) : undefined),
  aws_sqs_queue: (b, p) => (literal(b.name) ? arnIn(`arn:aws:sqs:${p.region}:${p.account}:${text(b.name)}`, p) : undefined),
  terraform_remote_state: (b, p) => {
    const config = (b.config ?? {}) as Body;
    return b.backend === 's3' ? at(p, { kind: 'terraform-state', identifier: `${text(config.bucket)}/${text(config.key)}` }) : undefined;
  },
  github_team: (b, p) => at(p, literal(b.slug) ? { kind: 'github-team', identifier: text(b.slug) } : undefined),
};

/** Resource arguments that name, by a plain name, something the resource does not create. */
const NAMED_ARGUMENTS: Readonly<Record<string, (b: Body) => Named | undefined>> = {
  github_team_repository: (b) => {
    const team = literal(b.team_id);
    return team && !/^\d+$/.test(team) ? { kind: 'github-team', identifier: team } : undefined;
  },
};

function arnReferences(stack: string, address: string, body: unknown, place: Place): ExternalReference[] {
  return stringsIn(body)
    .flatMap((s) => literalArns(s))
    .flatMap((arn) => {
      const named = arnIn(arn, place);
      return named ? [{ stack, address, ...named }] : [];
    });
}

/**
 * Everything one synthesized stack names outside itself: data-source lookups,
 * literal ARNs in resource, data and provider bodies (IAM policy JSON
 * included), names in resource arguments, and its S3 backend's bucket and key.
 */
export function stackReferences(index: StackIndex): { references: ExternalReference[]; unindexed: UnindexedLookup[] } {
  const { stack, places } = index;
  const home = places.get('aws') ?? { account: '', region: '' };
  const references: ExternalReference[] = [];
  const unindexed: UnindexedLookup[] = [];
  for (const [type, name, body] of blocksOf(stack, 'resource')) {
    const place = placeOf(places, body);
    const address = `${type}.${name}`;
    references.push(...arnReferences(stack.name, address, body, place));
    const named = NAMED_ARGUMENTS[type]?.(body);
    if (named) references.push({ stack: stack.name, address, ...named, account: place.account });
  }
  for (const [type, name, body] of blocksOf(stack, 'data')) {
    const place = placeOf(places, body);
    const address = `data.${type}.${name}`;
    references.push(...arnReferences(stack.name, address, body, place));
    if (isAwsProvidedData(type, body)) continue;
    const lookup = DATA_LOOKUPS[type];
    if (!lookup) {
      unindexed.push({ stack: stack.name, address, type });
      continue;
    }
    const named = lookup(body, place);
    if (named) references.push({ stack: stack.name, address, ...named });
  }
  for (const [providerName, configs] of Object.entries(stack.json.provider ?? {})) {
    for (const body of configs) {
      const alias = typeof body.alias === 'string' ? `${providerName}.${body.alias}` : providerName;
      references.push(...arnReferences(stack.name, `provider.${alias}`, body, placeOf(places, { provider: alias })));
    }
  }
  const backend = ((stack.json.terraform?.backend ?? {}) as Record<string, Body>).s3;
  if (backend) {
    const address = 'terraform.backend.s3';
    if (literal(backend.bucket))
      references.push({ stack: stack.name, address, kind: 's3-bucket', identifier: text(backend.bucket), account: home.account });
    const key = arnIn(backend.kms_key_id, home);
    if (key) references.push({ stack: stack.name, address, ...key });
  }
  return { references: dedupe(references), unindexed };
}

function dedupe(references: ExternalReference[]): ExternalReference[] {
  const seen = new Set<string>();
  return references.filter((r) => {
    const key = `${r.address} ${r.kind} ${r.identifier} ${r.account} ${r.region ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
