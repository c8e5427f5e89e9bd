import { html, nothing } from 'lit';
import type { booking } from '../i18n/en/booking.js';
import { ApiError } from '../shared/api.controller.js';

/** A message about the last attempt, above the form or the manage view, with a way to try again when one helps. */
export interface Notice {
  text: string;
  retry?: () => void;
}

/** Failures that no field explains (the connection, the rate limit, the server, a link no longer valid); nothing for what is not the API's. */
export function failure(error: unknown, t: typeof booking, retry: () => void): Notice | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const gone = error.status === 404;
  return { text: error.code === 'NETWORK' ? t._network : error.code === 'RATE_LIMITED' ? t._rateLimited : gone ? t._notFound : t._failed, retry: gone ? undefined : retry };
}

export const renderNotice = (notice: Notice | undefined, t: typeof booking) =>
  notice
    ? html`<div class="notice" part="notice">
        <p>${notice.text}</p>
        ${notice.retry ? html`<button type="button" part="button" @click=${notice.retry}>${t._retry}</button>` : nothing}
      </div>`
    : nothing;
