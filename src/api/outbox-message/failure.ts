/** How long temporary failures are retried before a message is given up: at least 7 days. */
export const RETRY_WINDOW_MS = 7 * 24 * 3600_000;

export interface Failure {
  /** The mail server refused this message for good (an SMTP 5xx for its recipient or content). */
  permanent: boolean;
  /** Why, for the officer and the log: codes and commands only, never an address or a server's free text. */
  reason: string;
}

interface MailError {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

/** Commands whose 5xx answer is about this message (its recipient or its content), not the server's setup. */
const MESSAGE_COMMANDS = new Set(['RCPT TO', 'DATA']);

/**
 * An SMTP or socket failure, classified. Only a 5xx to RCPT TO or DATA is permanent: a 5xx to
 * the login or to MAIL FROM is the clinic's configuration (fixable, so retried), and 4xx answers
 * and connection errors are temporary by definition. An address nodemailer refuses to put in an
 * envelope cannot become valid either. The enhanced status code (RFC 3463, digits only) is kept
 * from the server's answer; its text is not, since servers quote the recipient's address there.
 */
export function classify(error: unknown): Failure {
  const e = (error ?? {}) as MailError;
  // nodemailer's and Node's codes are upper-case words (ESOCKET, ECONNREFUSED); anything else is not quoted.
  const code = typeof e.code === 'string' && /^E[A-Z_]{2,20}$/.test(e.code) ? e.code : 'ERROR';
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const command = typeof e.command === 'string' && /^[A-Z]{2,10}( [A-Z0-9-]{2,12})?$/.test(e.command) ? e.command : undefined;
  const enhanced = typeof e.response === 'string' ? /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(e.response)?.[1] : undefined;
  const refused =
    responseCode !== undefined && responseCode >= 500 && responseCode < 600 && command !== undefined && MESSAGE_COMMANDS.has(command);
  const invalidAddress = code === 'EENVELOPE' && command === 'API';
  const permanent = refused || invalidAddress;
  const what = refused ? 'refused by the mail server' : invalidAddress ? 'invalid recipient address' : 'temporary failure';
  const reason = [code, responseCode, enhanced, command && `at ${command}`].filter(Boolean).join(' ');
  return { permanent, reason: `${what} (${reason})`.slice(0, 200) };
}

/** The reason a message is given up after the retry window, with the last temporary failure. */
export const windowClosed = (last: Failure): Failure => ({
  permanent: true,
  reason: `not delivered in 7 days of retries; last: ${last.reason}`.slice(0, 250),
});
