/**
 * `npm run charts:refresh -- <chart> <version> [--repo <url>]`: pulls a chart
 * archive from its repository (network needed) into vendor/charts and records
 * it in the lock, replacing the chart's previous version. Synth never pulls:
 * it renders only what this wrote and git holds.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHART_LOCK_FILE, readChartLock, REPO_ROOT, VENDOR_CHARTS_DIR } from '../helm/chart-lock.js';
import { pullArgs, withEntry } from './pull.js';
import { findHelm } from '../helm/helm-binary.js';

const USAGE = 'usage: npm run charts:refresh -- <chart> <version> [--repo <repository URL>]';

function main(): void {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { repo: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [chart, version] = positionals;
  if (!chart || !version || positionals.length > 2) {
    console.error(USAGE);
    process.exit(2);
  }
  const lock = readChartLock(REPO_ROOT);
  const previous = lock.charts.find((c) => c.chart === chart);
  const repoURL = values.repo ?? previous?.repoURL;
  if (!repoURL) {
    console.error(`${chart} is not vendored yet: name its repository with --repo <url>\n${USAGE}`);
    process.exit(2);
  }
  const dir = join(REPO_ROOT, VENDOR_CHARTS_DIR);
  const file = `${chart}-${version}.tgz`;
  const helm = findHelm({ buildDir: join(REPO_ROOT, '.build', 'helm') });
  execFileSync(helm.path, pullArgs({ repoURL, chart, version }, dir), { stdio: 'inherit' });
  if (!existsSync(join(dir, file))) throw new Error(`helm pull wrote no ${file} into ${VENDOR_CHARTS_DIR}`);
  const sha256 = createHash('sha256').update(readFileSync(join(dir, file))).digest('hex');
  if (previous && previous.file !== file) rmSync(join(dir, previous.file), { force: true });
  writeFileSync(join(dir, CHART_LOCK_FILE), `${JSON.stringify(withEntry(lock, { chart, version, repoURL, file, sha256 }), null, 2)}\n`);
  console.log(`vendored ${file} (sha256 ${sha256}); run npm run synth and review the rendered diff (npm run diff)`);
}

main();
