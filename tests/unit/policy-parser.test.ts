import path from 'node:path';
import { parsePolicy, readPolicy } from '../../database/seed/policy';

describe('the policy text parser', () => {
  it('given the 2010 policy, makes one section per bracketed heading and finds the effective date', () => {
    const policy = readPolicy(path.join(__dirname, '..', '..', 'database', 'seed', 'privacy-policy-2010.txt'));
    expect(policy.sections).toHaveLength(12);
    expect(policy.effectiveDate).toBe('2010-10-26');
    expect(policy.introduction).toMatch(/^Dodream Plastic Surgery\s+understands/);
    expect(policy.sections.every((s) => s.body.length > 0)).toBe(true);
  });

  it('given blank-line runs, keeps one blank line between paragraphs', () => {
    const policy = parsePolicy('Intro\n\n\n\n[A]\n\none\n\n\n\ntwo\n');
    expect(policy.sections).toEqual([{ heading: 'A', body: 'one\n\ntwo' }]);
  });
});
