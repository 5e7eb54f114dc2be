import { describe, expect, test } from 'vitest';
import { sloSuccessCondition, zeroWithoutData } from '../../charts/rollouts/analysis-templates.js';
import { clusterAt, findObjects } from '../support/manifests.js';

/**
 * Evaluates an Argo Rollouts success condition (expr-lang) the way the
 * controller does for the conditions we write: `result` is the vector's values,
 * and indexing past its end is a runtime error (the measurement errors out).
 */
function evaluate(condition: string, values: number[]): boolean {
  const result = new Proxy(values, {
    get(target, key) {
      if (typeof key === 'string' && /^\d+$/.test(key) && Number(key) >= target.length)
        throw new Error(`index out of range: ${key} with length ${target.length}`);
      return Reflect.get(target, key);
    },
  });
  const js = condition.replace(/\blen\(result\)/g, 'result.length');
  return new Function('result', 'isNaN', `return (${js});`)(result, Number.isNaN) as boolean;
}

const OLD = '!isNaN(result[0]) && result[0] <= 0.0005';

describe('SLO analysis conditions', () => {
  test('the old condition errored on a fresh preview without 5xx series (an empty vector), aborting a healthy rollout', () => {
    expect(() => evaluate(OLD, [])).toThrow(/index out of range/);
  });

  test.each([
    ['no sample (no error series yet)', [], true],
    ['NaN (counters exist, no request in the window)', [Number.NaN], true],
    ['within the budget', [0.0004], true],
    ['at the budget', [0.0005], true],
    ['over the budget', [0.002], false],
  ])('passes or fails without errors: %s', (_case, values, pass) => {
    expect(evaluate(sloSuccessCondition(0.0005), values)).toBe(pass);
  });

  test('every SLO query yields a sample without data and stays balanced PromQL', () => {
    const templates = findObjects(clusterAt('prod/us-east-1'), { kind: 'AnalysisTemplate' }).filter((t) =>
      t.metadata.name.includes('-slo-'),
    );
    expect(templates).toHaveLength(8);
    for (const t of templates) {
      const [metric] = (t.spec as any).metrics;
      const query: string = metric.provider.prometheus.query;
      expect(query.endsWith(') or on() vector(0)')).toBe(true);
      let depth = 0;
      for (const ch of query) {
        depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
      expect(metric.successCondition).toMatch(/^len\(result\) == 0 \|\| isNaN\(result\[0\]\) \|\| result\[0\] <= [\d.]+$/);
    }
    expect(zeroWithoutData('x')).toBe('(\nx\n) or on() vector(0)');
  });
});
