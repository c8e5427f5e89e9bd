import { css } from 'lit';

/**
 * What every element shares. The host's own declarations are `!important` because a page rule such as
 * `* { display: none !important }` reaches the host element. Inside the shadow root page rules reach nothing
 * but what the host inherits (colour, font, letter-spacing…), so `.root` starts again from the initial values.
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
    all: initial;
    display: block;
    color: var(--clinic-color-text, #1b1f24);
    background: var(--clinic-color-surface, #fff);
    font: 400 var(--clinic-font-size, 1rem) / 1.5 var(--clinic-font-family, system-ui, -apple-system, 'Segoe UI', 'Apple SD Gothic Neo', 'Noto Sans KR', sans-serif);
    text-align: start;
    word-break: keep-all;
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
  :focus-visible,
  input:focus {
    outline: 3px solid var(--clinic-color-focus, #c25e00);
    outline-offset: 2px;
  }
  h2 {
    font-size: 1.3em;
    margin: 0 0 0.5rem;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
