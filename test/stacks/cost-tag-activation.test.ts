import { CeCostAllocationTag } from '@cdktf/provider-aws/lib/ce-cost-allocation-tag';
import { App, type TerraformStack } from 'cdktf';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { activatesCostAllocationTags } from '../../config/derive/cost.js';
import { managementAccess } from '../../config/derive/organization.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { addAccountStacks, buildTerraformApp } from '../../stacks/app.js';
import { configWith, manifestDependencies, platformStackNames, resourcesOf, synthScopeStack } from '../support/platform.js';

const TAXONOMY = ['CostCentre', 'DataClassification', 'Environment', 'ManagedBy', 'Service', 'Team'];
const outdir = () => mkdtempSync(join(tmpdir(), 'cost-tags-'));
const stackNames = (config: PlatformConfig) => buildTerraformApp(config, { outdir: outdir() }).node.children.map((c) => c.node.id);

describe('cost allocation tag activation', () => {
  test.each(['dev', 'staging', 'prod'])('%s activates every taxonomy key in its own account, in a stack of its own', (env) => {
    const tags = resourcesOf(`${env}-global-cost-tag-activation`, CeCostAllocationTag.tfResourceType);
    expect(tags.map((t) => t.tag_key).sort()).toEqual(TAXONOMY);
    expect(tags.every((t) => t.status === 'Active' && t.provider === undefined)).toBe(true);
  });

  test('nothing depends on the activation stack, so a failed activation blocks no other stack', () => {
    const activation = platformStackNames().filter((n) => n.endsWith('-cost-tag-activation'));
    expect(activation).toHaveLength(3);
    expect(
      platformStackNames()
        .flatMap(manifestDependencies)
        .filter((d) => activation.includes(d)),
    ).toEqual([]);
  });

  test('a new account (the default) gets no activation stack: Billing has not seen its tag keys yet', () => {
    const config = configWith((c) => {
      for (const env of Object.values(c.cost.environments)) delete env.activateCostAllocationTags;
    });
    const names = stackNames(config);
    expect(names.filter((n) => n.includes('cost-tag-activation'))).toEqual([]);
    expect(names).toContain('prod-global-cost-controls');
  });

  describe('with a management account', () => {
    const config = configWith((c) => {
      c.organization.managementAccountId = '999988887777';
    });

    test('only the governance environment activates, through the management account (the payer)', () => {
      expect(stackNames(config).filter((n) => n.includes('cost-tag-activation'))).toEqual(['prod-global-cost-tag-activation']);
      const app = new App({ outdir: outdir(), stackTraces: false });
      addAccountStacks(app, config, 'prod');
      const json = JSON.parse(synthScopeStack(app.node.findChild('prod-global-cost-tag-activation') as TerraformStack));
      const tags = Object.values(json.resource[CeCostAllocationTag.tfResourceType]) as any[];
      expect(tags).toHaveLength(TAXONOMY.length);
      expect(tags.every((t) => t.provider === 'aws.management')).toBe(true);
      expect(json.provider.aws.find((p: any) => p.alias === 'management')).toMatchObject({ allowed_account_ids: ['999988887777'] });
    });

    test('a member environment neither activates nor reaches the management account, though its flag is set', () => {
      expect(config.cost.environments.dev?.activateCostAllocationTags).toBe(true);
      expect(activatesCostAllocationTags(config, 'dev')).toBe(false);
      expect(managementAccess(config, 'dev')).toBeUndefined();
      expect(managementAccess(config, 'prod')).toEqual({
        accountId: '999988887777',
        roleArn: expect.stringMatching(/^arn:aws:iam::999988887777:role\//),
        sessionName: 'prod-cost-governance',
      });
    });
  });
});
