import { violation, type AwsRule } from '../types.js';
import { bucketConfigs } from './bucket-configs.js';
import { deniesInsecureTransport, statementsOf } from './policy-document.js';

/** A bucket policy denies every request made without TLS (`aws:SecureTransport` = false). */
export const s3TlsOnly: AwsRule = {
  id: 's3-tls-only',
  types: ['aws_s3_bucket'],
  check: (bucket, ctx) => {
    const statements = bucketConfigs(bucket, ctx, 'aws_s3_bucket_policy').flatMap((p) => statementsOf(p.body.policy, ctx) ?? []);
    return deniesInsecureTransport(statements)
      ? 'compliant'
      : violation('no bucket policy statement denies requests with aws:SecureTransport = false');
  },
};
