import { useStrapiWithSmtp } from '../helpers/smtp';
import { MEMBERSHIP_CONSENTS } from '../helpers/privacy';
import { adminToken } from '../helpers/admin';
import { registerMember } from '../helpers/members';

/** Notices the policy promises before a change: a material policy version, a new provision. */
const ctx = useStrapiWithSmtp();

const notices = () =>
  ctx.app.strapi.plugin('privacy-guard').service('notices') as {
    announcePolicy(): Promise<{ versions: number; queued: number }>;
    announceProvisions(): Promise<{ provisions: number; queued: number }>;
  };
const drain = () => (ctx.app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<unknown> }).drain();
const recipients = () => ctx.smtp.received.map((m) => JSON.stringify(m.to));

async function register(name: string, email: string, consents: Record<string, boolean>) {
  await registerMember(ctx.app, { username: name.toLowerCase().replace(/\W/g, ''), email, password: 'A-long-passw0rd', birthDate: '1988-03-03', name, phone: '010-5555-0177', consents });
}

describe('advance notices', () => {
  beforeAll(async () => {
    await register('Provision Yes', 'provision.yes@example.test', { ...MEMBERSHIP_CONSENTS, third_party_provision: true });
    await register('Provision No', 'provision.no@example.test', { ...MEMBERSHIP_CONSENTS, third_party_provision: false });
    // The two address confirmations are not what these tests count.
    await drain();
    await ctx.smtp.waitFor(2);
    ctx.smtp.received.splice(0);
  });

  it('mails every member before a material policy version takes effect, once', async () => {
    const documents = ctx.app.strapi.documents('api::policy-version.policy-version');
    const created = await documents.create({
      locale: 'en',
      data: { version: 2, effectiveDate: '2035-01-01', title: 'Privacy Policy (2035)', material: true, changeSummary: 'Longer keeping of treatment records.', sections: [{ heading: 'Scope', body: 'New text.' }] },
    } as never);
    await documents.publish({ documentId: created.documentId, locale: 'en' } as never);
    try {
      expect(await notices().announcePolicy()).toEqual({ versions: 1, queued: 2 });
      expect((await notices().announcePolicy()).queued).toBe(0);
      const before = ctx.smtp.received.length;
      await drain();
      const mails = await ctx.smtp.waitFor(before + 2);
      const policyMails = mails.filter((m) => (m.subject ?? '').includes('2035-01-01'));
      expect(policyMails).toHaveLength(2);
      expect(policyMails.map((m) => JSON.stringify(m.to)).join()).toMatch(/provision\.yes@example\.test.*provision\.no@example\.test|provision\.no@example\.test.*provision\.yes@example\.test/);
      expect(policyMails[0].text).toContain('Longer keeping of treatment records.');
    } finally {
      await documents.delete({ documentId: created.documentId, locale: '*' } as never);
    }
  });

  it('mails a new provision before it starts only to the people who consented to provision', async () => {
    const provision = await ctx.app.strapi.db.query('plugin::privacy-guard.provision').create({
      data: {
        recipient: 'Example Partner Lab',
        purpose: 'Skin analysis for your treatment plan',
        dataItems: ['Name', 'Phone number', 'Treatment booked'],
        period: 'Until the analysis is delivered, at most 30 days',
        legalBasis: 'Consent (PIPA art. 17(1)1)',
        startsAt: new Date(Date.now() + 14 * 86400000),
        consentItemKey: 'third_party_provision',
        active: true,
      },
    });
    const result = await notices().announceProvisions();
    expect(result).toEqual({ provisions: 1, queued: 1 });
    expect((await notices().announceProvisions()).queued).toBe(0);
    const before = ctx.smtp.received.length;
    await drain();
    const mails = await ctx.smtp.waitFor(before + 1);
    const notice = mails.slice(before).find((m) => (m.subject ?? '').includes('Example Partner Lab'));
    expect(JSON.stringify(notice?.to)).toContain('provision.yes@example.test');
    expect(recipients().filter((r) => r.includes('provision.no@example.test'))).toHaveLength(1); // only the policy notice
    const rows = await ctx.app.strapi.db.query('plugin::privacy-guard.provision-notice').findMany({ where: { provisionId: provision.id } });
    expect(rows).toHaveLength(1);
  });
});

describe('the 10-day clock', () => {
  it('flags a complaint unanswered after 10 days for the officer, and mails the officer once, without its text', async () => {
    const filed = await ctx.app
      .request()
      .post('/api/privacy/complaints')
      .send({ email: 'late.answer@example.test', message: 'Why did you call my workplace?' })
      .expect(201);
    const reference = filed.body.data.reference as string;
    const officer = await adminToken(ctx.app, 'strapi-super-admin');
    const deadlines = ctx.app.strapi.plugin('privacy-guard').service('deadlines') as { flagOverdue(): Promise<{ flagged: number }> };
    const clock = ctx.app.strapi.plugin('privacy-guard').service('clock') as { advance(ms: number): void; reset(): void };

    const early = await ctx.app.request().get('/privacy-guard/overdue').set('Authorization', `Bearer ${officer}`).expect(200);
    expect(early.body.data).toEqual([]);
    clock.advance(11 * 86400000);
    try {
      const late = await ctx.app.request().get('/privacy-guard/overdue').set('Authorization', `Bearer ${officer}`).expect(200);
      expect(late.body.data).toEqual([expect.objectContaining({ kind: 'complaint', reference, daysOverdue: 1 })]);
      expect(await deadlines.flagOverdue()).toEqual({ flagged: 1 });
      expect(await deadlines.flagOverdue()).toEqual({ flagged: 0 });
      const before = ctx.smtp.received.length;
      await drain();
      const [mail] = (await ctx.smtp.waitFor(before + 1)).slice(before);
      expect(JSON.stringify(mail.to)).toContain('privacy@dodream.example');
      expect(mail.text).toContain(reference);
      expect(mail.text).not.toContain('workplace');
      expect(mail.text).not.toContain('late.answer');
    } finally {
      clock.reset();
    }
    const anonymous = await ctx.app.request().get('/privacy-guard/overdue');
    expect([401, 403]).toContain(anonymous.status);
  });
});
