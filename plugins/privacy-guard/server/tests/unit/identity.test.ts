import { fakeStrapi } from '../helpers/fake-strapi';
import type rightsService from '../../src/services/rights';

/**
 * Which credential is which when a person asks for their data: a privacy session (proof of
 * control of the address), a member token (proof only once the address is confirmed) or a
 * reservation's manage token (that one reservation), on a fake `strapi`.
 */
const SESSION = 's'.repeat(43);
const MANAGE_TOKEN = 'm'.repeat(43);

const users: Record<number, { id: number; blocked: boolean; confirmed: boolean }> = {
  1: { id: 1, blocked: false, confirmed: true },
  2: { id: 2, blocked: false, confirmed: false },
  3: { id: 3, blocked: true, confirmed: true },
  4: { id: 4, blocked: false, confirmed: true },
};
const profiles = [
  { subjectId: 'subj-confirmed', locale: 'ko', user: { id: 1 } },
  { subjectId: 'subj-unconfirmed', locale: null, user: { id: 2 } },
  { subjectId: 'subj-blocked', locale: 'en', user: { id: 3 } },
];
const jwts: Record<string, number> = { 'jwt-confirmed': 1, 'jwt-unconfirmed': 2, 'jwt-blocked': 3, 'jwt-gone': 99, 'jwt-no-profile': 4 };

function world() {
  const asked: string[] = [];
  const strapi = fakeStrapi({
    host: {
      reservations: {
        findByManageToken: async (token: string) => {
          asked.push(token);
          return token === MANAGE_TOKEN ? { documentId: 'resA', subjectId: 'subj-booker', locale: null } : null;
        },
      },
    },
    services: {
      'privacy-session': {
        check: async (session: string) => {
          if (session !== SESSION) throw Object.assign(new Error('expired'), { details: { code: 'SESSION_EXPIRED' } });
          return { subjectId: 'subj-confirmed', locale: 'en' as const, expiresAt: new Date() };
        },
      },
    },
    plugins: {
      'users-permissions': {
        jwt: {
          verify: async (token: string) => {
            if (!(token in jwts)) throw new Error('invalid signature');
            return { id: jwts[token] };
          },
        },
      },
    },
    queries: {
      'plugin::users-permissions.user': { findOne: async ({ where }) => users[(where as { id: number }).id] ?? null },
      'api::member-profile.member-profile': {
        findOne: async ({ where }) => {
          const w = where as { subjectId?: string; user?: { id: number } };
          return profiles.find((p) => (w.subjectId ? p.subjectId === w.subjectId : p.user.id === w.user?.id)) ?? null;
        },
      },
    },
  });
  const rights = strapi.plugin('privacy-guard').service('rights') as ReturnType<typeof rightsService>;
  return { identify: rights.identify, asked };
}

// The status the person gets: http-errors carry it, Strapi's own classes are mapped by their name.
const STATUS_BY_NAME: Record<string, number> = { NotFoundError: 404, ValidationError: 400 };
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { name?: string; status?: number; details?: { code?: string } }) => ({
      status: error.status ?? STATUS_BY_NAME[error.name ?? ''],
      code: error.details?.code,
    }),
  );

describe('a privacy session', () => {
  it('Given a live session, then the caller is its subject, verified, with the member account held on the address', async () => {
    const { identify } = world();
    expect(await identify({ session: SESSION })).toEqual({
      subjectId: 'subj-confirmed',
      userId: 1,
      via: 'privacy-session',
      verified: true,
      reservationDocumentId: null,
      locale: 'en',
    });
  });

  it('Given a session, a member token and a manage token at once, then the session decides and the others are not read', async () => {
    const { identify, asked } = world();
    const caller = await identify({ session: SESSION, authorization: 'Bearer jwt-unconfirmed', manageToken: MANAGE_TOKEN });
    expect(caller).toMatchObject({ via: 'privacy-session', subjectId: 'subj-confirmed' });
    expect(asked).toEqual([]);
  });

  it('Given an expired session beside a valid member token, then it is refused (no fall-back to the weaker credential)', async () => {
    const { identify } = world();
    expect(await refusal(identify({ session: 'x'.repeat(43), authorization: 'Bearer jwt-confirmed' }))).toMatchObject({ code: 'SESSION_EXPIRED' });
  });
});

describe('a member token', () => {
  it('Given a member whose address is confirmed, then the caller is verified, in the profile locale', async () => {
    const { identify } = world();
    expect(await identify({ authorization: 'Bearer jwt-confirmed' })).toEqual({
      subjectId: 'subj-confirmed',
      userId: 1,
      via: 'member',
      verified: true,
      reservationDocumentId: null,
      locale: 'ko',
    });
  });

  it('Given a member whose address is not confirmed, then the caller is the member but not verified', async () => {
    const { identify } = world();
    expect(await identify({ authorization: 'Bearer jwt-unconfirmed' })).toMatchObject({ subjectId: 'subj-unconfirmed', via: 'member', verified: false, locale: 'en' });
  });

  it.each([
    ['a blocked account', 'Bearer jwt-blocked', { status: 401, code: 'UNAUTHENTICATED' }],
    ['a forged token', 'Bearer forged', { status: 401, code: 'UNAUTHENTICATED' }],
    ['another scheme', 'Basic jwt-confirmed', { status: 401, code: 'UNAUTHENTICATED' }],
    ['a scheme without a token', 'Bearer', { status: 401, code: 'UNAUTHENTICATED' }],
    ['the token of an account that is gone', 'Bearer jwt-gone', { status: 401, code: 'UNAUTHENTICATED' }],
    ['an account holding no member data', 'Bearer jwt-no-profile', { status: 404, code: 'NOT_FOUND' }],
  ])('Given %s, then it is refused', async (_what, authorization, expected) => {
    const { identify } = world();
    expect(await refusal(identify({ authorization }))).toEqual(expected);
  });
});

describe('a manage token', () => {
  it('Given the token of a reservation, then the caller is that reservation only, never verified', async () => {
    const { identify } = world();
    expect(await identify({ manageToken: MANAGE_TOKEN })).toEqual({
      subjectId: 'subj-booker',
      userId: null,
      via: 'manage-token',
      verified: false,
      reservationDocumentId: 'resA',
      locale: 'en',
    });
  });

  it('Given a token of the wrong shape, then 404 without asking the app', async () => {
    const { identify, asked } = world();
    expect(await refusal(identify({ manageToken: 'short' }))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(asked).toEqual([]);
  });

  it('Given a well-formed token no reservation has, then 404', async () => {
    const { identify } = world();
    expect(await refusal(identify({ manageToken: 'z'.repeat(43) }))).toEqual({ status: 404, code: 'NOT_FOUND' });
  });
});

it('Given no credential at all, then 401 VERIFICATION_REQUIRED', async () => {
  const { identify } = world();
  expect(await refusal(identify({}))).toEqual({ status: 401, code: 'VERIFICATION_REQUIRED' });
});
