/** Regenerates the gator fixtures (template.yaml, constraint.yaml) of every policy in policies/rego. */
import { writeFileSync } from 'node:fs';
import { clusterViews } from '../../config/derive/cluster-view.js';
import { loadPlatformConfig } from '../../config/load.js';
import { policyFiles } from './policy-files.js';

for (const [path, text] of policyFiles(clusterViews(loadPlatformConfig()))) {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
