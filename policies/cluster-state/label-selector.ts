/** A Kubernetes label selector (matchLabels + matchExpressions), as webhooks and constraints carry it. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

export type Labels = Readonly<Record<string, string>>;

/** Whether labels satisfy a selector; an absent or empty selector matches everything, as the API server reads it. */
export function selects(selector: LabelSelector | undefined | null, labels: Labels): boolean {
  if (!selector) return true;
  const pairs = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return (
    pairs &&
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
          throw new Error(`label selector operator '${operator}' is not one of In, NotIn, Exists, DoesNotExist`);
      }
    })
  );
}
