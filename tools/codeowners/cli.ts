/**
 * `npm run codeowners` writes CODEOWNERS from the ownership map;
 * `npm run codeowners -- --check` exits 1 when the committed file is stale (CI).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadPlatformConfig } from '../../config/index.js';
import { CODEOWNERS_FILE, renderCodeowners } from './render.js';

const check = process.argv.includes('--check');
const path = join(process.cwd(), CODEOWNERS_FILE);
try {
  const expected = renderCodeowners(loadPlatformConfig());
  const actual = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (check) {
    if (actual !== expected) {
      console.error(`${CODEOWNERS_FILE} is stale: run \`npm run codeowners\` and commit the result`);
      process.exit(1);
    }
    console.log(`${CODEOWNERS_FILE} is up to date`);
  } else if (actual === expected) {
    console.log(`${CODEOWNERS_FILE} unchanged`);
  } else {
    writeFileSync(path, expected);
    console.log(`wrote ${CODEOWNERS_FILE}`);
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
