import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { manifestYaml } from '../../charts/manifest-yaml.js';

/** What the YAML of given documents depends on besides them: js-yaml and our dump options and schema. */
function serializerKey(repo: string): string {
  const jsYaml = (createRequire(join(repo, 'package.json'))('js-yaml/package.json') as { version: string }).version;
  return createHash('sha256')
    .update(`js-yaml ${jsYaml}\n`)
    .update(readFileSync(join(repo, 'charts', 'manifest-yaml.ts')))
    .digest('hex');
}

/** Files kept: ~8 times the TradeSense config's 119, ~12 MB. */
const MAX_ENTRIES = 1000;

interface CacheFile {
  readonly serializer: string;
  readonly entries: Record<string, string>;
}

export interface YamlCache {
  /** manifestYaml(docs), from the cache when the same documents were serialized before. */
  readonly yaml: (docs: readonly unknown[]) => string;
  /** Writes the entries this run used (only when it serialized anything new). */
  save(): void;
  /** Files served from the cache and files dumped, so far. */
  counts(): { readonly cached: number; readonly dumped: number };
}

/**
 * manifestYaml through a cache (`<repo>/.build/manifest-yaml.json`): a file's
 * YAML by the SHA-256 of its documents' JSON, for the js-yaml version and
 * manifest-yaml.ts it was written with. js-yaml's dump is the largest part of
 * rendering a cluster (~110 ms of a synth); after a config change only the files
 * it changed are dumped again. Same bytes as manifestYaml (it is what made them;
 * test/tools/synth/yaml-cache.test.ts). Keeps what the last synth used first,
 * then what earlier ones used, up to MAX_ENTRIES files.
 */
export function openYamlCache(repo: string): YamlCache {
  const file = join(repo, '.build', 'manifest-yaml.json');
  const serializer = serializerKey(repo);
  let known: Record<string, string> = {};
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (cached.serializer === serializer) known = cached.entries;
  } catch {
    // No cache yet, or an unreadable one: every file is dumped.
  }
  const used: Record<string, string> = {};
  let [cached, dumped] = [0, 0];
  return {
    yaml: (docs) => {
      const key = createHash('sha256').update(JSON.stringify(docs)).digest('base64url');
      let text = known[key];
      if (text === undefined) {
        text = manifestYaml(docs);
        dumped += 1;
      } else cached += 1;
      used[key] = text;
      return text;
    },
    save: () => {
      if (dumped === 0) return;
      try {
        mkdirSync(dirname(file), { recursive: true });
        // Write then rename: a parallel synth (another process, or thread of this one) never reads half a file.
        const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        // This synth's files first, then earlier ones up to the bound (a what-if config, the tests' cut configs).
        const kept = Object.entries({ ...used, ...known }).slice(0, MAX_ENTRIES);
        writeFileSync(temp, JSON.stringify({ serializer, entries: Object.fromEntries(kept) } satisfies CacheFile));
        renameSync(temp, file);
      } catch {
        // A cache that cannot be written only costs the next synth its dump.
      }
    },
    counts: () => ({ cached, dumped }),
  };
}
