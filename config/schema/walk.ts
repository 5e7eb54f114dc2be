import type { z } from 'zod';

/** The parts of zod's definitions the walk reads (zod v4 `schema._zod.def`). */
interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly catchall?: z.ZodType;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Wrappers that hold one schema: optional, default, nullable, readonly, catch... */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch', 'success']);

/** The schemas a value at `schema` may be checked against once wrappers are peeled. */
function unwrap(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type) && def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

/** One step down: a key of an object or record, an index of an array. */
function child(schema: z.ZodType, segment: PropertyKey): z.ZodType[] {
  return unwrap(schema).flatMap((s) => {
    const def = defOf(s);
    if (def.type === 'object' && def.shape) {
      const next = def.shape[String(segment)];
      return next ? [next] : [];
    }
    if (def.type === 'record' && def.valueType) return [def.valueType];
    if (def.type === 'array' && def.element) return [def.element];
    return [];
  });
}

/** The keys an object at `path` below `schema` accepts; empty when no object schema is found there. */
export function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let here: z.ZodType[] = [schema];
  for (const segment of path) here = here.flatMap((s) => child(s, segment));
  const keys = here.flatMap(unwrap).flatMap((s) => {
    const def = defOf(s);
    return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
  });
  return [...new Set(keys)];
}

/** Every object schema below `schema`, with the path where it sits (`*` for record keys and array items). */
export function objectSchemas(schema: z.ZodType, path: string[] = []): { path: string; strict: boolean }[] {
  return unwrap(schema).flatMap((s) => {
    const def = defOf(s);
    if (def.type === 'object' && def.shape) {
      const strict = def.catchall !== undefined && defOf(def.catchall).type === 'never';
      return [
        { path: path.join('.') || '(root)', strict },
        ...Object.entries(def.shape).flatMap(([key, value]) => objectSchemas(value, [...path, key])),
      ];
    }
    if (def.type === 'record' && def.valueType) return objectSchemas(def.valueType, [...path, '*']);
    if (def.type === 'array' && def.element) return objectSchemas(def.element, [...path, '*']);
    return [];
  });
}
