import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { load, loadAll } from 'js-yaml';
import { ADMISSION_RULES } from '../../policies/admission-rules.js';
import { regoPackage } from '../../charts/gatekeeper/rego-source.js';
import { policyFiles } from '../../charts/gatekeeper/policy-files.js';
import { templateName } from '../../charts/gatekeeper/constraint-template.js';
import { clusterViews } from '../../config/derive/cluster-view.js';
import { platformConfig } from '../support/platform.js';

const dir = (id: string) => `policies/rego/${id}`;
const read = (path: string) => readFileSync(path, 'utf8');
const samplesOf = (id: string) =>
  readdirSync(`${dir(id)}/samples`)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

describe.each(ADMISSION_RULES.map((rule) => [rule.id, rule] as const))('policies/rego/%s', (id, rule) => {
  it('has the policy, its tests, samples and a gator suite', () => {
    for (const file of ['src.rego', 'src_test.rego', 'suite.yaml', 'template.yaml', 'constraint.yaml']) {
      expect(existsSync(`${dir(id)}/${file}`), `${dir(id)}/${file}`).toBe(true);
    }
    const samples = samplesOf(id);
    expect(samples.some((f) => f.startsWith('allowed'))).toBe(true);
    expect(samples.some((f) => f.startsWith('disallowed'))).toBe(true);
  });

  it('declares the package of its kind in the policy and in its tests', () => {
    expect(regoPackage(read(`${dir(id)}/src.rego`))).toBe(templateName(rule));
    expect(regoPackage(read(`${dir(id)}/src_test.rego`))).toBe(templateName(rule));
  });

  it('writes Rego v1 (import rego.v1) with a violation rule and tests of both verdicts', () => {
    const src = read(`${dir(id)}/src.rego`);
    const tests = read(`${dir(id)}/src_test.rego`);
    expect(src).toMatch(/^import rego\.v1$/m);
    expect(src).toMatch(/^violation contains \{"msg": msg\} if \{$/m);
    expect(tests).toMatch(/^test_\w+ if \{[\s\S]*?count\(violation\) == 0 with input as/m);
    expect(tests).toMatch(/count\(violation\) == [1-9] with input as/);
  });

  it('keeps one realistic object per sample, named after why it passes or fails', () => {
    for (const file of samplesOf(id)) {
      const docs = loadAll(read(`${dir(id)}/samples/${file}`)) as any[];
      expect(docs, file).toHaveLength(1);
      const obj = docs[0];
      expect(['Pod', 'Deployment'], file).toContain(obj.kind);
      expect(file).toMatch(/^(allowed|disallowed)-[a-z0-9-]+\.yaml$/);
      expect(obj.metadata.name, file).toContain(file.replace(/^(dis)?allowed-/, '').replace(/\.yaml$/, ''));
    }
  });

  it('references every sample from its suite with the verdict its name promises', () => {
    const suite = load(read(`${dir(id)}/suite.yaml`)) as any;
    expect(suite).toMatchObject({ kind: 'Suite', apiVersion: 'test.gatekeeper.sh/v1alpha1' });
    const [test] = suite.tests;
    expect(test).toMatchObject({ template: 'template.yaml', constraint: 'constraint.yaml' });
    const cases = new Map<string, string>(test.cases.map((c: any) => [c.object, c.assertions[0].violations]));
    for (const file of samplesOf(id)) {
      expect(cases.get(`samples/${file}`), file).toBe(file.startsWith('allowed') ? 'no' : 'yes');
    }
    expect(cases.size).toBe(samplesOf(id).length);
  });

  it('has generated gator fixtures that match the charts (regenerate, never hand-edit)', () => {
    const expected = policyFiles(clusterViews(platformConfig()));
    for (const file of ['template.yaml', 'constraint.yaml']) {
      const path = `${dir(id)}/${file}`;
      expect(read(path), `${path} is stale: run node tools/run.mjs charts/gatekeeper/write-policy-files.ts`).toBe(expected.get(path));
      expect(read(path)).toMatch(/^# DO NOT EDIT/);
    }
  });
});

describe('policies/rego', () => {
  it('holds a folder for each admission rule and nothing else', () => {
    const folders = readdirSync('policies/rego', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.sort()).toEqual(ADMISSION_RULES.map((r) => r.id).sort());
  });

  it('gives each rule its own package, so `opa test policies/rego` loads them side by side', () => {
    const packages = ADMISSION_RULES.map((r) => regoPackage(read(`${dir(r.id)}/src.rego`)));
    expect(new Set(packages).size).toBe(ADMISSION_RULES.length);
  });

  it('uses samples that satisfy the parameters of the production constraint they are verified against', () => {
    const constraint = load(read(`${dir('allowed-registries')}/constraint.yaml`)) as any;
    const [registry] = constraint.spec.parameters.registries;
    const allowed = load(read(`${dir('allowed-registries')}/samples/allowed-account-ecr-image.yaml`)) as any;
    expect(allowed.spec.containers[0].image.startsWith(`${registry}/`)).toBe(true);
    const labels = (load(read(`${dir('required-labels')}/constraint.yaml`)) as any).spec.parameters.labels;
    const labelled = load(read(`${dir('required-labels')}/samples/allowed-all-taxonomy-labels.yaml`)) as any;
    expect(Object.keys(labelled.metadata.labels)).toEqual(expect.arrayContaining(labels));
  });
});
