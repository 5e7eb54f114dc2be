import { describe, expect, it } from 'vitest';
import { codeownersMatches, owningPattern } from '../../../tools/codeowners/pattern.js';

describe('CODEOWNERS pattern matching (GitHub semantics)', () => {
  it.each([
    ['*', 'anything/at/all.ts', true],
    ['/config/', 'config/schema/ownership.ts', true],
    ['/config/', 'config', false],
    ['/config/', 'tools/config/x.ts', false],
    ['config/', 'tools/config/x.ts', true],
    ['/README.md', 'README.md', true],
    ['/README.md', 'docs/README.md', false],
    ['*.md', 'docs/deep/guide.md', true],
    ['*.md', 'docs/guide.mdx', false],
    ['docs/*', 'docs/getting-started.md', true],
    ['docs/*', 'docs/build-app/troubleshooting.md', false],
    ['/docs/**/runbook.md', 'docs/a/b/runbook.md', true],
    ['/docs/**/runbook.md', 'docs/runbook.md', true],
    ['/.github/', '.github/workflows/pr.yml', true],
    ['/package.json', 'package.json.bak', false],
  ])('%s owns %s: %s', (pattern, path, expected) => {
    expect(codeownersMatches(pattern, path)).toBe(expected);
  });

  it('picks the last matching pattern, like GitHub', () => {
    expect(owningPattern(['*', '/charts/', '/charts/workloads/'], 'charts/workloads/order-gateway.ts')).toBe('/charts/workloads/');
    expect(owningPattern(['*', '/charts/', '/charts/workloads/'], 'charts/app.ts')).toBe('/charts/');
    expect(owningPattern(['/charts/'], 'stacks/app.ts')).toBeUndefined();
  });
});
