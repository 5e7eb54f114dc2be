import { today } from '../../config/clock.js';
import { formatPath } from '../../config/errors.js';
import { versionSupportNotices } from '../../config/invariants/version.js';
import type { Finding, OutputCheck } from './output.js';

export const VERSION_SUPPORT_CHECK = 'version-support';

/**
 * Warnings for versions that leave AWS standard support soon (config/reference/version-support.ts).
 * Versions already past it fail config parsing instead; this check only warns, so the
 * synthesized files stay the same whatever the date.
 */
export const versionSupportCheck: OutputCheck = (_output, config): Finding[] =>
  versionSupportNotices(config, today())
    .filter((n) => n.severity === 'warning')
    .map((n) => ({ severity: 'warning', check: VERSION_SUPPORT_CHECK, where: formatPath(n.path), message: n.message }));
