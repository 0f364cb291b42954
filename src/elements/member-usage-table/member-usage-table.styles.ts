import { css } from 'lit';

export const memberUsageTableStyles = css`
  :host {
    --_row-height: var(--credit-member-row-height, 2.25rem);
    --_table-height: var(--credit-member-table-height, 28rem);
    --_table-max-height: var(--credit-member-table-max-height, 32rem);
    --_over: var(--_danger);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin-block-end: 0.5rem;
  }
  .title-block {
    display: grid;
    gap: 0.1rem;
  }
  .sub {
    font-size: 0.85rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
  }
  .actions button {
    font-size: 0.8rem;
    padding: 0.25rem 0.6rem;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  input {
    font: inherit;
    font-size: 0.875rem;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
    padding: 0.25rem 0.5rem;
  }
  input::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  .search input {
    width: 15rem;
    max-width: 100%;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    margin-block-end: 0.5rem;
  }
  .chip {
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    font-size: 0.8rem;
    padding: 0.15rem 0.6rem;
    border-radius: 999px;
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    border-color: color-mix(in srgb, var(--_accent) 40%, var(--_border));
  }
  .progress {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .progress .bar {
    flex: 0 0 6rem;
    height: 0.4rem;
    border-radius: 999px;
    background: var(--_subtle);
    border: 1px solid var(--_border);
    overflow: hidden;
  }
  .progress .bar span {
    display: block;
    height: 100%;
    background: var(--_accent);
  }
  .alert {
    color: var(--_danger);
    font-size: 0.85rem;
    margin: 0 0 0.5rem;
  }

  /* ---------------------------------------------------------------- table */
  .table-wrap {
    /* Positioned, so visually hidden text in rows scrolled out of view is clipped with them. */
    position: relative;
    max-height: var(--_table-max-height);
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
  }
  table {
    width: 100%;
    border-collapse: separate;
    border-spacing: 0;
    font-size: 0.85rem;
    font-variant-numeric: tabular-nums;
  }
  th,
  td,
  .cell {
    padding: 0.35rem 0.6rem;
    border-bottom: 1px solid var(--_border);
    text-align: end;
    white-space: nowrap;
  }
  thead th,
  .head-row .cell {
    position: sticky;
    top: 0;
    z-index: 1;
    background: var(--_subtle);
    color: var(--_muted);
    font-weight: 600;
    font-size: 0.8rem;
    white-space: normal;
    vertical-align: bottom;
  }
  th.member,
  .cell.member {
    text-align: start;
    font-weight: 400;
    color: var(--_text);
  }
  th.member > span,
  .cell.member > span {
    display: block;
    max-width: var(--_member-width, 18rem);
    overflow: hidden;
    text-overflow: ellipsis;
  }
  thead th.member,
  .head-row .cell.member {
    color: var(--_muted);
    font-weight: 600;
  }
  tbody tr:last-child > * {
    border-bottom: 0;
  }
  .total {
    font-weight: 600;
  }
  .sort {
    all: unset;
    box-sizing: border-box;
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0.1rem 0.2rem;
    margin: -0.1rem -0.2rem;
    border-radius: 4px;
    color: inherit;
    font: inherit;
  }
  .sort:hover {
    color: var(--_text);
  }
  .sort:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .sort .arrow {
    display: inline-block;
    width: 0.8em;
    color: var(--_accent);
  }
  [aria-sort] {
    color: var(--_text);
  }
  .none {
    color: var(--_muted);
  }
  .over-limit > * {
    background: color-mix(in srgb, var(--_over) 8%, var(--_surface));
  }
  .percent.over {
    color: var(--_over);
    font-weight: 600;
  }
  .badge {
    display: inline-block;
    margin-inline-start: 0.35rem;
    padding: 0 0.4rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.72rem;
    font-weight: 600;
    line-height: 1.35;
  }
  .limit-cell {
    display: inline-flex;
    align-items: center;
    justify-content: flex-end;
    gap: 0.4rem;
  }
  .edit {
    display: inline-grid;
    place-items: center;
    padding: 0.2rem;
    line-height: 0;
    color: var(--_muted);
    background: transparent;
    border-color: transparent;
  }
  .edit:hover,
  .edit:focus-visible {
    color: var(--_accent);
    border-color: var(--_border);
  }
  /* A pencil drawn by a mask: no SVG in every row. */
  .edit .icon {
    display: block;
    width: 12px;
    height: 12px;
    background: currentColor;
    mask: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M11.7 1.3a1 1 0 0 1 1.4 0l1.6 1.6a1 1 0 0 1 0 1.4L5.6 13.4 2 14l.6-3.6 9.1-9.1ZM3.9 10.9l-.3 1.5 1.5-.3 7-7-1.2-1.2-7 7Z'/%3E%3C/svg%3E") center / contain no-repeat;
  }
  /* Input above Save and Cancel, the message below: the column stays narrow while editing. */
  .limit-form {
    display: inline-grid;
    grid-template-columns: auto 1fr;
    justify-items: start;
    align-items: center;
    gap: 0.3rem;
    min-width: 11rem;
    padding-block: 0.15rem;
    text-align: start;
    white-space: normal;
  }
  .limit-form input {
    grid-column: 1 / -1;
    width: 100%;
    padding: 0.1rem 0.35rem;
    text-align: end;
  }
  .limit-form input[aria-invalid='true'] {
    border-color: var(--_danger);
    outline-color: var(--_danger);
  }
  .limit-form button {
    font-size: 0.75rem;
    padding: 0.1rem 0.45rem;
  }
  .limit-form button[type='submit'] {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  .limit-form .field-message {
    grid-column: 1 / -1;
    font-size: 0.75rem;
    color: var(--_muted);
    width: 0;
    min-width: 100%;
  }
  .limit-form .field-message.invalid {
    color: var(--_danger);
    font-weight: 600;
  }
  .no-match {
    text-align: start;
    color: var(--_muted);
    padding: 1rem 0.6rem;
    white-space: normal;
  }
  .note {
    margin: 0.5rem 0 0;
    font-size: 0.8rem;
    color: var(--_muted);
  }

  /* ------------------------------------------------ virtualized (ARIA) table */
  .scroll {
    position: relative;
    height: var(--_table-height);
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
    font-size: 0.85rem;
    font-variant-numeric: tabular-nums;
  }
  .head-row,
  .rows {
    min-width: var(--_min-width);
  }
  .head-row,
  .row {
    display: grid;
    grid-template-columns: var(--_columns);
    align-items: stretch;
  }
  .head-row {
    position: sticky;
    top: 0;
    z-index: 1;
  }
  /* Rows of one fixed height, each laid out on its own: the virtualizer measures them cheaply and they never shift. */
  .row {
    width: 100%;
    height: var(--_row-height);
    contain: strict;
  }
  .row.editing {
    height: auto;
    min-height: var(--_row-height);
    contain: layout style;
  }
  /* The editor borrows the % column's room while it is open. */
  .row.editing > .cell.limit {
    grid-column: span 2;
  }
  .row.editing > .cell.percent {
    display: none;
  }
  .row {
    border-bottom: 1px solid var(--_border);
  }
  .row > .cell {
    display: flex;
    align-items: center;
    justify-content: flex-end;
    overflow: hidden;
    padding-block: 0.25rem;
    border-bottom: 0;
  }
  .head-row .cell {
    display: flex;
    align-items: flex-end;
    justify-content: flex-end;
  }
  .head-row .cell.member {
    justify-content: flex-start;
  }
  .row > .cell.member {
    justify-content: flex-start;
  }
  .row > .cell.member > span {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .row.placeholder .cell {
    grid-column: 1 / -1;
    color: var(--_muted);
    background: linear-gradient(var(--_subtle), var(--_subtle)) no-repeat 0.6rem 50% / calc(100% - 1.2rem) 0.7rem;
  }

  /* ---------------------------------------------------------------- skeleton */
  .skeleton-table {
    display: grid;
    gap: 0.55rem;
    margin-top: 0.75rem;
  }
  .skeleton-row {
    display: grid;
    grid-template-columns: 2.5fr repeat(5, 1fr);
    gap: 1rem;
  }
  .skeleton-row .skeleton {
    height: 0.9rem;
  }
  .skeleton-row.header .skeleton {
    height: 1.1rem;
  }

  @media (forced-colors: active) {
    .percent.over,
    .badge {
      color: CanvasText;
    }
    .over-limit > * {
      background: Canvas;
    }
    .edit .icon {
      forced-color-adjust: none;
      background: ButtonText;
    }
  }
`;
