import { assertConsented } from '../../src/document-middlewares/consent-gate';
import type { PreparedDecision } from '../../src/services/consent';
import { HOST_CONTENT_TYPES } from '../fixtures/host-app';

/** Rule 1, the one copy the Document Service middleware and the fast write both ask, with a fake `strapi`. */
const RESERVATION = 'api::reservation.reservation';

function fakeStrapi(ledgerMissing: string[]) {
  const asked: string[] = [];
  const consent = {
    missingGrants: async () => (asked.push('missingGrants'), ledgerMissing),
    requiredKeys: async () => ['reservation_collection', 'reservation_health'],
  };
  return { strapi: { contentTypes: HOST_CONTENT_TYPES, log: { warn() {} }, plugin: () => ({ service: () => consent }) } as never, asked };
}

const decision = (given: Record<string, boolean>, scope = 'reservation:doc1'): PreparedDecision =>
  ({
    subjectId: 'sub_a',
    channel: 'reservation',
    actor: 'self',
    clientAddress: null,
    scope,
    policyVersion: 1,
    decisions: Object.entries(given).map(([key, g]) => ({ key, given: g, textHash: 'h' })),
    required: ['reservation_collection', 'reservation_health'],
  }) as PreparedDecision;
const row = { documentId: 'doc1', subjectId: 'sub_a' };

describe('the consent gate', () => {
  it('admits a record whose decision in the same transaction grants every required item, without reading the ledger', async () => {
    const { strapi, asked } = fakeStrapi(['reservation_health']);
    await expect(assertConsented(strapi, RESERVATION, row, decision({ reservation_collection: true, reservation_health: true }))).resolves.toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('refuses with CONSENT_REQUIRED what neither the decision nor the ledger grants', async () => {
    const { strapi } = fakeStrapi(['reservation_health']);
    await expect(assertConsented(strapi, RESERVATION, row, decision({ reservation_collection: true, reservation_health: false }))).rejects.toMatchObject({
      details: { code: 'CONSENT_REQUIRED', keys: ['reservation_health'] },
    });
  });

  it("does not count a decision bound to another record's scope", async () => {
    const { strapi } = fakeStrapi(['reservation_collection', 'reservation_health']);
    await expect(
      assertConsented(strapi, RESERVATION, row, decision({ reservation_collection: true, reservation_health: true }, 'reservation:other')),
    ).rejects.toMatchObject({ details: { code: 'CONSENT_REQUIRED' } });
  });

  it('refuses a record without a subject', async () => {
    const { strapi } = fakeStrapi([]);
    await expect(assertConsented(strapi, RESERVATION, { documentId: 'doc1' })).rejects.toMatchObject({ details: { code: 'CONSENT_REQUIRED' } });
  });

  it('lets content types without a consent channel pass', async () => {
    const { strapi, asked } = fakeStrapi(['x']);
    await expect(assertConsented(strapi, 'api::outbox-message.outbox-message', {})).resolves.toBeUndefined();
    expect(asked).toEqual([]);
  });
});
