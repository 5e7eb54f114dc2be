import { blocks } from '../terraform.js';
import type { AwsContext } from '../types.js';

/** An IAM or resource policy statement as the guardrails read it. */
export interface Statement {
  readonly effect: string;
  readonly actions: string[];
  /** A `NotAction` statement grants every action but these (empty for `Action` statements). */
  readonly notActions: string[];
  readonly resources: string[];
  /** Service principals the statement names. */
  readonly services: string[];
  /** Operator -> condition key -> values. */
  readonly condition: Record<string, Record<string, string[]>>;
}

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map(String);

function fromJson(text: string): Statement[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const raw = (doc as { Statement?: unknown }).Statement;
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((s: Record<string, unknown>) => ({
    effect: String(s.Effect),
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    services: list((s.Principal as { Service?: unknown } | undefined)?.Service),
    condition: Object.fromEntries(
      Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).map(([op, keys]) => [
        op,
        Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, list(v)])),
      ]),
    ),
  }));
}

/**
 * The statements of a policy: JSON text (how the IAM helpers render them) or a
 * reference to an `aws_iam_policy_document` data source of the same stack;
 * undefined when the document cannot be read at synth time.
 */
export function statementsOf(policy: unknown, ctx: Pick<AwsContext, 'resolve'>): Statement[] | undefined {
  const doc = ctx.resolve(policy);
  if (doc?.type === 'data.aws_iam_policy_document') {
    return blocks(doc.body.statement).map((s) => {
      const condition: Record<string, Record<string, string[]>> = {};
      for (const c of blocks(s.condition)) {
        const op = String(c.test);
        condition[op] = { ...condition[op], [String(c.variable)]: list(c.values) };
      }
      const services = blocks(s.principals)
        .filter((p) => p.type === 'Service')
        .flatMap((p) => list(p.identifiers));
      return {
        effect: String(s.effect ?? 'Allow'),
        actions: list(s.actions),
        notActions: list(s.not_actions),
        resources: list(s.resources),
        services,
        condition,
      };
    });
  }
  return typeof policy === 'string' && !policy.startsWith('$') ? fromJson(policy) : undefined;
}

/** A statement denies every request made without TLS (`aws:SecureTransport` = false). */
export const deniesInsecureTransport = (statements: readonly Statement[]): boolean =>
  statements.some((s) => s.effect === 'Deny' && (s.condition.Bool?.['aws:SecureTransport'] ?? []).includes('false'));
