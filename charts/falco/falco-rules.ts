import { manifestYaml } from '../manifest-yaml.js';

export type FalcoPriority = 'EMERGENCY' | 'ALERT' | 'CRITICAL' | 'ERROR' | 'WARNING' | 'NOTICE' | 'INFORMATIONAL' | 'DEBUG';

/** A named set of values, referenced in conditions as `(name)`. */
export interface FalcoList {
  readonly list: string;
  readonly items: readonly (string | number)[];
}

/** A reusable condition fragment. */
export interface FalcoMacro {
  readonly macro: string;
  readonly condition: string;
}

export interface FalcoRule {
  readonly rule: string;
  readonly desc: string;
  readonly condition: string;
  readonly output: string;
  readonly priority: FalcoPriority;
  readonly tags: readonly string[];
}

export type FalcoItem = FalcoList | FalcoMacro | FalcoRule;

/** Our names carry this prefix, so they never shadow or override Falco's default rules. */
export const RULE_PREFIX = 'ts_';

/** The Falco rules file: lists and macros before the rules that use them, as Falco requires. */
export function renderFalcoRules(items: readonly FalcoItem[]): string {
  const rank = (item: FalcoItem) => ('list' in item ? 0 : 'macro' in item ? 1 : 2);
  const ordered = items.map((item, i) => ({ item, i })).sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i);
  return manifestYaml([ordered.map(({ item }) => item)]);
}

/** Names of the lists and macros a condition refers to by our prefix. */
export function referencedNames(condition: string): string[] {
  return [...new Set(condition.match(new RegExp(`\\b${RULE_PREFIX}[a-z0-9_]+`, 'g')) ?? [])].sort();
}
