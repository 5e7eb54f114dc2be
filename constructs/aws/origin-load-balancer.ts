import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** TLS 1.2 and 1.3 only (the ELB policy AWS recommends for HTTPS listeners). */
export const ORIGIN_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

export interface OriginLoadBalancerProps {
  /** Name of the load balancer, its target group and security groups (at most 32 characters). */
  readonly name: string;
  readonly vpcId: string;
  /** Public subnets, one per AZ. */
  readonly subnetIds: string[];
  readonly certificateArn: string;
  /** Managed prefix lists admitted on 443: CloudFront's origin-facing servers, and the Route53 health checkers. */
  readonly cloudfrontPrefixListId: string;
  readonly healthCheckerPrefixListId: string;
  /** The header CloudFront adds to every origin request, and its secret value. */
  readonly originVerify: { readonly header: string; readonly value: string };
  /** The one path served without the header: Route53 health checkers cannot send it. */
  readonly healthCheckPath: string;
  /** The nodes: their security group, the traffic NodePort, and the NodePort and path of the target health check. */
  readonly nodes: {
    readonly securityGroupId: string;
    readonly trafficPort: number;
    readonly healthPort: number;
    readonly healthPath: string;
  };
  readonly accessLogs: { readonly bucket: string; readonly prefix: string; readonly dependsOn: ITerraformDependable[] };
}

const tcp = (port: number) => ({ ipProtocol: 'tcp', fromPort: port, toPort: port });

/**
 * The internet-facing origin CloudFront calls in one region: an ALB in the
 * public subnets that only CloudFront's origin-facing servers (and Route53's
 * health checkers) can reach, TLS 1.2+, refusing every request without the
 * origin-verify header except the health path, forwarding to the cluster's
 * nodes on a fixed NodePort; the nodes admit it on that port and the health
 * port only. Deletion protection and access logs on.
 */
export class OriginLoadBalancer extends Construct {
  readonly loadBalancer: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly listener: LbListener;
  readonly securityGroups: { readonly edge: SecurityGroup; readonly healthCheckers: SecurityGroup };

  constructor(scope: Construct, id: string, props: OriginLoadBalancerProps) {
    super(scope, id);
    if (!/^[a-zA-Z0-9-]{1,32}$/.test(props.name)) {
      throw new Error(
        `OriginLoadBalancer '${props.name}': load balancer and target group names are 1-32 letters, digits and hyphens; shorten it`,
      );
    }
    if (/^-|-$|^internal-/.test(props.name)) {
      throw new Error(
        `OriginLoadBalancer '${props.name}': load balancer and target group names may not start or end with a hyphen, nor start with 'internal-'; rename it`,
      );
    }
    const { nodes } = props;
    // Two groups: a prefix list counts as its maximum entries against the rules quota (CloudFront 55, Route53 25, quota 60).
    const group = (key: string, description: string) =>
      new SecurityGroup(this, `${key}-sg`, {
        name: `${props.name}-${key}`,
        description,
        vpcId: props.vpcId,
        tags: { Name: `${props.name}-${key}` },
      });
    const edge = group('edge', 'HTTPS from CloudFront origin-facing servers only; to the nodes on the ingress NodePorts');
    const healthCheckers = group('health-checkers', 'HTTPS from Route53 health checkers only');
    this.securityGroups = { edge, healthCheckers };
    new VpcSecurityGroupIngressRule(this, 'edge-from-cloudfront', {
      securityGroupId: edge.id,
      description: 'CloudFront origin-facing servers',
      prefixListId: props.cloudfrontPrefixListId,
      ...tcp(443),
    });
    new VpcSecurityGroupIngressRule(this, 'health-from-route53', {
      securityGroupId: healthCheckers.id,
      description: 'Route53 health checkers',
      prefixListId: props.healthCheckerPrefixListId,
      ...tcp(443),
    });
    for (const [key, port] of [
      ['traffic', nodes.trafficPort],
      ['health', nodes.healthPort],
    ] as const) {
      new VpcSecurityGroupEgressRule(this, `edge-to-nodes-${key}`, {
        securityGroupId: edge.id,
        description: `Ingress gateway NodePort (${key})`,
        referencedSecurityGroupId: nodes.securityGroupId,
        ...tcp(port),
      });
      new VpcSecurityGroupIngressRule(this, `nodes-from-edge-${key}`, {
        securityGroupId: nodes.securityGroupId,
        description: `${props.name} load balancer to the ingress gateway NodePort (${key})`,
        referencedSecurityGroupId: edge.id,
        ...tcp(port),
      });
    }

    this.loadBalancer = new Lb(this, 'load-balancer', {
      name: props.name,
      loadBalancerType: 'application',
      internal: false,
      subnets: props.subnetIds,
      securityGroups: [edge.id, healthCheckers.id],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: true,
      accessLogs: { bucket: props.accessLogs.bucket, prefix: props.accessLogs.prefix, enabled: true },
      dependsOn: props.accessLogs.dependsOn,
    });
    this.targetGroup = new LbTargetGroup(this, 'target-group', {
      name: props.name,
      targetType: 'instance',
      protocol: 'HTTP',
      port: nodes.trafficPort,
      vpcId: props.vpcId,
      // The gateway drains in-flight requests within its 30 s termination grace period.
      deregistrationDelay: '30',
      healthCheck: {
        protocol: 'HTTP',
        port: String(nodes.healthPort),
        path: nodes.healthPath,
        matcher: '200',
        interval: 10,
        healthyThreshold: 2,
        unhealthyThreshold: 2,
      },
    });
    const forward = [{ type: 'forward', targetGroupArn: this.targetGroup.arn }];
    this.listener = new LbListener(this, 'https', {
      loadBalancerArn: this.loadBalancer.arn,
      protocol: 'HTTPS',
      port: 443,
      sslPolicy: ORIGIN_TLS_POLICY,
      certificateArn: props.certificateArn,
      // Whatever did not come through CloudFront is refused.
      defaultAction: [
        { type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '403', messageBody: 'Forbidden' } },
      ],
    });
    new LbListenerRule(this, 'from-cloudfront', {
      listenerArn: this.listener.arn,
      priority: 10,
      condition: [{ httpHeader: { httpHeaderName: props.originVerify.header, values: [props.originVerify.value] } }],
      action: forward,
    });
    new LbListenerRule(this, 'health-check', {
      listenerArn: this.listener.arn,
      priority: 20,
      condition: [{ pathPattern: { values: [props.healthCheckPath] } }],
      action: forward,
    });
  }
}
