/** The claims docs/runtime-security.md makes about the mesh exemption, checked against the code and the rendered state. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMISSION_RULES } from '../../../policies/admission-rules.js';
import { constraintInputs, constraintParameters } from '../../../charts/gatekeeper/constraint.js';
import { asObject } from '../../../policies/k8s/pod-spec.js';
import { stateAt } from '../../support/cluster-state.js';
import { clusterAt } from '../../support/manifests.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const doc = readFileSync(join(ROOT, 'docs', 'runtime-security.md'), 'utf8');

describe('docs/runtime-security.md: the istio-init exemption', () => {
  it('istio-cni is not vendored: only base, istiod and gateway of Istio are', () => {
    expect(doc).toContain('only the base, istiod and gateway charts are');
    const istio = readdirSync(join(ROOT, 'vendor', 'charts')).filter((f) => /^(base|istiod|gateway|cni|istio-cni)-/.test(f));
    expect(istio.map((f) => f.replace(/-[\d.]+\.tgz$/, '')).sort()).toEqual(['base', 'gateway', 'istiod']);
  });

  it('only read-only-root-filesystem carries the exemption, and run-as-non-root/capabilities-dropped are not admission rules', () => {
    const { view } = clusterAt('prod/us-east-1');
    const inputs = constraintInputs(view);
    const exempting = ADMISSION_RULES.filter((r) => 'exemptInitContainers' in (constraintParameters(r.id, inputs) ?? {})).map((r) => r.id);
    expect(exempting).toEqual(['read-only-root-filesystem']);
    expect(ADMISSION_RULES.map((r) => r.id)).not.toContain('run-as-non-root');
    expect(ADMISSION_RULES.map((r) => r.id)).not.toContain('capabilities-dropped');
    expect(constraintParameters('read-only-root-filesystem', inputs)).toEqual({
      exemptInitContainers: [{ name: 'istio-init', repository: `${view.facts.ecrRegistry}/docker-hub/istio/proxyv2` }],
    });
  });

  it('team namespaces are labelled istio-injection=enabled, so their pods get istio-init', async () => {
    const state = await stateAt('prod/us-east-1');
    const teams = state.objects.filter((o) => o.kind === 'Namespace' && o.name.startsWith('team-'));
    expect(teams.length).toBeGreaterThan(0);
    for (const ns of teams) expect(asObject(asObject(ns.body.metadata).labels)['istio-injection']).toBe('enabled');
  });
});
