/** `npm run cost`: monthly estimate of every synthesized stack (run `npm run synth` first). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadPlatformConfig } from '../../config/index.js';
import { estimateStacks, type StackInput } from './estimate.js';
import { formatEstimate } from './format.js';
import { latestPricing } from './pricing.js';

const dir = join(process.cwd(), 'cdktf.out', 'stacks');
try {
  // Loading config validates it: a budget <= 0 or an unknown tag key fails here with its path.
  const config = loadPlatformConfig();
  if (!existsSync(dir)) throw new Error(`no synthesized stacks in ${dir}; run npm run synth first`);
  const stacks: StackInput[] = readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'cdk.tf.json')))
    .sort()
    .map((name) => ({ name, json: JSON.parse(readFileSync(join(dir, name, 'cdk.tf.json'), 'utf8')) as StackInput['json'] }));
  const estimate = estimateStacks(stacks, latestPricing());
  const budgets = Object.entries(config.cost.environments).map(([environment, s]) => ({ environment, monthlyBudgetUsd: s.monthlyBudgetUsd }));
  console.log(formatEstimate(estimate, budgets));
  const unpricedTypes = estimate.unpriced.filter((u) => u.reason.startsWith('instance type') || u.reason.startsWith('RDS instance class'));
  if (unpricedTypes.length > 0) {
    for (const u of unpricedTypes) console.error(`error: ${u.stack} ${u.address}: ${u.reason}`);
    process.exit(1);
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof Error) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
