import type { Locale } from '../utils/locale';

/**
 * What the plugin needs from the app that hosts it, declared here and provided by the app once,
 * in its `register()` (`privacyGuard(strapi).service('host').provide({...})`). The plugin never
 * names one of the app's services by uid: it asks this contract, so it builds and tests alone
 * (a unit test provides a fake).
 */
export const CHANNELS = ['reservation', 'membership', 'consultation', 'cookie'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One consent item as a person is asked it on a channel, in one locale. */
export interface ConsentItem {
  key: string;
  kind: string;
  title: string;
  purpose: string;
  dataCategories: string[];
  retention: string;
  required: boolean;
  refusalConsequence: string;
  keepDays: number | null;
  locale: Locale;
}

export interface Officer {
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
}

/** The clinic's settings, with the defaults for anything an editor left empty. */
export interface ClinicSettings {
  name: string;
  timeZone: string;
  defaultLocale: Locale;
  locales: Locale[];
  phone: string | null;
  email: string | null;
  address: string | null;
  website: string | null;
  officer: Officer;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
  bufferMinutes: number;
  slotStepMinutes: number;
  reminderTime: string;
  mailFrom: string | null;
}

export type PolicyStatus = 'in_effect' | 'superseded' | 'upcoming';

/** A published version of the privacy policy, in the first locale of the chain it exists in. */
export interface PolicyVersion {
  documentId: string;
  version: number;
  effectiveDate: string;
  title: string;
  introduction: string | null;
  material: boolean;
  changeSummary: string | null;
  sections: Array<{ heading: string; body: string }>;
  locale: Locale;
}

export interface PolicyTimeline {
  versions: PolicyVersion[];
  current: PolicyVersion | null;
  status(version: PolicyVersion): PolicyStatus;
  /** The clinic's date today (`YYYY-MM-DD`). */
  today: string;
}

export interface Attachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface OutgoingMail {
  kind: string;
  to: string;
  locale: Locale;
  subject: string;
  text: string;
  html: string;
  attachments?: Attachment[];
  headers?: Record<string, string>;
  subjectId?: string | null;
  dedupeKey?: string;
  /** The document the mail is about (e.g. a reservation), for guards and erasure. */
  relatedDocumentId?: string;
  /** Not sent before this instant (a reminder); now when absent. */
  notBefore?: Date;
}

/** The reservation a manage token opens. */
export interface TokenReservation {
  documentId: string;
  subjectId: string | null;
  locale: Locale | null;
}

export interface HostApp {
  outbox: {
    /** Writes a mail to the outbox; inside `strapi.db.transaction` it commits or rolls back with the change. */
    enqueue(mail: OutgoingMail): Promise<string>;
  };
  consentItems: {
    /** The items a person is asked on a channel, in the order they are shown. */
    forChannel(channel: Channel, locale?: Locale): Promise<ConsentItem[]>;
  };
  policies: {
    published(locale?: Locale): Promise<PolicyVersion[]>;
    timeline(locale?: Locale): Promise<PolicyTimeline>;
    inEffectNumber(): Promise<number | null>;
  };
  clinic: {
    settings(): Promise<ClinicSettings>;
  };
  reservations: {
    /** The reservation behind a manage token, or null (the token as the patient holds it, never its hash). */
    findByManageToken(token: string): Promise<TokenReservation | null>;
  };
}

export default () => {
  let provided: HostApp | null = null;
  return {
    /** The app hands over its implementations, once, in its `register()`. */
    provide(app: HostApp): void {
      provided = app;
    },
    app(): HostApp {
      if (!provided) throw new Error('privacy-guard: the host app has not provided its services (call host.provide in register)');
      return provided;
    },
  };
};
