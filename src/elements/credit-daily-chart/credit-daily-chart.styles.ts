import { css } from 'lit';

export const creditDailyChartStyles = css`
  .legend {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.35rem;
    margin: 0 0 0.5rem;
    padding: 0;
    font-size: 0.8rem;
  }
  .legend-item {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    max-width: 16rem;
    padding: 0.15rem 0.5rem;
    font-size: inherit;
    background: transparent;
    border-color: transparent;
    border-radius: 999px;
  }
  .legend-item:hover,
  .legend-item[aria-pressed='true'] {
    background: var(--_subtle);
    border-color: var(--_border);
  }
  .legend-item .label {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .swatch {
    flex: none;
    width: 0.7rem;
    height: 0.7rem;
    border-radius: 3px;
    forced-color-adjust: none;
  }
  .legend-limit {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    padding: 0.15rem 0.5rem;
    color: var(--_text);
    white-space: nowrap;
  }
  .legend-limit .line {
    flex: none;
    width: 1.1rem;
    border-top: 2px dashed var(--_danger);
    forced-color-adjust: none;
  }
  .chart {
    border-radius: calc(var(--_radius) * 0.4);
  }
  /* A day per row: the date stays on one line, long series names (emails) wrap in the header. */
  tbody th {
    white-space: nowrap;
  }
  thead th {
    vertical-align: bottom;
    min-width: 4.5rem;
    max-width: 11rem;
    overflow-wrap: anywhere;
  }
`;
