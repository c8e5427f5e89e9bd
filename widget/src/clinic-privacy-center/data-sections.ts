import { html, nothing } from 'lit';
import type { privacyCenterData } from '../i18n/en/privacy-center-data.js';
import type { ConsentReceipt, MyData } from './types.js';

/** How the data held is read out: every record as a labelled list, dates in words, nothing only as a download. */
type Strings = typeof privacyCenterData;
type Row = Record<string, unknown>;

export interface Reading {
  d: Strings;
  locale: string;
  zone: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** An instant in the clinic's time, in words. (Not `shared/time.ts`: importing it here would split the chunk the other elements load.) */
export function when(r: Reading, iso: string): string {
  return new Intl.DateTimeFormat(r.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: r.zone }).format(new Date(iso));
}

/** A value in words: dates formatted, lists joined, yes/no, statuses translated, nested records flattened. */
function show(r: Reading, key: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? r.d._yes : r.d._no;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number' && key === 'consentTimestamp') return when(r, new Date(value * 1000).toISOString());
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return when(r, value);
  if (value && typeof value === 'object')
    return Object.entries(value as Row)
      .filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => `${r.d._fields[k] ?? k}: ${show(r, k, v)}`)
      .join('; ');
  if (key === 'status' || key === 'action') return r.d._statuses[String(value)] ?? String(value);
  return String(value);
}

/** The fields of a record that hold something, under their names in the reader's language. */
export function list(r: Reading, record: Row, keys: string[] = Object.keys(record)) {
  const rows = keys.filter((key) => record[key] !== null && record[key] !== undefined && record[key] !== '');
  return html`<dl>${rows.map((key) => html`<dt>${r.d._fields[key] ?? key}</dt><dd>${show(r, key, record[key])}</dd>`)}</dl>`;
}

const restricted = (r: Reading, record: { restricted?: boolean }) => (record.restricted ? html`<p class="restricted">${r.d._restricted}</p>` : nothing);

function section(heading: string, items: unknown[], content: unknown, none: string) {
  return html`<section part="section"><h3>${heading}</h3>${items.length ? content : html`<p class="hint">${none}</p>`}</section>`;
}

function records(r: Reading, heading: string, items: Row[], keys: string[], title: (item: Row) => string) {
  return section(
    heading,
    items,
    html`<ul class="records">${items.map((item) => html`<li><h4>${title(item)}</h4>${restricted(r, item)}${list(r, item, keys)}</li>`)}</ul>`,
    r.d._none,
  );
}

/** One Kantara consent receipt, its fields under their specification names. */
function receipt(r: Reading, cr: ConsentReceipt) {
  const service = cr.services?.[0]?.service ?? cr.collectionMethod;
  const top = ['consentReceiptID', 'version', 'jurisdiction', 'consentTimestamp', 'collectionMethod', 'language', 'piiPrincipalId', 'policyUrl', 'policyVersion', 'sensitive', 'spiCat'];
  return html`<details part="receipt">
    <summary>${r.d._receipt(service)}</summary>
    <dl class="spec">${top.filter((k) => cr[k] !== undefined && cr[k] !== null).map((k) => html`<dt>${k}</dt><dd>${k === 'policyUrl' ? html`<a href=${String(cr[k])}>${cr[k]}</a>` : show(r, k, cr[k])}</dd>`)}</dl>
    ${cr.piiControllers.map((c) => html`<h5>piiControllers</h5><dl class="spec">${Object.entries(c).filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd>${show(r, k, v)}</dd>`)}</dl>`)}
    ${cr.services.flatMap((s) =>
      s.purposes.map(
        (p) => html`<h5>services.purposes: ${p.purpose}</h5>
          <dl class="spec">${Object.entries(p).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => html`<dt>${k}</dt><dd>${show(r, k, v)}</dd>`)}</dl>`,
      ),
    )}
  </details>`;
}

/** Everything `my-data` answered, section by section. */
export function renderData(r: Reading, data: MyData, titles: Record<string, string>) {
  const d = r.d;
  const board = [...data.board.posts, ...data.board.comments];
  return html`
    ${data.profile ? html`<section part="section"><h3>${d._profile}</h3>${restricted(r, data.profile)}${list(r, data.profile, ['name', 'email', 'birthDate', 'gender', 'phone', 'address', 'locale', 'status', 'createdAt'])}</section>` : nothing}
    ${records(r, d._reservations, data.reservations, ['status', 'start', 'service', 'practitioner', 'patient', 'guardian', 'note', 'keepUntil', 'createdAt'], (x) => String(x.reference))}
    ${records(r, d._consultations, data.consultations, ['status', 'question', 'answer', 'createdAt'], (x) => String(x.reference))}
    ${records(r, d._complaints, data.complaints, ['status', 'message', 'result', 'dueAt', 'createdAt'], (x) => String(x.reference))}
    ${data.corrections.length ? records(r, d._corrections, data.corrections, ['field', 'value', 'reason', 'status', 'dueAt', 'message'], (x) => String(x.reference)) : nothing}
    ${section(
      d._board,
      board,
      html`<ul class="records">${data.board.posts.map((p) => html`<li><h4>${p.title}</h4>${list(r, p, ['status', 'category', 'displayName', 'body', 'createdAt'])}</li>`)}</ul>
        ${data.board.comments.length ? html`<p>${d._comments(data.board.comments.length)}</p>` : nothing}`,
      d._none,
    )}
    ${section(
      d._history,
      data.ledger,
      html`<ol class="history">${data.ledger.map((row) => html`<li>${when(r, String(row.occurredAt))}: <strong>${titles[String(row.itemKey)] ?? row.itemKey}</strong> — ${show(r, 'action', row.action)} (${[row.channel, row.scope, `v${row.policyVersion}`].filter(Boolean).join(', ')})</li>`)}</ol>`,
      d._none,
    )}
    ${section(d._receipts, data.consentReceipts, data.consentReceipts.map((cr) => receipt(r, cr)), d._none)}
    ${section(d._provisions, data.provisions, html`<ul class="records">${data.provisions.map((p) => html`<li><h4>${p.recipient}</h4>${list(r, p, ['purpose', 'dataItems', 'period', 'legalBasis', 'startsAt', 'noticeSentAt'])}</li>`)}</ul>`, d._none)}
  `;
}
