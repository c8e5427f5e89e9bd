import { looksLikeRrn, refuseRrn } from '../../src/utils/rrn';

describe('resident registration numbers in free text', () => {
  it.each(['900101-1234567', '9001011234567', 'my number is 900101 2234567 ok', '９００１０１－１２３４５６７'])('given %p, sees one', (text) => {
    expect(looksLikeRrn(text)).toBe(true);
  });

  it.each(['010-5555-1234', '01012345678', '900101-5234567', '2026-11-25', '12345678901234', '', null])('given %p, sees none', (text) => {
    expect(looksLikeRrn(text)).toBe(false);
  });

  it('refuses with RRN_REFUSED naming only the fields that hold one', () => {
    expect(() => refuseRrn({ note: 'fine', 'patient.name': '900101-1234567' })).toThrow(
      expect.objectContaining({ details: { code: 'RRN_REFUSED', fields: ['patient.name'] } }),
    );
    expect(() => refuseRrn({ note: 'fine', name: undefined })).not.toThrow();
  });
});
