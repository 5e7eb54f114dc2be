import { parser } from '@prometheus-io/lezer-promql';

/**
 * Grafana and Argo Rollouts template their queries; the values do not change
 * the grammar: `$__rate_interval`/`${window}` stand for a duration, other
 * `$var`/`{{args.x}}` for a label value or name.
 */
function untemplated(expr: string): string {
  return expr
    .replace(/\$__(rate_)?interval|\$__range|\[\$\{?\w+\}?\]/g, (m) => (m.startsWith('[') ? '[5m]' : '5m'))
    .replace(/\{\{\s*args\.[\w-]+\s*\}\}/g, 'x')
    .replace(/\$\{?\w+(:\w+)?\}?/g, 'x');
}

/**
 * Syntax errors of a PromQL expression, parsed with the Prometheus UI's own
 * grammar (@prometheus-io/lezer-promql): empty when it parses.
 */
export function promqlErrors(expr: string): string[] {
  const source = untemplated(expr);
  const errors: string[] = [];
  parser.parse(source).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`syntax error at ${node.from}: …${source.slice(Math.max(0, node.from - 20), node.to + 20)}…`);
    },
  });
  return errors;
}
