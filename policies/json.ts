/**
 * Reading untyped JSON (rendered manifests, synthesized Terraform) without
 * casts at every step: each accessor returns an empty value of its type when
 * the value is missing or of another shape.
 */
export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** An array's objects (other entries become `{}`). */
export const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
