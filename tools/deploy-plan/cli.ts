/**
 * `npm run deploy-plan -- [--env <name>] [--json] [--synth <dir>] | --write | --check`:
 * the deploy plan of the synthesized stacks, and the workflows generated from it.
 */
import { runDeployPlan } from './command.js';

process.exitCode = runDeployPlan(process.argv.slice(2), {
  root: process.cwd(),
  out: (text) => console.log(text),
  err: (text) => console.error(text),
});
