import { CloudwatchLogDelivery } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery';
import { CloudwatchLogDeliveryDestination } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination';
import { CloudwatchLogDeliverySource } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-source';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { EdgeLayout } from '../config/derive/api-layouts.js';
import { ORIGIN_VERIFY_HEADER, originVerifySecretName } from '../config/derive/endpoints.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import { CLOUDFRONT_REGION } from '../config/reference/global-services.js';
import { ApiDistribution } from '../constructs/aws/api-distribution.js';
import { DnsValidatedCertificate } from '../constructs/aws/dns-validated-certificate.js';
import { EdgeWebAcl } from '../constructs/aws/edge-web-acl.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { PlatformStack } from './platform-stack.js';

/** Hostnames, origins and settings come from config/derive/api-layouts.ts `edgeLayout`. */
export interface EdgeStackProps extends EdgeLayout {
  readonly environment: StackEnvironment;
}

/**
 * `<env>-global-edge`: the protected edge of a production environment's public
 * API: CloudFront with regional failover (reads through an origin group, writes
 * through the DNS failover name), WAF, TLS 1.2+, the origin-verify header the
 * regional ingress requires, access logs kept per the retention table. CloudFront's certificate, WAF and log delivery live in
 * us-east-1 whatever the home region, hence the aliased provider.
 */
export class EdgeStack extends PlatformStack {
  readonly api: ApiDistribution;
  readonly waf: EdgeWebAcl;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, { environment: props.environment, region: 'global', kind: 'edge', tags: { Service: 'edge' } }, id);
    const envName = this.envName;
    const { settings, origins, writeOrigin, hostname } = props;
    const edgeProvider = this.providerFor(CLOUDFRONT_REGION);

    this.waf = new EdgeWebAcl(this, 'waf', { name: `${envName}-api-edge`, settings, provider: edgeProvider });
    const zone = new DataAwsRoute53Zone(this, 'zone', { name: props.zoneName, privateZone: false });
    // Created and DNS-validated here, so a fresh account needs only the zone; ACM renews it while the records exist.
    const certificate = new DnsValidatedCertificate(this, 'certificate', {
      domainName: hostname,
      zoneId: zone.zoneId,
      provider: edgeProvider,
    });
    // Account prerequisite (also read by every regional ingress): never in config or code.
    const originVerify = new DataAwsSecretsmanagerSecretVersion(this, 'origin-verify', { secretId: originVerifySecretName(envName) });
    this.api = new ApiDistribution(this, 'api', {
      hostname,
      primaryOrigin: origins.primary,
      // The origin group's second origin: the replica config names for read failover (config/derive/edge.ts).
      secondaryOrigin: origins.failover,
      writeOrigin,
      originVerify: { header: ORIGIN_VERIFY_HEADER, value: originVerify.secretString },
      certificateArn: certificate.certificateArn,
      webAclArn: this.waf.webAcl.arn,
      settings,
    });

    const logsKey = new CustomerKey(this, 'access-logs-key', {
      accountId: this.accountId,
      alias: `${envName}-api-edge-logs`,
      description: `CloudFront access logs of ${hostname}`,
      servicePrincipals: [`logs.${CLOUDFRONT_REGION}.amazonaws.com`],
      provider: edgeProvider,
    });
    // Client IPs and request lines of the public (cardholder-facing) API: network logs.
    const logGroup = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/aws/cloudfront/${envName}-api/access-logs`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: logsKey.arn,
      tags: { DataClass: 'network-logs' },
      provider: edgeProvider,
    });
    const source = new CloudwatchLogDeliverySource(this, 'access-log-source', {
      name: `${envName}-api-edge`,
      logType: 'ACCESS_LOGS',
      resourceArn: this.api.distribution.arn,
      provider: edgeProvider,
    });
    const destination = new CloudwatchLogDeliveryDestination(this, 'access-log-destination', {
      name: `${envName}-api-edge-logs`,
      outputFormat: 'json',
      deliveryDestinationConfiguration: [{ destinationResourceArn: logGroup.arn }],
      provider: edgeProvider,
    });
    new CloudwatchLogDelivery(this, 'access-log-delivery', {
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.arn,
      provider: edgeProvider,
    });

    // The public name clients use: an alias (A and AAAA) to the distribution, so all traffic meets the WAF.
    for (const type of ['A', 'AAAA'] as const) {
      new Route53Record(this, `api-alias-${type.toLowerCase()}`, {
        zoneId: zone.zoneId,
        name: hostname,
        type,
        alias: { name: this.api.distribution.domainName, zoneId: this.api.distribution.hostedZoneId, evaluateTargetHealth: false },
      });
    }

    new TerraformOutput(this, 'distribution_domain_name', { value: this.api.distribution.domainName });
    new TerraformOutput(this, 'distribution_hosted_zone_id', { value: this.api.distribution.hostedZoneId });
  }
}
