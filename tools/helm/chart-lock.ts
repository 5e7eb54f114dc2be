import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This repository: vendor/charts and .build are found from here, whatever the output folder. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where the upstream chart archives the platform installs are kept, with their lock. */
export const VENDOR_CHARTS_DIR = join('vendor', 'charts');
export const CHART_LOCK_FILE = 'charts.lock.json';

/** One vendored archive: what Argo CD pulls (repoURL, chart, version) and the bytes we render. */
export interface LockedChart {
  readonly chart: string;
  readonly version: string;
  /** The Helm repository (or OCI registry without the scheme) the Applications name. */
  readonly repoURL: string;
  /** Archive file name in vendor/charts. */
  readonly file: string;
  readonly sha256: string;
  readonly appVersion?: string;
  /** Upstream source the archive was packaged from. */
  readonly source?: { readonly github: string; readonly tag: string; readonly commit: string; readonly path: string };
  readonly dependencies?: readonly { readonly name: string; readonly version: string }[];
}

export interface ChartLock {
  readonly lockVersion: 1;
  readonly charts: readonly LockedChart[];
}

/** A chart an Application installs that the vendored archives do not match. */
export class ChartLockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartLockError';
  }
}

export function readChartLock(root: string): ChartLock {
  const path = join(root, VENDOR_CHARTS_DIR, CHART_LOCK_FILE);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ChartLock;
  } catch (error) {
    throw new ChartLockError(`cannot read ${VENDOR_CHARTS_DIR}/${CHART_LOCK_FILE}: ${(error as Error).message}`);
  }
}

/** Archive digests of this process: every cluster names the same few archives. */
const digests = new Map<string, string>();

const refreshHint = (chart: string, version: string) =>
  `run 'npm run charts:refresh -- ${chart} ${version}' where the chart repository is reachable, then commit ${VENDOR_CHARTS_DIR}`;

/**
 * The vendored archive for a pinned chart, checked byte for byte against the
 * lock. A version bump without its archive fails here, with the fix.
 */
export function lockedArchive(
  root: string,
  lock: ChartLock,
  pin: { repoURL: string; chart: string; version: string },
  usedBy: string,
): { entry: LockedChart; path: string } {
  const entry = lock.charts.find((c) => c.chart === pin.chart && c.version === pin.version);
  if (!entry) {
    const have = lock.charts.filter((c) => c.chart === pin.chart).map((c) => c.version);
    const vendored = have.length > 0 ? `vendor/charts has ${pin.chart} ${have.join(', ')}` : `vendor/charts has no ${pin.chart} chart`;
    throw new ChartLockError(`${usedBy} pins ${pin.chart} ${pin.version}, but ${vendored}: ${refreshHint(pin.chart, pin.version)}`);
  }
  if (entry.repoURL !== pin.repoURL) {
    throw new ChartLockError(
      `${usedBy} pulls ${pin.chart} ${pin.version} from ${pin.repoURL}, but the vendored archive came from ${entry.repoURL}: use that repository or ${refreshHint(pin.chart, pin.version)}`,
    );
  }
  const path = join(root, VENDOR_CHARTS_DIR, entry.file);
  let actual: string;
  try {
    actual = digests.get(path) ?? createHash('sha256').update(readFileSync(path)).digest('hex');
    digests.set(path, actual);
  } catch {
    throw new ChartLockError(`${usedBy}: ${VENDOR_CHARTS_DIR}/${entry.file} is missing: ${refreshHint(pin.chart, pin.version)}`);
  }
  if (actual !== entry.sha256) {
    throw new ChartLockError(
      `${usedBy}: ${VENDOR_CHARTS_DIR}/${entry.file} has sha256 ${actual}, the lock says ${entry.sha256}: restore the archive from git or ${refreshHint(pin.chart, pin.version)}`,
    );
  }
  return { entry, path };
}
