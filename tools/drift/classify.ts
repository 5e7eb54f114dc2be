import { NOISE_RULES, type AttributeChange, type NoiseRule } from './noise-rules.js';
import type { PlanJson, ResourceChange } from './plan.js';

export interface AttributeVerdict extends AttributeChange {
  /** The noise rule that explains the difference; absent when it is real drift. */
  readonly noiseRule?: string;
}

export interface ChangeVerdict {
  readonly address: string;
  readonly actions: string[];
  readonly verdict: 'drift' | 'noise';
  readonly reason: string;
  readonly attributes: AttributeVerdict[];
}

export interface DriftReport {
  readonly drift: ChangeVerdict[];
  readonly noise: ChangeVerdict[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function childOf(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value[Number(key)];
  return isRecord(value) ? value[key] : undefined;
}

/** Leaf differences between `before` and `after`; `unknown` mirrors `after` (after_unknown). */
export function attributeChanges(
  resourceType: string,
  before: unknown,
  after: unknown,
  unknown: unknown,
  path: string[] = [],
): AttributeChange[] {
  if (unknown === true)
    return JSON.stringify(before) === undefined ? [] : [{ resourceType, path: path.join('.'), before, after, unknownAfter: true }];
  const bothLists = Array.isArray(before) && Array.isArray(after);
  if (bothLists || (isRecord(before) && isRecord(after))) {
    const keys = bothLists
      ? Array.from({ length: Math.max((before as unknown[]).length, (after as unknown[]).length) }, (_, i) => String(i))
      : [...new Set([...Object.keys(before as object), ...Object.keys(after as object)])].sort();
    return keys.flatMap((k) => attributeChanges(resourceType, childOf(before, k), childOf(after, k), childOf(unknown, k), [...path, k]));
  }
  return JSON.stringify(before) === JSON.stringify(after)
    ? []
    : [{ resourceType, path: path.join('.'), before, after, unknownAfter: false }];
}

function classifyChange(rc: ResourceChange, rules: readonly NoiseRule[]): ChangeVerdict | undefined {
  const { actions } = rc.change;
  if (actions.every((a) => a === 'no-op')) return undefined;
  const base = { address: rc.address, actions };
  if (rc.mode === 'data') return { ...base, verdict: 'noise', reason: 'a data source read, nothing changes', attributes: [] };
  if (actions.includes('delete') && actions.includes('create'))
    return { ...base, verdict: 'drift', reason: 'must be replaced', attributes: [] };
  if (actions.includes('create'))
    return { ...base, verdict: 'drift', reason: 'missing from the account (deleted outside Terraform?)', attributes: [] };
  if (actions.includes('delete')) return { ...base, verdict: 'drift', reason: 'exists but is no longer declared', attributes: [] };
  const attributes: AttributeVerdict[] = attributeChanges(rc.type, rc.change.before, rc.change.after, rc.change.after_unknown).map(
    (change) => {
      const rule = rules.find((r) => r.matches(change));
      return rule ? { ...change, noiseRule: rule.id } : change;
    },
  );
  const real = attributes.filter((a) => a.noiseRule === undefined);
  if (real.length > 0)
    return { ...base, verdict: 'drift', reason: `changed outside Terraform: ${real.map((a) => a.path).join(', ')}`, attributes };
  const ids = [...new Set(attributes.map((a) => a.noiseRule))].sort();
  return { ...base, verdict: 'noise', reason: `provider noise only: ${ids.join(', ') || 'no attribute differs'}`, attributes };
}

/**
 * Splits a plan into real drift (what someone changed or deleted in the
 * account, or what no longer matches the code) and provider-computed noise
 * (values known only after apply, re-serialized JSON, null vs empty, capacity
 * an autoscaler owns). No-op changes are dropped.
 */
export function classifyPlan(plan: PlanJson, rules: readonly NoiseRule[] = NOISE_RULES): DriftReport {
  const verdicts = (plan.resource_changes ?? []).flatMap((rc) => classifyChange(rc, rules) ?? []);
  return { drift: verdicts.filter((v) => v.verdict === 'drift'), noise: verdicts.filter((v) => v.verdict === 'noise') };
}
