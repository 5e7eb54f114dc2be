import type { ClusterStateRule, StateViolation } from '../types.js';
import { annotationsOf, stateWhere, type ClusterState, type StateObject } from './types.js';
import { imagesOf, podTemplates, selects, type StatePodTemplate } from './workload-pods.js';
import { obj, str } from '../json.js';

/** A controller that turns Services, Ingresses or Gateways into load balancers, and how its pods look. */
interface Controller {
  readonly title: string;
  /** Image path (below any registry or pull-through prefix) of its controller pods. */
  readonly image: RegExp;
}

const LBC: Controller = { title: 'the AWS Load Balancer Controller', image: /\/aws-load-balancer-controller[:@]/ };
const ISTIOD: Controller = { title: 'istiod', image: /\/pilot[:@]/ };
const INGRESS_NGINX: Controller = { title: 'ingress-nginx', image: /\/ingress-nginx\/controller[:@]/ };

/** IngressClass `spec.controller`, GatewayClass `spec.controllerName` and Service `spec.loadBalancerClass` values. */
const CONTROLLER_NAMES: Readonly<Record<string, Controller>> = {
  'ingress.k8s.aws/alb': LBC,
  'gateway.k8s.aws/alb': LBC,
  'gateway.k8s.aws/nlb': LBC,
  'service.k8s.aws/nlb': LBC,
  'istio.io/ingress-controller': ISTIOD,
  'istio.io/gateway-controller': ISTIOD,
  'k8s.io/ingress-nginx': INGRESS_NGINX,
};
/** GatewayClasses istiod creates itself once the Gateway API CRDs exist. */
const ISTIO_GATEWAY_CLASSES = new Set(['istio', 'istio-remote', 'istio-waypoint', 'istio-east-west']);
/** Service annotation values only the AWS Load Balancer Controller serves; others fall to EKS' in-tree provider. */
const LBC_SERVICE_TYPES = new Set(['external', 'nlb-ip']);

const installed = (pods: readonly StatePodTemplate[], c: Controller) => pods.some((p) => imagesOf(p).some((i) => c.image.test(i)));

/** What one object needs: a controller by name, or the reason it cannot be served at all. */
type Need = { readonly controller: Controller; readonly why: string } | { readonly missing: string } | undefined;

function serviceNeed(o: StateObject): Need {
  const spec = obj(o.body.spec);
  if (spec.type !== 'LoadBalancer') return undefined;
  const lbClass = str(spec.loadBalancerClass);
  if (lbClass) {
    const controller = CONTROLLER_NAMES[lbClass];
    return controller
      ? { controller, why: `loadBalancerClass '${lbClass}'` }
      : { missing: `loadBalancerClass '${lbClass}' belongs to no controller this check knows` };
  }
  const type = annotationsOf(o)['service.beta.kubernetes.io/aws-load-balancer-type'] ?? '';
  return LBC_SERVICE_TYPES.has(type)
    ? { controller: LBC, why: `annotation service.beta.kubernetes.io/aws-load-balancer-type: ${type}` }
    : undefined;
}

function classNeed(kind: string, className: string, classes: readonly StateObject[], field: string): Need {
  const cls = classes.find((c) => c.name === className);
  if (!cls) return { missing: `${kind} '${className}' does not exist in the cluster` };
  const name = str(obj(cls.body.spec)[field]);
  const controller = CONTROLLER_NAMES[name];
  return controller
    ? { controller, why: `${kind} '${className}' (${field} ${name})` }
    : { missing: `${kind} '${className}' names controller '${name}', which this check does not know` };
}

function ingressNeed(o: StateObject, state: ClusterState): Need {
  const classes = state.objects.filter((c) => c.kind === 'IngressClass');
  const named = str(obj(o.body.spec).ingressClassName) || (annotationsOf(o)['kubernetes.io/ingress.class'] ?? '');
  const className = named || classes.find((c) => annotationsOf(c)['ingressclass.kubernetes.io/is-default-class'] === 'true')?.name;
  if (!className) return { missing: 'it names no IngressClass and the cluster has no default IngressClass' };
  return classNeed('IngressClass', className, classes, 'controller');
}

function gatewayApiNeed(o: StateObject, state: ClusterState): Need {
  const className = str(obj(o.body.spec).gatewayClassName);
  const classes = state.objects.filter((c) => c.kind === 'GatewayClass');
  if (ISTIO_GATEWAY_CLASSES.has(className) && !classes.some((c) => c.name === className))
    return { controller: ISTIOD, why: `GatewayClass '${className}' (created by istiod)` };
  return classNeed('GatewayClass', className, classes, 'controllerName');
}

/** An Istio Gateway is served by istiod's config pushed to the gateway pods its selector matches (in any namespace). */
function istioGatewayProblems(o: StateObject, pods: readonly StatePodTemplate[]): string[] {
  const selector = obj(obj(o.body.spec).selector) as Record<string, string>;
  const problems = installed(pods, ISTIOD) ? [] : ['istiod is not installed in the cluster'];
  if (!pods.some((p) => p.object.kind !== 'Job' && selects(selector, p.labels))) {
    problems.push(`no gateway Deployment's pods carry the labels of its selector ${JSON.stringify(selector)}`);
  }
  return problems;
}

function needOf(o: StateObject, state: ClusterState): Need {
  if (o.kind === 'Service' && o.apiVersion === 'v1') return serviceNeed(o);
  if (o.kind === 'Ingress' && o.apiVersion.startsWith('networking.k8s.io/')) return ingressNeed(o, state);
  if (o.kind === 'Gateway' && o.apiVersion.startsWith('gateway.networking.k8s.io/')) return gatewayApiNeed(o, state);
  if (o.kind === 'TargetGroupBinding' && o.apiVersion.startsWith('elbv2.k8s.aws/')) return { controller: LBC, why: 'a TargetGroupBinding' };
  return undefined;
}

/**
 * A LoadBalancer Service, Ingress or Gateway is only an object until a
 * controller serves it: without one it stays pending forever (no address, no
 * DNS record, no health check that can pass). Each must find the controller
 * its annotations, class or selector require among the cluster's own pods.
 */
export const ingressControllersInstalled: ClusterStateRule = {
  id: 'ingress-controllers-installed',
  check: (state) => {
    const pods = podTemplates(state.objects);
    const violations: StateViolation[] = [];
    for (const o of state.objects) {
      if (o.kind === 'Gateway' && o.apiVersion.startsWith('networking.istio.io/')) {
        for (const problem of istioGatewayProblems(o, pods)) violations.push({ where: stateWhere(o), detail: `Istio Gateway: ${problem}` });
        continue;
      }
      const need = needOf(o, state);
      if (!need) continue;
      if ('missing' in need) violations.push({ where: stateWhere(o), detail: `no controller can serve it: ${need.missing}` });
      else if (!installed(pods, need.controller))
        violations.push({
          where: stateWhere(o),
          detail: `${need.why} requires ${need.controller.title}, which no Application of this cluster installs`,
        });
    }
    return violations;
  },
};
