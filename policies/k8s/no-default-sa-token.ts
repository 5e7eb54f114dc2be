import { verdictOf, type K8sRule } from '../types.js';
import { podTemplateOf } from './pod-spec.js';

/** A pod on the namespace's default service account mounts no token. Twin: TsNoDefaultSaToken. */
export const noDefaultSaToken: K8sRule = {
  id: 'no-default-sa-token',
  check: (object) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    const account = pod.spec.serviceAccountName;
    const usesDefault = account === undefined || account === '' || account === 'default';
    return verdictOf(
      usesDefault && pod.spec.automountServiceAccountToken !== false
        ? ['mounts the default service account token (set serviceAccountName, or automountServiceAccountToken: false)']
        : [],
    );
  },
};
