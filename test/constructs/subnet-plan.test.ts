import { describe, expect, test } from 'vitest';
import { parseCidr } from '../../config/derive/cidr.js';
import { planSubnets } from '../../constructs/aws/subnet-plan.js';

describe('planSubnets', () => {
  test.each([
    ['10.40.0.0/16', '/18', '/21'],
    ['10.50.16.0/20', '/22', '/25'],
  ])('%s: private subnets are quarters (%s), public and isolated eighths of the last quarter (%s)', (cidr, quarter, small) => {
    const plan = planSubnets(cidr);
    for (const s of plan.private) expect(s.endsWith(quarter)).toBe(true);
    for (const s of [...plan.public, ...plan.isolated]) expect(s.endsWith(small)).toBe(true);
  });

  test('nine distinct subnets, the same for the same block (deterministic)', () => {
    const plan = planSubnets('10.50.16.0/20');
    const all = [...plan.private, ...plan.public, ...plan.isolated];
    expect(new Set(all).size).toBe(9);
    expect(all.every((s) => parseCidr(s) !== undefined)).toBe(true);
    expect(planSubnets('10.50.16.0/20')).toEqual(plan);
    expect(plan.private[0]).toBe('10.50.16.0/22');
  });

  test('refuses what is not a CIDR block, naming it', () => {
    expect(() => planSubnets('10.40.0.0')).toThrow(/planSubnets: '10\.40\.0\.0' is not a CIDR block/);
  });
});
