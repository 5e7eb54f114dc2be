import { ADMISSION_RULES, type AdmissionRuleId } from '../../policies/admission-rules.js';
import { regoPackage, regoSource, regoSourcePath } from './rego-source.js';

export type AdmissionRule = (typeof ADMISSION_RULES)[number];

/** Marks every generated template: change the Rego and re-synth instead. */
export const DO_NOT_EDIT_ANNOTATION = 'tradesense.io/generated';

type JsonSchema = Record<string, unknown>;

const stringList = (description: string): JsonSchema => ({ type: 'array', description, items: { type: 'string' } });

/** Parameter schemas of the rules that take parameters; the others take none. */
const PARAMETER_SCHEMAS: Partial<Record<AdmissionRuleId, Record<string, JsonSchema>>> = {
  'required-labels': { labels: stringList('Label keys every workload must carry (the tag taxonomy).') },
  'allowed-registries': { registries: stringList('Registries (host, optionally with a path) images may come from.') },
  'read-only-root-filesystem': {
    exemptInitContainers: {
      type: 'array',
      description:
        'Init containers admitted with a writable root filesystem: name AND image repository must both match (the mesh-injected istio-init).',
      items: { type: 'object', properties: { name: { type: 'string' }, repository: { type: 'string' } } },
    },
  },
};

/** The ConstraintTemplate's name: Gatekeeper requires the lower-cased constraint kind. */
export function templateName(rule: AdmissionRule): string {
  return rule.kind.toLowerCase();
}

/**
 * A rule's ConstraintTemplate, generated from policies/rego/<id>/src.rego. The
 * Rego is embedded verbatim; its package must be the lower-cased kind, so a
 * renamed package cannot silently ship a template Gatekeeper rejects.
 */
export function constraintTemplate(rule: AdmissionRule, annotations: Record<string, string> = {}) {
  const rego = regoSource(rule.id);
  const pkg = regoPackage(rego);
  if (pkg !== templateName(rule)) {
    throw new Error(
      `${regoSourcePath(rule.id)} declares package '${pkg ?? '(none)'}': it must read 'package ${templateName(rule)}' (the lower-cased kind ${rule.kind})`,
    );
  }
  const properties = parameterSchema(rule.id);
  return {
    apiVersion: 'templates.gatekeeper.sh/v1',
    kind: 'ConstraintTemplate',
    metadata: {
      name: templateName(rule),
      annotations: {
        [DO_NOT_EDIT_ANNOTATION]: `DO NOT EDIT: generated from ${regoSourcePath(rule.id)} by charts/gatekeeper`,
        'metadata.gatekeeper.sh/title': rule.title,
        description: `${rule.title} (admission rule ${rule.id}; its synth-time twin has the same id).`,
        ...annotations,
      },
    },
    spec: {
      crd: {
        spec: {
          names: { kind: rule.kind },
          ...(properties ? { validation: { openAPIV3Schema: { type: 'object', properties } } } : {}),
        },
      },
      targets: [{ target: 'admission.k8s.gatekeeper.sh', rego }],
    },
  };
}

/** The parameters schema a rule's template gives its constraint kind (undefined: no parameters). */
export function parameterSchema(id: AdmissionRuleId): Record<string, JsonSchema> | undefined {
  return PARAMETER_SCHEMAS[id];
}
