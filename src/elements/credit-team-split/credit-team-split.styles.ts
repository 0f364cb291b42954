import { css } from 'lit';

export const creditTeamSplitStyles = css`
  :host {
    container-type: inline-size;
  }
  /* Wide enough: the pie and the legend side by side. */
  @container (min-width: 30rem) {
    :host([state='ready']) .panel {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(11rem, 17rem);
      grid-template-areas:
        'head head'
        'summary summary'
        'chart key';
      column-gap: 1.25rem;
      align-items: center;
    }
    :host([state='ready']) .head {
      grid-area: head;
    }
    :host([state='ready']) .summary {
      grid-area: summary;
    }
    :host([state='ready']) .chart {
      grid-area: chart;
    }
    :host([state='ready']) .key {
      grid-area: key;
    }
    :host([state='ready']) .table-wrap:not(.visually-hidden) {
      grid-column: 1 / -1;
    }
  }
  .key {
    display: grid;
    gap: 0.5rem;
    margin: 0 0 0.5rem;
  }
  .legend {
    display: grid;
    gap: 2px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .legend li {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.5rem;
    padding: 0.3rem 0.5rem;
    font-size: 0.85rem;
  }
  .swatch {
    width: 0.8rem;
    height: 0.8rem;
    border-radius: 3px;
  }
  .team .swatch {
    background: var(--_c1);
  }
  .personal .swatch {
    background: var(--_c2);
  }
  .note {
    margin: 0;
    padding: 0.4rem 0.6rem;
    font-size: 0.85rem;
    border-radius: calc(var(--_radius) * 0.6);
    background: var(--_subtle);
    border: 1px solid var(--_border);
  }
  @media (forced-colors: active) {
    .swatch {
      forced-color-adjust: none;
      border: 1px solid CanvasText;
    }
  }
`;
