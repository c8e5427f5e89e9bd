import { useStrapiWithSmtp } from '../helpers/smtp';
import { firstSlot, requiredConsents } from '../helpers/booking';

const ctx = useStrapiWithSmtp();

const drain = () => (ctx.app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<unknown> }).drain();
const child = { name: 'Test Child', birthDate: `${new Date().getFullYear() - 9}-06-01`, phone: '010-5555-0199', email: 'child.family@example.test' };
const guardian = { name: 'Test Guardian', phone: '010-5555-0198', email: 'guardian@example.test', relationship: 'Mother' };

describe('free text on a reservation', () => {
  it('refuses a resident registration number typed into the note, and books nothing', async () => {
    const { service, slot } = await firstSlot((url) => ctx.app.request().get(url));
    const adult = { ...child, birthDate: '1980-01-01', email: 'adult.rrn@example.test' };
    const res = await ctx.app
      .request()
      .post('/api/booking/reservations')
      .send({ service: service.id, start: slot.start, patient: adult, consents: requiredConsents, note: 'my id is 800101-1234567' });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual({ code: 'RRN_REFUSED', fields: ['note'] });
    expect(await ctx.app.strapi.documents('api::reservation.reservation').count({} as never)).toBe(0);
  });
});

describe('a reservation for a child under 14', () => {
  it('is refused without a guardian', async () => {
    const { service, slot } = await firstSlot((url) => ctx.app.request().get(url));
    const res = await ctx.app
      .request()
      .post('/api/booking/reservations')
      .send({ service: service.id, start: slot.start, patient: child, consents: requiredConsents });
    expect(res.status).toBe(422);
    expect(res.body.error.details.code).toBe('GUARDIAN_REQUIRED');
  });

  it('waits for the code mailed to the guardian, refuses a wrong one, and is confirmed by the right one', async () => {
    const { service, slot } = await firstSlot((url) => ctx.app.request().get(url));
    const booked = await ctx.app
      .request()
      .post('/api/booking/reservations')
      .send({ service: service.id, start: slot.start, patient: child, guardian, consents: requiredConsents, locale: 'en' })
      .expect(201);
    expect(booked.body.data.status).toBe('pending_guardian');
    const token = booked.body.data.manageToken as string;

    await drain();
    const mails = await ctx.smtp.waitFor(2);
    const toGuardian = mails.find((m) => JSON.stringify(m.to).includes(guardian.email));
    expect(toGuardian).toBeDefined();
    const code = /\b(\d{6})\b/.exec(toGuardian!.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(mails.filter((m) => JSON.stringify(m.to).includes(child.email)).every((m) => !(m.text ?? '').includes(code!))).toBe(true);

    const wrong = code === '000000' ? '000001' : '000000';
    const refused = await ctx.app.request().post(`/api/booking/manage/${token}/guardian-confirm`).send({ code: wrong });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.code).toBe('INVALID_CODE');
    expect((await ctx.app.request().get(`/api/booking/manage/${token}`)).body.data.status).toBe('pending_guardian');

    const bad = await ctx.app.request().post(`/api/booking/manage/${token}/guardian-confirm`).send({ code: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual(['code']);

    const confirmed = await ctx.app.request().post(`/api/booking/manage/${token}/guardian-confirm`).send({ code }).expect(200);
    expect(confirmed.body.data.status).toBe('confirmed');
    const again = await ctx.app.request().post(`/api/booking/manage/${token}/guardian-confirm`).send({ code });
    expect(again.status).toBe(409);

    await drain();
    const after = await ctx.smtp.waitFor(3);
    expect(after.some((m, i) => i >= 2 && JSON.stringify(m.to).includes(child.email))).toBe(true);
  });

  it('does not accept the code after 48 hours', async () => {
    const { service, slot } = await firstSlot((url) => ctx.app.request().get(url), 1);
    const booked = await ctx.app
      .request()
      .post('/api/booking/reservations')
      .send({ service: service.id, start: slot.start, patient: { ...child, email: 'child2.family@example.test' }, guardian, consents: requiredConsents })
      .expect(201);
    const before = ctx.smtp.received.length;
    await drain();
    const mails = await ctx.smtp.waitFor(before + 2);
    const code = mails
      .slice(before)
      .map((m) => /\b(\d{6})\b/.exec(m.text ?? '')?.[1])
      .find(Boolean);
    const clock = ctx.app.strapi.plugin('privacy-guard').service('clock') as { advance(ms: number): void; reset(): void };
    clock.advance(49 * 3600 * 1000);
    try {
      const res = await ctx.app.request().post(`/api/booking/manage/${booked.body.data.manageToken}/guardian-confirm`).send({ code });
      expect(res.status).toBe(422);
      expect(res.body.error.details.code).toBe('INVALID_CODE');
    } finally {
      clock.reset();
    }
  });
});
