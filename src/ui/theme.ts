import { css } from 'lit';

/**
 * Shared component styles: large touch targets (≥ 48 px), a strong visible focus ring, and
 * colours with at least 4.5:1 contrast on their backgrounds.
 */
export const theme = css`
  :host {
    --accent: #0b5cad;
    --accent-ink: #ffffff;
    --ink: #111827;
    --muted: #4b5563;
    --ok: #166534;
    --warn: #92400e;
    --bad: #991b1b;
    --line: #d1d5db;
    --panel: #ffffff;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
  }
  button {
    min-height: 48px;
    min-width: 48px;
    padding: 0 20px;
    border-radius: 8px;
    border: 2px solid var(--accent);
    background: var(--accent);
    color: var(--accent-ink);
    cursor: pointer;
    font-weight: 600;
  }
  button.secondary {
    background: var(--panel);
    color: var(--accent);
  }
  button.danger {
    background: var(--bad);
    border-color: var(--bad);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  input,
  textarea,
  select {
    min-height: 48px;
    padding: 0 12px;
    border: 2px solid var(--muted);
    border-radius: 8px;
    background: #fff;
    color: var(--ink);
    box-sizing: border-box;
  }
  textarea {
    padding: 8px 12px;
  }
  /* A checkbox is a box to tick, not a 48 px field (its label is the touch target). */
  input[type='checkbox'] {
    min-height: 0;
    width: 24px;
    height: 24px;
    margin: 0;
    padding: 0;
    accent-color: var(--accent);
  }
  :is(button, input, textarea, select, a, [tabindex]):focus-visible {
    outline: 4px solid #f59e0b;
    outline-offset: 2px;
  }
  .hint {
    color: var(--muted);
    font-size: 0.9rem;
  }
  .error {
    color: var(--bad);
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
    align-items: center;
  }
  .panel {
    background: var(--panel);
    border: 1px solid var(--line);
    border-radius: 12px;
    padding: 20px;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  dd {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  @media (max-width: 600px) {
    .panel {
      padding: 12px;
    }
  }
  h1,
  h2 {
    margin: 0 0 12px;
    color: var(--ink);
  }
  h1 {
    font-size: 1.6rem;
  }
  h2 {
    font-size: 1.25rem;
  }
`;
