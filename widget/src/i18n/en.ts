/** English strings, one module per element so a page loads only the strings of the elements it uses. */
export { booking } from './en/booking.js';
export { manage } from './en/manage.js';
export { policy } from './en/policy.js';
export { cookie } from './en/cookie.js';
