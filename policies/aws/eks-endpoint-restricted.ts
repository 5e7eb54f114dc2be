import { blocks } from '../terraform.js';
import { verdictOf, type AwsRule } from '../types.js';

const OPEN = ['0.0.0.0/0', '::/0'];

/** The API endpoint is private, or public only to named CIDRs (AWS defaults to public, 0.0.0.0/0). */
export const eksEndpointRestricted: AwsRule = {
  id: 'eks-endpoint-restricted',
  types: ['aws_eks_cluster'],
  check: (r) => {
    const vpc = blocks(r.body.vpc_config)[0] ?? {};
    if (vpc.endpoint_public_access === false || vpc.endpoint_public_access === 'false') return 'compliant';
    const cidrs = Array.isArray(vpc.public_access_cidrs) ? vpc.public_access_cidrs.map(String) : [];
    if (cidrs.length === 0) return verdictOf(['public endpoint without public_access_cidrs (open to 0.0.0.0/0)']);
    return verdictOf(cidrs.filter((c) => OPEN.includes(c)).map((c) => `public endpoint open to ${c}`));
  },
};
