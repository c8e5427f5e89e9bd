import { css } from 'lit';

export const styles = css`
  .banner {
    position: fixed;
    inset-inline: 0;
    bottom: 0;
    z-index: var(--clinic-z-index, 2147483000);
    max-height: 85vh;
    overflow: auto;
    padding: 1rem;
    border-top: 2px solid var(--clinic-color-accent, #0a58a8);
    box-shadow: 0 -4px 16px rgb(0 0 0 / 0.2);
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
  }
  label {
    display: flex;
    gap: 0.5rem;
    min-height: 44px;
    padding: 0.25rem 0;
  }
  input {
    width: 1.4rem;
    height: 1.4rem;
    flex: none;
    accent-color: var(--clinic-color-accent, #0a58a8);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .row button {
    flex: 1 1 10rem;
  }
`;
