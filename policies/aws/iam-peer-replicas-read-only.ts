import { replicaBuckets } from '../../config/derive/facts.js';
import { verdictOf, type AwsContext, type AwsRule } from '../types.js';
import { grants, IDENTITY_POLICY_TYPES, identityStatements, matches } from './identity-statements.js';

/** Actions that overwrite, delete or shorten the life of objects (S3 replication's own Replicate* are not among them). */
export const S3_WRITE_ACTIONS = [
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:BypassGovernanceRetention',
  's3:PutLifecycleConfiguration',
  's3:PutBucketVersioning',
  's3:PutBucketPolicy',
  's3:PutBucketObjectLockConfiguration',
  's3:DeleteBucket',
];

/** Region of the stack's default AWS provider: where its roles' workloads run. */
function stackRegion(ctx: AwsContext): string | undefined {
  const region = ctx.ofType('provider').find((p) => p.name === 'aws')?.body.region;
  return typeof region === 'string' ? region : undefined;
}

/**
 * A bucket holding another region's replicas is written only by S3
 * replication: no role of a different region may write to or delete from it,
 * or one compromised region could erase the originals and the copies alike.
 * Replica buckets come from config (`replicaBuckets`).
 */
export const iamPeerReplicasReadOnly: AwsRule = {
  id: 'iam-peer-replicas-read-only',
  types: IDENTITY_POLICY_TYPES,
  check: (r, ctx) => {
    const region = stackRegion(ctx);
    const foreign = replicaBuckets(ctx.config).filter((b) => b.region !== region);
    if (foreign.length === 0) return 'not-applicable';
    const problems = identityStatements(r, ctx).flatMap((s) => {
      const actions = S3_WRITE_ACTIONS.filter((a) => grants(s, a));
      if (actions.length === 0) return [];
      const hits = foreign.filter(({ bucket }) =>
        s.resources.some((res) => matches(res, `arn:aws:s3:::${bucket}`) || matches(res, `arn:aws:s3:::${bucket}/any-object`)),
      );
      return hits.map(({ bucket, region: home }) => `${actions.join(', ')} on ${bucket}, the replica bucket in ${home}`);
    });
    return verdictOf(problems);
  },
};
