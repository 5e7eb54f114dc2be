import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProviderUse } from '../../../tools/validate/stack-plan.js';
import {
  markTemplateInitialized,
  shard,
  stackFile,
  templateConfig,
  weight,
  writeRoot,
  writeTemplate,
  type StackToRun,
} from '../../../tools/validate/workspace.js';

const aws: ProviderUse = { local: 'aws', source: 'registry.terraform.io/hashicorp/aws', pinned: '6.25.0', used: '5.100.0' };
const stack = (name: string, resources: number, providers = 1): StackToRun => ({
  name,
  providers: [aws],
  json: {
    provider: { aws: Array.from({ length: providers }, () => ({ region: 'us-east-1' })) },
    resource: { aws_s3_bucket: Object.fromEntries(Array.from({ length: resources }, (_, i) => [`b${i}`, { bucket: `b${i}` }])) },
  },
});

describe('shard', () => {
  it('counts a provider configuration as 20 blocks: each starts a provider process', () => {
    expect(weight(stack('a', 3, 2).json)).toBe(43);
  });

  it('spreads stacks over the groups by weight, every stack exactly once, names in order', () => {
    const stacks = [stack('a', 100), stack('b', 10), stack('c', 90), stack('d', 5), stack('e', 5)];
    // weights 120, 30, 110, 25, 25: largest first onto the lighter group gives 145 and 165
    const groups = shard(stacks, 2);
    expect(groups.map((g) => g.map((s) => s.name))).toEqual([
      ['a', 'd'],
      ['b', 'c', 'e'],
    ]);
  });

  it('makes no empty group', () => {
    expect(shard([stack('a', 1)], 4)).toHaveLength(1);
    expect(shard([], 2)).toEqual([]);
  });
});

describe('template root', () => {
  it('requires each provider once, at the mirrored version', () => {
    expect(JSON.parse(templateConfig([aws, { ...aws, local: 'aws2' }]))).toEqual({
      terraform: { required_providers: { aws: { source: 'registry.terraform.io/hashicorp/aws', version: '5.100.0' } } },
    });
  });

  it('is initialized again only when its configuration or the CLI config changed', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'validate-template-')), 'template');
    const config = templateConfig([aws]);
    expect(writeTemplate(dir, config, 'cli-a')).toBe(true);
    writeFileSync(join(dir, '.terraform.lock.hcl'), '');
    markTemplateInitialized(dir, config, 'cli-a');
    expect(writeTemplate(dir, config, 'cli-a')).toBe(false);
    expect(writeTemplate(dir, config, 'cli-b')).toBe(true);
    expect(writeTemplate(dir, config, 'cli-b')).toBe(true);
  });
});

describe('writeRoot', () => {
  const work = mkdtempSync(join(tmpdir(), 'validate-root-'));
  const template = join(work, 'template');
  mkdirSync(join(template, '.terraform/providers'), { recursive: true });
  writeFileSync(join(template, '.terraform.lock.hcl'), '# lock\n');

  it('holds each stack as a child module, linked to the template’s providers and lock file', () => {
    const root = { dir: join(work, 'pass-1/root-0'), mode: 'modules' as const, stacks: [stack('dev-a', 1), stack('9-odd', 1)] };
    const texts = writeRoot(root, template);
    expect(JSON.parse(readFileSync(join(root.dir, 'main.tf.json'), 'utf8'))).toEqual({
      module: { 'dev-a': { source: './stacks/dev-a' }, stack_1: { source: './stacks/9-odd' } },
    });
    expect(readFileSync(join(root.dir, 'stacks/dev-a/cdk.tf.json'), 'utf8')).toBe(texts.get('dev-a'));
    expect(realpathSync(join(root.dir, '.terraform/providers'))).toBe(realpathSync(join(template, '.terraform/providers')));
    expect(readlinkSync(join(root.dir, '.terraform/providers')).startsWith('/')).toBe(false);
    expect(readFileSync(join(root.dir, '.terraform.lock.hcl'), 'utf8')).toBe('# lock\n');
    expect(stackFile(root, 'dev-a')).toBe('stacks/dev-a/cdk.tf.json');
  });

  it('writes a root-only stack as the root itself, and starts from an empty folder', () => {
    const root = { dir: join(work, 'pass-1/own-0'), mode: 'own' as const, stacks: [stack('imports', 1)] };
    mkdirSync(root.dir, { recursive: true });
    writeFileSync(join(root.dir, 'left-over.tf.json'), '{}');
    writeRoot(root, template);
    expect(existsSync(join(root.dir, 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(root.dir, 'main.tf.json'))).toBe(false);
    expect(existsSync(join(root.dir, 'left-over.tf.json'))).toBe(false);
    expect(stackFile(root, 'imports')).toBe('cdk.tf.json');
  });
});
