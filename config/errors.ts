/** One problem in the platform configuration: where it is and how to fix it. */
export interface ConfigProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Fields that name an item of an array, tried in order; the first whose value is
 * a string unique among the array's items names it (`teams[risk]`,
 * `ownership.rules[/config/]`, `regions.replicas[us-west-2]`). Allocation budgets are named `tagKey=tagValue`.
 */
const NAME_FIELDS = ['name', 'key', 'pattern', 'regulation', 'principalArn', 'match', 'region'] as const;

type Item = Record<string, unknown>;
const isItem = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);

function budgetName(item: Item): string | undefined {
  return typeof item.tagKey === 'string' && typeof item.tagValue === 'string' ? `${item.tagKey}=${item.tagValue}` : undefined;
}

/** The name of `items[index]`, or undefined when nothing names it uniquely. */
export function itemName(items: readonly unknown[], index: number): string | undefined {
  const item = items[index];
  if (!isItem(item)) return undefined;
  const namers: ((i: Item) => string | undefined)[] = [
    ...NAME_FIELDS.map((field) => (i: Item) => (typeof i[field] === 'string' && i[field] !== '' ? (i[field] as string) : undefined)),
    budgetName,
  ];
  for (const namer of namers) {
    const name = namer(item);
    if (name === undefined) continue;
    const same = items.filter((other) => isItem(other) && namer(other) === name).length;
    if (same === 1) return name;
  }
  return undefined;
}

/**
 * One style for every path: object keys joined by dots, array items in brackets,
 * by name where `root` (the config the path points into) gives them one:
 * `teams[risk].contact`, `environments.prod.eks.nodePools.system.minSize`,
 * `deployOrder[1]`.
 */
export function formatPath(path: readonly (string | number | symbol)[], root?: unknown): string {
  let node: unknown = root;
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number' || (Array.isArray(node) && /^\d+$/.test(String(segment)))) {
      const index = Number(segment);
      const name = Array.isArray(node) ? itemName(node, index) : undefined;
      out += `[${name ?? index}]`;
      node = Array.isArray(node) ? node[index] : undefined;
    } else {
      out += `${out === '' ? '' : '.'}${String(segment)}`;
      node = isItem(node) ? node[String(segment)] : undefined;
    }
  }
  return out || '(root)';
}

/** A problem with its path resolved against the config it was found in. */
export interface LocatedProblem extends ConfigProblem {
  /** The path as printed (`teams[risk].contact`). */
  readonly where: string;
}

/**
 * Thrown when config does not parse; its message lists every problem with its
 * path. `root` is the config the paths point into (input or parsed), so that
 * array items print by name.
 */
export class ConfigError extends Error {
  readonly problems: readonly LocatedProblem[];

  constructor(problems: readonly ConfigProblem[], root?: unknown) {
    const located = problems.map((p) => ({ ...p, where: formatPath(p.path, root) }));
    super(
      `invalid platform config (${located.length} problem${located.length === 1 ? '' : 's'}):\n` +
        located.map((p) => `  - ${p.where}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = located;
  }
}
