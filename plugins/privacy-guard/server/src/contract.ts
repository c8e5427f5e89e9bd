/** The plugin's public routes (`/api/privacy/...`) as contract operations: filled in with the privacy routes. */
export const operations: unknown[] = [];
