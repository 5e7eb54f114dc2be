import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestYaml } from '../../../charts/manifest-yaml.js';
import { REPO_ROOT } from '../../../tools/helm/chart-lock.js';
import { openYamlCache } from '../../../tools/synth/yaml-cache.js';
import { sharedClusters } from '../../support/synth-once/read.js';

/** A repository of its own for the cache: manifest-yaml.ts, package.json and node_modules. */
function cacheRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'yaml-cache-'));
  mkdirSync(join(repo, 'charts'));
  cpSync(join(REPO_ROOT, 'charts', 'manifest-yaml.ts'), join(repo, 'charts', 'manifest-yaml.ts'));
  cpSync(join(REPO_ROOT, 'package.json'), join(repo, 'package.json'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
  return repo;
}

describe("the synth's cache of manifest YAML", () => {
  const repos: string[] = [];
  afterAll(() => {
    for (const repo of repos) rmSync(repo, { recursive: true, force: true });
  });
  const newRepo = () => {
    const repo = cacheRepo();
    repos.push(repo);
    return repo;
  };
  // Every file of every cluster, as the run's synth rendered them.
  const files = sharedClusters().flatMap((c) => c.objects.map(([file, docs]) => ({ file: `${c.dir}/${file}`, docs })));

  it('gives the bytes manifestYaml gives, dumped or from the cache, for every file of the platform', () => {
    const repo = newRepo();
    const cold = openYamlCache(repo);
    const first = files.map(({ docs }) => cold.yaml(docs));
    cold.save();
    const warm = openYamlCache(repo);
    const second = files.map(({ docs }) => warm.yaml(docs));
    const expected = files.map(({ docs }) => manifestYaml(docs));
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    expect(cold.counts().dumped).toBe(files.length);
    expect(warm.counts()).toEqual({ cached: files.length, dumped: 0 });
  });

  it('dumps again what changed, and everything after manifest-yaml.ts changed', () => {
    const repo = newRepo();
    const docs = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { flag: 'on' } }];
    const changed = [{ ...docs[0], data: { flag: 'off' } }];
    const first = openYamlCache(repo);
    first.yaml(docs);
    first.save();
    const second = openYamlCache(repo);
    expect(second.yaml(changed)).toBe(manifestYaml(changed));
    expect(second.yaml(docs)).toBe(manifestYaml(docs));
    expect(second.counts()).toEqual({ cached: 1, dumped: 1 });
    second.save();
    appendFileSync(join(repo, 'charts', 'manifest-yaml.ts'), '\n// a change to the serializer\n');
    const third = openYamlCache(repo);
    third.yaml(docs);
    expect(third.counts()).toEqual({ cached: 0, dumped: 1 });
  });

  it("keeps the last synth's files first, then earlier ones, at most 1000, and starts over from an unreadable cache", () => {
    const repo = newRepo();
    const cache = openYamlCache(repo);
    cache.yaml([{ kind: 'A' }]);
    cache.save();
    const next = openYamlCache(repo);
    next.yaml([{ kind: 'B' }]);
    next.save();
    const stored = JSON.parse(readFileSync(join(repo, '.build', 'manifest-yaml.json'), 'utf8')) as { entries: Record<string, string> };
    expect(Object.values(stored.entries)).toEqual([manifestYaml([{ kind: 'B' }]), manifestYaml([{ kind: 'A' }])]);
    const many = openYamlCache(repo);
    for (let i = 0; i < 1200; i += 1) many.yaml([{ kind: 'ConfigMap', metadata: { name: `c${i}` } }]);
    many.save();
    const bounded = JSON.parse(readFileSync(join(repo, '.build', 'manifest-yaml.json'), 'utf8')) as { entries: Record<string, string> };
    expect(Object.keys(bounded.entries)).toHaveLength(1000);
    expect(Object.values(bounded.entries)[0]).toBe(manifestYaml([{ kind: 'ConfigMap', metadata: { name: 'c0' } }]));
    writeFileSync(join(repo, '.build', 'manifest-yaml.json'), '{"serializer": ');
    const broken = openYamlCache(repo);
    expect(broken.yaml([{ kind: 'B' }])).toBe(manifestYaml([{ kind: 'B' }]));
    expect(broken.counts()).toEqual({ cached: 0, dumped: 1 });
  });
});
