/**
 * Events the plugin emits on `strapi.eventHub` for the app to act on, after the change is committed.
 * `RESTRICTION_LIFTED` `{ subjectId }`: a correction was resolved and nothing else keeps the person's data restricted.
 */
export const RESTRICTION_LIFTED = 'privacy-guard::restriction.lifted';
