import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import { labelsOf, type LabelBasis } from '../../config/derive/tags.js';
import type { Service } from '../../config/schema/service.js';
import { loadTestTemplateName } from '../rollouts/names.js';
import { SERVICE_NAME_LABEL } from '../workloads/names.js';
import { INGRESS_GATEWAY, INGRESS_NAMESPACE } from './names.js';

export interface IstioAuthorizationProps {
  readonly labels: LabelBasis;
  /** The TradeSense services: who calls whom (config.services[].calls). */
  readonly services: readonly Service[];
  /** Services the ingress gateway may call (config.gitops.publicServices). */
  readonly publicServices: readonly string[];
}

/** The SPIFFE principal Istio gives a workload running as `serviceAccount` in `namespace`. */
export function principal(namespace: string, serviceAccount: string): string {
  return `cluster.local/ns/${namespace}/sa/${serviceAccount}`;
}

/** Principals allowed to call `callee`: its callers from config, its load test, and the ingress gateway if it is public. */
export function allowedPrincipals(props: Pick<IstioAuthorizationProps, 'services' | 'publicServices'>, callee: Service): string[] {
  const callers = props.services.filter((s) => s.calls.includes(callee.name)).map((s) => principal(teamNamespace(s.team), s.name));
  // The pre-promotion k6 Job runs as its own service account and calls the preview Service.
  callers.push(principal(teamNamespace(callee.team), loadTestTemplateName(callee.name)));
  if (props.publicServices.includes(callee.name)) callers.push(principal(INGRESS_NAMESPACE, INGRESS_GATEWAY));
  return callers.sort();
}

/**
 * Zero trust inside the mesh: each team namespace denies every request by
 * default (an ALLOW policy with no rules matches nothing), then one ALLOW policy
 * per service admits exactly its callers from config.services[].calls (and the
 * ingress gateway for public services), identified by their mTLS principals.
 */
export class IstioAuthorizationChart extends Chart {
  constructor(scope: Construct, id: string, props: IstioAuthorizationProps) {
    super(scope, id);
    const teams = [...new Set(props.services.map((s) => s.team))].sort();
    for (const team of teams) {
      const namespace = teamNamespace(team);
      new ApiObject(this, `${team}-default-deny`, {
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        metadata: { name: 'default-deny', namespace, labels: labelsOf(props.labels, { Team: team, Service: team }) },
        spec: {},
      });
    }
    for (const service of [...props.services].sort((a, b) => a.name.localeCompare(b.name))) {
      const principals = allowedPrincipals(props, service);
      new ApiObject(this, `${service.name}-allow`, {
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        metadata: {
          name: `allow-${service.name}`,
          namespace: teamNamespace(service.team),
          labels: labelsOf(props.labels, { Team: service.team, Service: service.name }),
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
