import { useStrapiWithSmtp } from '../helpers/smtp';
import { MEMBERSHIP_CONSENTS } from '../helpers/privacy';
import { registerMember } from '../helpers/members';

const ctx = useStrapiWithSmtp();

const outbox = () => ctx.app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<{ sent: number; failed: number }> };
const MEMBER = { email: 'haneul.notreal@example.test', password: 'First-passw0rd', birthDate: '1988-02-03', name: 'Haneul Notreal', locale: 'ko', consents: MEMBERSHIP_CONSENTS };

describe('a member who forgot the password', () => {
  it('gets the reset code at the real address (the users table only holds a placeholder) and can log in with the new password', async () => {
    const registered = await registerMember(ctx.app, MEMBER);
    // The address confirmation of the registration goes first.
    expect(await outbox().drain()).toMatchObject({ sent: 1, failed: 0 });
    await ctx.smtp.waitFor(1);

    const asked = await ctx.app.request().post('/api/auth/forgot-password').send({ email: 'Haneul.Notreal@example.test' }).expect(200);
    expect(asked.body).toEqual({ ok: true });
    expect(await outbox().drain()).toMatchObject({ sent: 1, failed: 0 });
    const mail = (await ctx.smtp.waitFor(2))[1];
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('Haneul.Notreal@example.test');
    expect(mail.subject).toContain('비밀번호 재설정');
    const code = /\b([0-9a-f]{128})\b/.exec(mail.text ?? '')?.[1];
    expect(code).toBeDefined();

    const reset = await ctx.app.request().post('/api/auth/reset-password').send({ code, password: 'Second-passw0rd', passwordConfirmation: 'Second-passw0rd' }).expect(200);
    expect(reset.body.user).toMatchObject({ id: registered.user.id, email: 'haneul.notreal@example.test' });
    await ctx.app.request().post('/api/auth/local').send({ identifier: MEMBER.email, password: 'First-passw0rd' }).expect(400);
    await ctx.app.request().post('/api/auth/local').send({ identifier: MEMBER.email, password: 'Second-passw0rd' }).expect(200);
    // The code is single use.
    await ctx.app.request().post('/api/auth/reset-password').send({ code, password: 'Third-passw0rd', passwordConfirmation: 'Third-passw0rd' }).expect(400);
  });

  it('answers the same for an address with no account, and tells that address no reset was possible (no code in it)', async () => {
    const before = ctx.smtp.received.length;
    const res = await ctx.app.request().post('/api/auth/forgot-password').send({ email: 'nobody.here@example.test' }).expect(200);
    expect(res.body).toEqual({ ok: true });
    expect(await outbox().drain()).toMatchObject({ sent: 1 });
    const [mail] = (await ctx.smtp.waitFor(before + 1)).slice(before);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('nobody.here@example.test');
    expect(mail.text).toContain('there is no confirmed membership to send it for');
    expect(mail.text).not.toMatch(/[0-9a-f]{128}/);
    // No account got a code.
    const { n } = (await ctx.app.strapi.db.connection('up_users').whereNotNull('reset_password_token').count({ n: '*' }).first()) as { n: number | string };
    expect(Number(n)).toBe(0);
  });

  it('refuses a malformed body with VALIDATION', async () => {
    const res = await ctx.app.request().post('/api/auth/forgot-password').send({ email: 'not-an-address', extra: 1 }).expect(400);
    expect(res.body.error.details.code).toBe('VALIDATION');
  });
});
