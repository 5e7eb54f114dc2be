import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attributeChanges, classifyPlan } from '../../../tools/drift/classify.js';
import { NOISE_RULES, type AttributeChange } from '../../../tools/drift/noise-rules.js';
import { parsePlan, type PlanJson } from '../../../tools/drift/plan.js';
import { renderDriftMarkdown } from '../../../tools/drift/report.js';

const fixture = (name: string) => {
  const path = join(__dirname, '../../fixtures/drift', name);
  return parsePlan(readFileSync(path, 'utf8'), path);
};
const byAddress = (plan: PlanJson) => {
  const report = classifyPlan(plan);
  return Object.fromEntries([...report.drift, ...report.noise].map((v) => [v.address, v]));
};

describe('drift classifier on a plan recorded with terraform 1.11 (terraform_data changed outside Terraform)', () => {
  const report = classifyPlan(fixture('terraform-data-outside-change.plan.json'));

  it('reports the hand-edited attribute as real drift and ignores its computed output', () => {
    expect(report.drift.map((v) => v.address)).toEqual(['terraform_data.config']);
    const attributes = report.drift[0]?.attributes ?? [];
    expect(attributes.filter((a) => !a.noiseRule).map((a) => a.path)).toEqual(['input.size']);
    expect(attributes.find((a) => a.path === 'output')?.noiseRule).toBe('computed-after-apply');
  });

  it('drops no-op resources', () => {
    expect([...report.drift, ...report.noise].map((v) => v.address)).not.toContain('terraform_data.pinned');
  });
});

describe('drift classifier on an AWS nightly plan', () => {
  const verdicts = byAddress(fixture('aws-nightly.plan.json'));

  it.each([
    ['aws_security_group.cluster', 'drift', /ingress\.1/],
    ['aws_s3_bucket.velero', 'drift', /missing from the account/],
    ['aws_eks_node_group.workload', 'noise', /autoscaled-capacity/],
    ['aws_iam_role.deploy', 'noise', /equivalent-json, null-equals-empty/],
    ['aws_kms_key.state', 'noise', /computed-after-apply/],
    ['data.aws_iam_policy_document.trust', 'noise', /data source read/],
  ])('%s is %s', (address, verdict, reason) => {
    expect(verdicts[address]).toMatchObject({ verdict, reason: expect.stringMatching(reason) });
  });

  it('does not report the unchanged VPC', () => {
    expect(verdicts['aws_vpc.main']).toBeUndefined();
  });

  it('renders real drift in a table and folds the noise away', () => {
    const markdown = renderDriftMarkdown('prod-us-east-1-network', classifyPlan(fixture('aws-nightly.plan.json')));
    expect(markdown).toMatch(/^### prod-us-east-1-network: 2 drifted resource\(s\)/);
    expect(markdown).toContain('| `aws_security_group.cluster` | update |');
    expect(markdown).toMatch(/<details><summary>Provider noise<\/summary>[\s\S]*aws_kms_key\.state/);
  });
});

describe('classifier edge cases', () => {
  const plan = (actions: string[], before: unknown, after: unknown, afterUnknown: unknown = {}): PlanJson => ({
    format_version: '1.2',
    resource_changes: [
      { address: 'aws_x.y', mode: 'managed', type: 'aws_x', change: { actions, before, after, after_unknown: afterUnknown } },
    ],
  });

  it('treats a replacement as drift', () => {
    expect(classifyPlan(plan(['delete', 'create'], { a: 1 }, { a: 2 })).drift[0]?.reason).toBe('must be replaced');
  });

  it('treats a resource that is no longer declared as drift', () => {
    expect(classifyPlan(plan(['delete'], { a: 1 }, null)).drift).toHaveLength(1);
  });

  it('keeps a changed JSON document as drift when its content differs', () => {
    const report = classifyPlan(plan(['update'], { policy: '{"Effect":"Allow"}' }, { policy: '{"Effect":"Deny"}' }));
    expect(report.drift[0]?.attributes.map((a) => a.path)).toEqual(['policy']);
  });

  it('finds leaf differences in nested lists and objects', () => {
    expect(attributeChanges('aws_x', { a: [{ b: 1 }, { b: 2 }] }, { a: [{ b: 1 }, { b: 3 }] }, {}).map((c) => c.path)).toEqual(['a.1.b']);
  });

  it('reads no noise rule as matching a real value change', () => {
    const change: AttributeChange = {
      resourceType: 'aws_eks_node_group',
      path: 'scaling_config.0.max_size',
      before: 30,
      after: 40,
      unknownAfter: false,
    };
    expect(NOISE_RULES.filter((r) => r.matches(change))).toEqual([]);
  });

  it('refuses JSON that is not a plan', () => {
    expect(() => parsePlan('{"values":{}}', 'state.json')).toThrow(/state\.json: not a plan from `terraform show -json <planfile>`/);
  });

  it('says so when there is nothing to report', () => {
    expect(renderDriftMarkdown('dev-global-audit', classifyPlan({ format_version: '1.2' }))).toMatch(/^### dev-global-audit: no drift\n/);
  });
});
