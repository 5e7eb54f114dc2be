import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { failoverApiHostname, failoverGateAlarmName, failoverGateDimensions, failoverGateMetric, regionalApiHostname } from '../config/derive/endpoints.js';
import { soleReplica } from '../config/derive/regions.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import { ROUTE53_METRICS_REGION } from '../config/reference/global-services.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { AlertTopic } from '../constructs/aws/alert-topic.js';
import { FailoverGate } from '../constructs/aws/failover-gate.js';
import { EndpointHealthCheck } from '../constructs/aws/health-check.js';
import { PlatformStack } from './platform-stack.js';

/** Name of a region's health check and alarm (the runbook reads it too). */
export function healthCheckName(envName: string, region: string): string {
  return `${envName}-${region}-api`;
}

/**
 * `<env>-global-dns-failover`: Route53 health checks on each region's API
 * hostname (the regional ingress, stacks/ingress.ts), a manual failover gate per
 * region whose alarm lives in the other region, and a PRIMARY/SECONDARY failover
 * record pair answering with the region whose endpoint is healthy and whose gate
 * is open. Health alarms live where Route53 publishes its metrics (us-east-1);
 * failing over needs none of them.
 */
export class DnsFailoverStack extends PlatformStack {
  readonly checks = new Map<AwsRegion, EndpointHealthCheck>();
  readonly gates = new Map<AwsRegion, FailoverGate>();

  constructor(scope: Construct, config: PlatformConfig, envName: string) {
    super(scope, { config, envName, region: 'global', kind: 'dns-failover', tags: { Service: 'dns' } });
    const env = config.environments[envName];
    const dns = config.data[envName]?.dnsFailover;
    const replica = env && soleReplica(envName, env, 'DNS failover');
    const name = failoverApiHostname(config, envName);
    if (!env || !dns || !replica || !name) {
      throw new Error(`stack ${this.node.id}: needs data.${envName}.dnsFailover and a region in environments.${envName}.regions.replicas in config`);
    }
    const metricsProvider = this.providerFor(ROUTE53_METRICS_REGION);
    const topic = new AlertTopic(this, 'alerts', {
      accountId: this.accountId,
      topicName: `${config.organization.name}-${envName}-dns-alerts`,
      publishers: ['cloudwatch.amazonaws.com'],
      emails: [env.owner.contact],
      provider: metricsProvider,
    });
    const zone = new DataAwsRoute53Zone(this, 'zone', { name: config.organization.domain, privateZone: false });

    // Route53 failover records come in one PRIMARY/SECONDARY pair: the primary region and its replica.
    const roles = [['PRIMARY', env.regions.primary.region, replica.region], ['SECONDARY', replica.region, env.regions.primary.region]] as const;
    for (const [role, region, other] of roles) {
      const target = regionalApiHostname(config, region);
      const health = new EndpointHealthCheck(this, `health-${region}`, {
        name: healthCheckName(envName, region),
        fqdn: target,
        settings: dns.healthCheck,
        topicArn: topic.arn,
        metricsProvider,
      });
      this.checks.set(region, health);
      const gate = new FailoverGate(this, `gate-${region}`, {
        name: healthCheckName(envName, region),
        alarmName: failoverGateAlarmName(envName, region),
        metric: { ...failoverGateMetric(config), dimensions: failoverGateDimensions(envName, region) },
        alarmRegion: other,
        alarmProvider: this.providerFor(other),
        endpointCheckId: health.check.id,
      });
      this.gates.set(region, gate);
      new Route53Record(this, `failover-${role.toLowerCase()}`, {
        zoneId: zone.zoneId,
        name,
        type: 'CNAME',
        ttl: dns.ttlSeconds,
        records: [target],
        setIdentifier: `${envName}-${region}`,
        failoverRoutingPolicy: { type: role },
        healthCheckId: gate.combinedCheck.id,
      });
      new TerraformOutput(this, `health_check_id_${region.replace(/-/g, '_')}`, { value: health.check.id });
    }
  }
}
