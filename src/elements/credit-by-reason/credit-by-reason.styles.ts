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
`;
