import { DEMO_STAFF, wantsDemoStaff } from '../../database/seed/staff';

describe('demo staff accounts', () => {
  it('are created in development, or when the operator asks outside production', () => {
    expect(wantsDemoStaff({ NODE_ENV: 'development' })).toBe(true);
    expect(wantsDemoStaff({ NODE_ENV: 'test', SEED_DEMO_STAFF: 'true' })).toBe(true);
    expect(wantsDemoStaff({ SEED_DEMO_STAFF: 'true' })).toBe(true);
  });

  it('are never created in production, even when asked', () => {
    expect(wantsDemoStaff({ NODE_ENV: 'production' })).toBe(false);
    expect(wantsDemoStaff({ NODE_ENV: 'production', SEED_DEMO_STAFF: 'true' })).toBe(false);
  });

  it('are not created unless asked outside development', () => {
    expect(wantsDemoStaff({ NODE_ENV: 'test' })).toBe(false);
    expect(wantsDemoStaff({})).toBe(false);
  });

  it('cover the editor, the front desk and the privacy officer with distinct made-up addresses', () => {
    expect(DEMO_STAFF.map((s) => s.role).sort()).toEqual(['clinic-front-desk', 'clinic-privacy-officer', 'strapi-editor']);
    expect(new Set(DEMO_STAFF.map((s) => s.email)).size).toBe(3);
    for (const s of DEMO_STAFF) expect(s.email).toMatch(/@demo\.dodream\.example$/);
  });
});
