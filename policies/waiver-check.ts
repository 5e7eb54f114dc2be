import type { Finding } from './output.js';
import type { Waiver } from './types.js';

/** A rule's finding before waivers: what and where, with the pack's wording. */
export interface PolicyViolation {
  readonly rule: string;
  readonly severity: Finding['severity'];
  readonly title: string;
  readonly where: string;
  readonly detail: string;
  readonly remediation: string;
}

export const WAIVER_CHECK = 'policy-waivers';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function pattern(resource: string): RegExp {
  const escaped = resource.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]*')}$`);
}

/** The waivers of `rule` whose resource pattern matches `where`, expired or not (reports list them). */
export const waiversCovering = (waivers: readonly Waiver[], rule: string, where: string): Waiver[] =>
  waivers.filter((w) => w.rule === rule && pattern(w.resource).test(where));

const waiverName = (w: Waiver) => `waiver ${w.rule} @ ${w.resource}`;

/**
 * Findings after waivers: violations an active waiver covers are dropped; an
 * expired or malformed waiver is an error (and covers nothing); an unused one a warning.
 * `today` is `YYYY-MM-DD` (UTC).
 */
export function applyWaivers(violations: readonly PolicyViolation[], waivers: readonly Waiver[], today: string): Finding[] {
  const findings: Finding[] = [];
  const active: { waiver: Waiver; test: RegExp; used: boolean }[] = [];
  for (const waiver of waivers) {
    const where = waiverName(waiver);
    if (!DATE.test(waiver.expires) || Number.isNaN(Date.parse(waiver.expires))) {
      findings.push({ severity: 'error', check: WAIVER_CHECK, where, message: `expires '${waiver.expires}' is not a YYYY-MM-DD date` });
    } else if (waiver.reason.trim() === '') {
      findings.push({ severity: 'error', check: WAIVER_CHECK, where, message: 'has no reason: say why the finding is acceptable' });
    } else if (waiver.expires < today) {
      findings.push({
        severity: 'error',
        check: WAIVER_CHECK,
        where,
        message: `expired on ${waiver.expires}: fix the finding, or renew the waiver in policies/waivers.ts with a new reason and date`,
      });
    } else {
      active.push({ waiver, test: pattern(waiver.resource), used: false });
    }
  }
  for (const v of violations) {
    const cover = active.filter((a) => a.waiver.rule === v.rule && a.test.test(v.where));
    for (const a of cover) a.used = true;
    if (cover.length === 0) {
      findings.push({ severity: v.severity, check: v.rule, where: v.where, message: `${v.title}: ${v.detail}. Fix: ${v.remediation}` });
    }
  }
  for (const a of active.filter((x) => !x.used)) {
    findings.push({
      severity: 'warning',
      check: WAIVER_CHECK,
      where: waiverName(a.waiver),
      message: 'matches no finding: remove it from policies/waivers.ts',
    });
  }
  return findings;
}
