import { startStrapi, type TestApp } from '../helpers/strapi';

/** The plain page at /privacy/ that holds <clinic-privacy-center> for clinics whose own site has none. */
let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

describe('GET /privacy/', () => {
  it('is a page in the browser’s language that loads only the widget from this server', async () => {
    const res = await app.request().get('/privacy/').set('Accept-Language', 'ko-KR,ko;q=0.9,en;q=0.5').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<html lang="ko">');
    expect(res.text).toContain('<script type="module" src="/widget/clinic-privacy-center.js"></script>');
    expect(res.text).toContain('<clinic-privacy-center></clinic-privacy-center>');
    expect(res.text).toContain('Dodream Plastic Surgery');
    // Nothing fetched from elsewhere: every src and href stays on this server.
    const links = [...res.text.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^(\/|\?)/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers.vary).toMatch(/Accept-Language/i);
  });

  it('takes ?lang= over the browser, and English (the clinic default) when neither is known', async () => {
    expect((await app.request().get('/privacy/?lang=en').set('Accept-Language', 'ko')).text).toContain('<html lang="en">');
    expect((await app.request().get('/privacy/?lang=ko')).text).toContain('<html lang="ko">');
    expect((await app.request().get('/privacy/').set('Accept-Language', 'fr-FR')).text).toContain('<html lang="en">');
  });

  it('echoes nothing of the request into the page', async () => {
    const res = await app.request().get('/privacy/?lang=%22%3E%3Cscript%3Ealert(1)%3C/script%3E').expect(200);
    expect(res.text).not.toContain('alert(1)');
    expect(res.text).toContain('<html lang="en">');
  });

  it('answers /privacy with a redirect to /privacy/, keeping the query', async () => {
    const res = await app.request().get('/privacy?lang=ko').expect(302);
    expect(res.headers.location).toBe('/privacy/?lang=ko');
  });

  it('leaves other paths alone', async () => {
    await app.request().get('/privacy/other').expect(404);
    const posted = await app.request().post('/privacy/');
    expect(posted.status).not.toBe(200);
    expect(posted.text).not.toContain('clinic-privacy-center');
  });
});
