import { PULL_THROUGH_CACHES, serviceRepository } from '../../config/derive/registry.js';
import { isImageReference, parseImageReference } from '../k8s/image-reference.js';
import { containersOf, podTemplateOf } from '../k8s/pod-spec.js';
import type { ClusterStateContext, ClusterStateRule, StateViolation } from '../types.js';
import { admittedFor } from './admitted-objects.js';
import { meshInjector } from './mesh-injection.js';
import { namespaceLabels } from './namespace-labels.js';
import { operatorImages, operatorSettingImages } from './operator-images.js';
import { stateWhere, type StateObject } from './types.js';

/** What is wrong with one image reference in this cluster, or undefined when nothing is. */
export function imageProblem(image: string, ctx: ClusterStateContext): string | undefined {
  const ref = parseImageReference(image);
  if (!isImageReference(ref)) return `is no valid image reference (${ref.error})`;
  if (ref.domain === undefined) return 'names no registry (the runtime would pull it from Docker Hub)';
  const [prefix = '', ...rest] = ref.path.split('/');
  const services = new Set(ctx.config.services.map((s) => serviceRepository(s.name)));
  const allowed =
    ref.domain === ctx.facts.ecrRegistry && ((Object.hasOwn(PULL_THROUGH_CACHES, prefix) && rest.length > 0) || services.has(ref.path));
  if (!allowed) {
    const prefixes = Object.keys(PULL_THROUGH_CACHES).sort().join(', ');
    return `is not from the cluster's ECR ${ctx.facts.ecrRegistry} (a pull-through prefix ${prefixes}, or a service repository ${serviceRepository('<service>')})`;
  }
  if (ref.digest === undefined && ref.tag === undefined) return 'has neither a tag nor a digest';
  if (ref.digest === undefined && ref.tag === 'latest') return 'is pinned to :latest';
  return undefined;
}

/** `container <name>` → image, for every pod the object leads to (mesh-injected containers included). */
function podImages(o: StateObject, inputs: Parameters<typeof admittedFor>[1]): Map<string, string> {
  const images = new Map<string, string>();
  const admitted = admittedFor(o, inputs);
  const pods = admitted.flatMap((a) => ('error' in a || a.object.kind !== 'Pod' ? [] : [a.object]));
  // A pod the simulation cannot mutate is judged as templated (the other rule reports why).
  const specs =
    pods.length > 0
      ? pods.map((p) => podTemplateOf(p)?.spec ?? {})
      : [podTemplateOf({ ...o, file: stateWhere(o), body: o.body })?.spec].filter((s) => s !== undefined);
  for (const spec of specs) {
    for (const c of containersOf(spec, ['containers', 'initContainers', 'ephemeralContainers']))
      images.set(`container ${c.name}`, String(c.body.image ?? ''));
  }
  return images;
}

/**
 * Every image the cluster will pull — every container, init and ephemeral
 * container of every pod template (Rollouts and CronJobs included), the
 * containers the mesh injects, the images operator resources name and the
 * images operators are configured to inject (pause, config reloader) — is a
 * valid reference, from the cluster's ECR (a pull-through prefix or a service
 * repository), and pinned by a tag that is not `latest` or by a digest.
 */
export const imagesPinnedFromClusterEcr: ClusterStateRule = {
  id: 'images-pinned-from-cluster-ecr',
  check: (state, ctx) => {
    const inputs = { mesh: meshInjector(state), namespaceLabels: namespaceLabels(state) };
    const violations: StateViolation[] = [];
    for (const o of state.objects) {
      const images = podImages(o, inputs);
      for (const { field, image } of [...operatorImages(o), ...operatorSettingImages(o)]) {
        if (image === undefined)
          violations.push({
            where: stateWhere(o),
            detail: `${field} is unset: the operator falls back to its upstream default image; name the mirrored image`,
          });
        else images.set(field, image);
      }
      const problems = [...images].flatMap(([name, image]) => {
        const problem = imageProblem(image, ctx);
        return problem ? [`${name} image '${image}' ${problem}`] : [];
      });
      if (problems.length > 0) violations.push({ where: stateWhere(o), detail: problems.join('; ') });
    }
    return violations;
  },
};
