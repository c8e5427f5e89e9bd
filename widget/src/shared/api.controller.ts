import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A refusal from the API (Strapi's error envelope), or `NETWORK` when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

interface RequestOptions {
  params?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** The whole answer, `{ data, meta }`, rather than its `data`. */
  envelope?: boolean;
}

type ApiHost = ReactiveControllerHost & { api?: string | null };

/** Where the widget's module was served from: the Clinic CMS server, unless `api` says otherwise. */
const moduleOrigin = new URL(import.meta.url).origin;

/** Talks to the Clinic CMS HTTP API for one element; answers that arrive after it left the page are dropped. */
export class ApiController implements ReactiveController {
  private abort = new AbortController();

  constructor(private readonly host: ApiHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.abort = new AbortController();
  }

  hostDisconnected(): void {
    this.abort.abort();
  }

  get base(): string {
    return (this.host.api || moduleOrigin).replace(/\/+$/, '');
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  /** A paginated list: the answer's `data` with its `meta` (Strapi's `meta.pagination`). */
  getPage<T, M>(path: string, options?: RequestOptions): Promise<{ data: T; meta: M }> {
    return this.request<{ data: T; meta: M }>('GET', path, { ...options, envelope: true });
  }

  post<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { body: {}, ...options });
  }


  /** Any method (`PUT`, `DELETE`…); a `204 No Content` answers `undefined`. */
  async request<T>(method: string, path: string, { params = {}, body, headers, envelope }: RequestOptions = {}): Promise<T> {
    const url = new URL(this.base + path, location.href);
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    const { signal } = this.abort;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        signal,
        headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
      // Read inside the try: a connection lost halfway through the answer is a network failure too.
      text = await response.text();
    } catch (error) {
      throw signal.aborted ? error : new ApiError(0, 'NETWORK');
    }
    if (response.status === 204) return undefined as T;
    let payload;
    try {
      payload = JSON.parse(text);
    } catch {
      // Not the API's JSON (a proxy's error page, say): reported by its status below.
    }
    if (!response.ok || !payload) {
      const details = payload?.error?.details ?? {};
      throw new ApiError(response.status, details.code ?? (response.status === 429 ? 'RATE_LIMITED' : `HTTP_${response.status}`), details);
    }
    // Every answer comes in Strapi's envelope, `{ data }`.
    return envelope ? payload : payload?.data;
  }
}
