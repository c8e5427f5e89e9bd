/** Tags the stylesheet so the build minifies it like Lit's `css`. */
const css = (strings: TemplateStringsArray) => strings.join('');

/**
 * `:host` rules are `!important` because a page rule such as `* { display: none !important }` reaches the host;
 * the banner starts again from the initial values so nothing the host inherits from the page (colour, font…) leaks in.
 */
export const styles = css`
  :host {
    display: block !important;
    visibility: visible !important;
  }
  .banner {
    all: initial;
    display: block;
    position: fixed;
    inset-inline: 0;
    bottom: 0;
    z-index: var(--clinic-z-index, 2147483000);
    max-height: 85vh;
    overflow: auto;
    padding: 1rem;
    box-sizing: border-box;
    border-top: 2px solid var(--clinic-color-accent, #0a58a8);
    box-shadow: 0 -4px 16px rgb(0 0 0 / 0.2);
    color: var(--clinic-color-text, #1b1f24);
    background: var(--clinic-color-surface, #fff);
    font: 400 var(--clinic-font-size, 1rem) / 1.5 var(--clinic-font-family, system-ui, sans-serif);
    text-align: start;
    word-break: keep-all;
  }
  h2 {
    font-size: 1.2em;
    margin: 0 0 0.5rem;
  }
  a {
    color: var(--clinic-color-accent, #0a58a8);
  }
  ul {
    list-style: none;
    padding: 0;
  }
  label {
    display: flex;
    gap: 0.5rem;
    min-height: 44px;
  }
  input {
    width: 1.4rem;
    height: 1.4rem;
    flex: none;
    accent-color: var(--clinic-color-accent, #0a58a8);
  }
  div {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  button {
    flex: 1 1 10rem;
    font: inherit;
    min-height: 44px;
    padding: 0.5rem 1rem;
    border: 2px solid var(--clinic-color-accent, #0a58a8);
    border-radius: var(--clinic-radius, 8px);
    background: var(--clinic-color-surface, #fff);
    color: var(--clinic-color-accent, #0a58a8);
    cursor: pointer;
  }
  .primary {
    background: var(--clinic-color-accent, #0a58a8);
    color: var(--clinic-color-on-accent, #fff);
  }
  :focus-visible {
    outline: 3px solid var(--clinic-color-focus, #c25e00);
    outline-offset: 2px;
  }
  h2:focus:not(:focus-visible) {
    outline: none;
  }
  p[role='status'] {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
`;
