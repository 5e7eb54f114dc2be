import type { z } from 'zod';
import type { ConfigProblem } from './errors.js';
import { suggestion } from './nearest.js';
import { objectKeysAt } from './schema/walk.js';

type Issue = z.core.$ZodIssue;

const shown = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** zod's own wording starts like this; a schema's custom message (which already names the fix) never does. */
const ZOD_DEFAULT = /^(Invalid input|Invalid option|Too small|Too big|Invalid string|Invalid element|Invalid key|Invalid union)/;

/**
 * A zod issue as problems naming the fix: unknown keys with the nearest valid key
 * (rejected, not ignored: a misspelt setting would silently fall back to its
 * default), missing fields, wrong types, values outside an enum.
 */
export function issueProblems(issue: Issue, schema: z.ZodType): ConfigProblem[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    const valid = objectKeysAt(schema, path).filter((k) => !issue.keys.includes(k));
    return issue.keys.map((key) => ({
      path: [...path, key],
      message: `unknown key; ${suggestion(key, valid, 'a key this object accepts:')}`,
    }));
  }
  // zod reports a bad record key as 'Invalid key in record' with the key's own issues nested: surface those.
  if (issue.code === 'invalid_key' && issue.issues.length > 0) {
    return issue.issues.map((inner) => ({ path, message: inner.message }));
  }
  if (!ZOD_DEFAULT.test(issue.message)) return [{ path, message: issue.message }];
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return [
        {
          path,
          message:
            input === undefined
              ? `missing: add ${String(path.at(-1) ?? 'the value')} (${issue.expected})`
              : `expected ${issue.expected}, got ${kindOf(input)} ${shown(input)}; write it as a ${issue.expected}`,
        },
      ];
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v));
      if (input === undefined)
        return [{ path, message: `missing: add ${String(path.at(-1) ?? 'the value')} (one of ${values.join(', ')})` }];
      return [{ path, message: `${shown(input)} is not allowed; ${suggestion(String(input), values)}` }];
    }
    case 'invalid_union': {
      const literals = issue.errors.flat().flatMap((e) => (e.code === 'invalid_value' ? e.values.map(String) : []));
      return [
        {
          path,
          message:
            literals.length > 0
              ? `${shown(input)} is not allowed; use one of ${literals.join(', ')}`
              : `${shown(input)} matches none of the accepted forms`,
        },
      ];
    }
    case 'too_small':
      return [
        {
          path,
          message:
            issue.origin === 'array'
              ? `add at least ${String(issue.minimum)} item(s)`
              : `${shown(input)} is below the minimum ${String(issue.minimum)}; raise it`,
        },
      ];
    case 'too_big':
      return [
        {
          path,
          message:
            issue.origin === 'array'
              ? `at most ${String(issue.maximum)} item(s); remove some`
              : `${shown(input)} is above the maximum ${String(issue.maximum)}; lower it`,
        },
      ];
    default:
      return [{ path, message: `${issue.message} (got ${shown(input)})` }];
  }
}
