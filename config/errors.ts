/** One problem in the platform configuration: where it is and how to fix it. */
export interface ConfigProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export function formatPath(path: readonly (string | number | symbol)[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(root)';
}

/** Thrown when config does not parse; its message lists every problem with its path. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `invalid platform config (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${formatPath(p.path)}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}
