import { Testing } from 'cdktf';
import { expect } from 'vitest';

/** A provider resource class (has the static `tfResourceType`) or a Terraform type name. */
type ResourceType = string | { readonly tfResourceType: string };

const typeName = (t: ResourceType) => (typeof t === 'string' ? t : t.tfResourceType);

/**
 * cdktf ships only a Jest adapter and its Testing.* functions return booleans;
 * these matchers give vitest the same assertions on synthesized stacks.
 */
expect.extend({
  toHaveResource(received: string, type: ResourceType) {
    const pass = Testing.toHaveResource(received, typeName(type));
    return { pass, message: () => `expected the stack ${pass ? 'not ' : ''}to have a ${typeName(type)}` };
  },
  toHaveResourceWithProperties(received: string, type: ResourceType, properties: Record<string, unknown>) {
    const pass = Testing.toHaveResourceWithProperties(received, typeName(type), properties);
    return {
      pass,
      message: () => `expected the stack ${pass ? 'not ' : ''}to have a ${typeName(type)} with ${JSON.stringify(properties)}`,
    };
  },
  toHaveDataSourceWithProperties(received: string, type: ResourceType, properties: Record<string, unknown>) {
    const pass = Testing.toHaveDataSourceWithProperties(received, typeName(type), properties);
    return {
      pass,
      message: () => `expected the stack ${pass ? 'not ' : ''}to have data ${typeName(type)} with ${JSON.stringify(properties)}`,
    };
  },
});

interface CdktfMatchers<R = unknown> {
  toHaveResource(type: ResourceType): R;
  toHaveResourceWithProperties(type: ResourceType, properties: Record<string, unknown>): R;
  toHaveDataSourceWithProperties(type: ResourceType, properties: Record<string, unknown>): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends CdktfMatchers<T> {}
}
