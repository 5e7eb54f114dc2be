import { describe, expect, it } from 'vitest';
import type { Finding, StackOutcome } from '../../../tools/validate/run.js';
import {
  countStacks,
  exitCode,
  failureLines,
  skewLines,
  skippedLines,
  summaryLine,
  warningLines,
} from '../../../tools/validate/summary.js';

const evidence = '@cdktf/provider-aws 21.22.1 (generated from registry.terraform.io/hashicorp/aws 6.25.0)';
const finding = (address: string, verdict: Finding['verdict'], summary = 'Extraneous JSON object property', detail = ''): Finding => ({
  stack: '',
  severity: verdict.kind === 'warning' ? 'warning' : 'error',
  address,
  path: [],
  summary,
  detail,
  verdict,
});
const skew = finding('aws_eks_cluster.c', {
  kind: 'skew',
  what: 'aws_eks_cluster.deletion_protection',
  pinned: '6.25.0',
  used: '5.100.0',
  evidence,
});
const outcome = (stack: string, findings: Finding[]): StackOutcome => ({ stack, findings, passes: 1 });

const outcomes = [
  outcome('dev-global-state', []),
  outcome('dev-us-east-1-cluster', [skew]),
  outcome('prod-us-east-1-cluster', [
    skew,
    finding(
      'aws_s3_bucket.logs',
      { kind: 'failure' },
      'Extraneous JSON object property',
      'No argument or block type is named "force_destory".',
    ),
  ]),
  outcome('prod-us-east-1-network', [finding('aws_vpc.main', { kind: 'warning' }, 'Argument is deprecated', 'use x instead')]),
];
const skipped = [
  { stack: 'prod-global-github', reason: 'provider registry.terraform.io/integrations/github 6.9.0 is not in the mirror /opt/tf-plugins' },
];

describe('validate report', () => {
  it('counts each stack once: a failure outweighs skew, a warning alone is valid', () => {
    expect(countStacks(outcomes, skipped)).toEqual({ valid: 2, skew: 1, skipped: 1, failed: 1 });
  });

  it('exits 1 on any failed stack and 0 with only skew or skipped stacks', () => {
    expect(exitCode({ valid: 2, skew: 1, skipped: 1, failed: 1 })).toBe(1);
    expect(exitCode({ valid: 0, skew: 5, skipped: 1, failed: 0 })).toBe(0);
  });

  it('ends with one line of counts and timings', () => {
    expect(summaryLine({ valid: 49, skew: 5, skipped: 1, failed: 0 }, 21_345, 'init 0.0 s')).toBe(
      'validate: 49 valid, 5 valid with version skew, 1 skipped, 0 failed (55 stacks) in 21.3 s [init 0.0 s]',
    );
  });

  it('names the stack, the resource address and terraform’s message for each failure', () => {
    expect(failureLines(outcomes)).toEqual([
      'FAILED prod-us-east-1-cluster aws_s3_bucket.logs: Extraneous JSON object property: No argument or block type is named "force_destory".',
    ]);
  });

  it('groups skew by what the mirrored provider lacks, with its evidence and stacks', () => {
    expect(skewLines(outcomes)).toEqual([
      `version skew (unknown to the mirrored provider, declared by the pinned one per ${evidence}):`,
      '  aws_eks_cluster.deletion_protection (5.100.0 < pinned 6.25.0): 2x in dev-us-east-1-cluster, prod-us-east-1-cluster',
    ]);
    expect(skewLines([outcome('a', [])])).toEqual([]);
  });

  it('reports skipped stacks with the reason, and warnings apart', () => {
    expect(skippedLines(skipped)).toEqual([
      'skipped prod-global-github: provider registry.terraform.io/integrations/github 6.9.0 is not in the mirror /opt/tf-plugins',
    ]);
    expect(warningLines(outcomes)).toEqual(['warning prod-us-east-1-network aws_vpc.main: Argument is deprecated: use x instead']);
  });
});
