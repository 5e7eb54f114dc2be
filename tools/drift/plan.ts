/** The parts of `terraform show -json <plan>` (format 1.x) the drift tools read. */
export interface PlanJson {
  readonly format_version: string;
  readonly resource_changes?: ResourceChange[];
}

export interface ResourceChange {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly change: {
    readonly actions: string[];
    readonly before: unknown;
    readonly after: unknown;
    /** Mirrors `after`; `true` where the value is known only after apply. */
    readonly after_unknown?: unknown;
  };
}

/** Parses plan JSON text, refusing anything that is not a Terraform plan. */
export function parsePlan(text: string, source: string): PlanJson {
  const plan = JSON.parse(text) as Partial<PlanJson>;
  if (typeof plan.format_version !== 'string' || !plan.format_version.startsWith('1.')) {
    throw new Error(`${source}: not a plan from \`terraform show -json <planfile>\` (format_version 1.x expected)`);
  }
  return plan as PlanJson;
}
