/**
 * `npm run state -- bootstrap <env>`: local-state override for the first apply
 *   of `<env>-global-state`, state in .bootstrap-state/ (README, "Bootstrapping an account").
 * `npm run state -- dr <env>`: every stack of `<env>` reads and writes its state in
 *   the replica region (docs/disaster-recovery.md, "Terraform state").
 * Both write `*_override.tf.json` files into cdktf.out/stacks/; the next synth removes them.
 */
import { ConfigError, loadPlatformConfig } from '../../config/index.js';
import { writeBootstrapOverride, writeDrOverrides } from './overrides.js';

const [command, envName] = process.argv.slice(2);
try {
  const config = loadPlatformConfig();
  if (!envName || !(envName in config.environments)) throw new Error(`usage: npm run state -- bootstrap|dr <env>, env one of ${Object.keys(config.environments).join(', ')}`);
  if (command === 'bootstrap') {
    console.log(`cdktf.out/stacks/${envName}-global-state now keeps local state in ${writeBootstrapOverride(process.cwd(), envName)}`);
  } else if (command === 'dr') {
    const stacks = writeDrOverrides(process.cwd(), config, envName);
    console.log(`state of ${stacks.length} stacks now read from the replica: run \`terraform init -reconfigure\` in each of ${stacks.join(', ')}`);
  } else {
    throw new Error(`unknown command '${command ?? ''}': use bootstrap or dr`);
  }
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
