import { asObject, containersOf, podTemplateOf, type Json } from '../k8s/pod-spec.js';
import { groupKindOf, stateWhere, type StateObject } from './types.js';

/** An image an operator runs for a custom resource, and where the resource names it. */
export interface OperatorImage {
  /** Field path in the custom resource, e.g. `spec.image`. */
  readonly field: string;
  /** Undefined when the resource leaves it to the operator's built-in default. */
  readonly image?: string;
}

interface OperatorKind {
  /** The field naming the main image. */
  readonly image: string;
  /**
   * Whether an absent main image falls back to an upstream registry: the
   * Prometheus operator defaults to quay.io images, while the OpenTelemetry
   * operator uses the collector image its own flags name (set by its chart values).
   */
  readonly required: boolean;
  /** Container lists the operator merges into the pods it creates. */
  readonly containerLists: readonly string[];
  /** Further image fields (Instrumentation: one per language, injected into application pods). */
  readonly extraImages?: readonly string[];
}

const PROMETHEUS_OPERATED: OperatorKind = { image: 'image', required: true, containerLists: ['containers', 'initContainers'] };

/**
 * Custom resources that become pods, whose CRDs name the images plainly.
 * Operators that derive images from a version field alone are not listed.
 */
const OPERATOR_KINDS: Readonly<Record<string, OperatorKind>> = {
  'monitoring.coreos.com/Prometheus': PROMETHEUS_OPERATED,
  'monitoring.coreos.com/PrometheusAgent': PROMETHEUS_OPERATED,
  'monitoring.coreos.com/Alertmanager': PROMETHEUS_OPERATED,
  'monitoring.coreos.com/ThanosRuler': PROMETHEUS_OPERATED,
  'opentelemetry.io/OpenTelemetryCollector': {
    image: 'image',
    required: false,
    containerLists: ['initContainers', 'additionalContainers'],
  },
  'opentelemetry.io/Instrumentation': {
    image: 'image',
    required: false,
    containerLists: [],
    extraImages: ['java', 'nodejs', 'python', 'dotnet', 'go', 'apacheHttpd', 'nginx'].map((language) => `${language}.image`),
  },
};

const at = (spec: Json, path: string): unknown => path.split('.').reduce<unknown>((v, key) => asObject(v)[key], spec);

/** The images an operator will run for this object; empty for other kinds. */
export function operatorImages(o: StateObject): OperatorImage[] {
  const kind = OPERATOR_KINDS[groupKindOf(o)];
  if (!kind) return [];
  const spec = asObject(o.body.spec);
  const main = at(spec, kind.image);
  const images: OperatorImage[] = [];
  if (typeof main === 'string') images.push({ field: `spec.${kind.image}`, image: main });
  else if (kind.required) images.push({ field: `spec.${kind.image}` });
  for (const path of kind.extraImages ?? []) {
    const image = at(spec, path);
    if (typeof image === 'string') images.push({ field: `spec.${path}`, image });
  }
  for (const list of kind.containerLists) {
    const containers = Array.isArray(spec[list]) ? (spec[list] as unknown[]) : [];
    // An entry without an image patches a container the operator defines (its image stays the operator's).
    containers.forEach(
      (c, i) =>
        typeof asObject(c).image === 'string' && images.push({ field: `spec.${list}[${i}].image`, image: String(asObject(c).image) }),
    );
  }
  return images;
}

/**
 * Operator settings that name an image the operator always puts into the pods
 * it creates or alters: Chaos Mesh's pause image (every pod-failure experiment
 * swaps the target's containers for it), the Prometheus operator's config
 * reloader sidecar, the OpenTelemetry operator's default collector image.
 * Defaults used only under options nobody sets (e.g. Thanos) are not listed.
 */
const OPERATOR_SETTINGS: readonly { readonly env?: string; readonly flag?: string }[] = [
  { env: 'POD_FAILURE_PAUSE_IMAGE' },
  { flag: '--prometheus-config-reloader' },
  { flag: '--collector-image' },
];

/** Images named by operator settings (environment or flags) of a workload's containers. */
export function operatorSettingImages(o: StateObject): OperatorImage[] {
  const pod = podTemplateOf({ ...o, file: stateWhere(o) });
  if (!pod) return [];
  return containersOf(pod.spec).flatMap((c) => {
    const env = (Array.isArray(c.body.env) ? (c.body.env as Json[]) : []).flatMap((e) =>
      OPERATOR_SETTINGS.some((s) => s.env === e.name) && typeof e.value === 'string'
        ? [{ field: `container ${c.name} env ${String(e.name)}`, image: e.value }]
        : [],
    );
    const args = [...(Array.isArray(c.body.args) ? c.body.args : []), ...(Array.isArray(c.body.command) ? c.body.command : [])].map(String);
    const flags = args.flatMap((arg) => {
      const setting = OPERATOR_SETTINGS.find((s) => s.flag !== undefined && arg.startsWith(`${s.flag}=`));
      return setting?.flag ? [{ field: `container ${c.name} flag ${setting.flag}`, image: arg.slice(setting.flag.length + 1) }] : [];
    });
    return [...env, ...flags];
  });
}
