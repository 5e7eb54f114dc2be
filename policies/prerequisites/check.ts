import { clusterTargets, type PlatformConfig } from '../../config/index.js';
import type { Prerequisite } from '../../config/schema/prerequisites.js';
import type { Finding, OutputCheck, SynthStack } from '../../tools/synth/output.js';
import type { Waiver } from '../types.js';
import { applyWaivers, type PolicyViolation } from '../waiver-check.js';
import { globMatches } from './arn.js';
import { stackCreations, type Created } from './created.js';
import { stackReferences, type ExternalReference, type UnindexedLookup } from './references.js';
import { PREREQUISITE_WAIVERS } from './waivers.js';
import { clusterReferences } from './cluster-references.js';
import type { ClusterState } from '../cluster-state/types.js';

export const PREREQUISITES_CHECK = 'account-prerequisites-declared';

/** A reference no stack of its account creates, with the environment whose stack makes it. */
export interface ExternalNeed {
  readonly reference: ExternalReference;
  readonly envName: string;
  /** Index in config.prerequisites[envName] of the declaration that covers it. */
  readonly declaration?: number;
}

export interface PrerequisiteIndex {
  readonly needs: readonly ExternalNeed[];
  readonly unindexed: readonly UnindexedLookup[];
}

/** The environment a stack belongs to: the longest environment name its name starts with. */
export function envOfStack(config: PlatformConfig, stack: string): string | undefined {
  return Object.keys(config.environments)
    .sort((a, b) => b.length - a.length)
    .find((env) => stack.startsWith(`${env}-`));
}

const covers = (thing: { kind: string; identifier: string; region?: string }, pattern: string, region: string | undefined) =>
  globMatches(pattern, thing.identifier) && (!region || !thing.region || region === thing.region);

export const declarationCovers = (p: Prerequisite, r: ExternalReference): boolean => p.kind === r.kind && covers(r, p.match, p.region);

/**
 * Every external reference of every stack: what each names that no stack of
 * the same account creates, and which declaration (if any) covers it. Data
 * sources of a type the index does not know are listed apart.
 */
export function indexPrerequisites(stacks: readonly SynthStack[], config: PlatformConfig, states: readonly ClusterState[] = []): PrerequisiteIndex {
  const createdIn = new Map<string, Created[]>();
  for (const c of stacks.flatMap(stackCreations)) createdIn.set(c.account, [...(createdIn.get(c.account) ?? []), c]);
  const needs: ExternalNeed[] = [];
  const unindexed: UnindexedLookup[] = [];
  const clusterEnv = new Map(clusterTargets(config).map((t) => [`cluster ${t.envName}/${t.region}`, t.envName]));
  const sources: { envName: string | undefined; found: { references: readonly ExternalReference[]; unindexed: readonly UnindexedLookup[] } }[] = [
    ...stacks.map((stack) => ({ envName: envOfStack(config, stack.name), found: stackReferences(stack) })),
    ...clusterReferences(states, config).map((r) => ({ envName: clusterEnv.get(r.stack), found: { references: [r], unindexed: [] } })),
  ];
  for (const { envName, found } of sources) {
    if (!envName) continue;
    unindexed.push(...found.unindexed);
    for (const reference of found.references) {
      const created = (createdIn.get(reference.account) ?? []).some((c) => c.kind === reference.kind && covers(reference, c.identifier, c.region));
      if (created) continue;
      const declaration = (config.prerequisites[envName] ?? []).findIndex((p) => declarationCovers(p, reference));
      needs.push({ reference, envName, ...(declaration >= 0 ? { declaration } : {}) });
    }
  }
  return { needs, unindexed };
}

/** What is missing and how to fix it, for one undeclared reference. */
function undeclared(need: ExternalNeed): PolicyViolation {
  const r = need.reference;
  const where = `${r.stack}/${r.address}`;
  if (r.kind === 'terraform-state') {
    return violation(where, `reads remote state '${r.identifier}', which no stack keeps`, 'point it at the state key of an existing stack (<stack>/terraform.tfstate)');
  }
  return violation(
    where,
    `${r.kind} '${r.identifier}'${r.region ? ` in ${r.region}` : ''} is created by no stack of account ${r.account} and not declared in prerequisites.${need.envName}`,
    `create it in a stack of account ${r.account}, or declare it in config/values/prerequisites.ts ` +
      `({ kind: '${r.kind}', match: '${r.identifier}',${r.region ? ` region: '${r.region}',` : ''} why, create })`,
  );
}

export interface PrerequisiteCheckOptions {
  /** @default PREREQUISITE_WAIVERS */
  readonly waivers?: readonly Waiver[];
  /** `YYYY-MM-DD`, for waiver expiry. @default today (UTC) */
  readonly today?: string;
}

const TITLE = 'What a stack names exists on an empty account';
const violation = (where: string, detail: string, remediation: string): PolicyViolation => ({ rule: PREREQUISITES_CHECK, severity: 'error', title: TITLE, where, detail, remediation });

/**
 * Findings over a synth: an error for every reference that is neither created
 * by a stack of its account nor declared, and for every data source the index
 * cannot read (both waivable in policies/prerequisites/waivers.ts); a warning
 * for every declaration no stack needs.
 */
export function prerequisiteFindings(
  stacks: readonly SynthStack[],
  config: PlatformConfig,
  options: PrerequisiteCheckOptions = {},
  states: readonly ClusterState[] = [],
): Finding[] {
  const index = indexPrerequisites(stacks, config, states);
  const violations = [
    ...index.unindexed.map((u) =>
      violation(
        `${u.stack}/${u.address}`,
        `data source type ${u.type} is not indexed, so what it looks up cannot be checked`,
        'add what it looks up to policies/prerequisites/references.ts, or to the AWS-provided list in policies/prerequisites/aws-provided.ts if AWS owns it',
      ),
    ),
    ...index.needs.filter((n) => n.declaration === undefined).map(undeclared),
  ];
  const findings = applyWaivers(violations, options.waivers ?? PREREQUISITE_WAIVERS, options.today ?? new Date().toISOString().slice(0, 10));
  for (const envName of Object.keys(config.prerequisites).sort()) {
    (config.prerequisites[envName] ?? []).forEach((p, i) => {
      if (index.needs.some((n) => n.envName === envName && n.declaration === i)) return;
      findings.push({
        severity: 'warning',
        check: PREREQUISITES_CHECK,
        where: `prerequisites.${envName}[${i}]`,
        message: `${p.kind} '${p.match}' is referenced by no stack of ${envName} (or a stack creates it): remove the declaration`,
      });
    });
  }
  return findings.sort((a, b) => a.where.localeCompare(b.where) || a.message.localeCompare(b.message));
}

/** The registered synth check (tools/synth/checks.ts), over the config synth was given. */
export const prerequisitesCheck: OutputCheck = (output, config) => prerequisiteFindings(output.stacks, config, {}, output.states);
