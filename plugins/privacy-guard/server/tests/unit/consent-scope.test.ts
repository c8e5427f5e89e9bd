import { fold, isScope, recordScope, type ScopedDecision } from '../../src/utils/consent-scope';
import { GENESIS, rowHash } from '../../src/services/ledger';

const row = (
  seq: number,
  scope: ScopedDecision['scope'],
  granted: boolean,
  subjectWide = scope === 'subject',
  subjectId = 'sub_a',
): ScopedDecision => ({
  seq,
  subjectId,
  scope,
  granted,
  subjectWide,
});

describe('the decision that applies to a record', () => {
  it('is the record’s own when it is the latest, else the latest subject-wide one', () => {
    // Given a stranger's grant on reservation B, and later the patient's verified refusal, then her own booking C's grant
    const { applies } = fold([row(1, 'reservation:B', true), row(2, 'subject', false), row(3, 'reservation:C', true)]);
    // Then B is withdrawn by the later verified refusal, C stands, A (never asked) follows the subject
    expect(applies('sub_a', 'reservation:B')).toBe(false);
    expect(applies('sub_a', 'reservation:C')).toBe(true);
    expect(applies('sub_a', 'reservation:A')).toBe(false);
    expect(applies('sub_a', 'subject')).toBe(false);
  });

  it('never lets one record’s decision reach another record or another subject', () => {
    const { applies, granted } = fold([row(1, 'reservation:B', true), row(2, 'member:U', true, false)]);
    expect(applies('sub_a', 'reservation:A')).toBe(false);
    expect(applies('sub_a', 'subject')).toBe(false);
    expect(applies('sub_other', 'reservation:B')).toBe(false);
    expect(granted()).toEqual([
      { subjectId: 'sub_a', scope: 'reservation:B' },
      { subjectId: 'sub_a', scope: 'member:U' },
    ]);
  });

  it('counts a confirmed member’s decision subject-wide', () => {
    const { applies } = fold([row(1, 'member:U', true, true)]);
    expect(applies('sub_a', 'reservation:A')).toBe(true);
    expect(applies('sub_a', 'subject')).toBe(true);
  });
});

describe('scopes', () => {
  it('accept only the documented spellings', () => {
    for (const ok of ['subject', 'reservation:abc123', 'consultation:x_Y-9', 'member:u1']) expect(isScope(ok)).toBe(true);
    for (const bad of ['Subject', 'subject ', 'reservation:', 'reservation:a/b', 'visitor:a', 'member', '', null, 42])
      expect(isScope(bad)).toBe(false);
    expect(() => recordScope('reservation', '')).toThrow();
  });

  it('are covered by the ledger hash on new rows, and rows without one keep their old hash', () => {
    const legacy = {
      seq: 1,
      prevHash: GENESIS,
      subjectId: 'sub_x',
      itemKey: 'a',
      policyVersion: 1,
      textHash: 'b'.repeat(64),
      action: 'granted' as const,
      channel: 'reservation',
      actor: 'self' as const,
      clientAddress: null,
      occurredAt: '2030-01-01T00:00:00.000Z',
    };
    const old = rowHash(legacy);
    expect(rowHash({ ...legacy, scope: null })).toBe(old);
    const scoped = rowHash({ ...legacy, scope: 'reservation:abc' });
    expect(scoped).not.toBe(old);
    expect(rowHash({ ...legacy, scope: 'subject' })).not.toBe(scoped);
    expect(rowHash({ ...legacy, scope: 'subject' })).not.toBe(old);
  });
});
