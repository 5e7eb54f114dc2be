import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryImports, ROOT, typescriptFiles } from '../support/imports.js';

/**
 * Only charts/app.ts reads the platform config; every chart takes
 * `(scope, id, props)` with resolved, typed values (docs/gitops.md).
 */

/** The one chart file that takes the config, and the entry script that regenerates the gator fixtures from it. */
const READS_CONFIG = new Set(['charts/app.ts', 'charts/gatekeeper/write-policy-files.ts']);
/** What only READS_CONFIG may import: the config values, the loader, the whole-config type. */
const CONFIG_ENTRIES = /^config\/(values\/|load\.ts$|schema\/platform\.ts$)/;

const imports = repositoryImports('charts');
const source = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Problems of one file: imports of the config entries, or the whole config named in its source. */
function configReads(file: string, targets: readonly string[], text: string): string[] {
  const entries = targets.filter((t) => CONFIG_ENTRIES.test(t)).map((t) => `${file} imports ${t}`);
  const named = /\b(PlatformConfig|ClusterContext)\b/.test(text) ? [`${file} names PlatformConfig or ClusterContext`] : [];
  return [...entries, ...named];
}

/** Chart classes whose constructor is not `(scope, id, props: <Name>Props)`. */
function untypedCharts(file: string, text: string): string[] {
  const classes = [...text.matchAll(/export class (\w+) extends Chart \{\s*constructor\(([^)]*)\)/g)];
  return classes
    .filter(([, , params]) => !/^scope: Construct, id: string, props: \w+Props$/.test(params ?? ''))
    .map(([, name]) => `${file}: ${name}`);
}

describe('typed props in charts/', () => {
  it('the check sees a config read and an untyped chart (it can fail)', () => {
    expect(configReads('charts/x.ts', ['config/values/tradesense.ts', 'config/derive/tags.ts'], '')).toEqual([
      'charts/x.ts imports config/values/tradesense.ts',
    ]);
    expect(configReads('charts/x.ts', [], 'constructor(scope: Construct, id: string, ctx: ClusterContext)')).toHaveLength(1);
    expect(
      untypedCharts(
        'charts/x.ts',
        'export class XChart extends Chart {\n  constructor(scope: Construct, id: string, ctx: ClusterContext) {',
      ),
    ).toEqual(['charts/x.ts: XChart']);
    expect(
      untypedCharts('charts/x.ts', 'export class XChart extends Chart {\n  constructor(scope: Construct, id: string, props: XProps) {'),
    ).toEqual([]);
  });

  it('no chart file but charts/app.ts imports the config values, the loader or the whole-config type', () => {
    const problems = [...imports]
      .filter(([file]) => !READS_CONFIG.has(file))
      .flatMap(([file, targets]) => configReads(file, targets, source(file)));
    expect(problems).toEqual([]);
  });

  it('every chart takes (scope, id, props) with a props interface', () => {
    const files = typescriptFiles(join(ROOT, 'charts')).map((f) => f.slice(ROOT.length + 1));
    const charts = files.filter((f) => /extends Chart \{/.test(source(f)));
    expect(charts.length).toBeGreaterThanOrEqual(20);
    expect(charts.flatMap((f) => untypedCharts(f, source(f)))).toEqual([]);
  });
});

describe('cross-half names come from config/derive/cluster-names.ts (README)', () => {
  /** Team namespaces, the single-peer Velero location, DORA series: spelled out only there. */
  const SPELLED_OUT = /team-\$\{|['"`]peer-region['"`]|\bdora_[a-z_]+/;

  it('the check sees a name spelled out (it can fail)', () => {
    expect(SPELLED_OUT.test(['return `team-$', '{team}`;'].join(''))).toBe(true);
    expect(SPELLED_OUT.test("const name = 'dora_deployments';")).toBe(true);
    expect(SPELLED_OUT.test('teamNamespace(team)')).toBe(false);
  });

  it('no file of charts/ or tools/ spells them out', () => {
    const files = ['charts', 'tools'].flatMap((dir) => typescriptFiles(join(ROOT, dir)).map((f) => f.slice(ROOT.length + 1)));
    expect(files.filter((f) => SPELLED_OUT.test(source(f)))).toEqual([]);
  });
});
