import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { fail } from '../../plugins/privacy-guard/server/src';
import publication, { FILES, type FileType } from '../fhir/publication';

const PREFIX = '/fhir/';
const MANIFEST = '$bulk-publish';
/** Directories poll about every 5 minutes (SMART Scheduling Links); a slot booked meanwhile answers 409 at booking time. */
export const MAX_AGE_SECONDS = 300;
/** What a directory may ask for; no `Accept` header, or a wildcard, takes the first. */
const ACCEPTED = ['application/json', 'application/fhir+json', 'application/fhir+ndjson', 'application/ndjson'];

const FILE_OF = new Map<string, FileType>(Object.entries(FILES).map(([type, file]) => [file, type as FileType]));

/** The file a path names, after percent-decoding once (`%24bulk-publish` is `$bulk-publish`); undefined when it is none of ours. */
function requested(path: string): FileType | 'manifest' | undefined {
  if (!path.startsWith(PREFIX)) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(path.slice(PREFIX.length));
  } catch {
    return undefined;
  }
  return name === MANIFEST ? 'manifest' : FILE_OF.get(name);
}

const ndjson = (resources: unknown[]) => resources.map((resource) => `${JSON.stringify(resource)}\n`).join('');

/**
 * Requests for a file that arrive while it is being computed share that computation: a burst of
 * directory fetches costs one slot query per treatment, not one per fetch. Nothing is kept after.
 */
function shared(compute: (file: FileType) => Promise<string>) {
  const running = new Map<FileType, Promise<string>>();
  return (file: FileType) => {
    const known = running.get(file);
    if (known) return known;
    const started = compute(file).finally(() => running.delete(file));
    running.set(file, started);
    return started;
  };
}

/**
 * SMART Scheduling Links bulk publication, outside Strapi's `/api` prefix: `GET /fhir/$bulk-publish`
 * answers the manifest, and the NDJSON files it lists are computed when fetched. Public, cacheable
 * for `MAX_AGE_SECONDS`, readable from any origin; an `Accept` none of `ACCEPTED` satisfies gets
 * `406 NOT_ACCEPTABLE`.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const publish = publication(strapi);
  const render = shared(async (file) => ndjson(await publish[file]()));
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const file = requested(ctx.path);
    if (!file) return next();
    ctx.vary('Accept');
    if (!ctx.accepts(ACCEPTED)) {
      throw fail(406, 'NOT_ACCEPTABLE', `Ask for one of ${ACCEPTED.join(', ')}, or send no Accept header`, { accepted: ACCEPTED });
    }
    if (file === 'manifest') {
      ctx.body = publish.manifest();
      ctx.type = 'application/json';
    } else {
      ctx.body = await render(file);
      ctx.type = 'application/fhir+ndjson';
    }
    ctx.set('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
    ctx.set('Access-Control-Allow-Origin', '*');
  };
};
