import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A refusal from the API (Strapi's error envelope), or `NETWORK` when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Params = Record<string, string | number | undefined>;
interface RequestOptions {
  params?: Params;
  body?: unknown;
  headers?: Record<string, string>;
}

type ApiHost = ReactiveControllerHost & { api?: string | null };

/** Where the widget's module was served from: the Clinic CMS server, unless `api` says otherwise. */
const moduleOrigin = new URL(import.meta.url).origin;

/** Talks to the Clinic CMS HTTP API for one element and drops answers that arrive after it left the page. */
export class ApiController implements ReactiveController {
  private readonly pending = new Set<AbortController>();

  constructor(private readonly host: ApiHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const controller of this.pending) controller.abort();
    this.pending.clear();
  }

  get base(): string {
    return (this.host.api || moduleOrigin).replace(/\/+$/, '');
  }

  url(path: string, params: Params = {}): string {
    const url = new URL(`${this.base}${path}`, location.href);
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    return url.href;
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, options);
  }

  private async request<T>(method: string, path: string, { params, body, headers }: RequestOptions): Promise<T> {
    const abort = new AbortController();
    this.pending.add(abort);
    let response: Response;
    try {
      response = await fetch(this.url(path, params), {
        method,
        signal: abort.signal,
        headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (abort.signal.aborted) throw error;
      throw new ApiError(0, 'NETWORK', String(error));
    } finally {
      this.pending.delete(abort);
    }
    const payload = await response.json().catch(() => null);
    if (!response.ok) throw toApiError(response.status, payload);
    return unwrap(payload) as T;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { message?: string; details?: Record<string, unknown> } } | null)?.error;
  const details = error?.details ?? {};
  const code = typeof details.code === 'string' ? details.code : status === 429 ? 'RATE_LIMITED' : `HTTP_${status}`;
  return new ApiError(status, code, error?.message ?? '', details);
}

/** Strapi wraps some answers in `{ data, meta }`; the contract's own shapes come bare. */
function unwrap(payload: unknown): unknown {
  if (payload && typeof payload === 'object' && 'data' in payload && Object.keys(payload).every((k) => k === 'data' || k === 'meta')) {
    return (payload as { data: unknown }).data;
  }
  return payload;
}
