/**
 * The state one cluster converges to: every object its Argo CD Applications
 * apply — our rendered files and the upstream Helm charts rendered as Argo CD
 * renders them — each attributed to the Application that syncs it.
 * Cluster-state rules read this; `tools/synth/cluster-state.ts` builds it.
 */

/** One object as the API server receives it (namespace resolved). */
export interface StateObject {
  /** The Argo CD Application that syncs it. */
  readonly application: string;
  /** `<component>.k8s.yaml` for our files, `helm:<chart>-<version>` for a chart. */
  readonly source: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Resolved: the object's own, else its Application's destination; absent when cluster-scoped. */
  readonly namespace?: string;
  readonly clusterScoped: boolean;
  /** The object's own sync wave (annotation), 0 when unset. */
  readonly wave: number;
  readonly body: Readonly<Record<string, unknown>>;
  /** Serialized size of the full object (CRD schemas included): the client-side apply limit reads it. */
  readonly bytes: number;
}

export interface StateApplication {
  readonly name: string;
  readonly project: string;
  /** Its sync wave in the root app-of-apps. */
  readonly wave: number;
  readonly destinationNamespace: string;
  readonly syncOptions: readonly string[];
  /** The Application's spec as rendered (ignoreDifferences, sources...). */
  readonly spec: Readonly<Record<string, unknown>>;
  /** `chart@version` for a Helm source. */
  readonly chart?: string;
}

export interface ClusterState {
  /** `<env>/<region>` */
  readonly dir: string;
  readonly envName: string;
  readonly region: string;
  /** EKS version, `1.33`. */
  readonly kubeVersion: string;
  readonly applications: readonly StateApplication[];
  readonly objects: readonly StateObject[];
}

/** `group/Kind` of an object (`/Namespace` for the core group). */
export function groupKindOf(o: { apiVersion: string; kind: string }): string {
  const slash = o.apiVersion.indexOf('/');
  return `${slash === -1 ? '' : o.apiVersion.slice(0, slash)}/${o.kind}`;
}

/** A finding's location: `<application>#<Kind>/<namespace>/<name>` (waivers match it). */
export function stateWhere(o: StateObject): string {
  return `${o.application}#${o.kind}/${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** An object's annotations (empty when none). */
export function annotationsOf(o: StateObject): Readonly<Record<string, string>> {
  const metadata = o.body.metadata as { annotations?: Record<string, string> } | undefined;
  return metadata?.annotations ?? {};
}
