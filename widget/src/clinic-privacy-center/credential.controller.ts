import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The proof of control the center acts with: a privacy session, or a confirmed member's JWT. */
export interface Credential {
  kind: 'session' | 'member';
  token: string;
  expiresAt?: string;
}

/**
 * Holds the credential in memory and in this tab's sessionStorage (so a reload keeps it; it goes when the tab
 * closes), one per server; never in localStorage or a cookie. A page that forbids storage keeps it in memory only.
 */
export class CredentialController implements ReactiveController {
  value?: Credential;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly server: () => string,
  ) {
    host.addController(this);
  }

  private get key(): string {
    return `clinic-privacy-center:${this.server()}`;
  }

  hostConnected(): void {
    try {
      this.value ??= JSON.parse(sessionStorage.getItem(this.key) ?? 'null') ?? undefined;
    } catch {
      // Storage refused (a sandboxed frame, a strict browser): memory only.
    }
  }

  set(value?: Credential): void {
    this.value = value;
    try {
      if (value) sessionStorage.setItem(this.key, JSON.stringify(value));
      else sessionStorage.removeItem(this.key);
    } catch {
      // As above: memory only.
    }
    this.host.requestUpdate();
  }

  /** The headers that carry the credential: `X-Privacy-Session`, or `Authorization: Bearer` for a member. */
  get headers(): Record<string, string> {
    const value = this.value;
    if (!value) return {};
    return value.kind === 'session' ? { 'X-Privacy-Session': value.token } : { Authorization: `Bearer ${value.token}` };
  }
}

/**
 * Reads `#verify=<token>` (the mailed link) or `#member-confirm=<token>` (where the membership confirmation link
 * lands; logging in with it confirms) once, and removes it from the address bar and the history entry at once, so
 * the token is not left to be copied or shared.
 */
export function takeFragment(): { verify?: string; confirm?: string } {
  const verify = /^#verify=([A-Za-z0-9_-]{16,200})$/.exec(location.hash)?.[1];
  const confirm = /^#member-confirm=([0-9a-f]{64})$/.exec(location.hash)?.[1];
  if (verify || confirm) history.replaceState(history.state, '', location.pathname + location.search);
  return { verify, confirm };
}
