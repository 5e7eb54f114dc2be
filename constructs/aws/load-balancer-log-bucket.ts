import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import type { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Construct } from 'constructs';
import { DR_EXEMPTION_TAG_KEY } from '../../config/derive/tags.js';
import type { DataClass } from '../../config/schema/retention.js';
import { SecureBucket } from './secure-bucket.js';

export interface LoadBalancerLogBucketProps {
  readonly bucketName: string;
  readonly accountId: string;
  /** How long access logs are kept (the retention table's figure for `dataClass`). */
  readonly retentionDays: number;
  readonly dataClass: DataClass;
}

/** Key prefix the load balancer writes under (`<prefix>/AWSLogs/<account>/...`). */
export const LOAD_BALANCER_LOG_PREFIX = 'alb';

/**
 * Target of Application Load Balancer access logs: a SecureBucket with SSE-S3
 * (the only encryption ELB log delivery writes to), writable by the region's
 * Elastic Load Balancing account (regions before August 2022) and the log
 * delivery service principal (later regions) for this account's prefix only,
 * expiring at the retention table's figure.
 */
export class LoadBalancerLogBucket extends Construct {
  readonly bucket: SecureBucket;
  /** The load balancer must wait for it: ELB tests its write access when logging is switched on. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: LoadBalancerLogBucketProps) {
    super(scope, id);
    const elb = new DataAwsElbServiceAccount(this, 'elb-account', {});
    const objects = `arn:aws:s3:::${props.bucketName}/${LOAD_BALANCER_LOG_PREFIX}/AWSLogs/${props.accountId}/*`;
    this.bucket = new SecureBucket(this, 'logs', {
      bucketName: props.bucketName,
      s3ManagedEncryption: true,
      tags: {
        DataClass: props.dataClass,
        [DR_EXEMPTION_TAG_KEY]: 'access logs of one region load balancer - each region logs its own traffic',
      },
      noncurrentVersionExpirationDays: 1,
      lifecycleRules: [{ id: 'retention', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: props.retentionDays }] }],
      policyStatements: [
        { Sid: 'ElbAccountDelivery', Effect: 'Allow', Principal: { AWS: elb.arn }, Action: 's3:PutObject', Resource: objects },
        {
          Sid: 'ElbServiceDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: objects,
          Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
        },
      ],
    });
    this.policy = this.bucket.node.findChild('policy') as S3BucketPolicy;
  }
}
