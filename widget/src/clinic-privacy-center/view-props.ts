import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { privacyCenter } from '../i18n/en/privacy-center.js';
import type { ApiController } from '../shared/api.controller.js';
import type { Credential } from './credential.controller.js';
import type { Errors } from './fields.js';
import type { SignedOutDetail } from './types.js';

/** Each step has its own heading, which gets the focus when the step appears. */
export type View = 'start' | 'sent' | 'code' | 'opening' | 'center' | 'withdraw' | 'confirm' | 'withdrawn' | 'signup' | 'signup-sent' | 'login';

/** The element the later steps render into: they update it, tie their strings to it and send its events. */
export type ViewHost = ReactiveControllerHost & HTMLElement;

/**
 * What the element gives its later steps (center, member) to show, and the callbacks by which they act: the steps
 * keep their own state and never reach into the element's fields.
 */
export interface ViewProps {
  _t: typeof privacyCenter;
  _locale: string;
  _errors: Errors;
  _busy: boolean;
  _credential?: Credential;
  _headers: Record<string, string>;
  _client: ApiController;
  /** The step's heading with its refusal region. */
  _heading: (text: string) => TemplateResult;
  _go: (view: View, notice?: string) => Promise<void>;
  /** One request at a time; a failure is shown (or ends the credential). */
  _run: (work: () => Promise<void>) => Promise<void>;
  _fail: (error: unknown) => void;
  /** Says something through the polite live region. */
  _announce: (text: string) => void;
  /** Shows the errors (focus on the first, their number said); true when there are some. */
  _invalid: (errors: Errors, said: (n: number) => string) => boolean;
  _clearErrors: () => void;
  /** Moves focus, after the next render, to the first element the selector finds. */
  _focus: (selector: string) => void;
  _signedIn: (credential: Credential) => void;
  _signOut: (reason: SignedOutDetail['reason']) => void;
  /** Replaces the credential (a changed password gives a new JWT). */
  _setCredential: (credential: Credential) => void;
}
