import { annotationsOf, type ClusterState, type StateObject } from './types.js';
import { type Json, list, obj } from '../json.js';

/**
 * Fields of rendered objects that something other than Argo CD rewrites
 * after the sync, read from the rendered objects themselves:
 * - a service-backed webhook with no (or an empty) `caBundle`: TLS to it can
 *   only work once its operator or cert controller injects the CA (istiod,
 *   Gatekeeper, External Secrets, the certgen Jobs of kube-prometheus-stack);
 * - a `cert-manager.io/inject-ca-*` annotation: cert-manager's cainjector writes it;
 * - a `caBundle` rendered beside a private key in the same Application: the
 *   chart generated the key pair at render time (`genCA`), so every render
 *   (Argo CD re-renders when its manifest cache expires) brings a new CA and key;
 * - `failurePolicy` of a ValidatingWebhookConfiguration labelled
 *   `istio.io/rev` (istiod switches it to Fail once its webhook serves), or of
 *   a configuration a kube-webhook-certgen `patch` Job patches with
 *   `--patch-failure-policy`.
 */
export interface RuntimeRewrite {
  readonly object: StateObject;
  /** JSON pointers of the rewritten fields. */
  readonly pointers: readonly string[];
  /** Who rewrites them, for the finding. */
  readonly by: string;
  /**
   * `required`: git sets the field too, so a sync must keep the live value
   * (RespectIgnoreDifferences) or it reverts the controller's value and the two fight;
   * `forbidden`: a hook re-creates the matching key pair on every sync, so the
   * sync must apply the rendered value with it; `any` otherwise.
   */
  readonly keepLiveValue: 'required' | 'forbidden' | 'any';
}

const WEBHOOK_KINDS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
const CERT_MANAGER_INJECTION = [
  'cert-manager.io/inject-ca-from',
  'cert-manager.io/inject-ca-from-secret',
  'cert-manager.io/inject-apiserver-ca',
];

export const isHook = (o: StateObject): boolean => {
  const a = annotationsOf(o);
  return a['helm.sh/hook'] !== undefined || a['argocd.argoproj.io/hook'] !== undefined;
};

/** Secrets of an Application that carry a private key: rendered ones were generated at render time. */
function keySecrets(state: ClusterState, application: string): StateObject[] {
  return state.objects.filter(
    (o) =>
      o.application === application &&
      o.kind === 'Secret' &&
      Object.keys({ ...obj(o.body.data), ...obj(o.body.stringData) }).some((k) => k === 'tls.key' || k.endsWith('.key')),
  );
}

/** Where an object keeps CA bundles for the API server: `[pointer, clientConfig-like holder]`. */
function caLocations(o: StateObject): [string, Json][] {
  if (WEBHOOK_KINDS.has(o.kind) && o.apiVersion.startsWith('admissionregistration.k8s.io/')) {
    return list(o.body.webhooks).map((w, i): [string, Json] => [`/webhooks/${i}/clientConfig/caBundle`, obj(w.clientConfig)]);
  }
  const spec = obj(o.body.spec);
  if (o.kind === 'CustomResourceDefinition' && obj(spec.conversion).strategy === 'Webhook') {
    return [['/spec/conversion/webhook/clientConfig/caBundle', obj(obj(obj(spec.conversion).webhook).clientConfig)]];
  }
  if (o.kind === 'APIService' && spec.service && spec.insecureSkipTLSVerify !== true) return [['/spec/caBundle', spec]];
  return [];
}

function caBundleRewrites(state: ClusterState, o: StateObject): RuntimeRewrite[] {
  const locations = caLocations(o).filter(([, holder]) => holder.service !== undefined);
  if (locations.length === 0) return [];
  const annotations = annotationsOf(o);
  const rendered = locations.filter(([, h]) => typeof h.caBundle === 'string' && h.caBundle !== '').map(([p]) => p);
  const missing = locations.filter(([, h]) => !(typeof h.caBundle === 'string' && h.caBundle !== '')).map(([p]) => p);
  if (CERT_MANAGER_INJECTION.some((a) => annotations[a] !== undefined)) {
    return [
      {
        object: o,
        pointers: locations.map(([p]) => p),
        by: "cert-manager's cainjector",
        keepLiveValue: rendered.length > 0 ? 'required' : 'any',
      },
    ];
  }
  const out: RuntimeRewrite[] = [];
  if (missing.length > 0)
    out.push({
      object: o,
      pointers: missing,
      by: 'its operator or cert controller, which injects the CA at run time',
      keepLiveValue: 'any',
    });
  const keys = keySecrets(state, o.application);
  if (rendered.length > 0 && keys.length > 0) {
    const hooks = keys.filter(isHook);
    out.push({
      object: o,
      pointers: rendered,
      by: `the chart at render time, with the key pair of Secret ${keys.map((k) => k.name).join(', ')}: every render brings a new CA`,
      keepLiveValue: hooks.length > 0 ? 'forbidden' : 'any',
    });
    for (const secret of keys.filter((k) => !isHook(k))) {
      out.push({ object: secret, pointers: ['/data'], by: 'the chart at render time (a generated key pair)', keepLiveValue: 'any' });
    }
  }
  return out;
}

/** `--flag=value` of a container's arguments. */
const flag = (args: readonly string[], name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

function failurePolicyRewrites(state: ClusterState, o: StateObject): RuntimeRewrite[] {
  if (!WEBHOOK_KINDS.has(o.kind)) return [];
  const pointers = list(o.body.webhooks).map((_, i) => `/webhooks/${i}/failurePolicy`);
  const labels = obj(obj(o.body.metadata).labels);
  if (o.kind === 'ValidatingWebhookConfiguration' && typeof labels['istio.io/rev'] === 'string') {
    return [{ object: o, pointers, by: 'istiod, which switches it to Fail once its webhook serves', keepLiveValue: 'required' }];
  }
  const patchedBy = state.objects.find((job) => {
    if (job.application !== o.application || job.kind !== 'Job') return false;
    return list(obj(obj(obj(job.body.spec).template).spec).containers).some((c) => {
      const args = Array.isArray(c.args) ? c.args.map(String) : [];
      const skip = o.kind === 'MutatingWebhookConfiguration' ? flag(args, 'patch-mutating') : flag(args, 'patch-validating');
      return (
        args[0] === 'patch' && flag(args, 'webhook-name') === o.name && Boolean(flag(args, 'patch-failure-policy')) && skip !== 'false'
      );
    });
  });
  return patchedBy
    ? [{ object: o, pointers, by: `the certgen Job ${patchedBy.name} (--patch-failure-policy)`, keepLiveValue: 'required' }]
    : [];
}

/** Every field of the cluster state that something rewrites after Argo CD applied it (one entry per object and cause). */
export function runtimeRewrites(state: ClusterState): RuntimeRewrite[] {
  const seen = new Set<string>();
  return state.objects
    .flatMap((o) => [...caBundleRewrites(state, o), ...failurePolicyRewrites(state, o)])
    .filter((r) => {
      const key = `${r.object.application}#${r.object.kind}/${r.object.namespace ?? ''}/${r.object.name} ${r.pointers.join(',')}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
