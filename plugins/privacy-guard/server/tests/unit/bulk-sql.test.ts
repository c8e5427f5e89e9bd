import knexFactory, { type Knex } from 'knex';
import { insertRows, whereInList } from '../../src/utils/bulk';

/** The sweep's set-at-a-time SQL on a real SQLite (better-sqlite3, in memory): same rows and values as knex's own forms. */
describe('bulk SQL on SQLite', () => {
  let knex: Knex;
  beforeAll(async () => {
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await knex.schema.createTable('rows', (t) => {
      t.increments('id');
      t.string('name');
      t.integer('count');
      t.boolean('flag');
      t.datetime('at');
    });
  });
  afterAll(() => knex.destroy());
  beforeEach(() => knex('rows').delete());

  it('inserts 1,200 rows in one statement, values stored as knex stores them (dates in ms, booleans 1/0, null, unicode, quotes)', async () => {
    const at = new Date('2026-03-01T00:00:00Z');
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      name: i === 7 ? `it's "quoted" \u0000? 한글 ${'🦷'}` : `row ${i}`,
      count: i,
      flag: i % 2 === 0,
      at: i === 3 ? null : at,
    }));
    const statements: string[] = [];
    knex.on('query', (q: { sql: string }) => statements.push(q.sql));
    await insertRows(knex, 'rows', rows);
    knex.removeAllListeners('query');
    expect(statements).toHaveLength(1);
    const stored = await knex('rows').orderBy('id');
    expect(stored).toHaveLength(1200);
    expect(stored[7].name).toBe(rows[7].name);
    expect(stored[3].at).toBeNull();
    expect(stored[0]).toMatchObject({ name: 'row 0', count: 0, flag: 1, at: at.valueOf() });
    expect(stored[1]).toMatchObject({ count: 1, flag: 0 });
    // knex's own insert of the same row stores the same values.
    await knex('rows').insert({ name: 'row 0', count: 0, flag: true, at });
    const [own] = await knex('rows').where('id', '>', 1200);
    expect({ ...own, id: 0 }).toEqual({ ...stored[0], id: 0 });
  });

  it('matches exactly the rows knex whereIn matches, for numbers and strings, and nothing for an empty list', async () => {
    await insertRows(
      knex,
      'rows',
      Array.from({ length: 50 }, (_, i) => ({ name: `n${i}`, count: i })),
    );
    const all = (await knex('rows').select('id').orderBy('id')).map((r: { id: number }) => r.id);
    const ids = [all[0], all[4], all[8], all[49], all[49] + 1, all[49] + 1000];
    const names = ['n3', 'n4', "n'4", 'missing'];
    const list = (q: Knex.QueryBuilder) => q.select('id').orderBy('id');
    expect(await list(whereInList(knex, knex('rows'), 'id', ids))).toHaveLength(4);
    expect(await list(whereInList(knex, knex('rows'), 'name', names))).toHaveLength(2);
    expect(await list(whereInList(knex, knex('rows'), 'id', ids))).toEqual(await list(knex('rows').whereIn('id', ids)));
    expect(await list(whereInList(knex, knex('rows'), 'name', names))).toEqual(await list(knex('rows').whereIn('name', names)));
    expect(await list(whereInList(knex, knex('rows'), 'id', []))).toEqual([]);
    expect(await whereInList(knex, knex('rows'), 'id', ids).delete()).toBe(4);
    expect(await knex('rows').count({ n: '*' })).toEqual([{ n: 46 }]);
  });
});
