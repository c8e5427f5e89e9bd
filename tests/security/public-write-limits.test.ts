import { startStrapi, type TestApp } from '../helpers/strapi';
import { registerMember } from '../helpers/members';
import { MEMBERSHIP_CONSENTS } from '../helpers/privacy';

/**
 * Every public write is rate limited per client, whatever address or token it names. The routes
 * are read from the running server, so a write added later (by the app, the plugin or a Strapi
 * upgrade) is checked too: every non-GET content-API route that anyone may call (`auth: false`,
 * the Public role) or any member (the Authenticated role: anyone may register) declares
 * `global::rate-limit` and answers a burst with `429`, or is exempt below with its reason.
 */
const RATE_LIMIT = 'global::rate-limit';

/** The open writes that carry no per-client limit, and why that is safe. */
const EXEMPT: Record<string, string> = {
  'POST /api/auth/local': 'log-in: the login guard counts failures per account and client address, with growing waits (login-lockout.test.ts)',
  'DELETE /api/auth/sessions/:sessionId':
    'users-permissions answers 404 before reading anything while jwtManagement is legacy-support, as config/plugins.ts leaves it (checked below)',
};

interface Route {
  method: string;
  path: string;
  handler: string;
  config?: { auth?: false | { scope?: string[] }; prefix?: string; middlewares?: Array<string | { name?: string }> };
}
type Open = 'anyone' | 'member';

let app: TestApp;
let memberJwt: string;
let open: Array<{ route: Route; to: Open }>;

beforeAll(async () => {
  app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '3' });
  memberJwt = (
    await registerMember(app, {
      email: 'yerin.madeupcho@example.test',
      password: 'Member-passw0rd',
      birthDate: '1993-02-17',
      name: 'Yerin Madeupcho',
      locale: 'en',
      consents: MEMBERSHIP_CONSENTS,
    })
  ).jwt;
  open = await openWrites();
});
afterAll(async () => {
  await app?.stop();
});

const name = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
const limited = (r: Route) => (r.config?.middlewares ?? []).some((m) => (typeof m === 'string' ? m : m.name) === RATE_LIMIT);

interface Router {
  type?: string;
  prefix?: string;
  routes: Route[];
}
/** A plugin's plain array of routes is mounted as admin routes (Strapi's registerPluginRoutes): none of the content API. */
const routersOf = (routes: unknown): Router[] => (Array.isArray(routes) ? [] : Object.values((routes ?? {}) as Record<string, Router>));

/**
 * The content-API routes of every api and plugin, each with the path the server mounted it at
 * (the API prefix, then the route's own `config.prefix` or its router's) and the auth scope
 * Strapi filled in when it registered them.
 */
function contentRoutes(): Route[] {
  const prefix = app.strapi.config.get('api.rest.prefix') as string;
  const apis = Object.values(app.strapi.apis as Record<string, { routes: unknown }>).flatMap((api) => routersOf(api.routes));
  const plugins = Object.values(app.strapi.plugins as Record<string, { routes: unknown }>).flatMap((plugin) => routersOf(plugin.routes));
  return [...apis, ...plugins]
    .filter((router) => router.type === 'content-api')
    .flatMap((router) =>
      router.routes.map((route) => {
        const path = `${prefix}${route.config?.prefix ?? router.prefix ?? ''}${route.path}`;
        // A router's `/` under a prefix is mounted without the slash (`/api/upload`), as koa-router does.
        return { ...route, path: path.replace(/(.)\/$/, '$1') };
      }),
    );
}

async function actionsOf(roleType: 'public' | 'authenticated'): Promise<Set<string>> {
  const rows = (await app.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: { type: roleType } }, select: ['action'] })) as Array<{ action: string }>;
  return new Set(rows.map((r) => r.action));
}

/** Every non-GET content-API route someone without a staff account may call, and who. */
async function openWrites(): Promise<Array<{ route: Route; to: Open }>> {
  const [publicActions, memberActions] = await Promise.all([actionsOf('public'), actionsOf('authenticated')]);
  const grantedTo = (r: Route, actions: Set<string>) => r.config?.auth !== false && (r.config?.auth?.scope ?? []).some((a) => actions.has(a));
  return contentRoutes()
    .filter((r) => r.method !== 'GET')
    .flatMap((route) => {
      if (route.config?.auth === false || grantedTo(route, publicActions)) return [{ route, to: 'anyone' as const }];
      if (grantedTo(route, memberActions)) return [{ route, to: 'member' as const }];
      return [];
    });
}

/** The writes the content API's live router serves. */
function routerWrites(): string[] {
  const stack = (app.strapi.server as unknown as { api(type: string): { listRoutes(): Array<{ path: string | RegExp; methods: string[] }> } }).api('content-api').listRoutes();
  return stack.flatMap((l) => (typeof l.path === 'string' ? l.methods.filter((m) => m !== 'GET' && m !== 'HEAD').map((method) => name({ method, path: l.path as string })) : []));
}

describe('every public write is limited per client', () => {
  it('the route table read is the one the router serves, and holds the writes the audit found unlimited', () => {
    const declared = contentRoutes().filter((r) => r.method !== 'GET').map(name).sort();
    expect(routerWrites().sort()).toEqual(declared);
    expect(open.map((o) => name(o.route))).toEqual(
      expect.arrayContaining(['POST /api/auth/refresh', 'POST /api/auth/change-password', 'DELETE /api/board/comments/:id', 'POST /api/booking/reservations']),
    );
  });

  it('every write open to anyone or any member declares the limit, or is exempt with its reason', () => {
    const unlimited = open.filter(({ route }) => !limited(route) && !(name(route) in EXEMPT)).map(({ route }) => name(route));
    expect(unlimited).toEqual([]);
    // An exemption for a route that is gone, or that is limited after all, is a reason nobody checks.
    const needless = Object.keys(EXEMPT).filter((key) => !open.some(({ route }) => name(route) === key && !limited(route)));
    expect(needless).toEqual([]);
  });

  it('each of them answers a burst with 429 RATE_LIMITED and Retry-After, whatever its body names', async () => {
    const answers: Record<string, string> = {};
    for (const { route, to } of open.filter((o) => !(name(o.route) in EXEMPT))) {
      const path = route.path.replace(/:\w+/g, 'x').replace(/\(\.\*\)/g, 'x');
      const method = route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
      let last: { status: number; body: { error?: { details?: { code?: string } } }; headers: Record<string, string> } | null = null;
      for (let i = 0; i < 5 && last?.status !== 429; i++) {
        const request = app.request()[method](path);
        if (to === 'member') request.set('Authorization', `Bearer ${memberJwt}`);
        last = await request.send({ email: `burst${i}@example.test` });
      }
      const limitedAnswer = last?.status === 429 && last.body.error?.details?.code === 'RATE_LIMITED' && Number(last.headers['retry-after']) > 0;
      answers[name(route)] = limitedAnswer ? 'limited' : `answered ${last?.status}`;
    }
    expect(Object.keys(answers).length).toBeGreaterThan(20);
    expect(Object.entries(answers).filter(([, answer]) => answer !== 'limited')).toEqual([]);
  });

  it('the session revocation exempt above answers a member 404 (jwtManagement is legacy-support)', async () => {
    const res = await app.request().delete('/api/auth/sessions/x').set('Authorization', `Bearer ${memberJwt}`);
    expect(res.status).toBe(404);
  });
});
