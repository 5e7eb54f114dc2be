import { blocks, isTrue } from '../terraform.js';
import { violation, type AwsRule } from '../types.js';
import { bucketConfigs } from './bucket-configs.js';

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

/** A bucket has a public-access block with all four settings on. */
export const s3PublicAccessBlocked: AwsRule = {
  id: 's3-public-access-blocked',
  types: ['aws_s3_bucket'],
  check: (bucket, ctx) => {
    const pabs = bucketConfigs(bucket, ctx, 'aws_s3_bucket_public_access_block').flatMap((p) => blocks(p.body));
    if (pabs.length === 0) return violation('no aws_s3_bucket_public_access_block for the bucket');
    const off = FLAGS.filter((flag) => !pabs.some((p) => isTrue(p[flag])));
    return off.length === 0 ? 'compliant' : violation(`public access block leaves ${off.join(', ')} off`);
  },
};
