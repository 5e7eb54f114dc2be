import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parsePlatformConfig } from '../../../config/load.js';
import { run as config } from '../../../tools/config/cli.js';
import { run as cost } from '../../../tools/cost/cli.js';
import { platformConfig } from '../../support/platform.js';
import { runCli } from './harness.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'cli-'));

describe('npm run config', () => {
  test('--json prints the resolved config, which --config accepts as it is (a what-if starts from it)', async () => {
    const result = await runCli(config, ['--json'], scratch());
    expect(result.code).toBe(0);
    const exported = JSON.parse(result.stdout) as unknown;
    expect(exported).toEqual(JSON.parse(JSON.stringify(platformConfig())));
    expect(parsePlatformConfig(exported)).toEqual(platformConfig());
  });

  test('--out writes it to a file that synth --config reads back', async () => {
    const cwd = scratch();
    expect((await runCli(config, ['--out', 'what-if.json'], cwd)).code).toBe(0);
    const edited = JSON.parse(readFileSync(join(cwd, 'what-if.json'), 'utf8')) as { deployOrder: string[] };
    edited.deployOrder = ['dev', 'prod', 'staging'];
    writeFileSync(join(cwd, 'what-if.json'), JSON.stringify(edited));
    const result = await runCli(config, ['--config', 'what-if.json'], cwd);
    expect(result).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^what-if\.json: invalid platform config \(1 problem\):\n {2}- deployOrder\[1\]: production environment 'prod' deploys before 'staging'/,
      ),
    });
  });

  test('without --json it summarizes each environment in deploy order', async () => {
    const result = await runCli(config, ['--env', 'prod'], scratch());
    expect(result.stdout).toMatch(/^deploy order: dev -> staging -> prod$/m);
    expect(result.stdout).toMatch(
      /^prod +production +account 410987654321 +us-east-1 \+ us-west-2 +EKS 1\.35 +NAT per-az +budget 8000 USD\/month$/m,
    );
    expect(result.stdout).not.toMatch(/^dev /m);
  });
});

/** A synthesized tree with one priced node group per environment. */
function synthesized(): string {
  const cwd = scratch();
  for (const env of ['dev', 'prod']) {
    const dir = join(cwd, 'cdktf.out', 'stacks', `${env}-us-east-1-cluster`);
    mkdirSync(dir, { recursive: true });
    const group = { instance_types: ['m7g.large'], capacity_type: 'ON_DEMAND', scaling_config: { desired_size: env === 'prod' ? 3 : 2 } };
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ resource: { aws_eks_node_group: { system: group } } }));
  }
  return cwd;
}

describe('npm run cost', () => {
  test('--json prints the estimate with the budgets', async () => {
    const result = await runCli(cost, ['--json'], synthesized());
    expect(result.code).toBe(0);
    const estimate = JSON.parse(result.stdout) as {
      environments: { environment: string }[];
      budgets: { environment: string; monthlyBudgetUsd: number }[];
    };
    expect(estimate.environments.map((e) => e.environment)).toEqual(['dev', 'prod']);
    expect(estimate.budgets).toContainEqual({ environment: 'prod', monthlyBudgetUsd: 8000 });
  });

  test('--env limits the estimate to one environment', async () => {
    const result = await runCli(cost, ['--env', 'prod', '--json'], synthesized());
    const estimate = JSON.parse(result.stdout) as { stacks: { name: string }[]; budgets: { environment: string }[] };
    expect(estimate.stacks.map((s) => s.name)).toEqual(['prod-us-east-1-cluster']);
    expect(estimate.budgets.map((b) => b.environment)).toEqual(['prod']);
  });

  test('an instance type the snapshot cannot price exits 1 and names it', async () => {
    const cwd = synthesized();
    const dir = join(cwd, 'cdktf.out', 'stacks', 'dev-us-east-1-cluster');
    writeFileSync(
      join(dir, 'cdk.tf.json'),
      JSON.stringify({
        resource: { aws_eks_node_group: { system: { instance_types: ['m7g.16xlarge'], scaling_config: { desired_size: 1 } } } },
      }),
    );
    const result = await runCli(cost, [], cwd);
    expect(result).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error: dev-us-east-1-cluster aws_eks_node_group\.system: instance type m7g\.16xlarge has no price/m),
    });
  });
});
