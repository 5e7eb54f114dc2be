import { ADMISSION_RULES } from '../../../policies/admission-rules.js';
import { parameterSchema } from '../../../charts/gatekeeper/constraint-template.js';
import { arrayOf, bool, customResource, enumOf, mapOf, obj, str, strings, type JsonSchema } from './builders.js';

/**
 * Gatekeeper (pinned CRDs of chart 3.24.0-beta.0): ConstraintTemplate
 * `templates.gatekeeper.sh/v1`, and the constraint kinds Gatekeeper generates
 * from the project's templates (`constraints.gatekeeper.sh/v1beta1`), whose
 * `match` follows match.gatekeeper.sh and whose `parameters` follow the
 * template's own openAPIV3Schema.
 */
const templateSpec = obj({
  crd: obj({
    spec: obj({
      names: obj({ kind: str, shortNames: strings }),
      validation: obj({ legacySchema: bool, openAPIV3Schema: { type: 'object' } }),
    }),
  }),
  targets: arrayOf(
    obj({
      target: str,
      rego: str,
      libs: strings,
      operations: arrayOf(enumOf('*', 'CREATE', 'DELETE', 'UPDATE', 'CONNECT')),
      code: arrayOf(obj({ engine: str, source: {} }, ['engine', 'source'])),
    }),
  ),
});

const labelSelector = obj({
  matchLabels: mapOf(str),
  matchExpressions: arrayOf(
    obj({ key: str, operator: enumOf('In', 'NotIn', 'Exists', 'DoesNotExist'), values: strings }, ['key', 'operator']),
  ),
});

const match = obj({
  kinds: arrayOf(obj({ apiGroups: strings, kinds: strings })),
  excludedNamespaces: strings,
  namespaces: strings,
  labelSelector,
  namespaceSelector: labelSelector,
  name: str,
  scope: enumOf('*', 'Cluster', 'Namespaced'),
  source: enumOf('All', 'Generated', 'Original'),
});

function constraintSpec(parameters: Record<string, JsonSchema> | undefined): JsonSchema {
  return obj({
    enforcementAction: str,
    match,
    ...(parameters ? { parameters: obj(parameters) } : {}),
  });
}

export const GATEKEEPER_SCHEMAS: Record<string, JsonSchema> = {
  'templates.gatekeeper.sh/v1/ConstraintTemplate': customResource('templates.gatekeeper.sh/v1', 'ConstraintTemplate', templateSpec, {
    namespaced: false,
  }),
  ...Object.fromEntries(
    ADMISSION_RULES.map((rule) => [
      `constraints.gatekeeper.sh/v1beta1/${rule.kind}`,
      customResource('constraints.gatekeeper.sh/v1beta1', rule.kind, constraintSpec(parameterSchema(rule.id)), { namespaced: false }),
    ]),
  ),
};
