import { css } from 'lit';

export const creditByWorkspaceStyles = css`
  .list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: 2px 0.75rem;
    margin: 0.75rem 0 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.5rem;
    width: 100%;
    padding: 0.3rem 0.5rem;
    text-align: start;
    font-size: 0.85rem;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) * 0.6);
  }
  button.item {
    background: transparent;
  }
  button.item:hover {
    background: var(--_subtle);
    border-color: var(--_border);
  }
  button.item[aria-pressed='true'] {
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    border-color: color-mix(in srgb, var(--_accent) 45%, var(--_border));
    font-weight: 600;
  }
  /* Only the swatch fades: the text keeps its contrast. */
  .item.dimmed .swatch {
    opacity: 0.35;
  }
  .item.others {
    color: var(--_muted);
  }
  .swatch {
    width: 0.8rem;
    height: 0.8rem;
    border-radius: 3px;
    background: var(--_c1);
  }
  .others .swatch {
    background: var(--_c8);
  }
  @media (forced-colors: active) {
    .swatch {
      forced-color-adjust: none;
      border: 1px solid CanvasText;
    }
    button.item[aria-pressed='true'] {
      outline: 2px solid Highlight;
    }
  }
`;
