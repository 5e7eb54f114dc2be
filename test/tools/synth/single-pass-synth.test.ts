import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, Aspects, Fn, S3Backend, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlatformConfig } from '../../../config/load.js';
import { buildTerraformApp } from '../../../stacks/app.js';
import { synthesizeApp } from '../../../tools/synth/single-pass-synth.js';
import { sharedTerraformDir } from '../../support/synth-once/read.js';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'single-pass-'));
  folders.push(dir);
  return dir;
};

/** Every file below `dir` with its bytes, by relative path. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** Tags every bucket: an aspect that changes what the stacks resolve to. */
class OwnerTag implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof S3Bucket) node.tags = { ...node.tagsInput, Owner: 'platform' };
  }
}

/** Two stacks: a bucket, and a policy on it from the other (a cross-stack reference), an aspect and a stack override with a token. */
function smallApp(outdir: string): App {
  const app = new App({ outdir, stackTraces: false });
  const data = new TerraformStack(app, 'data');
  new S3Backend(data, { bucket: 'state', key: 'data', region: 'us-east-1' });
  new AwsProvider(data, 'aws', { region: 'us-east-1' });
  const bucket = new S3Bucket(data, 'bucket', { bucket: 'tradesense-data' });
  // On the stack: cdktf runs the aspects of each stack and its children, not the app's.
  Aspects.of(data).add(new OwnerTag());
  const access = new TerraformStack(app, 'access');
  new S3Backend(access, { bucket: 'state', key: 'access', region: 'us-east-1' });
  new AwsProvider(access, 'aws', { region: 'us-east-1' });
  new S3BucketPolicy(access, 'policy', { bucket: bucket.id, policy: Fn.jsonencode({ Resource: `${bucket.arn}/*` }) });
  access.addOverride('locals.data_bucket', bucket.bucket);
  return app;
}

describe('synthesizeApp: cdktf app.synth() with one resolution pass', () => {
  it('writes the same files, byte for byte, as app.synth() for the whole platform (npm run synth uses it)', () => {
    const standard = tempDir();
    buildTerraformApp(loadPlatformConfig(), { outdir: standard }).synth();
    const expected = tree(standard);
    const actual = tree(sharedTerraformDir());
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    const differing = [...expected].filter(([file, text]) => actual.get(file) !== text).map(([file]) => file);
    expect(differing).toEqual([]);
  });

  it('keeps cross-stack outputs and remote state, aspect changes and tokens in stack overrides as app.synth() writes them', () => {
    const [standard, single] = [tempDir(), tempDir()];
    smallApp(standard).synth();
    synthesizeApp(smallApp(single));
    const expected = tree(standard);
    expect(tree(single)).toEqual(expected);
    const access = JSON.parse(expected.get('stacks/access/cdk.tf.json') ?? '{}');
    expect(access.data.terraform_remote_state).toBeDefined();
    // Resolved (overrides get no preparing pass in cdktf either: a same-stack address).
    expect(access.locals.data_bucket).toBe('$' + '{aws_s3_bucket.bucket.bucket}');
    const data = JSON.parse(expected.get('stacks/data/cdk.tf.json') ?? '{}');
    expect(Object.keys(data.output)).toHaveLength(2);
    expect(data.resource.aws_s3_bucket.bucket.tags).toEqual({ Owner: 'platform' });
  });
});
