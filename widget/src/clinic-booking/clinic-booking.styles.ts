import { css } from 'lit';

export const styles = css`
  .root {
    padding: var(--clinic-space, 1rem);
    max-width: 40rem;
  }
  .progress,
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
  legend {
    padding: 0;
    margin-bottom: 0.5rem;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .choices legend {
    width: 100%;
  }
  .card,
  .chip,
  .all {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 44px;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--clinic-color-border, #6b7280);
    border-radius: var(--clinic-radius, 8px);
    font-weight: 400;
    cursor: pointer;
  }
  .card {
    width: 100%;
  }
  .chip {
    flex-direction: column;
    gap: 0;
    min-width: 5.5rem;
    text-align: center;
  }
  .chip input {
    position: absolute;
    opacity: 0;
    width: 1px;
    height: 1px;
  }
  .chip:focus-within {
    outline: 3px solid var(--clinic-color-focus, #c25e00);
    outline-offset: 2px;
  }
  .chip:has(input:checked),
  .card:has(input:checked) {
    border: 2px solid var(--clinic-color-accent, #0a58a8);
    box-shadow: inset 0 0 0 2px var(--clinic-color-accent, #0a58a8);
  }
  input[type='radio'],
  input[type='checkbox'] {
    width: 1.4rem;
    height: 1.4rem;
    flex: none;
    accent-color: var(--clinic-color-accent, #0a58a8);
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
  .notice {
    border-inline-start: 4px solid var(--clinic-color-error, #b42318);
    padding-inline-start: 0.75rem;
  }
  .consents {
    list-style: none;
    padding: 0;
    margin: 1rem 0;
    display: grid;
    gap: 0.75rem;
  }
  .consents label {
    display: flex;
    gap: 0.5rem;
    min-height: 44px;
  }
  .consents li {
    border: 1px solid var(--clinic-color-border, #6b7280);
    border-radius: var(--clinic-radius, 8px);
    padding: 0.5rem 0.75rem;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0 0 0.5rem;
  }
  summary {
    min-height: 44px;
    display: flex;
    align-items: center;
    cursor: pointer;
    color: var(--clinic-color-accent, #0a58a8);
  }
`;
