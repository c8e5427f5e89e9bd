import { ACTION_UIDS } from './actions';

export { ACTION_UIDS };

export type ActionKey = keyof typeof ACTION_UIDS;

export const actionId = (key: ActionKey) => `plugin::privacy-guard.${ACTION_UIDS[key]}`;

export const ACTIONS = [
  { uid: ACTION_UIDS.read, displayName: 'Overview, policy and third parties' },
  { uid: ACTION_UIDS.requests, displayName: 'Corrections and complaints (answer, resolve)', subCategory: 'requests' },
  { uid: ACTION_UIDS.retention, displayName: 'Retention rules, preview, run now, destruction log', subCategory: 'retention' },
  { uid: ACTION_UIDS.accessLog, displayName: 'Read the access log and review months', subCategory: 'access log' },
  { uid: ACTION_UIDS.accessLogExport, displayName: 'Export the access log as CSV', subCategory: 'access log' },
  { uid: ACTION_UIDS.settings, displayName: 'Settings and key status' },
  { uid: ACTION_UIDS.frontDesk, displayName: "Front desk: the day's reservations" },
  { uid: ACTION_UIDS.notices, displayName: 'Notices of new services: audience preview, send, progress' },
  { uid: ACTION_UIDS.calendarFeeds, displayName: "Every practitioner's calendar feeds: create, revoke, list (a practitioner's managers manage theirs without it)" },
].map((action) => ({ section: 'plugins' as const, pluginName: 'privacy-guard', ...action }));
