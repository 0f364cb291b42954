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
  .entry.others {
    color: var(--_muted);
  }
  .swatch {
    background: var(--_c1);
  }
  .others .swatch {
    background: var(--_c8);
  }
`;
