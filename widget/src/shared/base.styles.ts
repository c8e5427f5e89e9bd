import { css } from 'lit';

/**
 * What every element shares. The host's own declarations are `!important` because a page rule such as
 * `* { display: none !important }` reaches the host element; inside the shadow root page rules reach nothing.
 */
export const baseStyles = css`
  :host {
    display: block !important;
    visibility: visible !important;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .root {
    color: var(--clinic-color-text, #1b1f24);
    background: var(--clinic-color-surface, #fff);
    font: 400 var(--clinic-font-size, 1rem) / 1.5 var(--clinic-font-family, system-ui, -apple-system, 'Segoe UI', 'Apple SD Gothic Neo', 'Noto Sans KR', sans-serif);
    letter-spacing: normal;
    text-align: start;
    word-break: keep-all;
    overflow-wrap: anywhere;
  }
  h2,
  h3 {
    line-height: 1.25;
    margin: 0 0 0.75rem;
  }
  h2 {
    font-size: 1.35em;
  }
  h3 {
    font-size: 1.1em;
  }
  p {
    margin: 0 0 0.75rem;
  }
  a {
    color: var(--clinic-color-accent, #0a58a8);
  }
  button {
    font: inherit;
    min-height: 44px;
    min-width: 44px;
    padding: 0.5rem 1rem;
    border: 2px solid var(--clinic-color-accent, #0a58a8);
    border-radius: var(--clinic-radius, 8px);
    background: var(--clinic-color-surface, #fff);
    color: var(--clinic-color-accent, #0a58a8);
    cursor: pointer;
  }
  button.primary {
    background: var(--clinic-color-accent, #0a58a8);
    color: var(--clinic-color-on-accent, #fff);
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  :focus-visible,
  input:focus {
    outline: 3px solid var(--clinic-color-focus, #c25e00);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 0.15s, color 0.15s;
    }
  }
`;
