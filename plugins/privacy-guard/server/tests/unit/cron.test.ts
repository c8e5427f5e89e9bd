import type { Core } from '@strapi/strapi';
import { registerCronTasks } from '../../src/cron';

/** The plugin's schedule: added to Strapi's cron in bootstrap, under the app's switch and the same env names. */
function strapiWithCron(enabled: boolean | undefined) {
  const added: Record<string, { options: { rule: string } }> = {};
  const strapi = {
    config: { get: (key: string, fallback: unknown) => (key === 'server.cron.enabled' && enabled !== undefined ? enabled : fallback) },
    cron: { add: (tasks: typeof added) => Object.assign(added, tasks) },
  } as unknown as Core.Strapi;
  return { strapi, added };
}

it('Given CRON_ENABLED=false (server.cron.enabled off), then the plugin schedules nothing', () => {
  const { strapi, added } = strapiWithCron(false);
  expect(registerCronTasks(strapi, {})).toBe(false);
  expect(added).toEqual({});
});

it('Given scheduled work on and no env, then the sweep, the notices and the anchors run at their default times', () => {
  const { strapi, added } = strapiWithCron(true);
  registerCronTasks(strapi, {});
  expect(Object.fromEntries(Object.entries(added).map(([name, t]) => [name, t.options.rule]))).toEqual({
    privacyRetentionSweep: '0 7 * * * *',
    privacyNotices: '0 17 * * * *',
    privacyAnchors: '0 30 3 * * *',
  });
});

it('Given the env names, then each task runs on the rule it names', () => {
  const { strapi, added } = strapiWithCron(undefined);
  registerCronTasks(strapi, { RETENTION_SWEEP_CRON: '* * * * * *', PRIVACY_NOTICES_CRON: '0 0 0 1 1 *', PRIVACY_ANCHOR_CRON: '0 0 4 * * *' });
  expect(added.privacyRetentionSweep.options.rule).toBe('* * * * * *');
  expect(added.privacyNotices.options.rule).toBe('0 0 0 1 1 *');
  expect(added.privacyAnchors.options.rule).toBe('0 0 4 * * *');
});
