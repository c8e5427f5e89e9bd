// Bulk-loads expired reservations for the sweep benchmark: cancelled a month ago, each with its
// encrypted personal fields, its treatment link and its slot cell, one made-up person each.
import crypto from 'node:crypto';

const CHUNK = 500;

export async function insertExpired(strapi, count, tag) {
  const knex = strapi.db.connection;
  const meta = strapi.db.metadata.get('api::reservation.reservation');
  const link = meta.attributes.service.joinTable;
  const services = await knex('services').select('id');
  const practitioner = await knex('practitioners').first('document_id');
  const sealer = strapi.plugin('privacy-guard').service('crypto');
  const sealed = ['Bench Patient', '1990-01-01', 'female', '010-5555-0000', 'bench.patient@example.test', 'A made-up note.'].map((v) => sealer.encrypt(v));
  const base = Date.parse('2026-01-05T01:00:00Z');
  const offset = tag * 10_000_000;
  for (let i = 0; i < count; i += CHUNK) {
    const rows = [];
    for (let j = i; j < Math.min(i + CHUNK, count); j += 1) {
      const at = new Date(base + (j % 28) * 86_400_000);
      rows.push({
        document_id: `bench${tag}x${j}`,
        reference: `R-B${tag}${j}`,
        state: 'cancelled',
        starts_at: at,
        ends_at: new Date(at.getTime() + 1_800_000),
        cancelled_at: at,
        subject_id: `sub_bench_${tag}_${j}`,
        patient_name: sealed[0],
        patient_birth_date: sealed[1],
        patient_gender: sealed[2],
        patient_phone: sealed[3],
        patient_email: sealed[4],
        note: sealed[5],
        email_hash: crypto.createHash('sha256').update(`e${tag}${j}`).digest('hex'),
        restricted: false,
        created_at: at,
        updated_at: at,
        published_at: at,
      });
    }
    await knex.transaction(async (trx) => {
      const ids = (await trx('reservations').insert(rows).returning('id')).map((r) => (typeof r === 'object' ? r.id : r));
      await trx(link.name).insert(ids.map((id, x) => ({ [link.joinColumn.name]: id, [link.inverseJoinColumn.name]: services[x % services.length].id })));
      await trx('booking_slot_cells').insert(rows.map((r, x) => ({ practitioner_document_id: practitioner.document_id, cell: 90_000_000 + offset + i + x, reservation_document_id: r.document_id })));
    });
  }
  // A live table has planner statistics (autovacuum analyzes after bulk changes); a fresh one would mislead the planner.
  await knex.raw(strapi.db.dialect.client === 'postgres' ? 'analyze' : 'analyze');
}

export async function countExpired(strapi) {
  const [{ n }] = await strapi.db.connection('reservations').where('state', 'cancelled').count({ n: '*' });
  return Number(n);
}
