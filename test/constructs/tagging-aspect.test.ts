import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, Testing } from 'cdktf';
import { describe, expect, test } from 'vitest';
import { stackEnvironment } from '../../config/derive/stack-environment.js';
import { PlatformStack } from '../../stacks/platform-stack.js';
import { platformConfig } from '../support/platform.js';

function stackWith(build: (stack: PlatformStack) => void, config = platformConfig()) {
  const stack = new PlatformStack(Testing.app() as App, {
    environment: stackEnvironment(config, 'dev'),
    region: 'us-east-1',
    kind: 'tagging-test',
  });
  build(stack);
  return stack;
}

describe('tagging aspect', () => {
  test('passes when default_tags carry every mandatory tag', () => {
    const stack = stackWith((s) => new Vpc(s, 'vpc', { cidrBlock: '10.99.0.0/16' }));
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('fails synth when a resource blanks a mandatory tag, naming the resource and the tag', () => {
    const stack = stackWith((s) => new S3Bucket(s, 'bucket', { bucket: 'x', tags: { Team: '' } }));
    expect(() => Testing.synth(stack, true)).toThrow(/aws_s3_bucket dev-us-east-1-tagging-test\/bucket: missing mandatory tag 'Team'/);
  });

  test('fails synth when the taxonomy has a key the provider default_tags do not carry', () => {
    const base = platformConfig();
    const config = {
      ...base,
      tagTaxonomy: [...base.tagTaxonomy, { key: 'Project', label: 'tradesense.io/project', description: 'Project code' }],
    };
    const stack = stackWith((s) => new Vpc(s, 'vpc', { cidrBlock: '10.99.0.0/16' }), config);
    expect(() => Testing.synth(stack, true)).toThrow(/aws_vpc dev-us-east-1-tagging-test\/vpc: missing mandatory tag 'Project'/);
  });

  test('fails synth on a value outside the taxonomy', () => {
    const stack = stackWith((s) => new S3Bucket(s, 'bucket', { bucket: 'x', tags: { DataClassification: 'top-secret' } }));
    expect(() => Testing.synth(stack, true)).toThrow(
      /tag DataClassification='top-secret' is not one of public, internal, confidential, restricted/,
    );
  });
});
