/** 한국어 문자열. 요소마다 모듈이 따로 있어 페이지는 쓰는 요소의 문자열만 불러옵니다. */
export { booking } from './ko/booking.js';
export { manage } from './ko/manage.js';
export { policy } from './ko/policy.js';
export { cookie } from './ko/cookie.js';
