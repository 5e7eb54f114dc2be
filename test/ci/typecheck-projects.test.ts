import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { specifiers } from '../support/imports.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SKIP = new Set(['node_modules', '.git', '.build', 'cdktf.out', 'dist', 'vendor']);

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? typescriptFiles(path) : name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

/** The files a tsconfig checks, as tsc reads it. */
function projectFiles(config: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, config),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(String(d.messageText));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${config}`);
  return parsed.fileNames.map((f) => relative(ROOT, f));
}

describe('npm run typecheck', () => {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.typecheck;
  const projects = [...(script ?? '').matchAll(/(\S+\.json)/g)].map((m) => m[1] ?? '');

  it('checks both projects, and between them every TypeScript file of the repository', () => {
    expect(projects).toEqual(['tsconfig.json', 'functions/tsconfig.json']);
    const checked = new Set(projects.flatMap(projectFiles));
    expect(typescriptFiles(ROOT).filter((f) => !checked.has(f))).toEqual([]);
  });

  it('leaves the AWS SDK (13 MB of declarations) to the Lambda handlers project', () => {
    const readsSdk = (file: string) => specifiers(readFileSync(join(ROOT, file), 'utf8')).some((s) => s.startsWith('@aws-sdk/'));
    expect(projectFiles('tsconfig.json').filter(readsSdk)).toEqual([]);
    expect(projectFiles('functions/tsconfig.json').filter(readsSdk).sort()).toEqual([
      'functions/cost-report/handler.ts',
      'functions/idle-cleanup/handler.ts',
    ]);
  });
});
