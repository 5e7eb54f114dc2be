import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attribute, parseValidateOutput, type StackDiagnostic } from '../../../tools/validate/diagnostics.js';
import { cdktfProviderKnowledge, findCdktfProviderPackage } from '../../../tools/validate/provider-knowledge.js';
import { classify, type SkewContext } from '../../../tools/validate/skew.js';
import type { ProviderUse } from '../../../tools/validate/stack-plan.js';
import { ROOT } from '../../ci/workflows.js';

/**
 * fixtures/mirror-5.100-root: two stacks as child modules and what
 * `terraform validate -json` (terraform 1.11.4, hashicorp/aws 5.100.0 from the mirror)
 * printed for them. The stacks pin 6.25.0, the version @cdktf/provider-aws 21.22 is generated from.
 */
const fixture = join(__dirname, 'fixtures/mirror-5.100-root');
const text = (stack: string) => readFileSync(join(fixture, 'stacks', stack, 'cdk.tf.json'), 'utf8');
const output = parseValidateOutput(readFileSync(join(fixture, 'validate.json'), 'utf8'), '');
const diagnostics = attribute(output, ['sample', 'provider-typo'], {
  stackOf: (file) => /^stacks\/([^/]+)\/cdk\.tf\.json$/.exec(file)?.[1],
  textOf: text,
});

const awsSource = 'registry.terraform.io/hashicorp/aws';
const packageDir = findCdktfProviderPackage(ROOT, awsSource);
const aws = cdktfProviderKnowledge(packageDir ?? '');
const mirrored: ProviderUse[] = [{ local: 'aws', source: awsSource, pinned: '6.25.0', used: '5.100.0' }];
const context: SkewContext = { providers: mirrored, knowledge: (source) => (source === awsSource ? aws : undefined) };
const verdicts = new Map(diagnostics.map((d) => [`${d.stack} ${d.address} ${d.path.at(-1)}`, classify(d, context)]));
const kindOf = (key: string) => verdicts.get(key)?.kind;

describe('the pinned provider’s knowledge, from @cdktf/provider-aws', () => {
  it('is the package generated from the version the stacks pin', () => {
    expect(packageDir).toBe(join(ROOT, 'node_modules/@cdktf/provider-aws'));
    expect(aws.version).toBe('6.25.0');
    expect(aws.evidence).toMatch(/^@cdktf\/provider-aws 21\.\d+\.\d+ \(generated from registry\.terraform\.io\/hashicorp\/aws 6\.25\.0\)$/);
  });

  it.each([
    ['resource', 'aws_eks_cluster', [], 'deletion_protection', true],
    ['resource', 'aws_eks_cluster', [], 'deletion_protecton', false],
    ['resource', 'aws_eks_cluster', ['vpc_config'], 'subnet_ids', true],
    ['resource', 'aws_eks_cluster', ['vpc_config'], 'deletion_protection', false],
    ['resource', 'aws_cloudfront_distribution', ['origin'], 'response_completion_timeout', true],
    ['resource', 'aws_s3_bucket_lifecycle_configuration', ['rule', 'expiration'], 'days', true],
    ['data', 'aws_iam_policy_document', ['statement'], 'actions', true],
    ['provider', 'aws', ['default_tags'], 'tags', true],
    ['provider', 'aws', [], 'default_tagz', false],
  ] as const)('%s %s %j declares %s: %s', (kind, type, blocks, name, known) => {
    expect(aws.knowsArgument(kind, type, blocks, name)).toBe(known);
  });

  it('knows resource types and data sources by their Terraform names', () => {
    expect(aws.knowsType('resource', 'aws_billing_view')).toBe(true);
    expect(aws.knowsType('resource', 'aws_billing_veiw')).toBe(false);
    expect(aws.knowsType('data', 'aws_ecr_images')).toBe(true);
    expect(aws.knowsType('resource', 'aws_ecr_images')).toBe(false);
  });
});

describe('skew classifier on what terraform said about the fixture', () => {
  it('attributes every diagnostic to its stack and resource address', () => {
    expect([...verdicts.keys()].sort()).toEqual([
      'provider-typo provider.aws default_tagz',
      'sample aws_billing_view.* aws_billing_view',
      'sample aws_eks_cluster.cluster deletion_protection',
      'sample aws_eks_cluster.cluster subnet_idz',
      'sample aws_eks_cluster.cluster vpc_config',
      'sample aws_eks_node_group.workers max_parallel_nodes_repaired_count',
      'sample aws_s3_bucket.logs force_destory',
    ]);
  });

  it('calls an argument 5.100 lacks but 6.25 declares skew, with the member to drop', () => {
    expect(verdicts.get('sample aws_eks_cluster.cluster deletion_protection')).toEqual({
      kind: 'skew',
      what: 'aws_eks_cluster.deletion_protection',
      pinned: '6.25.0',
      used: '5.100.0',
      evidence: aws.evidence,
      strip: ['resource', 'aws_eks_cluster', 'cluster', 'deletion_protection'],
    });
  });

  it('follows nested blocks: a 6.x argument of node_repair_config is skew', () => {
    expect(verdicts.get('sample aws_eks_node_group.workers max_parallel_nodes_repaired_count')).toMatchObject({
      kind: 'skew',
      what: 'aws_eks_node_group.node_repair_config.max_parallel_nodes_repaired_count',
    });
  });

  it('calls a resource type that only 6.x has skew, and keeps the block', () => {
    const verdict = verdicts.get('sample aws_billing_view.* aws_billing_view');
    expect(verdict).toMatchObject({ kind: 'skew', what: 'resource type aws_billing_view' });
    expect(verdict).not.toHaveProperty('strip');
  });

  it.each([
    ['sample aws_s3_bucket.logs force_destory', 'a misspelt argument'],
    ['sample aws_eks_cluster.cluster subnet_idz', 'a misspelt nested argument'],
    ['sample aws_eks_cluster.cluster vpc_config', 'the missing required argument it causes'],
    ['provider-typo provider.aws default_tagz', 'a misspelt provider argument'],
  ])('fails %s (%s)', (key) => {
    expect(kindOf(key)).toBe('failure');
  });

  const deletionProtection = diagnostics.find((d) => d.path.at(-1) === 'deletion_protection') as StackDiagnostic;

  it('finds no skew when the stack was validated with the version it pins', () => {
    const pinned = [{ ...mirrored[0], used: '6.25.0' } as ProviderUse];
    expect(classify(deletionProtection, { ...context, providers: pinned }).kind).toBe('failure');
  });

  it('finds no skew without evidence from the pinned version (no bindings, or bindings of another version)', () => {
    expect(classify(deletionProtection, { ...context, knowledge: () => undefined }).kind).toBe('failure');
    const other = [{ ...mirrored[0], pinned: '6.30.0' } as ProviderUse];
    expect(classify(deletionProtection, { ...context, providers: other }).kind).toBe('failure');
  });

  it('passes warnings through as warnings', () => {
    expect(classify({ ...deletionProtection, severity: 'warning' }, context).kind).toBe('warning');
  });
});

describe('attribute', () => {
  it('reports a diagnostic outside every stack file against each stack of the root', () => {
    const rootLevel = {
      valid: false,
      error_count: 1,
      warning_count: 0,
      diagnostics: [{ severity: 'error' as const, summary: 'Module not installed' }],
    };
    const found = attribute(rootLevel, ['a', 'b'], { stackOf: () => undefined, textOf: () => undefined });
    expect(found.map((d) => [d.stack, d.address, d.summary])).toEqual([
      ['a', '(root)', 'Module not installed'],
      ['b', '(root)', 'Module not installed'],
    ]);
  });

  it('refuses output that is not terraform’s JSON, quoting what it printed', () => {
    expect(() => parseValidateOutput('', 'Error: Failed to load plugin schemas')).toThrow(
      /printed no JSON result: Error: Failed to load plugin schemas/,
    );
  });
});
