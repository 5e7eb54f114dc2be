import { describe, expect, test } from 'vitest';
import { environmentsFor, synthCounts } from '../../../tools/bench.js';
import { changedConfig } from '../../../tools/bench/config-change.js';
import { withExtraEnvironment } from '../../../tools/bench/extra-environment.js';
import { progressReporter, timedRow } from '../../../tools/bench/measure.js';
import { scaledConfig } from '../../../tools/bench/scaled-config.js';
import { parsePlatformConfig } from '../../../config/load.js';
import { clusterViews } from '../../../config/derive/cluster-view.js';
import { configInput } from '../../support/platform.js';

describe('npm run bench', () => {
  test('reports each run as it ends, counting the steps, before the row is printed', () => {
    const events: string[] = [];
    const progress = progressReporter(4, (line) => events.push(line));
    let n = 0;
    const row = timedRow('npm run synth', 3, () => ({ seconds: [2.5, 1.5, 2][n++] ?? 0, peakMb: 200, stdout: '' }), progress);
    events.push(row);
    expect(events).toEqual([
      '[1/4] npm run synth, run 1 of 3: 2.50 s\n',
      '[2/4] npm run synth, run 2 of 3: 1.50 s\n',
      '[3/4] npm run synth, run 3 of 3: 2.00 s\n',
      '| npm run synth | 2.00 s | 200 MB | 2.50, 1.50, 2.00 |',
    ]);
  });

  test('the extra environment is a valid development-tier copy deployed before production', () => {
    const config = withExtraEnvironment(configInput());
    expect(config.deployOrder).toEqual(['dev', 'bench', 'staging', 'prod']);
    expect(config.environments.bench).toMatchObject({ tier: 'development', accountId: '999999999999' });
  });

  test('each warm synth changes one value from the run before it, never a no-op', () => {
    const real = configInput().delivery.services;
    const first = Object.keys(real)[0] ?? '';
    const maxOf = (run: number) => changedConfig(configInput(), run).delivery.services[first]?.autoscaling?.maxReplicas;
    expect([0, 1, 2].map(maxOf)).toEqual([1, 2, 1].map((d) => (real[first]?.autoscaling?.maxReplicas ?? 0) + d));
    expect(() => parsePlatformConfig(changedConfig(configInput(), 1))).not.toThrow();
  });

  test('the large configuration: 12 environments x 3 regions that parse, with their own accounts, address space and prerequisites', () => {
    const input = scaledConfig(configInput(), 12);
    const config = parsePlatformConfig(input);
    const names = Object.keys(config.environments);
    expect(names).toHaveLength(12);
    expect(config.deployOrder.slice(0, 4)).toEqual(['dev', 'dev2', 'dev3', 'dev4']);
    expect(config.deployOrder.at(-1)).toBe('prod4');
    expect(clusterViews(config)).toHaveLength(36);
    expect(new Set(names.map((n) => config.environments[n]?.accountId)).size).toBe(12);
    // Every account id a copy's prerequisite names is the copy's own, never its template's.
    for (const name of names) {
      const ids = (config.prerequisites[name] ?? []).flatMap((p) => [...p.match.matchAll(/:(\d{12}):/g)].map((m) => m[1]));
      expect(ids.length, name).toBeGreaterThan(0);
      expect(new Set(ids), name).toEqual(new Set([config.environments[name]?.accountId]));
    }
    const cidrs = names.flatMap((n) => {
      const r = config.environments[n]?.regions;
      return r ? [r.primary.vpcCidr, ...r.replicas.map((x) => x.vpcCidr)] : [];
    });
    expect(new Set(cidrs).size).toBe(36);
  });

  test('sizes the generated configs from the measured stacks per environment, and reads the counts a synth printed', () => {
    expect(environmentsFor(3, 70, 33)).toBe(6);
    expect(environmentsFor(7, 70, 33)).toBe(15);
    expect(
      synthCounts(
        'synthesized 393 stacks to cdktf.out/stacks and 852 files for 36 clusters to dist/ (cluster state: 1 objects checked) in 8060 ms\n',
      ),
    ).toEqual({ stacks: 393, clusters: 36 });
    expect(() => synthCounts('nothing')).toThrow(/printed no/);
  });
});
