import { verdictOf, type K8sRule } from '../types.js';
import { isPinned } from './image-reference.js';
import { containersOf, podTemplateOf } from './pod-spec.js';

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
