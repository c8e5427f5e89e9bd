import type supertest from 'supertest';

/** A made-up adult patient; every field is fake. */
export const patient = (n = 1) => ({
  name: `Test Patient ${n}`,
  birthDate: '1990-04-12',
  phone: `010-5555-${String(1000 + n).slice(-4)}`,
  email: `patient${n}@example.test`,
});

export const requiredConsents = { reservation_collection: true, reservation_health: true };

type Get = (url: string) => supertest.Test | Promise<{ status: number; body: any }>;

/** The first free slot of a service over the next weeks, through the public API. */
export async function firstSlot(get: Get, serviceIndex = 0) {
  const services = (await get('/api/booking/services')).body.data as Array<{ id: string; durationMinutes: number }>;
  const service = services[serviceIndex];
  const from = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10);
  const res = await get(`/api/booking/slots?service=${service.id}&from=${from}&to=${to}`);
  const slot = res.body.data.slots[0] as { start: string; end: string; practitionerId: string };
  return { service, slot };
}
