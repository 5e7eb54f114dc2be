import { blocks } from '../terraform.js';
import { verdictOf, type AwsContext, type AwsRule, type TfResource } from '../types.js';

const OPEN = ['0.0.0.0/0', '::/0'];

interface IngressRule {
  readonly cidrs: string[];
  readonly from: number;
  readonly to: number;
  readonly protocol: string;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

function ingressRules(r: TfResource): IngressRule[] {
  const rule = (b: Record<string, unknown>, cidrs: string[], protocol: unknown): IngressRule => ({
    cidrs,
    from: Number(b.from_port ?? -1),
    to: Number(b.to_port ?? -1),
    protocol: String(protocol ?? ''),
  });
  if (r.type === 'aws_security_group') {
    return blocks(r.body.ingress).map((b) => rule(b, [...strings(b.cidr_blocks), ...strings(b.ipv6_cidr_blocks)], b.protocol));
  }
  if (r.type === 'aws_security_group_rule') {
    return r.body.type === 'ingress'
      ? [rule(r.body, [...strings(r.body.cidr_blocks), ...strings(r.body.ipv6_cidr_blocks)], r.body.protocol)]
      : [];
  }
  return [rule(r.body, [...strings(r.body.cidr_ipv4), ...strings(r.body.cidr_ipv6)], r.body.ip_protocol)];
}

/** The security group a rule belongs to is attached to a load balancer of the same stack. */
function fronts(r: TfResource, ctx: AwsContext): boolean {
  const group = r.type === 'aws_security_group' ? r : ctx.resolve(r.body.security_group_id);
  if (!group) return false;
  return [...ctx.ofType('aws_lb'), ...ctx.ofType('aws_alb')].some((lb) =>
    strings(lb.body.security_groups).some((sg) => ctx.resolve(sg)?.address === group.address),
  );
}

/** Nothing is open to the internet, except a load balancer's HTTPS listener (TCP 443). */
export const ingressRestricted: AwsRule = {
  id: 'ingress-restricted',
  types: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  check: (r, ctx) => {
    const open = ingressRules(r).filter((i) => i.cidrs.some((c) => OPEN.includes(c)));
    const https = (i: IngressRule) => i.from === 443 && i.to === 443 && (i.protocol === 'tcp' || i.protocol === '6');
    const allowed = fronts(r, ctx);
    return verdictOf(
      open
        .filter((i) => !(allowed && https(i)))
        .map(
          (i) =>
            `ingress ${i.protocol} ${i.from}-${i.to} from ${i.cidrs.filter((c) => OPEN.includes(c)).join(', ')}${allowed ? '' : ' (not a load balancer)'}`,
        ),
    );
  },
};
