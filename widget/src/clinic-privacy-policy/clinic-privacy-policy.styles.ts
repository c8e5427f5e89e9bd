import { css } from 'lit';

export const styles = css`
  .root {
    padding: var(--clinic-space, 1rem);
    max-width: 48rem;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid var(--clinic-color-focus, #c25e00);
  }
  p {
    white-space: pre-line;
  }
  .meta {
    color: var(--clinic-color-muted, #4b5563);
  }
  .notice {
    border-inline-start: 4px solid var(--clinic-color-accent, #0a58a8);
    padding: 0.5rem 0.75rem;
  }
  section {
    margin-top: 1.5rem;
  }
  ul {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  li button {
    width: 100%;
    text-align: start;
  }
  button[aria-current='true'] {
    background: var(--clinic-color-accent, #0a58a8);
    color: var(--clinic-color-on-accent, #fff);
  }
  a {
    display: inline-block;
    min-height: 44px;
    padding: 0.6rem 0;
  }
`;
