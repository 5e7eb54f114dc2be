/** Types of bundle.mjs (plain JavaScript: tools/run.mjs loads it before any TypeScript). */
export declare function bundlePaths(root: string, entry: string): { name: string; bundle: string; manifest: string; metafile: string };
export declare function ensureBundle(root: string, entry: string, extraInputs?: readonly string[]): Promise<string>;
export declare function freshBundle(root: string, entry: string): string | undefined;
