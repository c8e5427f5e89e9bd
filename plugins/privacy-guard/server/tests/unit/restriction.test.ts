import restriction from '../../src/services/restriction';
import { HOST_CONTENT_TYPES } from '../fixtures/host-app';

/** Rule 5 with a small fake `strapi`: pending corrections in memory, the flags each record carries. */
type Row = Record<string, unknown>;

function fakeStrapi(tables: Record<string, Row[]>) {
  const matches = (row: Row, where: Row) => Object.entries(where).every(([k, v]) => row[k] === v);
  return {
    contentTypes: HOST_CONTENT_TYPES,
    db: {
      query: (uid: string) => ({
        findMany: async ({ where }: { where: Row }) => (tables[uid] ?? []).filter((r) => matches(r, where)),
        findOne: async ({ where }: { where: Row }) => (tables[uid] ?? []).find((r) => matches(r, where)) ?? null,
        updateMany: async ({ where, data }: { where: Row; data: Row }) => {
          for (const r of (tables[uid] ?? []).filter((row) => matches(row, where))) Object.assign(r, data);
        },
      }),
    },
  };
}

const CORRECTION = 'plugin::privacy-guard.correction-request';
const RESERVATION = 'api::reservation.reservation';
const PROFILE = 'api::member-profile.member-profile';

function given(pending: Row[]) {
  const tables: Record<string, Row[]> = {
    [CORRECTION]: pending.map((p) => ({ status: 'pending', subjectId: 'sub_a', reservationDocumentId: null, ...p })),
    [RESERVATION]: [
      { documentId: 'r1', subjectId: 'sub_a', restricted: false },
      { documentId: 'r2', subjectId: 'sub_a', restricted: false },
    ],
    [PROFILE]: [{ documentId: 'p1', subjectId: 'sub_a', restricted: false }],
    'api::consultation.consultation': [],
  };
  const service = restriction({ strapi: fakeStrapi(tables) as never });
  const flags = () => [...tables[RESERVATION], ...tables[PROFILE]].map((r) => `${r.documentId}:${r.restricted ? 'R' : '-'}`).join(' ');
  const resolve = (index: number) => {
    tables[CORRECTION][index].status = 'applied';
  };
  return { tables, service, flags, resolve };
}

describe('restriction', () => {
  it('restricts every record of the subject for a correction asked for the subject', async () => {
    const { service, flags } = given([{}]);
    await service.restrict({ subjectId: 'sub_a', reservationDocumentId: null });
    expect(flags()).toBe('r1:R r2:R p1:R');
    expect(await service.isSubjectRestricted('sub_a')).toBe(true);
  });

  it('restricts only the reservation a manage-token correction is about, not the person', async () => {
    const { service, flags } = given([{ reservationDocumentId: 'r1' }]);
    await service.restrict({ subjectId: 'sub_a', reservationDocumentId: 'r1' });
    expect(flags()).toBe('r1:R r2:- p1:-');
    expect(await service.isSubjectRestricted('sub_a')).toBe(false);
    expect(await service.isRestricted(RESERVATION, { documentId: 'r1' })).toBe(true);
  });

  it("keeps a reservation's own restriction when the subject's is resolved", async () => {
    const { service, flags, resolve } = given([{}, { reservationDocumentId: 'r2' }]);
    await service.restrict({ subjectId: 'sub_a', reservationDocumentId: null });
    resolve(0);
    expect(await service.settle({ subjectId: 'sub_a', reservationDocumentId: null })).toBe(false);
    expect(flags()).toBe('r1:- r2:R p1:-');
  });

  it("keeps everything restricted while a subject-wide correction is pending, whatever a reservation's outcome", async () => {
    const { service, flags, resolve } = given([{ reservationDocumentId: 'r1' }, {}]);
    await service.restrict({ subjectId: 'sub_a', reservationDocumentId: null });
    resolve(0);
    expect(await service.settle({ subjectId: 'sub_a', reservationDocumentId: 'r1' })).toBe(true);
    expect(flags()).toBe('r1:R r2:R p1:R');
  });

  it('refuses a change of a restricted record with 403 RESTRICTED, and never one of a type that holds no restriction', async () => {
    const { service } = given([]);
    await expect(service.assertWritable(RESERVATION, { restricted: true })).rejects.toMatchObject({ status: 403, details: { code: 'RESTRICTED' } });
    await expect(service.assertWritable(RESERVATION, { restricted: false })).resolves.toBeUndefined();
    await expect(service.assertWritable('api::complaint.complaint', { restricted: true })).resolves.toBeUndefined();
  });
});
