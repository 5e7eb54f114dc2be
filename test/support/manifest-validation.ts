import { Ajv, type ValidateFunction } from 'ajv';
import { PodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { K8sObject } from './manifests.js';
import { PROJECT_SCHEMAS } from './schemas/index.js';

/** One schema violation: where (a JSON pointer) and what. */
export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

interface ModelInstance {
  validate(): void;
}
type ModelClass = new (data: unknown) => ModelInstance;

/** npm packages with models of custom resources, tried in order for `<group>/<version>`. */
const CR_PACKAGES = [
  '@kubernetes-models/argo-cd',
  '@kubernetes-models/argo-rollouts',
  '@kubernetes-models/istio',
  '@kubernetes-models/prometheus-operator',
];

/**
 * Served versions whose CRD schema is identical to a version the package models:
 * Istio generates every served version of a kind from one proto (checked in the
 * pinned crd-all.gen.yaml), but the npm package predates the v1 promotions.
 */
const SAME_SCHEMA_AS: Record<string, string> = {
  'security.istio.io/v1/PeerAuthentication': 'security.istio.io/v1beta1',
  'telemetry.istio.io/v1/Telemetry': 'telemetry.istio.io/v1alpha1',
  'networking.istio.io/v1/Gateway': 'networking.istio.io/v1beta1',
  'networking.istio.io/v1/VirtualService': 'networking.istio.io/v1beta1',
  'networking.istio.io/v1/DestinationRule': 'networking.istio.io/v1beta1',
  'networking.istio.io/v1/ServiceEntry': 'networking.istio.io/v1beta1',
  'networking.istio.io/v1/Sidecar': 'networking.istio.io/v1beta1',
};

/**
 * Fields the probe cannot judge, as JSON pointers with `*` for array items:
 * free-form ones (`x-kubernetes-preserve-unknown-fields`), and fields the pinned
 * CRD declares but the package's generated validator never checks (its generator
 * drops every property named `description`).
 */
export const UNPROBED_FIELDS: Record<string, readonly string[]> = {
  'argoproj.io/v1alpha1/Application': ['/spec/source/helm/valuesObject', '/spec/sources/*/helm/valuesObject'],
  'argoproj.io/v1alpha1/AppProject': ['/spec/description', '/spec/syncWindows/*/description'],
  // Child routes are free-form JSON in the prometheus-operator CRD.
  'monitoring.coreos.com/v1alpha1/AlertmanagerConfig': ['/spec/route/routes/*'],
};

/**
 * Pod templates embedded in custom resources whose CRD keeps them as
 * preserve-unknown-fields (Argo Rollouts trims them to stay under the CRD size
 * limit): the controller copies them into pods, so they are checked against
 * the built-in PodTemplateSpec, strictly.
 */
const EMBEDDED_POD_TEMPLATES: Record<string, readonly string[]> = {
  'argoproj.io/v1alpha1/Rollout': ['/spec/template'],
  'argoproj.io/v1alpha1/AnalysisTemplate': ['/spec/metrics/*/provider/job/spec/template'],
  'argoproj.io/v1alpha1/ClusterAnalysisTemplate': ['/spec/metrics/*/provider/job/spec/template'],
  'argoproj.io/v1alpha1/Experiment': ['/spec/templates/*/template'],
};

/** Where a kind's schema comes from, and how to check an object against it. */
export interface KindSchema {
  readonly source: string;
  /** Errors of `object` against the schema (empty when valid). */
  check(object: unknown): SchemaProblem[];
  /** Whether the schema rejects undeclared fields itself; if not, the probe does. */
  readonly closed: boolean;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

async function importKind(specifier: string, kind: string): Promise<ModelClass | undefined> {
  try {
    const mod = (await import(specifier)) as Record<string, unknown>;
    const candidate = mod[kind];
    return typeof candidate === 'function' ? (candidate as ModelClass) : undefined;
  } catch {
    return undefined;
  }
}

function modelErrors(Model: ModelClass, served: string, modelled: string) {
  return (object: unknown): SchemaProblem[] => {
    // The model's schema pins its own apiVersion; SAME_SCHEMA_AS maps an identical served one.
    const data = isObject(object) && object.apiVersion === served ? { ...object, apiVersion: modelled } : object;
    try {
      new Model(data).validate();
      return [];
    } catch (error) {
      const errors = (error as { errors?: { instancePath?: string; message?: string }[] }).errors;
      if (!errors) throw error;
      return errors.map((e) => ({ path: e.instancePath ?? '', message: e.message ?? 'invalid' }));
    }
  };
}

const resolved = new Map<string, KindSchema | undefined>();

/** `kubernetes-models` for built-in kinds; its group/version module must export the kind. */
export async function builtInModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  return importKind(`kubernetes-models/${apiVersion}`, kind);
}

/** The schema of `apiVersion/kind`, or undefined when the project has none. */
export async function schemaFor(apiVersion: string, kind: string): Promise<KindSchema | undefined> {
  const key = `${apiVersion}/${kind}`;
  if (resolved.has(key)) return resolved.get(key);
  let schema: KindSchema | undefined;
  const builtIn = await builtInModel(apiVersion, kind);
  if (builtIn) schema = { source: 'kubernetes-models', check: modelErrors(builtIn, apiVersion, apiVersion), closed: false };
  const own = PROJECT_SCHEMAS[key];
  if (!schema && own) {
    const validate = compiled.get(key) ?? ajv.compile(own);
    compiled.set(key, validate);
    schema = {
      source: 'project schema',
      closed: true,
      check: (object) =>
        validate(object) ? [] : (validate.errors ?? []).map((e) => ({ path: e.instancePath, message: e.message ?? 'invalid' })),
    };
  }
  const modelled = SAME_SCHEMA_AS[key] ?? apiVersion;
  for (const pkg of schema ? [] : CR_PACKAGES) {
    const Model = await importKind(`${pkg}/${modelled}`, kind);
    if (Model) {
      schema = { source: `${pkg} (${modelled})`, check: modelErrors(Model, apiVersion, modelled), closed: false };
      break;
    }
  }
  resolved.set(key, schema);
  return schema;
}

const PROBE = Symbol('undeclared-field-probe');

function escapePointer(step: string): string {
  return step.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function replaceAt(root: unknown, steps: readonly string[], value: unknown): unknown {
  if (steps.length === 0) return value;
  const [head, ...rest] = steps as [string, ...string[]];
  if (Array.isArray(root)) return root.map((item, i) => (String(i) === head ? replaceAt(item, rest, value) : item));
  if (isObject(root)) return { ...root, [head]: replaceAt(root[head], rest, value) };
  return root;
}

function unprobed(patterns: readonly string[], steps: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const parts = pattern.split('/').slice(1);
    return parts.length === steps.length && parts.every((p, i) => p === '*' || p === steps[i]);
  });
}

const podTemplateSchema: KindSchema = {
  source: 'kubernetes-models v1 PodTemplateSpec',
  check: modelErrors(PodTemplateSpec as unknown as ModelClass, '', ''),
  closed: false,
};

function pointerOf(steps: readonly string[]): string {
  return steps.length === 0 ? '' : `/${steps.map(escapePointer).join('/')}`;
}

/**
 * Fields the schema does not declare. The models' validators ignore unknown
 * fields, so each object's keys are probed: every value is replaced by a value
 * no schema type admits; a declared field then fails validation at its path,
 * an undeclared one does not. Embedded pod templates are checked, and probed,
 * against the built-in PodTemplateSpec.
 */
function probe(schema: KindSchema, root: unknown, kindKey: string): string[] {
  const patterns = UNPROBED_FIELDS[kindKey] ?? [];
  const templates = EMBEDDED_POD_TEMPLATES[kindKey] ?? [];
  const found: string[] = [];
  const visit = (steps: string[], node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit([...steps, String(i)], item));
      return;
    }
    if (!isObject(node) || unprobed(patterns, steps)) return;
    if (unprobed(templates, steps)) {
      const at = pointerOf(steps);
      found.push(...podTemplateSchema.check(node).map((e) => `${at}${e.path} ${e.message}`));
      found.push(...probe(podTemplateSchema, node, '').map((p) => `${at}${p}`));
      return;
    }
    const keys = Object.keys(node);
    if (keys.length === 0) return;
    const probed = replaceAt(root, steps, Object.fromEntries(keys.map((k) => [k, PROBE])));
    const errorPaths = schema.check(probed).map((e) => e.path);
    for (const key of keys) {
      const pointer = pointerOf([...steps, key]);
      if (unprobed(patterns, [...steps, key])) continue;
      if (errorPaths.some((p) => p === pointer || p.startsWith(`${pointer}/`))) visit([...steps, key], node[key]);
      else found.push(pointer);
    }
  };
  visit([], root);
  return found;
}

/** Undeclared fields of a rendered object (pointers), and errors inside embedded pod templates. */
export function undeclaredFields(schema: KindSchema, object: K8sObject): string[] {
  return schema.closed ? [] : probe(schema, object, `${object.apiVersion}/${object.kind}`);
}

/** Every problem of one rendered object: schema errors, undeclared fields, or no schema at all. */
export async function validateObject(object: K8sObject): Promise<string[]> {
  const schema = await schemaFor(object.apiVersion, object.kind);
  if (!schema)
    return [`no schema for ${object.apiVersion} ${object.kind}: add a model package mapping or a project schema (test/support/schemas)`];
  return [
    ...schema.check(object).map((e) => `${e.path || '/'} ${e.message} (${schema.source})`),
    ...undeclaredFields(schema, object).map((p) =>
      p.includes(' ') ? p : `${p} is not a field of ${object.apiVersion} ${object.kind} (${schema.source})`,
    ),
  ];
}
