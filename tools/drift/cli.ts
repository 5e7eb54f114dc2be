/**
 * Drift and CI target tooling for the workflows.
 *   drift stacks <env> [cdktf.out]     remote-state stacks of an environment, dependencies first
 *   drift classify <stack> <plan.json> Markdown verdict; exits 2 on real drift, 0 on none or noise only
 *   drift clusters <env>               `region cluster` lines, for post-deploy checks
 *   drift matrix drift|load-test       JSON for a workflow matrix (fromJSON)
 */
import { readFileSync } from 'node:fs';
import { loadPlatformConfig } from '../../config/index.js';
import { classifyPlan } from './classify.js';
import { parsePlan } from './plan.js';
import { renderDriftMarkdown } from './report.js';
import { environmentStacks } from './stacks.js';
import { driftMatrix, environmentClusters, loadTestMatrix } from './targets.js';

const [command, first, second] = process.argv.slice(2);
if (command === 'stacks' && first) {
  for (const name of environmentStacks(second ?? 'cdktf.out', first)) console.log(name);
} else if (command === 'classify' && first && second) {
  const report = classifyPlan(parsePlan(readFileSync(second, 'utf8'), second));
  console.log(renderDriftMarkdown(first, report));
  process.exit(report.drift.length > 0 ? 2 : 0);
} else if (command === 'clusters' && first) {
  for (const { region, cluster } of environmentClusters(loadPlatformConfig(), first)) console.log(`${region} ${cluster}`);
} else if (command === 'matrix' && (first === 'drift' || first === 'load-test')) {
  const config = loadPlatformConfig();
  console.log(JSON.stringify(first === 'drift' ? driftMatrix(config) : loadTestMatrix(config, process.cwd())));
} else {
  console.error('usage: drift stacks <env> [cdktf.out] | classify <stack> <plan.json> | clusters <env> | matrix drift|load-test');
  process.exit(64);
}
