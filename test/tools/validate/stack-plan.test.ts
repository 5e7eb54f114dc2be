import { describe, expect, it } from 'vitest';
import { mirroredVersion, planStack, providerAddress, type StackJson } from '../../../tools/validate/stack-plan.js';
import { stackJson } from '../../support/platform.js';

const mirror = { path: '/opt/tf-plugins', providers: new Map([['registry.terraform.io/hashicorp/aws', ['5.99.1', '5.100.0']]]) };

describe('planStack on synthesized stacks', () => {
  it('validates an AWS stack with the mirrored provider and without its backend, otherwise unchanged', () => {
    const json = stackJson('dev-global-audit') as unknown as StackJson;
    const plan = planStack('dev-global-audit', json, mirror);
    expect(plan).not.toHaveProperty('skipped');
    if ('skipped' in plan) return;
    expect(plan.providers).toEqual([{ local: 'aws', source: 'registry.terraform.io/hashicorp/aws', pinned: '6.25.0', used: '5.100.0' }]);
    expect(plan.json.terraform).toEqual({ required_providers: { aws: { source: 'aws', version: '5.100.0' } } });
    expect(json.terraform).toHaveProperty('backend.s3');
    expect({ ...plan.json, terraform: undefined }).toEqual({ ...json, terraform: undefined });
  });

  it('skips the GitHub governance stack, naming the provider the mirror lacks', () => {
    expect(planStack('prod-global-github', stackJson('prod-global-github') as unknown as StackJson, mirror)).toEqual({
      name: 'prod-global-github',
      skipped: 'provider registry.terraform.io/integrations/github 6.9.0 is not in the mirror /opt/tf-plugins',
    });
  });
});

describe('planStack', () => {
  const stack = (extra: Record<string, unknown>): StackJson => ({
    terraform: { required_providers: { aws: { source: 'aws', version: '5.99.1' } } },
    ...extra,
  });

  it('uses the pinned version when the mirror holds it', () => {
    const plan = planStack('s', stack({}), mirror);
    expect('providers' in plan && plan.providers[0]?.used).toBe('5.99.1');
  });

  it('validates a stack with root-only blocks as its own root', () => {
    expect(planStack('s', stack({ import: [{ to: 'aws_s3_bucket.x', id: 'x' }] }), mirror)).toMatchObject({
      ownRoot: 'it has import blocks, which only a root module may hold',
    });
    expect(planStack('s', stack({}), mirror)).not.toHaveProperty('ownRoot');
  });
});

describe('provider addresses and versions', () => {
  it.each([
    ['aws', 'registry.terraform.io/hashicorp/aws'],
    ['integrations/github', 'registry.terraform.io/integrations/github'],
    ['registry.opentofu.org/hashicorp/aws', 'registry.opentofu.org/hashicorp/aws'],
  ])('%s is %s', (source, address) => {
    expect(providerAddress(source)).toBe(address);
  });

  it('prefers the pinned version, else the newest mirrored, else none', () => {
    expect(mirroredVersion('6.25.0', ['6.25.0', '6.30.0'])).toBe('6.25.0');
    expect(mirroredVersion('6.25.0', ['5.100.0', '5.99.1'])).toBe('5.100.0');
    expect(mirroredVersion('6.25.0', [])).toBeUndefined();
  });
});
