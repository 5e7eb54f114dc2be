import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { resolveLabels } from '../../config/derive/tags.js';
import type { Service } from '../../config/schema/service.js';
import type { ClusterContext } from '../cluster-context.js';
import { loadTestTemplateName } from '../rollouts/analysis-templates.js';
import { teamNamespace } from '../team-namespaces.js';
import { SERVICE_NAME_LABEL } from '../workloads/service-accounts.js';
import { INGRESS_GATEWAY, INGRESS_NAMESPACE } from './components.js';

/** The SPIFFE principal Istio gives a workload running as `serviceAccount` in `namespace`. */
export function principal(namespace: string, serviceAccount: string): string {
  return `cluster.local/ns/${namespace}/sa/${serviceAccount}`;
}

/** Principals allowed to call `callee`: its callers from config, its load test, and the ingress gateway if it is public. */
export function allowedPrincipals(ctx: ClusterContext, callee: Service): string[] {
  const callers = ctx.config.services
    .filter((s) => s.calls.includes(callee.name))
    .map((s) => principal(teamNamespace(s.team), s.name));
  // The pre-promotion k6 Job runs as its own service account and calls the preview Service.
  callers.push(principal(teamNamespace(callee.team), loadTestTemplateName(callee.name)));
  if (ctx.config.gitops.publicServices.includes(callee.name)) callers.push(principal(INGRESS_NAMESPACE, INGRESS_GATEWAY));
  return callers.sort();
}

/**
 * Zero trust inside the mesh: each team namespace denies every request by
 * default (an ALLOW policy with no rules matches nothing), then one ALLOW policy
 * per service admits exactly its callers from config.services[].calls (and the
 * ingress gateway for public services), identified by their mTLS principals.
 */
export class IstioAuthorizationChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    const { config } = ctx;
    const teams = [...new Set(config.services.map((s) => s.team))].sort();
    for (const team of teams) {
      const namespace = teamNamespace(team);
      new ApiObject(this, `${team}-default-deny`, {
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        metadata: { name: 'default-deny', namespace, labels: resolveLabels(config, ctx.target.envName, { Team: team, Service: team }) },
        spec: {},
      });
    }
    for (const service of [...config.services].sort((a, b) => a.name.localeCompare(b.name))) {
      const principals = allowedPrincipals(ctx, service);
      new ApiObject(this, `${service.name}-allow`, {
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        metadata: {
          name: `allow-${service.name}`,
          namespace: teamNamespace(service.team),
          labels: resolveLabels(config, ctx.target.envName, { Team: service.team, Service: service.name }),
        },
        spec: {
          selector: { matchLabels: { [SERVICE_NAME_LABEL]: service.name } },
          action: 'ALLOW',
          rules: [{ from: [{ source: { principals } }], to: [{ operation: { ports: [String(service.port)] } }] }],
        },
      });
    }
  }
}
