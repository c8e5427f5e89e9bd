import { withholdStatements } from '../../src/utils/log-redaction';

describe('failed statements in logs', () => {
  it.each([
    ["insert into `reservations` (`note`) values ('a - b', 'enc2:k1:abc') - SQLITE_BUSY: database is locked", '[statement withheld] - SQLITE_BUSY: database is locked'],
    ['SqliteError: update "x" set "a" = \'jane@example.test\' where "id" = 3 - UNIQUE constraint failed', 'SqliteError: [statement withheld] - UNIQUE constraint failed'],
    ['select * from "member_profiles" where "email_hash" = \'9f3a\' - relation does not exist', '[statement withheld] - relation does not exist'],
  ])('withholds the statement and its values: %s', (line, expected) => expect(withholdStatements(line)).toBe(expected));

  it('leaves lines that hold no statement as they are', () => {
    for (const line of ['outbox: booking.confirmation attempt 1 failed (ESOCKET CONN)', 'a patient selected - then left']) expect(withholdStatements(line)).toBe(line);
  });
});
