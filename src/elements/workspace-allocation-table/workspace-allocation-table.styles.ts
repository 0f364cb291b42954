import { css } from 'lit';

export const workspaceAllocationTableStyles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .mode {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    font-size: 0.875rem;
  }
  select,
  input {
    font: inherit;
    font-size: 0.875rem;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.5);
    padding: 0.3rem 0.5rem;
  }
  .mode-hint {
    margin: 0.25rem 0 0;
    font-size: 0.85rem;
  }
  .totals {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 2rem;
    margin: 0.75rem 0 0.5rem;
  }
  .totals dt {
    font-size: 0.78rem;
    color: var(--_muted);
  }
  .totals dd {
    margin: 0.1rem 0 0;
    font-size: 1.1rem;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .notice {
    margin: 0 0 0.5rem;
    font-size: 0.875rem;
  }
  .notice:empty {
    margin: 0;
  }
  .notice.error {
    color: var(--_danger);
  }
  .table-wrap {
    /* Holds the visually hidden cell text, which is absolutely positioned. */
    position: relative;
    overflow-x: auto;
    margin-top: 0.25rem;
    /* A shadow at an edge the table scrolls past, so hidden columns are noticed. */
    background:
      linear-gradient(to left, var(--_surface) 40%, transparent) right / 1.5rem 100% no-repeat local,
      radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.22), transparent) right / 0.6rem 100% no-repeat scroll;
  }
  /* The workspace names stay in view while the figures scroll. */
  thead th:first-child,
  tbody th,
  tfoot th {
    position: sticky;
    inset-inline-start: 0;
    z-index: 1;
  }
  tbody th {
    background: var(--_surface);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 0.5rem 0.45rem;
    text-align: start;
    border-bottom: 1px solid var(--_border);
    vertical-align: middle;
  }
  thead th {
    background: var(--_subtle);
    font-size: 0.8rem;
    font-weight: 600;
    color: var(--_muted);
    line-height: 1.25;
  }
  .num {
    text-align: end;
  }
  button.sort {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0.1rem 0.2rem;
    margin: 0 -0.2rem;
    border: 0;
    background: transparent;
    color: inherit;
    font-size: inherit;
    font-weight: inherit;
    text-align: inherit;
  }
  .num button.sort {
    flex-direction: row-reverse;
  }
  button.sort .arrow {
    font-size: 0.65rem;
  }
  th[aria-sort='ascending'],
  th[aria-sort='descending'] {
    color: var(--_text);
  }
  tbody th {
    font-weight: 500;
  }
  .name {
    min-width: 9rem;
  }
  .ws-name {
    overflow-wrap: anywhere;
  }
  .kind {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.2rem 0.4rem;
    font-size: 0.78rem;
    font-weight: 400;
    color: var(--_muted);
  }
  .badge {
    display: inline-block;
    padding: 0 0.4rem;
    border-radius: 999px;
    font-size: 0.72rem;
    font-weight: 600;
    line-height: 1.4;
    color: var(--_accent);
    border: 1px solid currentColor;
    vertical-align: 0.1em;
  }
  td.remaining {
    min-width: 6.5rem;
  }
  .remaining .value {
    display: block;
  }
  .pool {
    font-size: 0.8rem;
  }
  .meter {
    position: relative;
    height: 0.4rem;
    margin-top: 0.3rem;
    margin-inline-start: auto;
    max-width: 8rem;
    border-radius: 999px;
    background: var(--_subtle);
    border: 1px solid var(--_border);
    overflow: hidden;
  }
  .meter .fill {
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    background: var(--_accent);
    border-radius: inherit;
  }
  tr.low .meter .fill {
    background: var(--_warning);
  }
  tr.exhausted .meter .fill {
    background: var(--_danger);
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    white-space: nowrap;
    font-weight: 500;
  }
  .status::before {
    content: '';
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: currentColor;
  }
  .status.ok {
    color: var(--_success);
  }
  .status.low {
    color: var(--_warning);
  }
  .status.exhausted {
    color: var(--_danger);
    font-weight: 600;
  }
  .row-actions {
    display: flex;
    gap: 0.3rem;
  }
  td.actions button {
    font-size: 0.8rem;
    padding: 0.2rem 0.5rem;
    white-space: nowrap;
  }
  button.delete {
    color: var(--_danger);
  }
  tfoot th,
  tfoot td {
    background: var(--_subtle);
    font-weight: 600;
    border-bottom: 0;
  }
  tfoot tr.deleted th,
  tfoot tr.deleted td {
    font-weight: 400;
    color: var(--_muted);
    border-bottom: 1px solid var(--_border);
  }
  .unit-note {
    margin: 0.5rem 0 0;
    font-size: 0.8rem;
  }

  /* dialog */
  dialog {
    width: min(30rem, calc(100vw - 2rem));
    padding: 0;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgba(0, 0, 0, 0.25);
    font-family: var(--_font);
  }
  dialog::backdrop {
    background: rgba(15, 18, 24, 0.45);
  }
  .dialog-body {
    display: grid;
    gap: 0.75rem;
    padding: 1.25rem;
  }
  .dialog-body p {
    margin: 0;
  }
  .dialog-title {
    margin: 0;
    font-size: 1.05rem;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .field {
    display: grid;
    gap: 0.3rem;
  }
  .field label {
    font-size: 0.85rem;
    font-weight: 600;
  }
  .field select,
  .field input {
    width: 100%;
    font-size: 1rem;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: 0 0 0 1px var(--_danger);
  }
  .hint {
    margin: 0;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .field-error {
    margin: 0;
    font-size: 0.85rem;
    color: var(--_danger);
    font-weight: 500;
  }
  .preview {
    padding: 0.6rem 0.75rem;
    border-radius: calc(var(--_radius) * 0.6);
    background: var(--_subtle);
    border: 1px solid var(--_border);
  }
  .preview h4 {
    margin: 0 0 0.35rem;
    font-size: 0.8rem;
    font-weight: 600;
    color: var(--_muted);
  }
  .preview dl {
    display: grid;
    gap: 0.2rem;
    margin: 0;
  }
  .preview dl div {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    font-size: 0.875rem;
  }
  .preview dt {
    overflow-wrap: anywhere;
  }
  .preview dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .dialog-error {
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--_radius) * 0.6);
    border: 1px solid var(--_danger);
    font-size: 0.875rem;
  }
  .dialog-error strong {
    color: var(--_danger);
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: 0.25rem;
  }
  button.confirm {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button.confirm.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-accent);
  }
  button[aria-disabled='true'] {
    opacity: 0.65;
    cursor: progress;
  }

  /* skeleton */
  .skeleton-head {
    display: flex;
    justify-content: space-between;
    margin-bottom: 1rem;
  }
  .skeleton-table {
    display: grid;
    gap: 0.6rem;
  }
  .skeleton-row {
    display: grid;
    grid-template-columns: 2fr repeat(5, 1fr);
    gap: 1rem;
    align-items: center;
  }
  .skeleton-row.header {
    padding-bottom: 0.4rem;
    border-bottom: 1px solid var(--_border);
  }

  @media (forced-colors: active) {
    .meter .fill {
      background: CanvasText;
    }
    .status::before {
      background: CanvasText;
    }
  }
`;
