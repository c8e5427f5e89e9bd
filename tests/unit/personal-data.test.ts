import { personalDataIn, refusePersonalData } from '../../src/utils/personal-data';

describe('personal data typed into a board post', () => {
  it.each([
    ['010-1234-5678', ['phone']],
    ['01012345678', ['phone']],
    ['call 02 123 4567 tomorrow', ['phone']],
    ['(031) 555-0100', ['phone']],
    ['+82 10 1234 5678', ['phone']],
    ['０１０－１２３４－５６７８', ['phone']],
    ['jane.doe@example.test', ['email']],
    ['kim (at) naver.com', ['email']],
    ['ｊａｎｅ＠ｅｘａｍｐｌｅ．ｔｅｓｔ', ['email']],
    ['mail a@b.co or ring 010 2222 3333', ['phone', 'email']],
  ])('finds it in "%s"', (text, kinds) => {
    expect(personalDataIn(text)).toEqual(kinds);
  });

  it.each([
    'My treatment on 2026-11-26 went well',
    'It cost 1,200,000 won',
    'Back in 2024 1234 people came',
    'Meet @ 3pm. ok',
    'Version 2.5.1',
    'Room 12345678',
  ])('leaves ordinary text alone: "%s"', (text) => {
    expect(personalDataIn(text)).toEqual([]);
  });

  it('refuses with a stable code naming the fields and kinds, and RRNs with the code used everywhere', () => {
    expect(() => refusePersonalData({ title: 'Hi', body: 'Text me on 010-1234-5678' })).toThrow(
      expect.objectContaining({ details: { code: 'PERSONAL_DATA_IN_POST', fields: ['body'], kinds: ['phone'] } }),
    );
    expect(() => refusePersonalData({ body: '900101-1234567' })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ code: 'RRN_REFUSED' }) }),
    );
    expect(() => refusePersonalData({ title: 'Great clinic', body: 'Thank you!' })).not.toThrow();
  });
});
