import { css } from 'lit';

export const creditSummaryStyles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.25rem 1rem;
  }
  .period {
    font-size: 0.85rem;
  }
  .alert {
    margin: 0.75rem 0 0;
    padding: 0.45rem 0.75rem;
    border-inline-start: 4px solid var(--_warning);
    border-radius: calc(var(--_radius) * 0.4);
    background: color-mix(in srgb, var(--_warning) 10%, var(--_surface));
    font-size: 0.875rem;
    font-weight: 600;
  }
  :host([level='danger']) .alert {
    border-inline-start-color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 8rem), 1fr));
    gap: 1rem;
    margin: 1rem 0;
    /* The numbers scale with the card, so a long one (76,866,000) stays on one line. */
    container-type: inline-size;
  }
  /* Label and figure share the rows of the list, so the numbers line up when a label wraps. */
  .stat {
    min-width: 0;
    display: grid;
    grid-row: span 2;
    grid-template-rows: subgrid;
    row-gap: 0.15rem;
  }
  dt {
    align-self: end;
    font-size: 0.78rem;
    color: var(--_muted);
  }
  dd {
    margin: 0;
    display: flex;
    flex-direction: column;
  }
  .value {
    font-size: clamp(1.25rem, 5.5cqi, 1.75rem);
    line-height: 1.15;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    letter-spacing: -0.01em;
    /* A number breaks only when its column cannot hold it at all. */
    overflow-wrap: anywhere;
  }
  .unit {
    font-size: 0.78rem;
    color: var(--_muted);
  }
  /* The pace: smaller, the unit beside the number. */
  .pace {
    margin: 0.9rem 0 0;
    padding-top: 0.75rem;
    border-top: 1px solid var(--_border);
  }
  .pace dd {
    flex-flow: row wrap;
    align-items: baseline;
    column-gap: 0.3rem;
  }
  .pace .value {
    font-size: 1.1rem;
  }
  .pace .unit {
    font-size: 0.85rem;
  }
  /* The bar's colour follows the level: the accent, then warning past a threshold, danger past the last. */
  .meter {
    --_level: var(--_accent);
    position: relative;
    height: 0.6rem;
    border-radius: 999px;
    background: var(--_subtle);
    border: 1px solid var(--_border);
    overflow: hidden;
  }
  :host([level='warning']) .meter {
    --_level: var(--_warning);
  }
  :host([level='danger']) .meter {
    --_level: var(--_danger);
  }
  .meter .used {
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    background: var(--_level);
    border-radius: inherit;
  }
  .meter .projected {
    position: absolute;
    inset-block: 0;
    background: repeating-linear-gradient(-45deg, color-mix(in srgb, var(--_level) 45%, transparent) 0 4px, transparent 4px 8px);
  }
  .meter-label {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1rem;
    font-size: 0.8rem;
    margin-top: 0.35rem;
    font-variant-numeric: tabular-nums;
  }
  .forecast {
    margin: 0.75rem 0 0;
    font-size: 0.9rem;
  }
  .forecast.urgent {
    color: var(--_danger);
    font-weight: 600;
  }
  .skeleton-row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr));
    gap: 1rem;
    margin: 1rem 0;
  }
  /* Forced colours need no rule for the bar: the accent is Highlight there, warning and danger CanvasText. */
  @media (forced-colors: active) {
    .alert {
      border: 1px solid CanvasText;
    }
  }
`;
