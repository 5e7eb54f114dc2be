/** A Kubernetes LabelSelector (metav1.LabelSelector), as workloads, webhooks, constraints and operators carry it. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

export type Labels = Readonly<Record<string, string>>;

/**
 * Whether a label selector matches a label set, with the API server's
 * semantics: requirements are ANDed, `{}` matches everything. An unknown
 * operator matches nothing (the API server would have rejected it).
 */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  const exact = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return (
    exact &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      const has = Object.hasOwn(labels, key);
      switch (operator) {
        case 'In':
          return has && values.includes(labels[key] ?? '');
        case 'NotIn':
          return !has || !values.includes(labels[key] ?? '');
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    })
  );
}

/** Where an absent selector means "everything" (webhook and constraint selectors): null or undefined matches all. */
export function selects(selector: LabelSelector | undefined | null, labels: Labels): boolean {
  return !selector || selectorMatches(selector, labels);
}

/** `app=x,tier In (a,b)`: a selector as findings print it. */
export function describeSelector(selector: LabelSelector | undefined): string {
  if (!selector) return 'nil';
  const parts = [
    ...Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(selector.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values?.length ? ` (${e.values.join(',')})` : ''}`),
  ];
  return parts.length === 0 ? '{} (everything)' : parts.join(',');
}
