import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { load } from 'js-yaml';
import { synthesizeManifestHalf } from '../../tools/cdk8s-app.js';
import { synthesizeTerraformHalf } from '../../tools/cdktf-app.js';
import { configWith, keepOnlyEnvironment } from '../support/platform.js';
import { runCli, STACK_FRAME, treeOf } from './cli/harness.js';

const REPO = resolve(__dirname, '../..');

function scratchWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'standard-cli-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

describe('the standard CLIs run the guarded synth', () => {
  test('cdktf.json and cdk8s.yaml run the guarded apps; cdk8s never gets dist/ to delete', () => {
    expect(JSON.parse(readFileSync(join(REPO, 'cdktf.json'), 'utf8'))).toMatchObject({
      app: 'node tools/run.mjs tools/cdktf-app.ts',
      output: 'cdktf.out',
    });
    const cdk8s = load(readFileSync(join(REPO, 'cdk8s.yaml'), 'utf8')) as { app: string; output: string };
    expect(cdk8s.app).toBe('node tools/run.mjs tools/cdk8s-app.ts');
    // cdk8s synth removes its output folder before it runs the app: a scratch folder, never dist/.
    expect(cdk8s.output).toBe('.build/cdk8s.out');
  });

  test('npx cdktf synth refuses a public EKS endpoint open to the internet, as npm run synth does, and leaves cdktf.out/ as it was', async () => {
    const root = scratchWith({ 'cdktf.out/stacks/prod-global-state/cdk.tf.json': '{"earlier": true}\n' });
    const before = treeOf(root);
    // Dev alone (a third of the work): the rule holds in every environment.
    const open = configWith((c) => {
      keepOnlyEnvironment(c, 'dev');
      const dev = c.environments.dev;
      if (dev) dev.eks.publicAccessCidrs = ['0.0.0.0/0'];
    });
    let stderr = '';
    const code = await synthesizeTerraformHalf(open, 'cdktf.out', {
      cwd: root,
      stdout: () => undefined,
      stderr: (t) => void (stderr += t),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/\[eks-endpoint-restricted\] dev-us-east-1-cluster\/.*0\.0\.0\.0\/0/);
    expect(stderr).toMatch(/cdktf\.out left untouched: the cdktf app runs the checks of npm run synth/);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(treeOf(root)).toEqual(before);
  });

  test('npx cdk8s synth moves the checked manifests and the reports into dist/, copies the manifests for the CLI, and writes no Terraform', async () => {
    const root = scratchWith({ 'dist/reports/prerequisites-prod.md': '# earlier\n' });
    // Prod alone (two regions, a third of the work): the move does not depend on the config.
    const prodOnly = configWith((c) => keepOnlyEnvironment(c, 'prod'));
    const result = await runCli((_argv, io) => synthesizeManifestHalf(prodOnly, '.build/cdk8s.out', io), [], root);
    expect(result.code).toBe(0);
    expect(readdirSync(join(root, 'dist')).sort()).toEqual(['prod', 'reports']);
    expect(readdirSync(join(root, 'dist/prod')).sort()).toEqual(['us-east-1', 'us-west-2']);
    expect(readFileSync(join(root, 'dist/reports/prerequisites-prod.md'), 'utf8')).toMatch(/^<!-- Generated at synth/);
    expect(readFileSync(join(root, 'dist/reports/prerequisites-prod.md'), 'utf8')).not.toBe('# earlier\n');
    expect(readdirSync(join(root, '.build/cdk8s.out/prod/us-east-1'))).toContain('kustomization.yaml');
    expect(readFileSync(join(root, '.build/cdk8s.out/prod/us-east-1/argocd.k8s.yaml'), 'utf8')).toBe(
      readFileSync(join(root, 'dist/prod/us-east-1/argocd.k8s.yaml'), 'utf8'),
    );
    expect(existsSync(join(root, 'cdktf.out'))).toBe(false);
  });
});
