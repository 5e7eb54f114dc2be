import { AutoscalingAttachment } from '@cdktf/provider-aws/lib/autoscaling-attachment';
import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { IngressLayout } from '../config/derive/api-layouts.js';
import { INGRESS_GATEWAY_PORTS, ORIGIN_VERIFY_HEADER, originVerifySecretName } from '../config/derive/endpoints.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import { DnsValidatedCertificate } from '../constructs/aws/dns-validated-certificate.js';
import { LOAD_BALANCER_LOG_PREFIX, LoadBalancerLogBucket } from '../constructs/aws/load-balancer-log-bucket.js';
import { OriginLoadBalancer } from '../constructs/aws/origin-load-balancer.js';
import { PlatformStack } from './platform-stack.js';

/** AWS-managed prefix list of CloudFront's origin-facing servers (IPv4). */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';
/** AWS-managed prefix list of the Route53 health checkers, per region. */
export const route53HealthCheckersPrefixList = (region: string) => `com.amazonaws.${region}.route53-healthchecks`;

/** What the ingress needs of its region's network and cluster stacks (their exports, not the stacks). */
export interface IngressSite {
  readonly network: { readonly vpcId: string; readonly publicSubnetIds: readonly string[] };
  readonly cluster: {
    /** Managed node groups without their own security groups run in the cluster security group. */
    readonly clusterSecurityGroupId: string;
    /** Each managed node group: its construct id (names the attachment) and its Auto Scaling group. */
    readonly nodeGroups: readonly { readonly id: string; readonly autoscalingGroupName: string }[];
  };
}

/** Hostnames and names come from config/derive/api-layouts.ts `ingressLayout`. */
export interface IngressStackProps extends IngressLayout {
  readonly environment: StackEnvironment;
  readonly region: AwsRegion;
  readonly site: IngressSite;
}

/**
 * `<env>-<region>-ingress`: how the public API reaches one region's cluster, all
 * of it in Terraform. An internet-facing ALB only CloudFront (and Route53's
 * health checkers) can reach, with a DNS-validated certificate for
 * `api-<region>.<domain>` and the failover name (CloudFront sends writes there),
 * forwarding requests that carry the origin-verify header to the Istio ingress
 * gateway's NodePort on the managed node groups, and the `api-<region>` record
 * pointing at it. Only environments behind the protected edge have one
 * (config/derive/endpoints.ts `hasRegionalIngress`).
 */
export class IngressStack extends PlatformStack {
  readonly origin: OriginLoadBalancer;

  constructor(scope: Construct, id: string, props: IngressStackProps) {
    super(scope, { environment: props.environment, region: props.region, kind: 'ingress', tags: { Service: 'ingress' } }, id);
    const { region, hostname, failoverName, site } = props;
    const envName = this.envName;

    const zone = new DataAwsRoute53Zone(this, 'zone', { name: props.zoneName, privateZone: false });
    const cloudfront = new DataAwsEc2ManagedPrefixList(this, 'cloudfront-origin-facing', { name: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST });
    const healthCheckers = new DataAwsEc2ManagedPrefixList(this, 'route53-health-checkers', {
      name: route53HealthCheckersPrefixList(region),
    });
    // Account prerequisite, replicated into every region of the environment: never in config or code.
    const originVerify = new DataAwsSecretsmanagerSecretVersion(this, 'origin-verify', { secretId: originVerifySecretName(envName) });

    const certificate = new DnsValidatedCertificate(this, 'certificate', {
      domainName: hostname,
      alternativeNames: [failoverName],
      zoneId: zone.zoneId,
    });
    const logs = new LoadBalancerLogBucket(this, 'access-logs', {
      bucketName: props.logBucketName,
      accountId: this.accountId,
      retentionDays: props.logRetentionDays,
      dataClass: 'network-logs',
    });
    this.origin = new OriginLoadBalancer(this, 'origin', {
      name: props.loadBalancerName,
      vpcId: site.network.vpcId,
      subnetIds: [...site.network.publicSubnetIds],
      certificateArn: certificate.certificateArn,
      cloudfrontPrefixListId: cloudfront.id,
      healthCheckerPrefixListId: healthCheckers.id,
      originVerify: { header: ORIGIN_VERIFY_HEADER, value: originVerify.secretString },
      healthCheckPath: props.healthCheckPath,
      nodes: {
        securityGroupId: site.cluster.clusterSecurityGroupId,
        trafficPort: INGRESS_GATEWAY_PORTS.http.nodePort,
        healthPort: INGRESS_GATEWAY_PORTS.status.nodePort,
        healthPath: INGRESS_GATEWAY_PORTS.status.path,
      },
      accessLogs: { bucket: logs.bucket.name, prefix: LOAD_BALANCER_LOG_PREFIX, dependsOn: [logs.policy] },
    });
    // Every managed node forwards the NodePort to a ready gateway pod (externalTrafficPolicy Cluster).
    for (const group of site.cluster.nodeGroups) {
      new AutoscalingAttachment(this, `targets-${group.id}`, {
        autoscalingGroupName: group.autoscalingGroupName,
        lbTargetGroupArn: this.origin.targetGroup.arn,
      });
    }

    new Route53Record(this, 'api-alias', {
      zoneId: zone.zoneId,
      name: hostname,
      type: 'A',
      alias: { name: this.origin.loadBalancer.dnsName, zoneId: this.origin.loadBalancer.zoneId, evaluateTargetHealth: false },
    });
    new TerraformOutput(this, 'load_balancer_arn', { value: this.origin.loadBalancer.arn });
    new TerraformOutput(this, 'api_hostname', { value: hostname });
  }
}
