import { describe, expect, it } from 'vitest';
import { diffTrees } from '../../../tools/diff/diff.js';
import { MAX_COMMENT_LENGTH, renderMarkdown } from '../../../tools/diff/markdown.js';
import { policyDelta } from '../../../tools/diff/policy-delta.js';
import { buildReport } from '../../../tools/diff/report.js';
import type { SynthStack } from '../../../tools/synth/output.js';

const logs = (env: string, retention: number): SynthStack => ({
  name: `${env}-us-east-1-logs`,
  json: {
    resource: {
      aws_cloudwatch_log_group: Object.fromEntries(
        Array.from({ length: 400 }, (_, i) => [
          `application-log-group-number-${i}`,
          {
            name: `/app/${env}/${i}`,
            retention_in_days: retention,
            kms_key_id: `arn:aws:kms:us-east-1:111122223333:key/${'k'.repeat(40)}-${retention}`,
          },
        ]),
      ),
    },
  },
});
const buckets = (count: number, prefix: string): SynthStack => ({
  name: 'prod-us-east-1-storage',
  json: {
    resource: {
      aws_s3_bucket: Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`archive_bucket_${i}`, { bucket: `tradesense-${prefix}-archive-${i}` }]),
      ),
    },
  },
});
const vault: SynthStack = { name: 'prod-us-east-1-backup', json: { resource: { aws_backup_vault: { vault: { name: 'prod-vault' } } } } };
const report = (base: SynthStack[], head: SynthStack[]) =>
  buildReport({
    base: { ref: 'main', sha: 'c'.repeat(40) },
    diff: diffTrees({ stacks: base, clusters: [] }, { stacks: head, clusters: [] }),
    policy: policyDelta([], []),
    cost: { available: false, reason: 'not priced here' },
    allowDestroy: false,
  });

describe('PR comment size', () => {
  const envs = ['dev', 'prod', 'staging'];

  it('collapses detail to stay within the GitHub limit, keeps every blocking item, and ends with a newline', () => {
    // 1,200 changed log groups, 150 replaced buckets and a removed stack with a vault: far over 65,536 characters in full.
    const r = report([...envs.map((e) => logs(e, 30)), buckets(150, 'old'), vault], [...envs.map((e) => logs(e, 90)), buckets(150, 'new')]);
    const markdown = renderMarkdown(r);
    expect(markdown.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown.endsWith('\n\n')).toBe(false);
    for (let i = 0; i < 150; i++) expect(markdown).toContain(`aws_s3_bucket.archive_bucket_${i}`);
    expect(markdown).toMatch(/\*\*Blocked\*\*/);
    expect(markdown).toContain('`prod-us-east-1-backup`');
    expect(markdown).toMatch(/aws_backup_vault\.vault/);
    expect(markdown).toMatch(/Some details are collapsed to fit a GitHub comment/);
    // Every section is still there, at least as its summary.
    for (const env of envs) expect(markdown).toContain(`### ${env} / us-east-1`);
    expect(markdown).toMatch(/### Stacks removed/);
    expect(markdown).toMatch(/### Policy/);
    expect(markdown).toMatch(/### Cost/);
  });

  it('keeps blocking items even when listing them one per line would not fit', () => {
    const r = report(
      [buckets(1200, 'a-rather-long-bucket-name-prefix-for-old')],
      [buckets(1200, 'a-rather-long-bucket-name-prefix-for-new')],
    );
    const markdown = renderMarkdown(r);
    expect(r.diff.destructive).toHaveLength(1200);
    expect(markdown.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    for (let i = 0; i < 1200; i++) expect(markdown).toMatch(new RegExp(`replace aws_s3_bucket\\.archive_bucket_${i}(;|$)`, 'm'));
    expect(markdown).toMatch(/> - `prod-us-east-1-storage`: replace aws_s3_bucket\.archive_bucket_0; replace/);
  });

  it('shows everything, uncollapsed, when it fits', () => {
    const markdown = renderMarkdown(
      report(
        [logs('dev', 30)].map((s) => ({
          ...s,
          json: { resource: { aws_cloudwatch_log_group: { one: { name: '/a', retention_in_days: 30 } } } },
        })),
        [logs('dev', 90)].map((s) => ({
          ...s,
          json: { resource: { aws_cloudwatch_log_group: { one: { name: '/a', retention_in_days: 90 } } } },
        })),
      ),
    );
    expect(markdown).toContain('! retention_in_days: 30 -> 90');
    expect(markdown).not.toMatch(/collapsed to fit/);
  });
});
