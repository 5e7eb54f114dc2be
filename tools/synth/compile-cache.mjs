/**
 * A V8 code cache for the CommonJS modules one thread loads (our bundle and the
 * packages it requires: ~800 modules, 25 MB of source, much of it inline source
 * maps V8 must still scan). Node 20 has no NODE_COMPILE_CACHE (Node 22), so this
 * compiles each module as Node does (Module.wrap + vm.Script) with the cached
 * bytes of the previous run: a warm synth skips parsing and most lazy compiles.
 *
 * One blob per role (`<cacheDir>/<name>.bin`), keyed per file by size and mtime
 * (V8 itself checks only the source length). Written once a run that compiled
 * anything new has done its work, so the bytes hold the functions that ran.
 * Plain JavaScript: tools/run.mjs and the synth's worker threads load it before
 * any bundle.
 */
import { closeSync, mkdirSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Module from 'node:module';
import vm from 'node:vm';

const MAGIC = 'tradesense-v8-cache-1';

/** What V8's bytes depend on besides the source: another Node makes them useless (V8 itself rejects bytes made under other flags). */
const runtimeKey = `${MAGIC} ${process.version} ${process.arch}`;

/**
 * The blob's index: per file its key and where its bytes sit. Each module's bytes
 * are read when it compiles, into their own buffer, so nothing of the blob stays
 * in memory once the modules are loaded.
 */
function openBlob(file) {
  let fd;
  try {
    fd = openSync(file, 'r');
    const length = Buffer.alloc(4);
    readSync(fd, length, 0, 4, 0);
    const header = Buffer.alloc(length.readUInt32LE(0));
    readSync(fd, header, 0, header.length, 4);
    const { runtime, entries } = JSON.parse(header.toString('utf8'));
    if (runtime !== runtimeKey) throw new Error('another runtime');
    let offset = 4 + header.length;
    const index = new Map();
    for (const [path, key, size] of entries) {
      index.set(path, { key, offset, size });
      offset += size;
    }
    let open = true;
    const read = (entry) => {
      if (!open) return undefined;
      const data = Buffer.allocUnsafe(entry.size);
      return readSync(fd, data, 0, entry.size, entry.offset) === entry.size ? data : undefined;
    };
    const close = () => {
      if (open) closeSync(fd);
      open = false;
    };
    return { index, read, close };
  } catch {
    if (fd !== undefined) closeSync(fd);
    return { index: new Map(), read: () => undefined, close: () => undefined };
  }
}

function sourceKey(filename) {
  try {
    const s = statSync(filename);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** The `require` a module's code gets, as Node builds it. */
function requireOf(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * Compiles every CommonJS module this thread loads from here on through the cache
 * in `file`. Returns `save()`, which writes the blob when something was compiled
 * afresh (a miss or rejected bytes) and is a no-op otherwise.
 */
export function installCompileCache(file) {
  const blob = openBlob(file);
  /** path -> { key, script } of every module compiled here. */
  const compiled = new Map();
  let fresh = false;
  const dynamicImport = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const nodeCompile = Module.prototype._compile;

  Module.prototype._compile = function compile(content, filename) {
    // A hashbang is only valid at the very start of a script, not inside the module wrapper: Node's own path strips it.
    if (content.startsWith('#!')) return nodeCompile.call(this, content, filename);
    const key = sourceKey(filename);
    const cached = key === undefined ? undefined : blob.index.get(filename);
    const cachedData = cached && cached.key === key ? blob.read(cached) : undefined;
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData,
      ...(dynamicImport === undefined ? {} : { importModuleDynamically: dynamicImport }),
    });
    if (cachedData === undefined || script.cachedDataRejected) fresh = true;
    if (key !== undefined) compiled.set(filename, { key, script });
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireOf(this), this, filename, dirname(filename));
  };

  return function save() {
    blob.close();
    if (!fresh) return;
    fresh = false;
    const entries = [];
    const blobs = [];
    for (const [path, { key, script }] of compiled) {
      const data = script.createCachedData();
      entries.push([path, key, data.length]);
      blobs.push(data);
    }
    const header = Buffer.from(JSON.stringify({ runtime: runtimeKey, entries }));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length, 0);
    try {
      mkdirSync(dirname(file), { recursive: true });
      // Write then rename: a parallel run never reads half a blob.
      const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(temp, Buffer.concat([length, header, ...blobs]));
      renameSync(temp, file);
    } catch {
      // A cache that cannot be written only costs the next run its parse time.
    }
  };
}

/** `<root>/.build/v8-cache/<name>.bin`: where a role's blob lives. */
export const compileCacheFile = (root, name) => join(root, '.build', 'v8-cache', `${name}.bin`);
