import { css } from 'lit';

export const creditByReasonStyles = css`
  :host {
    container-type: inline-size;
  }
  /* Wide enough: the chart and the legend side by side. */
  @container (min-width: 30rem) {
    :host([state='ready']:not([variant='bar'])) .panel {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(11rem, 17rem);
      grid-template-areas:
        'head head'
        'summary summary'
        'chart legend';
      column-gap: 1.25rem;
      align-items: center;
    }
    :host([state='ready']:not([variant='bar'])) .head {
      grid-area: head;
    }
    :host([state='ready']:not([variant='bar'])) .summary {
      grid-area: summary;
    }
    :host([state='ready']:not([variant='bar'])) .chart {
      grid-area: chart;
    }
    :host([state='ready']:not([variant='bar'])) .legend {
      grid-area: legend;
      grid-template-columns: minmax(0, 1fr);
      margin: 0;
    }
    :host([state='ready']:not([variant='bar'])) .table-wrap:not(.visually-hidden) {
      grid-column: 1 / -1;
    }
  }
  :host([variant='bar']) .chart {
    height: var(--credit-chart-height, 3.5rem);
  }
  :host([variant='bar']) .legend {
    display: flex;
    flex-wrap: wrap;
  }
  :host([variant='bar']) .legend button {
    width: auto;
  }
  .legend {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
    gap: 2px 0.75rem;
    margin: 0 0 0.5rem;
    padding: 0;
    list-style: none;
  }
  .legend button {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.5rem;
    width: 100%;
    padding: 0.3rem 0.5rem;
    text-align: start;
    font-size: 0.85rem;
    background: transparent;
    border-color: transparent;
  }
  .legend button:hover {
    background: var(--_subtle);
    border-color: var(--_border);
  }
  .legend button[aria-pressed='true'] {
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    border-color: color-mix(in srgb, var(--_accent) 45%, var(--_border));
    font-weight: 600;
  }
  /* Only the swatch fades: the text keeps its contrast. */
  .legend .dimmed .swatch {
    opacity: 0.35;
  }
  .swatch {
    width: 0.8rem;
    height: 0.8rem;
    border-radius: 3px;
  }
  @media (forced-colors: active) {
    .swatch {
      forced-color-adjust: none;
      border: 1px solid CanvasText;
    }
    .legend button[aria-pressed='true'] {
      outline: 2px solid Highlight;
    }
  }
`;
