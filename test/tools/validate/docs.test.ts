import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mirrorCandidates } from '../../../tools/validate/mirror.js';
import { ROOT_ONLY } from '../../../tools/validate/stack-plan.js';
import { summaryLine } from '../../../tools/validate/summary.js';
import { DEFAULT_STACKS_PER_ROOT } from '../../../tools/validate/workspace.js';
import { ROOT } from '../../ci/workflows.js';
import { stackJson } from '../../support/platform.js';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const doc = read('docs/ci-cd.md');
/** The section, with line breaks and indentation folded to single spaces. */
const section = doc.slice(doc.indexOf('## Terraform validation (`npm run validate`)'), doc.indexOf('## Deployment')).replace(/\s+/g, ' ');

describe('README and docs/ci-cd.md on npm run validate', () => {
  it('README lists the command, which runs the validate tool', () => {
    expect(read('README.md')).toMatch(
      /^\| `npm run validate` \| .* \| real `terraform init -backend=false` \+ `terraform validate` of every synthesized stack/m,
    );
    expect(JSON.parse(read('package.json')).scripts.validate).toBe('node tools/run.mjs tools/validate/cli.ts');
  });

  it('lists the mirror folders in the order they are searched', () => {
    const paths = mirrorCandidates({ env: {}, home: '~', cwd: '.' }).map((c) => c.path);
    const positions = paths.map((p) => section.indexOf(`\`${p}\``));
    expect(positions.every((at) => at > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(section).toContain('`TF_PROVIDER_MIRROR` (alone, when set)');
  });

  it('names the pinned provider version that the stacks pin and the bindings are generated from', () => {
    const pinned = stackJson('dev-global-state').terraform.required_providers.aws.version;
    const bindings = JSON.parse(read('node_modules/@cdktf/provider-aws/package.json')).cdktf.provider.version;
    expect(bindings).toBe(pinned);
    expect(section).toContain(`The stacks pin \`hashicorp/aws\` ${pinned}`);
    expect(section).toContain(`(\`@cdktf/provider-aws\`, generated from ${pinned})`);
  });

  it('states the default root size and the root-only blocks', () => {
    expect(section).toContain(`at most ${DEFAULT_STACKS_PER_ROOT} stacks each (\`--stacks-per-root\`)`);
    expect(section).toContain(`(${ROOT_ONLY.map((b) => `\`${b}\``).join(', ')})`);
  });

  it('shows the summary line as the tool prints it', () => {
    const line = summaryLine({ valid: 1, skew: 2, skipped: 3, failed: 4 }, 5000, 'x')
      .replace(/\d+(\.\d+)?/g, 'N')
      .replace(/\[x\]$/, '[...]');
    expect(section).toContain(`\`${line}\``);
  });

  it('quotes the line .ci/run prints when it skips validate', () => {
    const quoted = /`(::: SKIPPED \(not counted as a failure\): npm run validate: )<reason>`/.exec(section)?.[1];
    expect(quoted).toBeDefined();
    expect(read('.ci/run')).toContain(`echo "${quoted}\${probe}"`);
  });
});
