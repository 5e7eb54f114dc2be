/**
 * Parity of the admission rules: each Gatekeeper policy (policies/rego/<id>/)
 * has a TypeScript twin with the same id, and both judge the same sample files
 * alike. This file runs the TypeScript side; CI runs `gator verify` on the same
 * samples and suite.yaml for the Rego side (OPA and gator are Go binaries that
 * cannot be installed here).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ADMISSION_RULES } from '../../policies/admission-rules.js';
import { POLICY_KINDS } from '../../policies/k8s/pod-spec.js';
import { parseManifests } from '../../policies/manifests.js';
import { kubernetesWorkloads } from '../../policies/packs/kubernetes-workloads.js';
import type { ExemptInitContainer, K8sContext, K8sRule } from '../../policies/types.js';

const REGO = join(import.meta.dirname, '..', '..', 'policies', 'rego');

interface Constraint {
  kind: string;
  spec: {
    match?: { kinds?: { kinds: string[] }[] };
    parameters?: { registries?: string[]; labels?: string[]; exemptInitContainers?: ExemptInitContainer[] };
  };
}

interface Suite {
  tests: { constraint: string; cases: { object: string; assertions: { violations: string | boolean | number }[] }[] }[];
}

const read = <T>(path: string): T => load(readFileSync(path, 'utf8')) as T;

const twin = (id: string): K8sRule | undefined => kubernetesWorkloads.entries.find((e) => e.rule.id === id)?.rule;

/** The constraint's parameters as the TypeScript rule's context. */
function contextOf(constraint: Constraint): K8sContext {
  const parameters = constraint.spec.parameters ?? {};
  return {
    allowedRegistries: parameters.registries ?? [],
    requiredLabels: (parameters.labels ?? []).map((label) => ({ label })),
    exemptInitContainers: parameters.exemptInitContainers ?? [],
    objects: [],
  };
}

const samplesOf = (id: string): string[] =>
  readdirSync(join(REGO, id, 'samples'))
    .filter((f) => /^(allowed|disallowed).*\.ya?ml$/.test(f))
    .sort();

/** gator's `violations: yes|no` (or a count) as a boolean. */
const expectsViolation = (value: string | boolean | number) =>
  value === 'yes' || value === true || (typeof value === 'number' && value > 0);

describe.each(ADMISSION_RULES.map((r) => ({ ...r })))('admission rule $id', ({ id, kind }) => {
  it('has a TypeScript twin with the same id in the catalog', () => {
    expect(twin(id)?.id).toBe(id);
  });

  it('has samples, a constraint of its kind and a gator suite covering every sample', () => {
    const constraint = read<Constraint>(join(REGO, id, 'constraint.yaml'));
    expect(constraint.kind).toBe(kind);
    const suite = read<Suite>(join(REGO, id, 'suite.yaml'));
    const cases = suite.tests.flatMap((t) => t.cases);
    const samples = samplesOf(id);
    expect(samples.some((s) => s.startsWith('allowed'))).toBe(true);
    expect(samples.some((s) => s.startsWith('disallowed'))).toBe(true);
    expect(cases.map((c) => c.object).sort()).toEqual(samples.map((s) => `samples/${s}`));
    for (const c of cases) {
      expect({ sample: c.object, violation: c.assertions.some((a) => expectsViolation(a.violations)) }).toEqual({
        sample: c.object,
        violation: c.object.startsWith('samples/disallowed'),
      });
    }
  });

  it('reads at synth every kind the constraint matches at admission', () => {
    const kinds = read<Constraint>(join(REGO, id, 'constraint.yaml')).spec.match?.kinds?.flatMap((k) => k.kinds) ?? [];
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.filter((k) => !POLICY_KINDS.has(k))).toEqual([]);
  });

  it.each(existsSync(join(REGO, id, 'samples')) ? samplesOf(id) : [])('judges %s as the Rego policy must', (sample) => {
    const rule = twin(id);
    if (!rule) throw new Error(`no TypeScript twin for ${id}`);
    const ctx = contextOf(read<Constraint>(join(REGO, id, 'constraint.yaml')));
    const objects = parseManifests(sample, readFileSync(join(REGO, id, 'samples', sample), 'utf8'));
    expect(objects.length).toBeGreaterThan(0);
    const violations = objects.map((o) => rule.check(o, { ...ctx, objects })).filter((v) => typeof v !== 'string');
    expect(violations.length > 0).toBe(sample.startsWith('disallowed'));
  });
});

describe('samples across rules', () => {
  const constraints = ADMISSION_RULES.map((r) => read<Constraint>(join(REGO, r.id, 'constraint.yaml')));
  const merged: K8sContext = {
    allowedRegistries: constraints.flatMap((c) => c.spec.parameters?.registries ?? []),
    requiredLabels: constraints.flatMap((c) => (c.spec.parameters?.labels ?? []).map((label) => ({ label }))),
    exemptInitContainers: constraints.flatMap((c) => c.spec.parameters?.exemptInitContainers ?? []),
    objects: [],
  };
  const allowed = ADMISSION_RULES.flatMap((r) =>
    samplesOf(r.id)
      .filter((s) => s.startsWith('allowed'))
      .map((s) => join(r.id, 'samples', s)),
  );

  it.each(allowed)('%s passes every admission twin (samples differ only in what they test)', (path) => {
    const objects = parseManifests(path, readFileSync(join(REGO, path), 'utf8'));
    const failed = ADMISSION_RULES.flatMap((r) =>
      objects.map((o) => ({ rule: r.id, verdict: twin(r.id)?.check(o, { ...merged, objects }) })),
    ).filter((x) => typeof x.verdict !== 'string');
    expect(failed).toEqual([]);
  });
});
