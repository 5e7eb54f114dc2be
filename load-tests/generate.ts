/** `npm run load-tests:generate`: rewrites load-tests/<service>.js from config (a test fails when they drift). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { k6Script, LOAD_TEST_DIR } from '../charts/rollouts/k6-script.js';
import { loadPlatformConfig } from '../config/index.js';

const config = loadPlatformConfig();
for (const service of config.services) {
  writeFileSync(join(LOAD_TEST_DIR, `${service.name}.js`), k6Script(config, service.name));
  console.log(`wrote ${LOAD_TEST_DIR}/${service.name}.js`);
}
