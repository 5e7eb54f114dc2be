/**
 * Small builders for the JSON schemas the project defines for custom resources
 * that no @kubernetes-models package covers at the pinned CRD version. Every
 * object is closed (`additionalProperties: false`): a field the schema does not
 * declare is an error, as the API server's structural pruning would drop it.
 * Field names, types and enums follow the pinned upstream CRDs; a schema may
 * declare fewer fields than its CRD (the project does not use them), never more.
 */
export type JsonSchema = Record<string, unknown>;

export const str: JsonSchema = { type: 'string' };
export const bool: JsonSchema = { type: 'boolean' };
export const int: JsonSchema = { type: 'integer' };
export const strings: JsonSchema = { type: 'array', items: str };

export function enumOf(...values: string[]): JsonSchema {
  return { type: 'string', enum: values };
}

export function obj(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false };
}

export function arrayOf(items: JsonSchema): JsonSchema {
  return { type: 'array', items };
}

export function mapOf(values: JsonSchema): JsonSchema {
  return { type: 'object', additionalProperties: values };
}

const dns1123 = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const resourceName: JsonSchema = { type: 'string', minLength: 1, maxLength: 253, pattern: dns1123 };

const metadata = obj(
  {
    name: resourceName,
    namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
    labels: mapOf(str),
    annotations: mapOf(str),
    finalizers: strings,
  },
  ['name'],
);

/** A whole custom resource: apiVersion and kind fixed, standard metadata, the given spec. */
export function customResource(apiVersion: string, kind: string, spec: JsonSchema, options: { namespaced: boolean }): JsonSchema {
  return {
    type: 'object',
    properties: {
      apiVersion: { const: apiVersion },
      kind: { const: kind },
      metadata: options.namespaced ? { ...metadata, required: ['name', 'namespace'] } : metadata,
      spec,
    },
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    additionalProperties: false,
  };
}
