/** One attribute that differs between the recorded state and the plan. */
export interface AttributeChange {
  readonly resourceType: string;
  /** Dotted path; list indexes are numbers (`scaling_config.0.desired_size`). */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
  /** The provider computes the new value at apply time. */
  readonly unknownAfter: boolean;
}

/** A known source of plan differences that is not drift; a pure verdict with its reason. */
export interface NoiseRule {
  readonly id: string;
  readonly reason: string;
  matches(change: AttributeChange): boolean;
}

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

function canonicalJson(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const sort = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sort)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, x]) => [k, sort(x)]),
            )
          : v;
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null ? JSON.stringify(sort(parsed)) : undefined;
  } catch {
    return undefined;
  }
}

/** Attributes that autoscalers (cluster autoscaler, Karpenter, HPA targets) own at run time. */
const AUTOSCALED: Record<string, RegExp> = {
  aws_eks_node_group: /^scaling_config\.\d+\.desired_size$/,
  aws_autoscaling_group: /^desired_capacity$/,
  aws_appautoscaling_target: /^(min|max)_capacity$/,
};

export const NOISE_RULES: NoiseRule[] = [
  {
    id: 'computed-after-apply',
    reason: 'the provider computes this value at apply time ("known after apply")',
    matches: (c) => c.unknownAfter,
  },
  {
    id: 'equivalent-json',
    reason: 'the same JSON document with other whitespace or key order',
    matches: (c) => {
      const before = canonicalJson(c.before);
      return before !== undefined && before === canonicalJson(c.after);
    },
  },
  {
    id: 'null-equals-empty',
    reason: 'null and an empty value mean the same to the API',
    matches: (c) => isEmpty(c.before) && isEmpty(c.after),
  },
  {
    id: 'autoscaled-capacity',
    reason: 'an autoscaler owns this capacity at run time',
    matches: (c) => AUTOSCALED[c.resourceType]?.test(c.path) ?? false,
  },
];
