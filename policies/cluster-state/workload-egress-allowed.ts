import { databasePort } from '../../config/derive/database-port.js';
import { clusterTargets } from '../../config/derive/targets.js';
import { planSubnets } from '../../constructs/aws/subnet-plan.js';
import type { ClusterStateRule, StateViolation } from '../types.js';
import { dnsNeeds, instrumentationNeed, istiodNeed, meshTracingNeeds, type EgressNeed } from './egress-needs.js';
import { egressAllowed, egressPolicies } from './network-policy-eval.js';
import { isMeshed } from './pod-resources.js';
import { stateWhere } from './types.js';
import { analysisJobTemplates, podTemplates } from './workload-pods.js';

/** The label the services' pods carry with their service name (charts/workloads). */
const SERVICE_NAME_LABEL = 'app.kubernetes.io/name';

/**
 * Under default-deny egress a pod reaches only what a policy allows. Every
 * pod selected by an egress policy must still reach what it cannot run
 * without: DNS (UDP and TCP 53 to kube-dns), istiod (15012) when the mesh
 * injects it, the OTLP collector of its instrumentation and of the mesh's
 * tracing provider, and, for a stateful service, the environment database
 * (its port, to the VPC's isolated subnets where RDS lives).
 */
export const workloadEgressAllowed: ClusterStateRule = {
  id: 'workload-egress-allowed',
  check: (state, ctx) => {
    const target = clusterTargets(ctx.config).find((t) => `${t.envName}/${t.region}` === state.dir);
    const subnets = target ? planSubnets(target.spec.vpcCidr) : undefined;
    const database = ctx.config.data[state.envName]?.database;
    const istiod = istiodNeed(state);
    const tracing = meshTracingNeeds(state);
    const stateful = new Set(ctx.config.services.filter((s) => s.stateful).map((s) => s.name));
    const violations: StateViolation[] = [];
    for (const t of [...podTemplates(state.objects), ...analysisJobTemplates(state.objects)]) {
      const source = { namespace: t.object.namespace ?? '', labels: t.labels };
      const policies = egressPolicies(state, source);
      if (policies.length === 0) continue;
      const needs: EgressNeed[] = dnsNeeds();
      const namespace = state.objects.find((o) => o.kind === 'Namespace' && o.name === source.namespace);
      if (isMeshed(t, namespace) && istiod) needs.push(istiod, ...tracing);
      const otlp = instrumentationNeed(state, t);
      if (otlp) needs.push(otlp);
      if (database && subnets && stateful.has(t.labels[SERVICE_NAME_LABEL] ?? '')) {
        needs.push({
          what: `its database (TCP ${databasePort(database)} to the isolated subnets ${subnets.isolated.join(', ')})`,
          dest: { cidrs: subnets.isolated },
          protocol: 'TCP',
          port: databasePort(database),
        });
      }
      const denied = needs.filter((n) => !egressAllowed(state, source, n.dest, n.protocol, n.port, subnets?.private ?? []));
      if (denied.length === 0) continue;
      violations.push({
        where: stateWhere(t.object),
        detail: `its pods cannot reach ${denied.map((n) => n.what).join('; ')}: no rule of the egress NetworkPolicies selecting them (${policies.map((p) => p.name).join(', ')}) allows it`,
      });
    }
    return violations;
  },
};
