import { buildRegistry, DeclarationError } from '../../plugins/privacy-guard/server/src/declarations';
import reservation from '../../src/api/reservation/content-types/reservation/schema.json';
import memberProfile from '../../src/api/member-profile/content-types/member-profile/schema.json';
import consultation from '../../src/api/consultation/content-types/consultation/schema.json';
import complaint from '../../src/api/complaint/content-types/complaint/schema.json';

type Schema = { attributes: Record<string, Record<string, unknown>>; pluginOptions?: Record<string, unknown> };
const APP = {
  'api::reservation.reservation': reservation,
  'api::member-profile.member-profile': memberProfile,
  'api::consultation.consultation': consultation,
  'api::complaint.complaint': complaint,
} as unknown as Record<string, Schema>;

/** The app's schemas with one change, as a developer would make it in a schema.json. */
const withChange = (uid: string, change: (schema: Schema) => void) => {
  const copy = structuredClone(APP);
  change(copy[uid]);
  return copy;
};
const personal = (extra: Record<string, unknown> = {}) => ({ 'privacy-guard': { personal: true, ...extra } });

describe('the declarations of the app', () => {
  const registry = buildRegistry(APP);

  it('finds each record by what it declares, not by uid', () => {
    expect(registry.uid('reservation')).toBe('api::reservation.reservation');
    expect(registry.uid('complaint')).toBe('api::complaint.complaint');
    expect(registry.has('board-post')).toBe(false);
    expect(() => registry.uid('board-post')).toThrow(/no content type declares .*"board-post"/);
  });

  it('reads what is sealed and which lookup hash each field feeds', () => {
    const type = registry.of('api::reservation.reservation');
    expect(type?.encrypted).toEqual(['patientName', 'patientBirthDate', 'patientGender', 'patientPhone', 'patientEmail', 'guardian', 'note']);
    expect(type?.lookups).toEqual({ phoneHash: 'patientPhone', emailHash: 'patientEmail' });
    expect(registry.of('api::service.service')).toBeUndefined();
  });

  it('gates creation by the declared channel and restricts only what declares itself restrictable', () => {
    expect(registry.consentChannel('api::member-profile.member-profile')).toBe('membership');
    expect(registry.consentChannel('api::complaint.complaint')).toBeUndefined();
    expect(registry.restrictable().map((t) => t.uid).sort()).toEqual([
      'api::consultation.consultation',
      'api::member-profile.member-profile',
      'api::reservation.reservation',
    ]);
  });

  it('applies a correction to every field that declares its item', () => {
    expect(registry.correctableItems()).toEqual(['address', 'birthDate', 'email', 'gender', 'name', 'phone']);
    expect(registry.correctable('name')).toEqual([
      { uid: 'api::reservation.reservation', field: 'patientName' },
      { uid: 'api::member-profile.member-profile', field: 'name' },
      { uid: 'api::consultation.consultation', field: 'name' },
    ]);
  });

  it('places each personal field at its export path', () => {
    const entry = { patientName: 'Jane Madeup', patientPhone: '010-5555-0100', note: 'n', reference: 'R-1' };
    expect(registry.exportOf('api::reservation.reservation', entry)).toEqual({
      patient: { name: 'Jane Madeup', birthDate: null, gender: null, phone: '010-5555-0100', email: null },
      guardian: null,
      note: 'n',
    });
  });

  it('names the type each retention rule destroys', () => {
    expect(registry.forRule('complaint-resolved')?.uid).toBe('api::complaint.complaint');
    expect(registry.forRule('reservation-no-show')?.uid).toBe('api::reservation.reservation');
  });
});

describe('a wrong declaration', () => {
  const refused = (uid: string, change: (schema: Schema) => void) => () => buildRegistry(withChange(uid, change));

  it.each([
    ['a misspelt key', 'api::reservation.reservation', (s: Schema) => (s.attributes.note.pluginOptions = personal({ masked: 'whole' })), /api::reservation\.reservation attribute "note".*masked/],
    ['personal not true', 'api::reservation.reservation', (s: Schema) => (s.attributes.note.pluginOptions = { 'privacy-guard': { personal: 'yes' } }), /attribute "note".*personal/],
    ['an unknown mask', 'api::complaint.complaint', (s: Schema) => (s.attributes.name.pluginOptions = personal({ mask: 'initials' })), /api::complaint\.complaint attribute "name".*mask/],
    ['a field too short for a sealed value', 'api::reservation.reservation', (s: Schema) => (s.attributes.reference.pluginOptions = personal()), /attribute "reference".*type "text"/],
    ['a lookup without its hash attribute', 'api::complaint.complaint', (s: Schema) => (s.attributes.message.pluginOptions = personal({ lookup: 'phone' })), /attribute "message".*"phoneHash"/],
    ['two fields feeding one hash', 'api::reservation.reservation', (s: Schema) => (s.attributes.note.pluginOptions = personal({ lookup: 'email' })), /attribute "note".*"emailHash" is already fed by "patientEmail"/],
    ['one item correctable twice', 'api::reservation.reservation', (s: Schema) => (s.attributes.note.pluginOptions = personal({ correctable: 'name' })), /attribute "note".*"name" is already/],
    ['an unknown channel', 'api::consultation.consultation', (s: Schema) => ((s.pluginOptions!['privacy-guard'] as Record<string, unknown>).consent = 'newsletter'), /api::consultation\.consultation pluginOptions\["privacy-guard"\].*consent/],
    ['an unknown retention rule', 'api::complaint.complaint', (s: Schema) => ((s.pluginOptions!['privacy-guard'] as Record<string, unknown>).retention = ['complaint-forever']), /api::complaint\.complaint.*retention/],
    ['a subject attribute that does not exist', 'api::complaint.complaint', (s: Schema) => ((s.pluginOptions!['privacy-guard'] as Record<string, unknown>).subject = 'owner'), /"owner", which is no attribute/],
    ['a record declared twice', 'api::complaint.complaint', (s: Schema) => ((s.pluginOptions!['privacy-guard'] as Record<string, unknown>).record = 'consultation'), /"consultation" is already api::consultation\.consultation/],
    ['restrictable without a restricted flag', 'api::complaint.complaint', (s: Schema) => ((s.pluginOptions!['privacy-guard'] as Record<string, unknown>).restrictable = true), /restrictable.*"restricted"/],
  ])('is refused with the type and field named: %s', (_name, uid, change, message) => {
    expect(refused(uid, change)).toThrow(DeclarationError);
    expect(refused(uid, change)).toThrow(message);
  });
});
