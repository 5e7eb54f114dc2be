import { Testing } from 'cdktf';
import { describe, expect, test } from 'vitest';
import { stackEnvironment } from '../../config/derive/stack-environment.js';
import { stackName } from '../../config/derive/stack-names.js';
import { RegistryStack } from '../../stacks/registry.js';
import { platformConfig, platformStackNames, stackJson } from '../support/platform.js';

describe('state backend of every stack', () => {
  const names = () => platformStackNames();

  test('stacks are named <env>-<region|global>-<kind>', () => {
    for (const name of platformStackNames()) {
      expect(name).toMatch(/^(dev|staging|prod)-(global|[a-z]{2}-[a-z]+-\d)-[a-z-]+$/);
    }
  });

  test('each, the state bootstrap included, uses the S3 backend of its account with its own key, the state key and S3-native locking', () => {
    const keys = new Set<string>();
    for (const name of names()) {
      const backend = stackJson(name).terraform.backend;
      if (!backend.s3) continue; // stacks that are not AWS stacks (e.g. GitHub) may differ
      const envName = name.split('-')[0];
      expect(backend.s3).toMatchObject({ key: `${name}/terraform.tfstate`, encrypt: true, use_lockfile: true });
      expect(backend.s3.bucket).toMatch(new RegExp(`^tradesense-${envName}-tfstate-\\d{12}$`));
      expect(backend.s3.kms_key_id).toMatch(new RegExp(`^arn:aws:kms:us-east-1:\\d{12}:alias/${envName}-terraform-state$`));
      keys.add(backend.s3.key);
    }
    expect(keys.size).toBe(names().length);
  });

  test('the AWS provider is pinned to the environment account with default tags from config', () => {
    const [provider] = stackJson('staging-us-west-2-network').provider.aws;
    expect(provider).toMatchObject({
      region: 'us-west-2',
      allowed_account_ids: ['310987654321'],
      default_tags: [
        {
          tags: expect.objectContaining({
            Environment: 'staging',
            Team: 'platform',
            CostCentre: 'CC-1000',
            ManagedBy: 'terraform',
            DataClassification: 'confidential',
          }),
        },
      ],
    });
  });
});

describe('the stack id stacks/app.ts passes', () => {
  test('must follow <env>-<region>-<kind>: it is the stack name, the state key and what cdktf deploy takes', () => {
    const config = platformConfig();
    const environment = stackEnvironment(config, 'prod');
    const region = config.environments.prod?.regions.primary.region ?? 'us-east-1';
    const props = { environment, region, services: [] };
    expect(() => new RegistryStack(Testing.app(), 'registry', props)).toThrow(
      new RegExp(
        `stack id 'registry' breaks the naming rule: a registry stack of prod in ${region} is 'prod-${region}-registry' \\(stackName\\)`,
      ),
    );
    expect(new RegistryStack(Testing.app(), stackName('prod', region, 'registry'), props).node.id).toBe(`prod-${region}-registry`);
  });
});
