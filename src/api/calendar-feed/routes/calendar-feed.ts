/**
 * A practitioner's private calendar feed, `GET /api/calendar/feeds/<token>.ics`: the token is the
 * only credential (calendar programs send no other), so the route is public and rate-limited per token.
 */
export default {
  routes: [{ method: 'GET', path: '/calendar/feeds/:file', handler: 'calendar-feed.feed', config: { auth: false as const } }],
};
