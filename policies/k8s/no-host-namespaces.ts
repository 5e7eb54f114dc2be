import { verdictOf, type K8sRule } from '../types.js';
import { podTemplateOf } from './pod-spec.js';

/** Pods share no namespace with the node: no hostNetwork, hostPID or hostIPC. Twin: TsNoHostNamespaces. */
export const noHostNamespaces: K8sRule = {
  id: 'no-host-namespaces',
  check: (object) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    return verdictOf((['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((f) => pod.spec[f] === true).map((f) => `sets ${f}: true`));
  },
};
