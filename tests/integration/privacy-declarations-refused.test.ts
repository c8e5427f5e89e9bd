import { startStrapi } from '../helpers/strapi';

/** A wrong declaration in a schema.json stops the start, naming the content type and the field. */
describe('a schema.json that declares its personal data wrongly', () => {
  it('stops Strapi at register, before any table is touched, with the type and field named', async () => {
    const started = startStrapi(
      {},
      {
        schema: (uid, schema) => {
          if (uid === 'api::reservation.reservation') schema.attributes.note.pluginOptions = { 'privacy-guard': { personal: true, mask: 'initials' } };
        },
      },
    );
    await expect(started).rejects.toThrow(/privacy-guard: api::reservation\.reservation attribute "note" pluginOptions\["privacy-guard"\]: mask/);
  });
});
