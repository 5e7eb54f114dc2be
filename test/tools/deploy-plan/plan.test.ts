import { describe, expect, it } from 'vitest';
import { envOfStack } from '../../../policies/prerequisites/needs.js';
import { remoteStateReads, stateObjectOf } from '../../../tools/deploy-plan/edges.js';
import { buildDeployPlan, stacksOf, type PlannedStack } from '../../../tools/deploy-plan/plan.js';
import { configWith, platformConfig } from '../../support/platform.js';
import { fakeStacks, synthesizedStacks } from './fixtures.js';

const plan = buildDeployPlan(platformConfig(), synthesizedStacks());
const planned = new Map<string, PlannedStack>(plan.environments.flatMap((e) => stacksOf(e).map((s) => [s.name, s] as const)));
const level = (name: string) => planned.get(name)?.level ?? Number.NaN;

describe('deploy plan of the real synth', () => {
  it('places every synthesized stack exactly once, in its own environment', () => {
    const names = plan.environments.flatMap((e) => [...stacksOf(e).map((s) => s.name), ...e.manual]);
    expect([...names].sort()).toEqual(synthesizedStacks().map((s) => s.name));
    for (const env of plan.environments) for (const s of stacksOf(env)) expect(envOfStack(platformConfig(), s.name)).toBe(env.name);
  });

  it('applies no stack before a stack whose outputs it reads (every terraform_remote_state)', () => {
    const stacks = synthesizedStacks();
    const keeper = new Map(stacks.map((s) => [stateObjectOf(s), s.name]));
    const reads = stacks.flatMap((s) => remoteStateReads(s).map((r) => ({ reader: s.name, producer: keeper.get(r.object) })));
    expect(reads.length).toBeGreaterThan(20);
    for (const { reader, producer } of reads) {
      expect(producer, `${reader} reads a state no stack keeps`).toBeDefined();
      expect(level(reader), `${reader} reads ${producer}`).toBeGreaterThan(level(producer ?? ''));
    }
  });

  it('applies every stack after the stacks cdktf records as its dependencies', () => {
    const deps = synthesizedStacks().flatMap((s) => s.dependencies.map((d) => [s.name, d] as const));
    expect(deps).toContainEqual(['dev-us-east-1-karpenter', 'dev-us-east-1-cluster']);
    for (const [stack, dependency] of deps) expect(level(stack), `${stack} after ${dependency}`).toBeGreaterThan(level(dependency));
  });

  it('opens each environment with its state stack, then its administrator-applied stack, then everything else', () => {
    for (const env of plan.environments) {
      const [state, ciAccess, ...rest] = env.levels;
      expect(state?.map((s) => [s.name, s.traits])).toEqual([[`${env.name}-global-state`, ['state-bootstrap']]]);
      expect(ciAccess?.map((s) => [s.name, s.traits])).toEqual([[`${env.name}-global-ci-access`, ['administrator-applied']]]);
      for (const s of rest.flat())
        expect(s.after.map((a) => a.stack)).toEqual(expect.arrayContaining([`${env.name}-global-state`, `${env.name}-global-ci-access`]));
    }
  });

  it('reads the handling of a stack from what it synthesizes', () => {
    expect(planned.get('prod-global-github')?.traits).toEqual(['github-app']);
    expect(planned.get('prod-global-cost-tag-activation')?.traits).toEqual(['later-step']);
    expect(planned.get('prod-us-east-1-cluster')?.traits).toEqual([]);
  });

  it('runs the environments in config.deployOrder and carries their approval', () => {
    expect(plan.environments.map((e) => e.name)).toEqual(platformConfig().deployOrder);
    expect(plan.environments.find((e) => e.name === 'prod')?.approval).toEqual({ reviewers: ['platform'], waitTimerMinutes: 10 });
    expect(plan.environments.find((e) => e.name === 'dev')?.approval).toBeUndefined();
    const reordered = buildDeployPlan(
      configWith((c) => {
        c.deployOrder = ['staging', 'dev', 'prod'];
      }),
      synthesizedStacks(),
    );
    expect(reordered.environments.map((e) => e.name)).toEqual(['staging', 'dev', 'prod']);
  });
});

describe('deploy plan rules', () => {
  const config = platformConfig();

  it('levels by longest path: a stack one level above the highest stack it reads', () => {
    const p = buildDeployPlan(
      config,
      fakeStacks({ 'dev-a': {}, 'dev-b': { reads: ['dev-a'] }, 'dev-c': { reads: ['dev-a', 'dev-b'] }, 'dev-d': {} }),
    );
    expect(p.environments[0]?.levels.map((l) => l.map((s) => s.name))).toEqual([['dev-a', 'dev-d'], ['dev-b'], ['dev-c']]);
  });

  it('names the stacks of a cycle', () => {
    const cyclic = fakeStacks({ 'dev-a': { reads: ['dev-b'] }, 'dev-b': { reads: ['dev-c'] }, 'dev-c': { reads: ['dev-a'] } });
    expect(() => buildDeployPlan(config, cyclic)).toThrow(
      /stack dependency cycle: dev-a -> dev-b -> dev-c -> dev-a; dev-a reads-outputs dev-b \(data\.terraform_remote_state\.cross-stack-reference-input-dev-b\)/,
    );
  });

  it('rejects a remote-state read of a state no stack keeps', () => {
    const stacks = fakeStacks({ 'dev-a': { reads: ['dev-gone'] } }).map((s) => ({ ...s, dependencies: [] }));
    expect(() => buildDeployPlan(config, stacks)).toThrow(
      /dev-a\/data\.terraform_remote_state\.cross-stack-reference-input-dev-gone reads remote state 'tradesense-dev-tfstate-210987654321\/dev-gone\/terraform\.tfstate', which no synthesized stack keeps/,
    );
  });

  it('orders a read of an earlier environment by the environment chain, and rejects one of a later environment', () => {
    const earlier = buildDeployPlan(config, fakeStacks({ 'dev-a': {}, 'prod-b': { reads: ['dev-a'] } }));
    expect(earlier.environments.find((e) => e.name === 'prod')?.levels[0]?.map((s) => s.after)).toEqual([[]]);
    expect(() => buildDeployPlan(config, fakeStacks({ 'dev-a': { reads: ['prod-b'] }, 'prod-b': {} }))).toThrow(
      /dev-a \(reads-outputs, .*\) applies after prod-b, but prod deploys after dev in config.deployOrder/,
    );
  });

  it('gates the environment on its administrator-applied stack, but not what that stack itself needs', () => {
    const p = buildDeployPlan(
      config,
      fakeStacks({
        'dev-state': { stateBucket: true },
        'dev-access': { deployRole: true },
        'dev-net': {},
        'dev-app': { reads: ['dev-net'] },
      }),
    );
    expect(p.environments[0]?.levels.map((l) => l.map((s) => s.name))).toEqual([['dev-state'], ['dev-access'], ['dev-net'], ['dev-app']]);
    expect(p.environments[0]?.levels[2]?.[0]?.after).toEqual([
      { stack: 'dev-access', reason: 'administrator-gate' },
      { stack: 'dev-state', reason: 'state-bucket' },
    ]);
  });

  it('leaves a local-state stack to be applied by hand', () => {
    const p = buildDeployPlan(config, fakeStacks({ 'dev-manual': { backend: 'local' }, 'dev-a': { dependencies: ['dev-manual'] } }));
    expect(p.environments[0]?.manual).toEqual(['dev-manual']);
    expect(stacksOf(p.environments[0] ?? { name: '', levels: [], manual: [] }).map((s) => [s.name, s.after])).toEqual([['dev-a', []]]);
  });

  it('rejects a stack that belongs to no environment', () => {
    expect(() => buildDeployPlan(config, fakeStacks({ 'qa-global-audit': {} }))).toThrow(
      /stack qa-global-audit belongs to no environment of config.environments/,
    );
  });
});
