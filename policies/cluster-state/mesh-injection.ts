import { load } from 'js-yaml';
import { asObject, type Json } from '../k8s/pod-spec.js';
import { selects, type LabelSelector, type Labels } from './label-selector.js';
import type { ClusterState, StateObject } from './types.js';

/**
 * What istiod's sidecar injector does to a pod at admission, simulated from the
 * cluster's rendered state: the `istio-sidecar-injector` ConfigMap (istiod's
 * values and injection policy), the webhook selectors of its
 * MutatingWebhookConfiguration and istiod's ENABLE_NATIVE_SIDECARS. The
 * containers below transcribe istiod 1.28's files/injection-template.yaml and
 * gateway-injection-template.yaml; test/policies/cluster-state/mesh-injection.test.ts
 * checks the rendered templates still say so.
 */
export interface PodShape {
  readonly metadata: Json;
  readonly spec: Json;
}

export interface InjectedPod extends PodShape {
  /** Names of the containers the mesh added or rewrote. */
  readonly injected: readonly string[];
}

/** The mesh's admission-time mutation of a pod in a namespace (unchanged when it does not inject). */
export type MeshInjector = (pod: PodShape, namespaceLabels: Labels, namespace: string) => InjectedPod | { readonly error: string };

/** istiod never injects here, whatever the selectors say (pkg/kube/inject: IgnoredNamespaces). */
const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);
/** The minimum kubelet minor for `ENABLE_NATIVE_SIDECARS=auto` (istiod 1.27+ default). */
const NATIVE_SIDECAR_MIN_MINOR = 33;
const PROXY_UID = 1337;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const truthy = (v: string) => ['true', 'y', 'yes', 'on', 'enabled'].includes(v.toLowerCase());
const falsy = (v: string) => ['false', 'n', 'no', 'off', 'disabled'].includes(v.toLowerCase());

/** The injector's config by its text: every cluster runs the same istiod chart, and its templates are the largest YAML a synth parses. */
const parsedConfigs = new Map<string, Json>();
function parsedConfig(text: string): Json {
  let parsed = parsedConfigs.get(text);
  if (parsed === undefined) parsedConfigs.set(text, (parsed = asObject(load(text))));
  return parsed;
}

interface InjectorConfig {
  readonly values: Json;
  readonly policy: string;
  readonly defaultTemplates: readonly string[];
  readonly neverInjectSelector: readonly LabelSelector[];
  readonly alwaysInjectSelector: readonly LabelSelector[];
  readonly webhooks: readonly { namespaceSelector?: LabelSelector; objectSelector?: LabelSelector }[];
  readonly nativeSidecars: string;
}

function injectorConfig(state: ClusterState): InjectorConfig | undefined {
  const configMap = state.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'istio-sidecar-injector');
  if (!configMap) return undefined;
  const data = asObject(configMap.body.data);
  const config = parsedConfig(str(data.config));
  const webhooks = state.objects
    .filter((o) => o.kind === 'MutatingWebhookConfiguration' && o.name.startsWith('istio-sidecar-injector'))
    .flatMap((o) => (Array.isArray(o.body.webhooks) ? (o.body.webhooks as Json[]) : []))
    .map((w) => ({
      namespaceSelector: w.namespaceSelector as LabelSelector | undefined,
      objectSelector: w.objectSelector as LabelSelector | undefined,
    }));
  return {
    values: asObject(JSON.parse(str(data.values) || '{}')),
    policy: str(config.policy) || 'enabled',
    defaultTemplates: (config.defaultTemplates as string[] | undefined) ?? ['sidecar'],
    neverInjectSelector: (config.neverInjectSelector as LabelSelector[] | undefined) ?? [],
    alwaysInjectSelector: (config.alwaysInjectSelector as LabelSelector[] | undefined) ?? [],
    webhooks,
    nativeSidecars: istiodEnv(state, configMap, 'ENABLE_NATIVE_SIDECARS') ?? 'auto',
  };
}

function istiodEnv(state: ClusterState, configMap: StateObject, name: string): string | undefined {
  const istiod = state.objects.find((o) => o.kind === 'Deployment' && o.namespace === configMap.namespace && o.name === 'istiod');
  const containers = (asObject(asObject(asObject(istiod?.body.spec).template).spec).containers as Json[] | undefined) ?? [];
  const env = containers.flatMap((c) => (c.env as Json[] | undefined) ?? []).find((e) => e.name === name);
  return env ? str(env.value) : undefined;
}

/** `<hub>/<image>:<tag>[-variant]`, or the image itself when it names a registry (istiod's .ProxyImage). */
function proxyImage(values: Json, image: string, annotation: string | undefined): string {
  if (annotation?.includes('/')) return annotation;
  if (image.includes('/')) return image;
  const global = asObject(values.global);
  const variant = str(global.variant);
  return `${str(global.hub)}/${image}:${str(global.tag)}${variant ? `-${variant}` : ''}`;
}

function proxyResources(values: Json, annotations: Record<string, string>): Json {
  const quantity = (key: string) => annotations[`sidecar.istio.io/${key}`];
  if (!['proxyCPU', 'proxyMemory', 'proxyCPULimit', 'proxyMemoryLimit'].some((k) => quantity(k) !== undefined))
    return asObject(asObject(asObject(values.global).proxy).resources);
  const pick = (cpu: string, memory: string) => ({
    ...(quantity(cpu) ? { cpu: quantity(cpu) } : {}),
    ...(quantity(memory) ? { memory: quantity(memory) } : {}),
  });
  return { requests: pick('proxyCPU', 'proxyMemory'), limits: pick('proxyCPULimit', 'proxyMemoryLimit') };
}

function wantsInjection(cfg: InjectorConfig, pod: PodShape, podLabels: Labels, namespaceLabels: Labels, namespace: string): boolean {
  if (IGNORED_NAMESPACES.has(namespace) || pod.spec.hostNetwork === true) return false;
  if (!cfg.webhooks.some((w) => selects(w.namespaceSelector, namespaceLabels) && selects(w.objectSelector, podLabels))) return false;
  const explicit =
    podLabels['sidecar.istio.io/inject'] ?? (asObject(pod.metadata.annotations) as Record<string, string>)['sidecar.istio.io/inject'];
  if (explicit !== undefined && falsy(explicit)) return false;
  if (explicit !== undefined && truthy(explicit)) return true;
  if (cfg.neverInjectSelector.some((s) => selects(s, podLabels))) return false;
  if (cfg.alwaysInjectSelector.some((s) => selects(s, podLabels))) return true;
  return cfg.policy === 'enabled';
}

/** A template container with the pod's own container of that name on top (istiod's overlay; `image: auto` yields). */
function overlay(template: Json, own: Json | undefined): Json {
  if (!own) return template;
  const merged: Json = {
    ...template,
    ...own,
    securityContext: { ...asObject(template.securityContext), ...asObject(own.securityContext) },
  };
  if (own.image === 'auto' || own.image === undefined) merged.image = template.image;
  return merged;
}

/** The cluster's mesh injector, or undefined when the cluster runs no istiod. */
export function meshInjector(state: ClusterState): MeshInjector | undefined {
  const cfg = injectorConfig(state);
  if (!cfg) return undefined;
  const kubeMinor = Number(state.kubeVersion.split('.')[1] ?? 0);
  const global = asObject(cfg.values.global);
  const proxy = asObject(global.proxy);
  const privileged = proxy.privileged === true;
  const seccomp = Object.keys(asObject(proxy.seccompProfile)).length > 0 ? { seccompProfile: proxy.seccompProfile } : {};
  const cni = asObject(asObject(cfg.values.pilot).cni).enabled === true;

  return (pod, namespaceLabels, namespace) => {
    const labels = asObject(pod.metadata.labels) as Record<string, string>;
    if (!wantsInjection(cfg, pod, labels, namespaceLabels, namespace)) return { ...pod, injected: [] };
    const annotations = asObject(pod.metadata.annotations) as Record<string, string>;
    const templates = (annotations['inject.istio.io/templates'] ?? cfg.defaultTemplates.join(',')).split(',').map((t) => t.trim());
    const unknown = templates.filter((t) => t !== 'sidecar' && t !== 'gateway');
    if (unknown.length > 0) return { error: `istiod injects template(s) ${unknown.join(', ')}, which the simulation does not model` };
    const containers = (pod.spec.containers as Json[] | undefined) ?? [];
    const inits = (pod.spec.initContainers as Json[] | undefined) ?? [];
    const own = containers.find((c) => c.name === 'istio-proxy');
    const image = proxyImage(cfg.values, str(proxy.image), annotations['sidecar.istio.io/proxyImage']);
    const resources = proxyResources(cfg.values, annotations);
    const proxySecurity = {
      allowPrivilegeEscalation: privileged,
      capabilities: { drop: ['ALL'] },
      privileged,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: PROXY_UID,
      runAsGroup: PROXY_UID,
      ...seccomp,
    };

    if (templates.includes('gateway') && !templates.includes('sidecar')) {
      // The gateway template rewrites the pod's own istio-proxy: image, identity; no init container.
      const rewritten = overlay({ name: 'istio-proxy', image, securityContext: { runAsUser: PROXY_UID, runAsGroup: PROXY_UID } }, own);
      return {
        metadata: pod.metadata,
        spec: { ...pod.spec, containers: containers.map((c) => (c.name === 'istio-proxy' ? rewritten : c)) },
        injected: ['istio-proxy'],
      };
    }

    const mode = annotations['sidecar.istio.io/interceptionMode'] ?? 'REDIRECT';
    const nativeSetting = annotations['sidecar.istio.io/nativeSidecar'] ?? cfg.nativeSidecars;
    const native = nativeSetting === 'auto' ? kubeMinor >= NATIVE_SIDECAR_MIN_MINOR : nativeSetting !== 'false';
    const initImage = proxyImage(cfg.values, str(asObject(global.proxy_init).image), annotations['sidecar.istio.io/proxyImage']);
    const init: Json[] =
      mode === 'NONE'
        ? []
        : [
            cni
              ? {
                  name: 'istio-validation',
                  image: initImage,
                  resources,
                  securityContext: { ...proxySecurity, capabilities: { drop: ['ALL'] } },
                }
              : {
                  name: 'istio-init',
                  image: initImage,
                  resources,
                  securityContext: {
                    allowPrivilegeEscalation: privileged,
                    privileged,
                    capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
                    readOnlyRootFilesystem: false,
                    runAsGroup: 0,
                    runAsNonRoot: false,
                    runAsUser: 0,
                    ...seccomp,
                  },
                },
          ];
    const sidecar = overlay(
      { name: 'istio-proxy', image, resources, securityContext: proxySecurity, ...(native ? { restartPolicy: 'Always' } : {}) },
      own,
    );
    const apps = containers.filter((c) => c.name !== 'istio-proxy');
    const spec = native
      ? { ...pod.spec, initContainers: [...init, sidecar, ...inits], containers: apps }
      : { ...pod.spec, initContainers: [...init, ...inits], containers: [...apps, sidecar] };
    return { metadata: pod.metadata, spec, injected: [...init.map((c) => String(c.name)), 'istio-proxy'] };
  };
}
