import { classify, windowClosed } from '../../src/api/outbox-message/failure';

/** Errors shaped as nodemailer's SMTP connection makes them (code, responseCode, command, response). */
const smtpError = (code: string, response: string | undefined, command: string) =>
  Object.assign(new Error(`failed: ${response ?? ''}`), {
    code,
    command,
    response,
    ...(response ? { responseCode: Number(response.slice(0, 3)) } : {}),
  });

describe('classifying a failed delivery', () => {
  it.each([
    [
      'a 550 for the recipient',
      smtpError('EENVELOPE', '550 5.1.1 <mina.ko@example.com>: Recipient address rejected', 'RCPT TO'),
      'refused by the mail server (EENVELOPE 550 5.1.1 at RCPT TO)',
    ],
    [
      'a 554 to the message',
      smtpError('EMESSAGE', '554 5.7.1 Message rejected as spam', 'DATA'),
      'refused by the mail server (EMESSAGE 554 5.7.1 at DATA)',
    ],
    ['an address nodemailer cannot use', smtpError('EENVELOPE', undefined, 'API'), 'invalid recipient address (EENVELOPE at API)'],
  ])('given %s, it is permanent', (_what, error, reason) => {
    expect(classify(error)).toEqual({ permanent: true, reason });
  });

  it.each([
    ['a 450 for the recipient', smtpError('EENVELOPE', '450 4.2.1 <mina.ko@example.com>: Mailbox busy', 'RCPT TO')],
    ['a 421 on connecting', smtpError('EPROTOCOL', '421 4.3.2 Service shutting down', 'CONN')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET', command: 'CONN' })],
    ['a timeout', Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT', command: 'CONN' })],
    ['a 535 to the login (the clinic’s configuration)', smtpError('EAUTH', '535 5.7.8 Authentication failed', 'AUTH PLAIN')],
    ['a 550 to MAIL FROM (the clinic’s sender)', smtpError('EENVELOPE', '550 5.7.1 Sender not allowed', 'MAIL FROM')],
    ['something that is not an SMTP error', new TypeError('boom')],
    ['nothing at all', undefined],
  ])('given %s, it is temporary', (_what, error) => {
    expect(classify(error).permanent).toBe(false);
  });

  it('keeps no address, nor any text of the server, in the reason', () => {
    const reason = classify(smtpError('EENVELOPE', '550 5.1.1 <mina.ko@example.com>: no such user Mina Ko', 'RCPT TO')).reason;
    expect(reason).not.toMatch(/mina|example|user/i);
    const odd = classify({ code: 'E<mina.ko@example.com>', command: 'RCPT TO mina.ko@example.com', responseCode: 550 }).reason;
    expect(odd).not.toMatch(/@|mina/);
  });

  it('gives up after the window with the last temporary reason', () => {
    expect(windowClosed(classify(smtpError('EENVELOPE', '451 4.3.0 try later', 'RCPT TO')))).toEqual({
      permanent: true,
      reason: 'not delivered in 7 days of retries; last: temporary failure (EENVELOPE 451 4.3.0 at RCPT TO)',
    });
  });
});
