import type { Waiver } from './types.js';

/**
 * Reviewed exceptions to the policy catalog. Each names one rule and one
 * resource (`stack/type.name` or `env/region/file#Kind/namespace/name`, `*`
 * within a path segment), says why, and ends: an expired waiver fails synth,
 * an unused one is reported so it gets removed.
 */
export const WAIVERS: readonly Waiver[] = [
  {
    rule: 'ingress-controllers-installed',
    resource: '*/*/istio-ingress#Service/istio-ingress/istio-ingressgateway',
    reason:
      'Issue 12 (ingress path): the LBC-annotated LoadBalancer Service is being replaced by a NodePort behind the Terraform-owned ALB with Istio Gateway/VirtualServices; remove this waiver when that lands',
    expires: '2027-02-28',
  },
];
