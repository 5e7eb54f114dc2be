import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressOfPath, jsonPathAt, jsonPathAtByte, withoutPath } from '../../../tools/validate/json-path.js';

const sample = readFileSync(join(__dirname, 'fixtures/mirror-5.100-root/stacks/sample/cdk.tf.json'), 'utf8');

describe('jsonPathAt', () => {
  it.each([
    // byte offsets terraform 1.11 reported for this file (fixtures/mirror-5.100-root/validate.json)
    [370, ['resource', 'aws_eks_cluster', 'cluster', 'deletion_protection']],
    [433, ['resource', 'aws_eks_cluster', 'cluster', 'vpc_config', 'subnet_idz']],
    [480, ['resource', 'aws_eks_cluster', 'cluster', 'vpc_config']], // the block's closing brace
    [865, ['resource', 'aws_eks_node_group', 'workers', 'node_repair_config', 'max_parallel_nodes_repaired_count']],
    [1051, ['resource', 'aws_billing_view']],
  ])('byte %i is %j', (byte, path) => {
    expect(jsonPathAtByte(sample, byte)).toEqual(path);
  });

  it('counts array elements and steps into values', () => {
    const text = '{"provider": {"aws": [{"region": "a"}, {"region": "b", "alias": "west"}]}}';
    expect(jsonPathAt(text, text.indexOf('"alias"'))).toEqual(['provider', 'aws', '1', 'alias']);
    expect(jsonPathAt(text, text.indexOf('"west"'))).toEqual(['provider', 'aws', '1', 'alias']);
  });

  it('is not fooled by braces, commas and escaped quotes inside strings', () => {
    const text = '{"a": {"policy": "{\\"x\\": [1, 2]}", "b": true}}';
    expect(jsonPathAt(text, text.indexOf('"b"'))).toEqual(['a', 'b']);
  });

  it('turns UTF-8 byte offsets into character positions', () => {
    const text = '{"description": "prix en €", "name": "x"}';
    const byte = Buffer.byteLength(text.slice(0, text.indexOf('"name"')), 'utf8');
    expect(jsonPathAtByte(text, byte)).toEqual(['name']);
  });
});

describe('withoutPath', () => {
  const json = {
    resource: { aws_eks_cluster: { c: { name: 'x', deletion_protection: true } } },
    provider: { aws: [{ region: 'a' }, { region: 'b' }] },
  };

  it('drops exactly the member at the path and leaves the input unchanged', () => {
    const stripped = withoutPath(json, ['resource', 'aws_eks_cluster', 'c', 'deletion_protection']);
    expect(stripped.resource.aws_eks_cluster.c).toEqual({ name: 'x' });
    expect(json.resource.aws_eks_cluster.c.deletion_protection).toBe(true);
  });

  it('removes an array element and ignores a path that is not there', () => {
    expect(withoutPath(json, ['provider', 'aws', '0']).provider.aws).toEqual([{ region: 'b' }]);
    expect(withoutPath(json, ['resource', 'aws_s3_bucket', 'x'])).toBe(json);
  });
});

describe('addressOfPath', () => {
  it.each([
    [['resource', 'aws_s3_bucket', 'logs', 'force_destory'], 'aws_s3_bucket.logs'],
    [['data', 'aws_iam_policy_document', 'trust', 'statement', '0'], 'data.aws_iam_policy_document.trust'],
    [['provider', 'aws', '0', 'default_tagz'], 'provider.aws'],
    [['resource', 'aws_billing_view'], 'aws_billing_view.*'],
    [['output', 'bucket_arn', 'value'], 'output.bucket_arn'],
    [[], '(stack)'],
  ])('%j is %s', (path, address) => {
    expect(addressOfPath(path)).toBe(address);
  });
});
