import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { DataAwsCloudfrontCachePolicy } from '@cdktf/provider-aws/lib/data-aws-cloudfront-cache-policy';
import { DataAwsCloudfrontOriginRequestPolicy } from '@cdktf/provider-aws/lib/data-aws-cloudfront-origin-request-policy';
import { Construct } from 'constructs';
import type { EdgeSettings } from '../../config/schema/security.js';

export interface ApiDistributionProps {
  /** The public API hostname (CloudFront alias). */
  readonly hostname: string;
  /** Regional API hostnames: the primary serves reads, the secondary takes over on 5xx or timeout. */
  readonly primaryOrigin: string;
  readonly secondaryOrigin: string;
  /**
   * The Route53 failover name: writes go there, so they follow DNS failover
   * (origin groups fail over only GET, HEAD and OPTIONS).
   */
  readonly writeOrigin: string;
  /** Header added to every origin request, which the regional load balancers require. */
  readonly originVerify: { readonly header: string; readonly value: string };
  readonly certificateArn: string;
  readonly webAclArn: string;
  readonly settings: EdgeSettings;
}

export const PRIMARY_ORIGIN_ID = 'api-primary';
export const SECONDARY_ORIGIN_ID = 'api-secondary';
export const WRITE_ORIGIN_ID = 'api-writes';
export const ORIGIN_GROUP_ID = 'api-failover';
/** Origin responses that make CloudFront retry the request on the secondary origin. */
export const FAILOVER_STATUS_CODES = [500, 502, 503, 504];

const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];
const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

/**
 * CloudFront in front of the regional API endpoints: HTTPS only on both legs,
 * TLS 1.2+ to viewers and origins, no caching (API responses are per client),
 * an origin group failing reads over from the primary region to the secondary,
 * writes sent to the DNS failover name, and the origin-verify header on every
 * origin request so the regional load balancers refuse anything else.
 */
export class ApiDistribution extends Construct {
  readonly distribution: CloudfrontDistribution;

  constructor(scope: Construct, id: string, props: ApiDistributionProps) {
    super(scope, id);
    const noCache = new DataAwsCloudfrontCachePolicy(this, 'caching-disabled', { name: 'Managed-CachingDisabled' });
    // The origin's certificate names its regional host, so CloudFront must not forward the viewer's Host.
    const forward = new DataAwsCloudfrontOriginRequestPolicy(this, 'all-viewer-except-host', { name: 'Managed-AllViewerExceptHostHeader' });
    const origin = (originId: string, domainName: string) => ({
      originId,
      domainName,
      customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
      customHeader: [{ name: props.originVerify.header, value: props.originVerify.value }],
    });
    const behaviour = { viewerProtocolPolicy: 'https-only', cachePolicyId: noCache.id, originRequestPolicyId: forward.id, compress: true };
    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `Public API ${props.hostname}`,
      aliases: [props.hostname],
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      priceClass: props.settings.priceClass,
      webAclId: props.webAclArn,
      origin: [
        origin(PRIMARY_ORIGIN_ID, props.primaryOrigin),
        origin(SECONDARY_ORIGIN_ID, props.secondaryOrigin),
        origin(WRITE_ORIGIN_ID, props.writeOrigin),
      ],
      originGroup: [
        {
          originId: ORIGIN_GROUP_ID,
          failoverCriteria: { statusCodes: FAILOVER_STATUS_CODES },
          member: [{ originId: PRIMARY_ORIGIN_ID }, { originId: SECONDARY_ORIGIN_ID }],
        },
      ],
      // Origin groups fail over only GET, HEAD and OPTIONS: reads use the group...
      defaultCacheBehavior: { ...behaviour, targetOriginId: ORIGIN_GROUP_ID, allowedMethods: READ_METHODS, cachedMethods: ['GET', 'HEAD'] },
      // ...writes go to the failover name, whose record Route53 moves to the healthy region.
      orderedCacheBehavior: props.settings.writePaths.map((pathPattern) => ({
        ...behaviour,
        pathPattern,
        targetOriginId: WRITE_ORIGIN_ID,
        allowedMethods: ALL_METHODS,
        cachedMethods: ['GET', 'HEAD'],
      })),
      restrictions: {
        geoRestriction: { restrictionType: props.settings.geoRestriction.type, locations: props.settings.geoRestriction.locations },
      },
      viewerCertificate: { acmCertificateArn: props.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
    });
  }
}
