import { css } from 'lit';

export const creditDashboardStyles = css`
  :host {
    --_columns: var(--credit-dashboard-columns, 2);
    container-type: inline-size;
  }
  /* A forced theme paints its own backdrop, so a dark dashboard stays legible on a light page. */
  :host([theme]) {
    background: var(--credit-dashboard-background, var(--_subtle));
    padding: var(--credit-dashboard-padding, var(--_gap));
    border-radius: var(--_radius);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem var(--_gap);
    margin-block-end: var(--_gap);
  }
  .title-block {
    display: grid;
    gap: 0.1rem;
  }
  .title {
    font-size: 1.15rem;
    margin: 0;
  }
  .updated {
    font-size: 0.8rem;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-end: var(--_gap);
  }
  .chip {
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    border-radius: 999px;
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    border-color: color-mix(in srgb, var(--_accent) 40%, var(--_border));
  }
  .grid,
  ::slotted(*) {
    min-width: 0;
  }
  .grid {
    display: grid;
    gap: var(--_gap);
    grid-template-columns: repeat(var(--_columns), minmax(0, 1fr));
  }
  .grid > .wide {
    grid-column: 1 / -1;
  }
  @container (max-width: 640px) {
    .grid {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
