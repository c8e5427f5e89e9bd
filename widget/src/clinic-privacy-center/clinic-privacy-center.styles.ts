import { css } from 'lit';

export const styles = css`
  .root {
    padding: var(--clinic-space, 1rem);
    max-width: 44rem;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid var(--clinic-color-focus, #c25e00);
  }
  h3 {
    font-size: 1.1em;
    margin: 1.25rem 0 0.5rem;
  }
  h4,
  h5 {
    margin: 0.5rem 0 0.25rem;
  }
  .hint,
  small,
  dt {
    color: var(--clinic-color-muted, #4b5563);
  }
  fieldset {
    border: 0;
    margin: 0 0 1rem;
    padding: 0;
    min-width: 0;
  }
  legend,
  label {
    font-weight: 600;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    margin-bottom: 1rem;
  }
  .field input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--clinic-color-surface, #fff);
    width: 100%;
    min-height: 44px;
    padding: 0.5rem;
    border: 1px solid var(--clinic-color-border, #6b7280);
    border-radius: var(--clinic-radius, 8px);
  }
  input[type='checkbox'] {
    width: 1.4rem;
    height: 1.4rem;
    flex: none;
    accent-color: var(--clinic-color-accent, #0a58a8);
  }
  [aria-invalid='true'],
  .invalid {
    border: 2px solid var(--clinic-color-error, #b42318);
  }
  .error {
    color: var(--clinic-color-error, #b42318);
    font-weight: 600;
    margin: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 1rem 0;
  }
  .notice:empty {
    display: none;
  }
  .notice {
    border-inline-start: 4px solid var(--clinic-color-error, #b42318);
    padding-inline-start: 0.75rem;
  }
  .done,
  .restricted,
  .receipt {
    border-inline-start: 4px solid var(--clinic-color-accent, #0a58a8);
    padding-inline-start: 0.75rem;
  }
  button.danger {
    border-color: var(--clinic-color-error, #b42318);
    color: var(--clinic-color-error, #b42318);
  }
  button.danger[part='danger-button'] {
    background: var(--clinic-color-error, #b42318);
    color: var(--clinic-color-on-accent, #fff);
  }
  section[part='section'] {
    border-block-start: 1px solid var(--clinic-color-border, #6b7280);
    margin-top: 1rem;
  }
  ul,
  ol {
    padding-inline-start: 1.25rem;
  }
  .records,
  .consents {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .consents label {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 44px;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(7rem, max-content) 1fr;
    gap: 0.125rem 0.75rem;
    margin: 0.25rem 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  @media (max-width: 30rem) {
    dl {
      grid-template-columns: 1fr;
    }
    dd {
      margin-bottom: 0.25rem;
    }
  }
  summary {
    min-height: 44px;
    display: flex;
    align-items: center;
    cursor: pointer;
    color: var(--clinic-color-accent, #0a58a8);
  }
`;
