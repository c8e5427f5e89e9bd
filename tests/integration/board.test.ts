import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { MEMBERSHIP_CONSENTS } from '../helpers/privacy';
import { registerMember } from '../helpers/members';

/**
 * The bulletin board: members with the board consent write, staff publish and answer in the
 * Content Manager, the public reads published posts by display name only; typed-in phone
 * numbers, e-mails and RRNs are refused; withdrawal removes a member's writing (or keeps an
 * answered thread readable as "withdrawn member"), logged in the destruction log.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '1000' });
});
afterAll(async () => {
  await app?.stop();
});

const POST = 'api::board.board-post';
const COMMENT = 'api::board.board-comment';
const BOARD_CONSENTS = { ...MEMBERSHIP_CONSENTS, board_posting: true };

interface Member {
  email: string;
  phone: string;
  jwt: string;
}

async function register(email: string, phone: string, consents: Record<string, boolean>): Promise<Member> {
  const { jwt } = await registerMember(app, { email, password: 'A-long-passw0rd', birthDate: '1986-07-21', name: 'Made Up Person', phone, consents });
  return { email, phone, jwt };
}

const write = (member: Member | null, body: object) => {
  const req = app.request().post('/api/board/posts');
  return (member ? req.set('Authorization', `Bearer ${member.jwt}`) : req).send(body);
};
const comment = (member: Member, postId: string, body: object) =>
  app.request().post(`/api/board/posts/${postId}/comments`).set('Authorization', `Bearer ${member.jwt}`).send(body);
const setState = (uid: string, documentId: string, data: Record<string, unknown>) =>
  app.strapi.documents(uid as never).update({ documentId, data } as never);
const count = (uid: string) => app.strapi.db.query(uid).count({});

async function publishedPost(member: Member, title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await write(member, { title, body: `Body of ${title}`, category: 'review', displayName: 'Happy patient' }).expect(201);
  await setState(POST, res.body.data.id, { state: 'published', ...extra });
  return res.body.data.id as string;
}

let alice: Member;
let bob: Member;
let carol: Member;
beforeAll(async () => {
  alice = await register('alice.board@example.test', '010-2222-0101', BOARD_CONSENTS);
  bob = await register('bob.board@example.test', '010-2222-0202', MEMBERSHIP_CONSENTS);
  carol = await register('carol.board@example.test', '010-2222-0303', BOARD_CONSENTS);
});

describe('writing on the board', () => {
  it('needs a member token', async () => {
    const res = await write(null, { title: 'Hello', body: 'Anyone there?' }).expect(401);
    expect(res.body.error.details.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a member without the board consent, naming the item', async () => {
    const res = await write(bob, { title: 'Hello', body: 'Anyone there?' }).expect(422);
    expect(res.body.error.details).toEqual({ code: 'CONSENT_REQUIRED', keys: ['board_posting'] });
    expect(await count(POST)).toBe(0);
  });

  it.each([
    ['a phone number', { title: 'Call me', body: 'Please call me on 010-9876-5432 about the price.' }, 'PERSONAL_DATA_IN_POST', ['phone']],
    ['a full-width phone number', { title: 'Call me', body: '０１０ ９８７６ ５４３２' }, 'PERSONAL_DATA_IN_POST', ['phone']],
    ['an e-mail address', { title: 'Mail me', body: 'Write to me at someone.madeup@example.test' }, 'PERSONAL_DATA_IN_POST', ['email']],
    [
      'an e-mail in the display name',
      { title: 'Hi', body: 'Great clinic', displayName: 'me@example.test' },
      'PERSONAL_DATA_IN_POST',
      ['email'],
    ],
    ['a resident registration number', { title: 'My number', body: 'It is 900101-1234567' }, 'RRN_REFUSED', undefined],
  ])('refuses a post holding %s, storing nothing', async (_what, body, code, kinds) => {
    const res = await write(alice, body).expect(422);
    expect(res.body.error.details.code).toBe(code);
    if (kinds) expect(res.body.error.details.kinds).toEqual(kinds);
    expect(await count(POST)).toBe(0);
  });

  it('keeps a new post from the public until staff publish it; the public sees a display name, never an e-mail or phone', async () => {
    const res = await write(alice, {
      title: 'Lovely staff',
      body: 'My treatment went well, thank you.',
      category: 'review',
      displayName: 'Seoul reader',
    }).expect(201);
    expect(res.body.data).toMatchObject({ state: 'pending' });
    const id = res.body.data.id as string;
    expect((await app.request().get('/api/board/posts').expect(200)).body.data).toEqual([]);
    await app.request().get(`/api/board/posts/${id}`).expect(404);

    const frontDesk = await adminToken(app, 'clinic-front-desk');
    const moderated = await app
      .request()
      .put(`/content-manager/collection-types/${POST}/${id}`)
      .set('Authorization', `Bearer ${frontDesk}`)
      .send({ state: 'published', answer: 'Thank you for your kind words.' });
    expect(moderated.status).toBe(200);
    const seen = await app
      .request()
      .get(`/content-manager/collection-types/${POST}/${id}`)
      .set('Authorization', `Bearer ${frontDesk}`)
      .expect(200);
    expect(seen.body.data).toMatchObject({ title: 'Lovely staff', state: 'published' });
    expect(seen.body.data.subjectId).toBeUndefined();
    expect(seen.body.data.author).toBeUndefined();

    const list = await app.request().get('/api/board/posts?pageSize=5').expect(200);
    expect(list.body.meta.pagination).toEqual({ page: 1, pageSize: 5, pageCount: 1, total: 1 });
    expect(list.body.data[0]).toMatchObject({
      id,
      title: 'Lovely staff',
      displayName: 'Seoul reader',
      category: 'review',
      answer: { body: 'Thank you for your kind words.' },
    });
    const text = JSON.stringify(list.body) + JSON.stringify((await app.request().get(`/api/board/posts/${id}`).expect(200)).body);
    for (const leak of [alice.email, alice.phone, '01022220101', 'members.invalid', 'subjectId', 'author'])
      expect(text).not.toContain(leak);

    const editor = await adminToken(app, 'strapi-editor');
    const editorRead = await app.request().get(`/content-manager/collection-types/${POST}`).set('Authorization', `Bearer ${editor}`);
    expect(editorRead.status).toBe(403);
    await app.strapi.documents(POST as never).delete({ documentId: id } as never);
  });

  it('takes comments on a published post and shows them once published', async () => {
    const postId = await publishedPost(alice, 'Question about recovery');
    const res = await comment(carol, postId, { body: 'Mine took two weeks.', displayName: 'Carol' }).expect(201);
    await comment(bob, postId, { body: 'Me too' }).expect(422);
    expect((await comment(carol, postId, { body: 'Text me: 010 1111 2222' }).expect(422)).body.error.details.code).toBe(
      'PERSONAL_DATA_IN_POST',
    );
    await setState(COMMENT, res.body.data.id, { state: 'published' });
    const detail = await app.request().get(`/api/board/posts/${postId}`).expect(200);
    expect(detail.body.data.comments).toEqual([expect.objectContaining({ body: 'Mine took two weeks.', displayName: 'Carol' })]);
    const counts = (await app.request().get('/api/board/posts').expect(200)).body.data.map((p: { commentCount: number }) => p.commentCount);
    expect(counts[0]).toBe(1); // the commented post is the newest; every other post has none
    expect(counts.slice(1).filter((n: number) => n !== 0)).toEqual([]);
    await app.request().post(`/api/board/posts/${postId}/comments`).send({ body: 'anonymous' }).expect(401);
    const mine = await app.request().get('/api/privacy/my-data').set('Authorization', `Bearer ${carol.jwt}`).expect(200);
    expect(mine.body.data.board.comments).toEqual([expect.objectContaining({ postId, body: 'Mine took two weeks.', status: 'published' })]);
  });

  it('lets a member delete their own post with its comments, and no one else', async () => {
    const postId = await publishedPost(alice, 'Short-lived');
    await comment(carol, postId, { body: 'Nice' }).expect(201);
    const refused = await app.request().delete(`/api/board/posts/${postId}`).set('Authorization', `Bearer ${carol.jwt}`).expect(403);
    expect(refused.body.error.details.code).toBe('NOT_ALLOWED');
    const commentsBefore = await count(COMMENT);
    await app.request().delete(`/api/board/posts/${postId}`).set('Authorization', `Bearer ${alice.jwt}`).expect(200);
    await app.request().get(`/api/board/posts/${postId}`).expect(404);
    expect(await count(COMMENT)).toBe(commentsBefore - 1);
  });
});

describe("a member's withdrawal", () => {
  const destructions = (rule: string) => app.strapi.db.connection('privacy_destruction_log').where({ rule }).select('category', 'count');

  it('removes their posts, keeps a thread others answered readable as "withdrawn member", and logs it', async () => {
    const dan = await register('dan.board@example.test', '010-2222-0404', BOARD_CONSENTS);
    const answered = await publishedPost(dan, 'Answered question', { answer: 'Yes, we open on Saturdays.' });
    const lonely = await publishedPost(dan, 'Nobody answered');
    const carolsPost = await publishedPost(carol, "Carol's thread");
    const dansComment = await comment(dan, carolsPost, { body: 'Same here.' }).expect(201);

    const res = await app.request().post('/api/privacy/withdrawal').set('Authorization', `Bearer ${dan.jwt}`).send({}).expect(200);
    expect(res.body.data.categories).toEqual(
      expect.arrayContaining([
        { category: 'board-post', count: 1 },
        { category: 'board-post-author', count: 1 },
        { category: 'board-comment-author', count: 1 },
      ]),
    );

    await app.request().get(`/api/board/posts/${lonely}`).expect(404);
    expect(await app.strapi.db.query(POST).findOne({ where: { documentId: lonely } })).toBeNull();
    const kept = await app.strapi.db.query(POST).findOne({ where: { documentId: answered }, populate: ['author'] });
    expect(kept).toMatchObject({ displayName: 'withdrawn member', subjectId: null, author: null, answer: 'Yes, we open on Saturdays.' });
    const keptComment = await app.strapi.db
      .query(COMMENT)
      .findOne({ where: { documentId: dansComment.body.data.id }, populate: ['author'] });
    expect(keptComment).toMatchObject({ displayName: 'withdrawn member', subjectId: null, author: null });
    expect((await app.request().get(`/api/board/posts/${answered}`).expect(200)).body.data.displayName).toBe('withdrawn member');
    const logged = await destructions('membership-withdrawn');
    expect(logged.map((l: { category: string }) => l.category)).toEqual(
      expect.arrayContaining(['board-post', 'board-post-author', 'board-comment-author']),
    );
  });

  it('deletes everything, answered threads included, when the retention setting says "delete"', async () => {
    const erin = await register('erin.board@example.test', '010-2222-0505', BOARD_CONSENTS);
    const answered = await publishedPost(erin, 'Answered too', { answer: 'Noted.' });
    await comment(carol, answered, { body: 'Interesting' }).expect(201);
    const carolsPost = await publishedPost(carol, 'Another thread of Carol');
    await comment(erin, carolsPost, { body: 'Agreed.' }).expect(201);
    const config = app.strapi.config.get('plugin::privacy-guard') as Record<string, unknown>;
    app.strapi.config.set('plugin::privacy-guard', { ...config, boardOnErasure: 'delete' });
    try {
      await app.request().post('/api/privacy/withdrawal').set('Authorization', `Bearer ${erin.jwt}`).send({}).expect(200);
    } finally {
      app.strapi.config.set('plugin::privacy-guard', config);
    }
    expect(await app.strapi.db.query(POST).findOne({ where: { documentId: answered } })).toBeNull();
    expect(await app.strapi.db.query(COMMENT).count({ where: { body: { $in: ['Interesting', 'Agreed.'] } } })).toBe(0);
    expect(await app.strapi.db.query(POST).findOne({ where: { documentId: carolsPost } })).not.toBeNull();
  });
});
