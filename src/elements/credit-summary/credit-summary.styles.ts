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
    color: var(--_muted);
  }
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr));
    gap: 0.75rem 1.25rem;
    margin: 0.75rem 0;
  }
  dt {
    font-size: 0.78rem;
    color: var(--_muted);
  }
  dd {
    margin: 0.1rem 0 0;
    font-size: 1.35rem;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  dd small {
    display: block;
    font-size: 0.78rem;
    font-weight: 400;
    color: var(--_muted);
  }
  .meter {
    position: relative;
    height: 0.6rem;
    border-radius: 999px;
    background: var(--_subtle);
    border: 1px solid var(--_border);
    overflow: hidden;
  }
  .meter .used {
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    background: var(--_accent);
    border-radius: inherit;
  }
  .meter .projected {
    position: absolute;
    inset-block: 0;
    background: repeating-linear-gradient(
      -45deg,
      color-mix(in srgb, var(--_accent) 35%, transparent) 0 4px,
      transparent 4px 8px
    );
  }
  :host([level='warning']) .meter .used {
    background: var(--_warning);
  }
  :host([level='danger']) .meter .used {
    background: var(--_danger);
  }
  .meter-label {
    display: flex;
    justify-content: space-between;
    font-size: 0.8rem;
    color: var(--_muted);
    margin-top: 0.35rem;
    font-variant-numeric: tabular-nums;
  }
  .forecast {
    margin: 0.75rem 0 0;
    font-size: 0.9rem;
  }
  :host([level='warning']) .forecast,
  :host([level='danger']) .forecast {
    color: var(--_danger);
    font-weight: 600;
  }
  .skeleton-row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr));
    gap: 1rem;
    margin: 0.75rem 0;
  }
`;
