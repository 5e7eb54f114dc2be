import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { DnsFailoverLayout, FailoverLink } from '../config/derive/dns-failover.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import { ROUTE53_METRICS_REGION } from '../config/reference/global-services.js';
import { AlertTopic } from '../constructs/aws/alert-topic.js';
import { FailoverGate } from '../constructs/aws/failover-gate.js';
import { EndpointHealthCheck } from '../constructs/aws/health-check.js';
import { PlatformStack } from './platform-stack.js';

/** Members, record chain and names come from config/derive/dns-failover.ts `dnsFailoverLayout`. */
export interface DnsFailoverStackProps extends DnsFailoverLayout {
  readonly environment: StackEnvironment;
}

/**
 * `<env>-global-dns-failover`: Route53 health checks on each region's API
 * hostname (the regional ingress, stacks/ingress.ts), a manual failover gate per
 * region whose alarms live in every other region, and the chain of
 * PRIMARY/SECONDARY failover record sets (config/derive/dns-failover.ts) that
 * answers the failover name with the first region, in config order, whose
 * endpoint is healthy and whose gate is open. Health alarms live where Route53
 * publishes its metrics (us-east-1); failing over needs none of them.
 */
export class DnsFailoverStack extends PlatformStack {
  readonly checks = new Map<AwsRegion, EndpointHealthCheck>();
  readonly gates = new Map<AwsRegion, FailoverGate>();
  private readonly hostnames = new Map<AwsRegion, string>();

  constructor(scope: Construct, id: string, props: DnsFailoverStackProps) {
    super(scope, { environment: props.environment, region: 'global', kind: 'dns-failover', tags: { Service: 'dns' } }, id);
    const dns = props.settings;
    const metricsProvider = this.providerFor(ROUTE53_METRICS_REGION);
    const topic = new AlertTopic(this, 'alerts', {
      accountId: this.accountId,
      topicName: props.alertTopicName,
      publishers: ['cloudwatch.amazonaws.com'],
      emails: [...props.alertEmails],
      provider: metricsProvider,
    });
    const zone = new DataAwsRoute53Zone(this, 'zone', { name: props.zoneName, privateZone: false });

    for (const member of props.members) {
      const health = new EndpointHealthCheck(this, `health-${member.region}`, {
        name: member.checkName,
        fqdn: member.hostname,
        settings: dns.healthCheck,
        topicArn: topic.arn,
        metricsProvider,
      });
      this.checks.set(member.region, health);
      this.hostnames.set(member.region, member.hostname);
      this.gates.set(
        member.region,
        new FailoverGate(this, `gate-${member.region}`, {
          name: member.checkName,
          alarmName: member.gateAlarmName,
          metric: { ...props.gateMetric, dimensions: { ...member.gateDimensions } },
          alarmRegions: member.gateAlarmRegions.map((region) => ({ region, provider: this.providerFor(region) })),
          endpointCheckId: health.check.id,
        }),
      );
      new TerraformOutput(this, `health_check_id_${member.region.replace(/-/g, '_')}`, { value: health.check.id });
    }

    props.chain.forEach((link, i) => {
      // The failover name's pair keeps the ids of the two-region design; later links carry their region.
      const idOf = (role: string) => (i === 0 ? `failover-${role}` : `failover-${link.primary}-${role}`);
      this.serving(idOf('primary'), zone, link.name, 'PRIMARY', link.primary, dns.ttlSeconds);
      const secondary = link.secondary;
      if ('region' in secondary) {
        this.serving(idOf('secondary'), zone, link.name, 'SECONDARY', secondary.region, dns.ttlSeconds);
      } else {
        this.towardsLink(idOf('secondary'), zone, link, secondary.link);
      }
    });
  }

  /** A failover record answering with `region`'s API hostname while its endpoint is healthy and its gate open. */
  private serving(id: string, zone: DataAwsRoute53Zone, name: string, role: 'PRIMARY' | 'SECONDARY', region: AwsRegion, ttl: number): void {
    const gate = this.gates.get(region);
    const hostname = this.hostnames.get(region);
    if (!gate || !hostname)
      throw new Error(`stack ${this.node.id}: the failover chain names ${region}, which is not a member; list it in members`);
    new Route53Record(this, id, {
      zoneId: zone.zoneId,
      name,
      type: 'CNAME',
      ttl,
      records: [hostname],
      setIdentifier: `${this.envName}-${region}`,
      failoverRoutingPolicy: { type: role },
      healthCheckId: gate.combinedCheck.id,
    });
  }

  /** The SECONDARY that hands over to the next link: an alias of its name, healthy while any of its regions serves. */
  private towardsLink(id: string, zone: DataAwsRoute53Zone, link: FailoverLink, next: string): void {
    new Route53Record(this, id, {
      zoneId: zone.zoneId,
      name: link.name,
      type: 'CNAME',
      alias: { name: next, zoneId: zone.zoneId, evaluateTargetHealth: true },
      setIdentifier: `${this.envName}-after-${link.primary}`,
      failoverRoutingPolicy: { type: 'SECONDARY' },
    });
  }
}
