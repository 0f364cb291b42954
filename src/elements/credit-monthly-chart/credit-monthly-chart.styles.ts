import { css } from 'lit';

export const creditMonthlyChartStyles = css`
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0 0 0.5rem;
    padding: 0;
    list-style: none;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  .swatch {
    flex: none;
    width: 0.8rem;
    height: 0.8rem;
    border-radius: 3px;
    background: var(--_c1);
  }
  .swatch.projected {
    background: repeating-linear-gradient(-45deg, var(--_c1) 0 2px, color-mix(in srgb, var(--_c1) 30%, transparent) 2px 5px);
  }
  .swatch.over {
    background: var(--_danger);
  }
  .swatch.projected.over {
    background: repeating-linear-gradient(-45deg, var(--_danger) 0 2px, color-mix(in srgb, var(--_danger) 30%, transparent) 2px 5px);
  }
  .swatch.allowance {
    height: 0;
    width: 1.2rem;
    border-radius: 0;
    background: none;
    border-top: 2px dashed var(--_text);
  }
  @media (forced-colors: active) {
    .swatch,
    .swatch.projected,
    .swatch.over {
      forced-color-adjust: none;
      background: CanvasText;
    }
    .swatch.allowance {
      background: none;
      border-top-color: CanvasText;
    }
  }
`;
