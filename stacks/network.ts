import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { clusterFacts } from '../config/derive/facts.js';
import { retentionDays } from '../config/derive/retention.js';
import type { ClusterTarget } from '../config/derive/targets.js';
import { availabilityZones } from '../config/reference/aws-regions.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { NetworkVpc } from '../constructs/aws/vpc.js';
import { PlatformStack } from './platform-stack.js';

/** `<env>-<region>-network`: the VPC the region's cluster and data stores live in. */
export class NetworkStack extends PlatformStack {
  readonly network: NetworkVpc;
  /** Key for this region's CloudWatch log groups (flow logs, EKS control plane). */
  readonly logsKey: CustomerKey;

  constructor(scope: Construct, config: PlatformConfig, target: ClusterTarget) {
    super(scope, { config, envName: target.envName, region: target.region, kind: 'network', tags: { Service: 'network' } });
    const facts = clusterFacts(config, target);
    this.logsKey = new CustomerKey(this, 'logs-key', {
      accountId: this.accountId,
      alias: `${target.envName}-${target.region}-logs`,
      description: `CloudWatch Logs of ${target.envName} in ${target.region}`,
      servicePrincipals: [`logs.${target.region}.amazonaws.com`],
    });
    this.network = new NetworkVpc(this, 'vpc', {
      name: facts.stackPrefix,
      region: target.region,
      cidr: target.spec.vpcCidr,
      availabilityZones: availabilityZones(target.region),
      natGateways: target.env.network.natGateways,
      flowLogRetentionDays: retentionDays(config, 'network-logs'),
      logsKeyArn: this.logsKey.arn,
      clusterName: facts.clusterName,
    });
    new TerraformOutput(this, 'vpc_id', { value: this.network.vpc.id });
    new TerraformOutput(this, 'private_subnet_ids', { value: this.network.privateSubnets.map((s) => s.id) });
    new TerraformOutput(this, 'isolated_subnet_ids', { value: this.network.isolatedSubnets.map((s) => s.id) });
  }
}
