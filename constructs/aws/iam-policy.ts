interface StatementBody {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Resource?: string | string[];
  /** Everything but these resources (an explicit Deny's carve-out). */
  readonly NotResource?: string | string[];
  readonly Principal?: '*' | Record<string, string | string[]>;
  readonly Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

/** IAM policy documents as plain data: rendered with JSON.stringify so guardrails can read them. */
export type PolicyStatement = StatementBody &
  ({ readonly Action: string | string[]; readonly NotAction?: never } | { readonly NotAction: string | string[]; readonly Action?: never });

export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Denies every request to a bucket that does not use TLS (S3 does not refuse plain HTTP by itself). */
export function tlsOnlyStatement(bucketArn: string): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}
