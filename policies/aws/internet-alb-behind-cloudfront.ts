import { ORIGIN_VERIFY_HEADER } from '../../config/derive/endpoints.js';
import { blocks, isTrue } from '../terraform.js';
import { verdictOf, type AwsContext, type AwsRule, type TfResource } from '../types.js';

/** AWS-managed prefix lists an internet-facing ALB may admit: CloudFront's origin-facing servers, Route53's health checkers. */
const CLOUDFRONT_LIST = /^com\.amazonaws\.global\.(ipv6\.)?cloudfront\.origin-facing$/;
const HEALTH_CHECKER_LIST = /^com\.amazonaws\.[a-z0-9-]+\.(ipv6\.)?route53-healthchecks$/;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);
const refersTo = (ctx: AwsContext, value: unknown, target: TfResource) => ctx.resolve(value)?.address === target.address;

/** Every source a security group admits, as `prefix-list:<name>` or the raw CIDR / group it names. */
function sourcesOf(group: TfResource, ctx: AwsContext): string[] {
  const prefixList = (id: unknown) => {
    const list = ctx.resolve(id);
    return list?.type === 'data.aws_ec2_managed_prefix_list' ? `prefix-list:${String(list.body.name)}` : `prefix list ${String(id)}`;
  };
  const inline = blocks(group.body.ingress).flatMap((b) => [
    ...strings(b.cidr_blocks),
    ...strings(b.ipv6_cidr_blocks),
    ...strings(b.prefix_list_ids).map(prefixList),
    ...strings(b.security_groups).map((g) => `security group ${g}`),
  ]);
  const rules = ctx
    .ofType('aws_vpc_security_group_ingress_rule')
    .filter((r) => refersTo(ctx, r.body.security_group_id, group))
    .flatMap((r) => [
      ...strings(r.body.cidr_ipv4),
      ...strings(r.body.cidr_ipv6),
      ...strings(r.body.prefix_list_id).map(prefixList),
      ...strings(r.body.referenced_security_group_id).map((g) => `security group ${g}`),
    ]);
  const legacy = ctx
    .ofType('aws_security_group_rule')
    .filter((r) => r.body.type === 'ingress' && refersTo(ctx, r.body.security_group_id, group))
    .flatMap((r) => [
      ...strings(r.body.cidr_blocks),
      ...strings(r.body.ipv6_cidr_blocks),
      ...strings(r.body.prefix_list_ids).map(prefixList),
      ...strings(r.body.source_security_group_id).map((g) => `security group ${g}`),
    ]);
  return [...inline, ...rules, ...legacy];
}

const forwards = (actions: unknown) =>
  blocks(actions).some((a) => a.type === 'forward' || a.target_group_arn !== undefined || blocks(a.forward).length > 0);

/** Listener rules that forward without checking the origin-verify header, except one on the exact health-check path. */
function unverifiedForwards(lb: TfResource, ctx: AwsContext): string[] {
  const envName = lb.stack.split('-')[0] ?? '';
  const healthPath = ctx.config.data[envName]?.dnsFailover?.healthCheck.path;
  const listeners = [...ctx.ofType('aws_lb_listener'), ...ctx.ofType('aws_alb_listener')].filter((l) =>
    refersTo(ctx, l.body.load_balancer_arn, lb),
  );
  return listeners.flatMap((listener) => {
    const problems = forwards(listener.body.default_action)
      ? [`${listener.address} forwards by default, without the ${ORIGIN_VERIFY_HEADER} header`]
      : [];
    const rules = [...ctx.ofType('aws_lb_listener_rule'), ...ctx.ofType('aws_alb_listener_rule')].filter(
      (r) => refersTo(ctx, r.body.listener_arn, listener) && forwards(r.body.action),
    );
    for (const rule of rules) {
      const conditions = blocks(rule.body.condition);
      const verified = conditions.some((c) =>
        blocks(c.http_header).some((h) => String(h.http_header_name).toLowerCase() === ORIGIN_VERIFY_HEADER.toLowerCase()),
      );
      const paths = conditions.flatMap((c) => blocks(c.path_pattern)).flatMap((p) => strings(p.values));
      const healthOnly = healthPath !== undefined && paths.length > 0 && paths.every((p) => p === healthPath);
      if (!verified && !healthOnly) problems.push(`${rule.address} forwards without the ${ORIGIN_VERIFY_HEADER} header`);
    }
    return problems;
  });
}

/**
 * An internet-facing ALB is reachable only through CloudFront: its security
 * groups admit nothing but CloudFront's origin-facing prefix list (and
 * Route53's health checkers), and its listeners forward only requests carrying
 * the origin-verify header (or the ALB has a regional WAF association), so no
 * client can bypass the edge's WAF, geo and rate rules.
 */
export const internetAlbBehindCloudfront: AwsRule = {
  id: 'internet-alb-behind-cloudfront',
  types: ['aws_lb', 'aws_alb'],
  check: (lb, ctx) => {
    if (isTrue(lb.body.internal) || (lb.body.load_balancer_type !== undefined && lb.body.load_balancer_type !== 'application'))
      return 'not-applicable';
    const groups = strings(lb.body.security_groups).map((id) => ({ id, group: ctx.resolve(id) }));
    const problems = groups
      .filter((g) => g.group?.type !== 'aws_security_group')
      .map((g) => `security group ${g.id} is not in this stack, so what it admits is unknown`);
    const sources = groups.flatMap((g) =>
      g.group?.type === 'aws_security_group' ? sourcesOf(g.group, ctx).map((s) => ({ group: g.group?.address ?? '', s })) : [],
    );
    for (const { group, s } of sources) {
      const list = s.startsWith('prefix-list:') ? s.slice('prefix-list:'.length) : undefined;
      if (!list || !(CLOUDFRONT_LIST.test(list) || HEALTH_CHECKER_LIST.test(list))) problems.push(`${group} admits ${s}`);
    }
    if (!sources.some(({ s }) => CLOUDFRONT_LIST.test(s.slice('prefix-list:'.length))))
      problems.push('no security group admits the CloudFront origin-facing prefix list');
    const wafAssociated = ctx.ofType('aws_wafv2_web_acl_association').some((a) => refersTo(ctx, a.body.resource_arn, lb));
    if (!wafAssociated) problems.push(...unverifiedForwards(lb, ctx));
    return verdictOf(problems);
  },
};
