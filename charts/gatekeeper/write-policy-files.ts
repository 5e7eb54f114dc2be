/** Regenerates the gator fixtures (template.yaml, constraint.yaml) of every policy in policies/rego. */
import { writeFileSync } from 'node:fs';
import { loadPlatformConfig } from '../../config/load.js';
import { policyFiles } from './policy-files.js';

for (const [path, text] of policyFiles(loadPlatformConfig())) {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
