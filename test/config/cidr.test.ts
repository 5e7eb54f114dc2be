import { describe, expect, test } from 'vitest';
import { cidrsOverlap, formatCidr, parseCidr } from '../../config/derive/cidr.js';
import { planSubnets } from '../../constructs/aws/subnet-plan.js';

describe('CIDR helpers', () => {
  test.each([
    ['10.0.0.0/8', '10.255.0.0/16', true],
    ['10.20.0.0/16', '10.21.0.0/16', false],
    ['10.20.0.0/16', '10.20.255.0/24', true],
    ['192.168.0.0/24', '192.168.1.0/24', false],
  ])('%s and %s overlap: %s', (a, b, expected) => {
    const [x, y] = [parseCidr(a), parseCidr(b)];
    if (!x || !y) throw new Error('fixture CIDRs must parse');
    expect(cidrsOverlap(x, y)).toBe(expected);
  });

  test.each(['10.0.0.1/16', '300.0.0.0/16', '10.0.0.0/33', '10.0.0.0', 'ten/8'])('rejects %s', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  test('round-trips', () => {
    const c = parseCidr('172.16.32.0/20');
    expect(c && formatCidr(c)).toBe('172.16.32.0/20');
  });
});

describe('subnet plan', () => {
  test('cuts a /16 into private /18s and public and isolated /21s, all disjoint and inside the VPC', () => {
    const plan = planSubnets('10.30.0.0/16');
    expect(plan.private).toEqual(['10.30.0.0/18', '10.30.64.0/18', '10.30.128.0/18']);
    expect(plan.public).toEqual(['10.30.192.0/21', '10.30.200.0/21', '10.30.208.0/21']);
    expect(plan.isolated).toEqual(['10.30.224.0/21', '10.30.232.0/21', '10.30.240.0/21']);
    const all = [...plan.private, ...plan.public, ...plan.isolated].map((s) => parseCidr(s));
    const vpc = parseCidr('10.30.0.0/16');
    for (const [i, a] of all.entries()) {
      if (!a || !vpc) throw new Error('plan produced an invalid CIDR');
      expect(cidrsOverlap(a, vpc)).toBe(true);
      for (const b of all.slice(i + 1)) if (b) expect(cidrsOverlap(a, b)).toBe(false);
    }
  });
});
