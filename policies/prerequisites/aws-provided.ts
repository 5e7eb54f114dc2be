/**
 * What AWS provides in every account and region, so no stack creates it and no
 * one declares it. Kept explicit and small: anything else a stack names must be
 * created by a stack of the same account or declared in config.prerequisites.
 * (Service principals such as `logs.us-east-1.amazonaws.com` are not ARNs and
 * are never looked up.)
 */

type Body = Readonly<Record<string, unknown>>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

interface ProvidedData {
  /** What the data source reads that always exists. */
  readonly what: string;
  /** Only these lookups (by their arguments) are AWS-provided. @default every lookup of the type */
  readonly when?: (body: Body) => boolean;
}

/** Data sources that read the caller, the region or AWS-owned catalogues. */
export const AWS_PROVIDED_DATA: Readonly<Record<string, ProvidedData>> = {
  aws_caller_identity: { what: 'the calling identity' },
  aws_partition: { what: 'the partition' },
  aws_region: { what: 'the region' },
  aws_availability_zones: { what: "the region's availability zones" },
  aws_availability_zone: { what: 'one availability zone' },
  aws_iam_policy_document: { what: 'a policy rendered locally' },
  aws_eks_addon_version: { what: "EKS's add-on version catalogue" },
  aws_elb_service_account: { what: "the region's Elastic Load Balancing account (writes ALB access logs)" },
  aws_ec2_managed_prefix_list: { what: 'an AWS-managed prefix list', when: (b) => text(b.name).startsWith('com.amazonaws.') },
  aws_ami: { what: 'an Amazon-published AMI', when: (b) => list(b.owners).every((o) => o === 'amazon') && list(b.owners).length > 0 },
  aws_ssm_parameter: { what: 'an AWS public parameter', when: (b) => text(b.name).startsWith('/aws/service/') },
  aws_kms_alias: { what: 'an AWS-managed key alias', when: (b) => text(b.name).startsWith('alias/aws/') },
  aws_iam_policy: { what: 'an AWS-managed policy', when: (b) => text(b.arn).startsWith('arn:aws:iam::aws:policy/') },
  aws_cloudfront_cache_policy: { what: 'a CloudFront managed cache policy', when: (b) => text(b.name).startsWith('Managed-') },
  aws_cloudfront_origin_request_policy: {
    what: 'a CloudFront managed origin request policy',
    when: (b) => text(b.name).startsWith('Managed-'),
  },
  aws_cloudfront_response_headers_policy: {
    what: 'a CloudFront managed response headers policy',
    when: (b) => text(b.name).startsWith('Managed-'),
  },
};

/** True when a data block reads only what AWS provides. */
export function isAwsProvidedData(type: string, body: Body): boolean {
  const entry = AWS_PROVIDED_DATA[type];
  return entry !== undefined && (entry.when?.(body) ?? true);
}

/** Literal ARNs that name AWS-owned things, or the account itself. */
export const AWS_PROVIDED_ARNS: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /^arn:aws:iam::aws:policy\//, what: 'AWS managed policies' },
  { pattern: /^arn:aws:eks::aws:cluster-access-policy\//, what: 'EKS access policies' },
  { pattern: /^arn:aws:securityhub:[a-z0-9-]+::standards\//, what: 'Security Hub standards' },
  { pattern: /^arn:aws:ssm:[a-z0-9-]+::parameter\/aws\/service\//, what: 'AWS public parameters' },
  { pattern: /^arn:aws:ec2:[a-z0-9-]+::image\//, what: 'public AMIs' },
  { pattern: /^arn:aws:ec2:[a-z0-9-]+:aws:prefix-list\//, what: 'AWS-managed prefix lists' },
  { pattern: /^arn:aws:iam::\d{12}:root$/, what: 'the account principal itself' },
];

export const isAwsProvidedArn = (arn: string): boolean => AWS_PROVIDED_ARNS.some((a) => a.pattern.test(arn));
