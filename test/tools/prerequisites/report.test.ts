import { describe, expect, it } from 'vitest';
import { operatorSecrets } from '../../../config/derive/secrets.js';
import { emptySecrets, prerequisiteReports, renderPrerequisites } from '../../../tools/prerequisites/report.js';
import type { SynthOutput } from '../../../tools/synth/output.js';
import { synthReports } from '../../../tools/synth/reports.js';
import { ref } from '../../policies/fixtures.js';
import { configWith, platformConfig, platformStacks } from '../../support/platform.js';

const output = (): SynthOutput => ({ stacks: platformStacks(), clusters: [] });

describe('prerequisites report', () => {
  it('writes one report per environment next to the other synth reports', () => {
    expect(Object.keys(prerequisiteReports(platformConfig()))).toEqual([
      'prerequisites-dev.md',
      'prerequisites-staging.md',
      'prerequisites-prod.md',
    ]);
    expect(synthReports(output(), platformConfig()).map(([file]) => file)).toEqual(
      expect.arrayContaining(['prerequisites-dev.md', 'prerequisites-prod.md', 'prerequisites-staging.md']),
    );
  });

  it('lists each prerequisite of prod with who needs it and how to create it', () => {
    const report = renderPrerequisites(output(), platformConfig(), 'prod');
    expect(report).toMatch(/^<!-- Generated at synth .* DO NOT EDIT\. -->\n# Account prerequisites: prod\n/);
    expect(report).toContain(
      '### service-linked-role `arn:aws:iam::410987654321:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`',
    );
    expect(report).toMatch(
      /Needed by:\n- `prod-us-east-1-cluster\/aws_kms_key\.volumes_key_[A-F0-9]+`\n- `prod-us-west-2-cluster\/aws_kms_key\.volumes_key_[A-F0-9]+`/,
    );
    expect(report).toContain('aws iam create-service-linked-role --aws-service-name autoscaling.amazonaws.com');
    expect(report).toMatch(
      /### iam-role `arn:aws:iam::410987654321:role\/platform-admin`[\s\S]*?- `prod-us-east-1-cluster\/aws_eks_access_entry\.eks_access-entry-0_/,
    );
    expect(report).toMatch(
      /### route53-zone `tradesense\.io`[\s\S]*?- `prod-global-dns-failover\/data\.aws_route53_zone\.zone`\n- `prod-global-edge\/data\.aws_route53_zone\.zone`/,
    );
    expect(report).toMatch(
      /### secret-value-filled-out-of-band `arn:aws:secretsmanager:us-east-1:410987654321:secret:prod\/edge\/origin-verify` \(us-east-1\)[\s\S]*?- `prod-global-edge\/data\.aws_secretsmanager_secret_version\.origin-verify`[\s\S]*?--add-replica-regions Region=us-west-2/,
    );
    expect(report).toContain('npm run state -- bootstrap prod');
  });

  it('lists the secrets stacks create empty with the exact command that fills each', () => {
    const report = renderPrerequisites(output(), platformConfig(), 'prod');
    expect(emptySecrets(output().stacks, platformConfig(), 'prod').map((s) => `${s.name} ${s.region}`)).toEqual(
      [
        'ecr-pullthroughcache/docker-hub us-east-1',
        'ecr-pullthroughcache/docker-hub us-west-2',
        'ecr-pullthroughcache/ghcr us-east-1',
        'ecr-pullthroughcache/ghcr us-west-2',
        // What the clusters read through External Secrets: filled once in the primary region, replicated by Secrets Manager.
        ...operatorSecrets(platformConfig(), 'prod').map((s) => `${s.name} us-east-1`),
        'prod/finops/slack-webhook us-east-1',
      ].sort((a, b) => (a.split(' ')[0] ?? '').localeCompare(b.split(' ')[0] ?? '')),
    );
    expect(report).toContain(
      `aws secretsmanager put-secret-value --region us-west-2 --secret-id ecr-pullthroughcache/ghcr --secret-string '{"username":"<upstream user>","accessToken":"<upstream access token>"}'`,
    );
    expect(report).toMatch(
      /`prod\/finops\/slack-webhook` \(us-east-1\), created by `prod-global-cost-reporting\/aws_secretsmanager_secret\.slack-webhook`: Slack incoming-webhook URL/,
    );
  });

  it('leaves out a secret whose value Terraform sets (the Aurora master secret)', () => {
    const stack = {
      name: 'prod-us-east-1-database',
      json: {
        provider: { aws: [{ region: 'us-east-1', allowed_account_ids: ['410987654321'] }] },
        resource: {
          aws_secretsmanager_secret: {
            master: { name: 'tradesense-prod-aurora/master' },
            empty: { name: 'prod/other', description: 'filled by hand' },
          },
          aws_secretsmanager_secret_version: { value: { secret_id: ref('aws_secretsmanager_secret.master.id'), secret_string_wo: 'x' } },
        },
      },
    };
    expect(emptySecrets([stack], platformConfig(), 'prod')).toEqual([
      {
        name: 'prod/other',
        region: 'us-east-1',
        where: 'prod-us-east-1-database/aws_secretsmanager_secret.empty',
        description: 'filled by hand',
      },
    ]);
  });

  it("dev's account needs only the roles and the service-linked role, and says when to activate cost allocation tags", () => {
    const report = renderPrerequisites(output(), platformConfig(), 'dev');
    expect(report.match(/^### /gm)).toHaveLength(3);
    expect(report).not.toContain('route53-zone');
    expect(report).toContain('- Cost allocation tags: activated by `dev-global-cost-tag-activation`');
    const fresh = configWith((c) => {
      const dev = c.cost.environments.dev;
      if (dev) delete dev.activateCostAllocationTags;
    });
    expect(renderPrerequisites(output(), fresh, 'dev')).toContain(
      'set `cost.environments.dev.activateCostAllocationTags: true` and deploy: that adds `dev-global-cost-tag-activation`',
    );
  });
});
