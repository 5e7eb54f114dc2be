import { verdictOf, type K8sRule } from '../types.js';
import { containersOf, podTemplateOf } from './pod-spec.js';

/** A digest, or a version tag that is not `latest`; a registry port is not a tag. */
export function isPinned(image: string): boolean {
  if (image.includes('@')) return image.includes('@sha256:');
  const last = image.split('/').pop() ?? '';
  const tag = last.includes(':') ? last.split(':').pop() : undefined;
  return tag !== undefined && tag !== 'latest';
}

/** Images are pinned to a version tag or a digest. Twin: TsNoLatestTag. */
export const noLatestTag: K8sRule = {
  id: 'no-latest-tag',
  check: (object) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    return verdictOf(
      containersOf(pod.spec, ['containers', 'initContainers', 'ephemeralContainers'])
        .filter((c) => !isPinned(String(c.body.image)))
        .map((c) => `container ${c.name} uses unpinned image ${String(c.body.image)}`),
    );
  },
};
