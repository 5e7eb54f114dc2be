/**
 * Whether a Node version satisfies an npm `engines.node` range, for the forms the lock
 * file holds: `>=20`, `^20.19.0 || >=22.12.0`, `>= 14.17.0`, `14 >=14.17`, `4.x`, `6.*`,
 * `>=6 <7`, `*`. node-semver's rules for these (x-ranges, caret, tilde, comparators);
 * hyphen ranges and prereleases do not occur there.
 */
type Version = readonly [number, number, number];

const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** One comparator as an interval [low, high): low inclusive, high exclusive. */
function interval(comparator: string): { low: Version; high?: Version; lowExclusive?: boolean; highInclusive?: boolean } {
  const m = /^(>=|<=|>|<|=|\^|~)?v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(comparator);
  if (!m) throw new Error(`unsupported range comparator '${comparator}'`);
  const [, op = '', ...parts] = m;
  const nums = parts.map((p) => (p === undefined || p === 'x' || p === '*' ? undefined : Number(p)));
  const [major, minor, patch] = nums;
  if (major === undefined) return { low: [0, 0, 0] };
  const low: Version = [major, minor ?? 0, patch ?? 0];
  const next: Version = minor === undefined ? [major + 1, 0, 0] : patch === undefined ? [major, minor + 1, 0] : [major, minor, patch + 1];
  switch (op) {
    case '>=':
      return { low };
    case '>':
      return patch === undefined ? { low: next } : { low, lowExclusive: true };
    case '<':
      return { low: [0, 0, 0], high: low };
    case '<=':
      return { low: [0, 0, 0], high: next };
    case '^':
      return {
        low,
        high:
          major > 0 || minor === undefined
            ? [major + 1, 0, 0]
            : minor > 0 || patch === undefined
              ? [0, minor + 1, 0]
              : [0, 0, (patch ?? 0) + 1],
      };
    case '~':
      return { low, high: minor === undefined ? [major + 1, 0, 0] : [major, minor + 1, 0] };
    default:
      return { low, high: next };
  }
}

export function satisfiesRange(version: string, range: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, '').split('.').map(Number);
  const v: Version = [major, minor, patch];
  return range.split('||').some((alternative) => {
    const comparators = alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter((c) => c !== '');
    return comparators.every((c) => {
      const { low, high, lowExclusive } = interval(c);
      const above = lowExclusive ? compare(v, low) > 0 : compare(v, low) >= 0;
      return above && (high === undefined || compare(v, high) < 0);
    });
  });
}
