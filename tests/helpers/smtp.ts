import { startStrapi, type TestApp } from './strapi';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface TestSmtp {
  port: number;
  received: ParsedMail[];
  /** Recipient address → the SMTP code `RCPT TO` answers it with (550 refuses for good, 450 for now). */
  refuse: Map<string, number>;
  /** Stops accepting connections (the mail server is "down"). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Waits (bounded polling) until `count` mails have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
}

/** A real SMTP server on 127.0.0.1 at a random port, keeping every mail it receives, parsed. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const refuse = new Map<string, number>();
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const code = refuse.get(address.address.toLowerCase());
        if (!code) return callback();
        // Worded as real servers do, quoting the address: what the outbox keeps of it must not.
        const text =
          code >= 500 ? `5.1.1 <${address.address}>: Recipient address rejected` : `4.2.1 <${address.address}>: Mailbox busy, try later`;
        callback(Object.assign(new Error(text), { responseCode: code }));
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
  let server = make();
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  return {
    port,
    received,
    refuse,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async start() {
      server = make();
      await listen(port);
    },
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mails, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return received;
    },
  };
}

/** The environment that points a test Strapi's mail at this SMTP server. */
export const smtpEnv = (smtp: TestSmtp): Record<string, string> => ({
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(smtp.port),
  SMTP_IGNORE_TLS: 'true',
  RATE_LIMIT_PER_MINUTE: '1000',
});

/**
 * A test file's Strapi whose mail goes to a real SMTP server: both started before the file's
 * tests and stopped after them. Read `ctx.app` and `ctx.smtp` inside tests (they exist from
 * `beforeAll` on).
 */
export function useStrapiWithSmtp(env: Record<string, string> = {}): { app: TestApp; smtp: TestSmtp } {
  const ctx = {} as { app: TestApp; smtp: TestSmtp };
  beforeAll(async () => {
    ctx.smtp = await startSmtp();
    ctx.app = await startStrapi({ ...smtpEnv(ctx.smtp), ...env });
  });
  afterAll(async () => {
    await ctx.app?.stop();
    await ctx.smtp?.stop();
  });
  return ctx;
}
