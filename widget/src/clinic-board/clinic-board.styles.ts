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
  ul {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 1rem;
  }
  article {
    border-block-end: 1px solid var(--clinic-color-border, #d0d7de);
    padding-block-end: 1rem;
  }
  h3 {
    margin: 0 0 0.25rem;
    font-size: 1.1rem;
  }
  p {
    white-space: pre-line;
    margin: 0.5rem 0;
  }
  .meta {
    color: var(--clinic-color-muted, #4b5563);
    font-size: 0.9rem;
  }
  .answer {
    border-inline-start: 4px solid var(--clinic-color-accent, #0a58a8);
    padding: 0.25rem 0.75rem;
  }
  nav {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    margin-top: 1rem;
  }
  button[disabled] {
    opacity: 0.5;
    cursor: not-allowed;
  }
  a {
    display: inline-block;
    min-height: 44px;
    padding: 0.6rem 0;
  }
`;
