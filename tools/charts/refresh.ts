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
import type { CommandSpec } from '../cli/command.js';
import { InputError, UsageError } from '../cli/errors.js';
import { stringValue } from '../cli/input.js';
import { runCommand, runIfMain, type CliIo } from '../cli/run.js';
import { CHART_LOCK_FILE, ChartLockError, readChartLock, REPO_ROOT, VENDOR_CHARTS_DIR } from '../helm/chart-lock.js';
import { findHelm, HelmUnavailable } from '../helm/helm-binary.js';
import { pullArgs, withEntry } from './pull.js';

export const REFRESH_COMMAND: CommandSpec = {
  name: 'npm run charts:refresh --',
  summary: `Vendors a Helm chart archive into ${VENDOR_CHARTS_DIR} and records it (sha256, source) in ${CHART_LOCK_FILE}; the only command that needs the network.`,
  positionals: [
    { name: 'chart', description: 'chart name, e.g. istiod' },
    { name: 'version', description: 'chart version, e.g. 1.29.1' },
  ],
  options: {
    repo: {
      type: 'string',
      value: 'repository URL',
      description: 'the Helm repository (https) or OCI registry; default: the one the lock records for the chart',
    },
  },
  details: 'exit codes: 0 vendored, 1 helm missing or the pull failed, 2 usage error (an unvendored chart without --repo)',
};

const VERSION = /^v?\d+\.\d+\.\d+([-+][\w.-]+)?$/;

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(
    REFRESH_COMMAND,
    argv,
    io,
    ({ values, positionals }) => {
      const [chart = '', version = ''] = positionals;
      if (!/^[a-z0-9][a-z0-9-]*$/.test(chart)) throw new UsageError(`'${chart}' is not a chart name (lower-case letters, digits and -)`);
      if (!VERSION.test(version)) throw new UsageError(`'${version}' is not a chart version such as 1.29.1`);
      const lock = readChartLock(REPO_ROOT);
      const previous = lock.charts.find((c) => c.chart === chart);
      const repoURL = stringValue(values.repo) ?? previous?.repoURL;
      if (!repoURL) throw new UsageError(`${chart} is not vendored yet: name its repository with --repo <url>`);
      const dir = join(REPO_ROOT, VENDOR_CHARTS_DIR);
      const file = `${chart}-${version}.tgz`;
      const helm = findHelm({ buildDir: join(REPO_ROOT, '.build', 'helm') });
      try {
        execFileSync(helm.path, pullArgs({ repoURL, chart, version }, dir), { stdio: ['ignore', 'inherit', 'pipe'] });
      } catch (error) {
        const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
        throw new InputError(
          `helm pull ${chart} ${version} from ${repoURL} failed${stderr ? `: ${stderr}` : ''}; check the name, version and repository (and the network)`,
        );
      }
      if (!existsSync(join(dir, file))) throw new InputError(`helm pull wrote no ${file} into ${VENDOR_CHARTS_DIR}`);
      const sha256 = createHash('sha256')
        .update(readFileSync(join(dir, file)))
        .digest('hex');
      if (previous && previous.file !== file) rmSync(join(dir, previous.file), { force: true });
      writeFileSync(join(dir, CHART_LOCK_FILE), `${JSON.stringify(withEntry(lock, { chart, version, repoURL, file, sha256 }), null, 2)}\n`);
      io.stdout(`vendored ${file} (sha256 ${sha256}); run npm run synth and review the rendered diff (npm run diff)\n`);
      return 0;
    },
    [ChartLockError, HelmUnavailable],
  );
}

runIfMain(import.meta.url, run);
