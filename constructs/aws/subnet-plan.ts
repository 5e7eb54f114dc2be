import { formatCidr, parseCidr, subnet } from '../../config/derive/cidr.js';

export interface SubnetPlan {
  /** Node and pod subnets: three quarters of the VPC, one per AZ (pods take VPC IPs). */
  readonly private: [string, string, string];
  /** Load balancers and NAT gateways: /prefix+5 each. */
  readonly public: [string, string, string];
  /** Databases and other data stores, no route to the internet: /prefix+5 each. */
  readonly isolated: [string, string, string];
}

/** Cuts a VPC block into the nine subnets of a three-AZ network, deterministically. */
export function planSubnets(vpcCidr: string): SubnetPlan {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`planSubnets: '${vpcCidr}' is not a CIDR block`);
  const quarter = (i: number) => subnet(vpc, vpc.prefix + 2, i);
  const tail = quarter(3);
  const three = (f: (i: number) => string): [string, string, string] => [f(0), f(1), f(2)];
  return {
    private: three((i) => formatCidr(quarter(i))),
    public: three((i) => formatCidr(subnet(tail, vpc.prefix + 5, i))),
    isolated: three((i) => formatCidr(subnet(tail, vpc.prefix + 5, 4 + i))),
  };
}
