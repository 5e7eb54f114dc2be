import { forcesReplacement } from './force-new.js';
import { formatPath, schemaPath, structuralChanges } from './structural.js';

export interface AttributeChange {
  /**
   * Where it changed: dotted keys, indices of unnamed elements, named elements
   * by name and documents inside strings, e.g. `policy<json>.Statement[Sid=Read].Action.1`.
   */
  readonly path: string;
  readonly kind: 'CREATE' | 'REMOVE' | 'CHANGE';
  readonly before?: unknown;
  readonly after?: unknown;
  /** Terraform replaces the resource for this change (FORCE_NEW table). */
  readonly forcesReplacement: boolean;
}

/**
 * Attribute-level changes of one resource or object (`type` '' for Kubernetes
 * objects: nothing forces a replacement there). A change inside a document
 * carried by an attribute is a change of that attribute for the force-new table.
 */
export function attributeChanges(type: string, before: Record<string, unknown>, after: Record<string, unknown>): AttributeChange[] {
  return structuralChanges(before, after).map((d) => {
    const schema = schemaPath(d.path);
    return {
      path: formatPath(d.path),
      kind: d.kind,
      ...(d.kind !== 'CREATE' ? { before: d.before } : {}),
      ...(d.kind !== 'REMOVE' ? { after: d.after } : {}),
      forcesReplacement: type !== '' && forcesReplacement(type, schema.path, schema.insideDocument ? 'CHANGE' : d.kind),
    };
  });
}
