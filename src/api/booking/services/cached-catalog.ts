import type { Core } from '@strapi/strapi';
import type { Locale } from '../../../../plugins/privacy-guard/server/src';
import { catalogService, clinicService } from '../../../utils/services';
import type { ClinicSettings } from '../../clinic/services/clinic';
import { readCatalogVersion } from '../catalog-version';
import type { Closure } from '../availability/slots';
import type { BookableService } from './catalog';

/** Reads of one catalogue version; each is made on first use and shared by the queries that follow. */
interface Snapshot {
  version: number;
  clinic: Promise<ClinicSettings>;
  services: Map<string, Promise<BookableService | null>>;
  closures: Map<string, Promise<Closure[]>>;
  derived: Map<string, unknown>;
}

/** The catalogue as the slot query sees it: read-only values, shared between queries. */
export interface CatalogView {
  clinic(): Promise<ClinicSettings>;
  service(documentId: string, locale?: Locale): Promise<BookableService | null>;
  closures(from: string, to: string): Promise<Closure[]>;
  /** A value computed from this catalogue alone (never from the time or the bookings), kept under `key` with it. */
  derived<T>(key: string, compute: () => T): T;
}

/** Distinct services × locales and date ranges kept per version, at most; beyond it the oldest go (queries cycling through more still answer right). */
const MAX_ENTRIES = 500;
/**
 * Derived values are larger: a slot grid is about 0.3 MB a month of three practitioners, so anyone cycling through
 * services and ranges on the public route holds at most some tens of MB; a grid that was let go costs one computation.
 */
const MAX_DERIVED = 32;

/**
 * The slot query's catalogue (clinic settings, a service with its practitioners' hours,
 * closures), kept by this instance: reading it through the Document Service was most of a
 * slot query's SQL (bench/results.md). Every use first reads the catalogue version every
 * instance shares (catalog-version.ts); a newer one drops the copy. The version is read before
 * the content, so a copy is never older than the version it is filed under.
 *
 * Only for showing free times: booking and rescheduling read the catalogue afresh, and the
 * database's slot cells decide in their transaction. Time passing (now, notice, horizon) is
 * applied by each query, never kept here.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let snapshot: Snapshot | null = null;

  function keep<T>(entries: Map<string, T>, key: string, value: T, max: number): T {
    if (entries.size >= max) entries.delete(entries.keys().next().value as string);
    entries.set(key, value);
    return value;
  }

  function remember<T>(entries: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
    let value = entries.get(key);
    if (!value) {
      const reading = read();
      // A failed read is not kept: the next query tries again.
      reading.catch(() => entries.get(key) === reading && entries.delete(key));
      value = keep(entries, key, reading, MAX_ENTRIES);
    }
    return value;
  }

  function viewOf(owner: Snapshot): CatalogView {
    return {
      clinic: () => owner.clinic,
      service: (documentId, locale) =>
        remember(owner.services, `${documentId} ${locale ?? ''}`, async () =>
          catalogService(strapi).service(documentId, await owner.clinic, locale),
        ),
      closures: (from, to) => remember(owner.closures, `${from} ${to}`, () => catalogService(strapi).closures(from, to)),
      derived: <T>(key: string, compute: () => T): T =>
        owner.derived.has(key) ? (owner.derived.get(key) as T) : keep(owner.derived as Map<string, T>, key, compute(), MAX_DERIVED),
    };
  }

  function fresh(version: number): Snapshot {
    const created: Snapshot = {
      version,
      clinic: clinicService(strapi).readNow(),
      services: new Map(),
      closures: new Map(),
      derived: new Map(),
    };
    created.clinic.catch(() => {
      if (snapshot === created) snapshot = null;
    });
    return created;
  }

  return {
    /** The catalogue at least as new as the version every instance sees now. */
    async current(): Promise<CatalogView> {
      const version = await readCatalogVersion(strapi);
      if (version === null) return viewOf(fresh(-1));
      // A copy filed under a newer version (another query got there first) is newer still: good for this one too.
      if (!snapshot || snapshot.version < version) snapshot = fresh(version);
      return viewOf(snapshot);
    },
  };
};
