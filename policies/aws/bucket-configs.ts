import type { AwsContext, TfResource } from '../types.js';

/** The per-bucket configuration resources (`aws_s3_bucket_*`) of one bucket, by reference or by literal name. */
export function bucketConfigs(bucket: TfResource, ctx: Pick<AwsContext, 'ofType' | 'resolve'>, type: string): TfResource[] {
  const name = bucket.body.bucket;
  return ctx
    .ofType(type)
    .filter((c) => ctx.resolve(c.body.bucket)?.address === bucket.address || (typeof name === 'string' && c.body.bucket === name));
}
