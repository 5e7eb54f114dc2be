/** Types of compile-cache.mjs (plain JavaScript: tools/run.mjs loads it before any TypeScript). */
export declare function installCompileCache(file: string): () => void;
export declare function compileCacheFile(root: string, name: string): string;
