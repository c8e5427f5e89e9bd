import { fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import type { ClinicBookingElement } from '../src/clinic-booking/clinic-booking.js';
import '../src/clinic-booking/clinic-booking.js';
import { $$, accessible, apiFor, press, type, typeDate, until, untilText } from './helpers.js';

/** The steps of a booking, driven by keyboard, for the tests of each path through the form. */
export async function openBooking(api = apiFor(), locale: string | null = 'en') {
  const el = await fixture<ClinicBookingElement>(html`<clinic-booking api=${api} locale=${locale ?? nothing} policy-url="/privacy"></clinic-booking>`);
  await until(el, 'input[name="service-choice"]');
  await accessible(el);
  return el;
}

/** Presses the form's forward button (Continue, or Book on the review). */
export const forward = (el: Element) => press(el, '[part="primary-button"]', 'Enter');

export async function chooseServiceAndTime(el: Element, timeIndex = 0) {
  await press(el, 'input[name="service-choice"]', 'Space', 'Enter');
  await until(el, 'input[name="time"]');
  await accessible(el);
  const time = $$<HTMLInputElement>(el, 'input[name="time"]')[timeIndex];
  time.focus();
  await press(el, `input[value="${time.value}"]`, 'Space', 'Enter');
  await untilText(el, 'Your details');
  return time.value;
}

export async function fillDetails(el: Element, birthDate = '1990-05-20') {
  await type(el, '#f-name', 'Jisoo Kim');
  await typeDate(el, '#f-birthDate', birthDate);
  await type(el, '#f-phone', '010-1234-5678');
  await type(el, '#f-email', 'jisoo@example.com');
}

export async function agreeToAll(el: Element) {
  await untilText(el, 'Your consent');
  await accessible(el);
  await press(el, '.all input', 'Space');
  await forward(el);
  await untilText(el, 'Check and book');
  await accessible(el);
}

