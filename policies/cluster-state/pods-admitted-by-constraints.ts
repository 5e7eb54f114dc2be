import type { ClusterStateRule, StateViolation } from '../types.js';
import { admittedObjects, type AdmittedObject } from './admitted-objects.js';
import { constraintApplies, stateConstraints } from './gatekeeper-constraints.js';
import { meshInjector } from './mesh-injection.js';
import { namespaceLabels } from './namespace-labels.js';
import { stateWhere } from './types.js';

/**
 * Every object the cluster admits — what Argo CD applies, the ReplicaSets, Jobs
 * and Pods controllers create from it, each Pod with the containers the mesh
 * injects — passes every Gatekeeper constraint of the state that matches it,
 * judged by the constraint's own parameters with the TypeScript twin of its
 * Rego. A `deny` constraint's finding is an error (the object never exists, so
 * the workload never runs), a `warn` one a warning; `dryrun` only audits.
 */
export const podsAdmittedByConstraints: ClusterStateRule = {
  id: 'pods-admitted-by-constraints',
  check: (state) => {
    const { constraints, unknown } = stateConstraints(state);
    const violations: StateViolation[] = unknown.map((o) => ({
      where: stateWhere(o),
      detail: `constraint kind ${o.kind} has no TypeScript twin in policies/admission-rules.ts, so its verdicts cannot be checked before sync`,
    }));
    if (constraints.length === 0) return violations;
    const labelsOf = namespaceLabels(state);
    const mesh = meshInjector(state);
    const findings = new Map<string, { where: string; action: string; lines: Set<string> }>();
    for (const admitted of admittedObjects(state, { mesh, namespaceLabels: labelsOf })) {
      if ('error' in admitted) {
        violations.push({ where: stateWhere(admitted.origin), detail: `cannot simulate admission: ${admitted.error}` });
        continue;
      }
      for (const c of constraints) {
        if (c.action === 'dryrun' || !constraintApplies(c, admitted.object, labelsOf(admitted.object.namespace ?? ''))) continue;
        const verdict = c.rule.check(admitted.object, c.context);
        if (typeof verdict === 'string') continue;
        const where = stateWhere(admitted.origin);
        const key = `${where} ${c.id}`;
        const finding = findings.get(key) ?? { where, action: c.action, lines: new Set<string>() };
        finding.lines.add(`${describe(admitted)}: ${verdict.violation}`);
        findings.set(key, finding);
      }
    }
    for (const [key, f] of findings) {
      const constraint = key.slice(f.where.length + 1);
      violations.push({
        where: f.where,
        detail: `${f.action === 'deny' ? 'denied' : 'warned'} by Gatekeeper ${constraint} (${f.action}): ${[...f.lines].join('; ')}`,
        severity: f.action === 'deny' ? 'error' : 'warning',
      });
    }
    return violations;
  },
};

function describe(a: AdmittedObject): string {
  const mesh = a.injected.length > 0 ? ` with the mesh's ${a.injected.join(', ')}` : '';
  return a.via === 'applied' ? `the ${a.object.kind} as applied` : `the ${a.via}${mesh}`;
}
