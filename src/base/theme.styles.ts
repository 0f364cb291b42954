import { css } from 'lit';

/** The dark set: applied for `theme="dark"`, and for the system preference unless `theme="light"`. */
const darkTokens = css`
  --_text: var(--credit-color-text, #e6edf3);
  --_muted: var(--credit-color-muted, #9198a1);
  --_surface: var(--credit-color-surface, #161b22);
  --_subtle: var(--credit-color-subtle, #0d1117);
  --_border: var(--credit-color-border, #3d444d);
  --_grid: var(--credit-color-grid, rgba(230, 237, 243, 0.12));
  --_accent: var(--credit-color-accent, #818cf8);
  --_on-accent: var(--credit-color-on-accent, #0d1117);
  --_warning: var(--credit-color-warning, #f59e0b);
  --_danger: var(--credit-color-danger, #fb923c);
  --_success: var(--credit-color-success, #4ade80);
  --_focus: var(--credit-color-focus, #a5b4fc);
  --_c1: var(--credit-color-1, #818cf8);
  --_c2: var(--credit-color-2, #38bdf8);
  --_c3: var(--credit-color-3, #fbbf24);
  --_c4: var(--credit-color-4, #34d399);
  --_c5: var(--credit-color-5, #f472b6);
  --_c6: var(--credit-color-6, #a78bfa);
  --_c7: var(--credit-color-7, #f87171);
  --_c8: var(--credit-color-8, #94a3b8);
  color-scheme: dark;
`;

/**
 * The design tokens every element shares. Hosts set the public
 * `--credit-*` properties; elements read the private `--_*` ones, which fall
 * back to the defaults here (light), to the dark set under
 * `prefers-color-scheme: dark` or `theme="dark"`, and to system colours under
 * `forced-colors`.
 */
export const themeStyles = css`
  :host {
    --_font: var(--credit-font-family, inherit);
    --_text: var(--credit-color-text, #1f2328);
    --_muted: var(--credit-color-muted, #59636e);
    --_surface: var(--credit-color-surface, #ffffff);
    --_subtle: var(--credit-color-subtle, #f6f8fa);
    --_border: var(--credit-color-border, #d1d9e0);
    --_grid: var(--credit-color-grid, rgba(31, 35, 40, 0.1));
    --_accent: var(--credit-color-accent, #4f46e5);
    --_on-accent: var(--credit-color-on-accent, #ffffff);
    --_warning: var(--credit-color-warning, #b45309);
    --_danger: var(--credit-color-danger, #c2410c);
    --_success: var(--credit-color-success, #15803d);
    --_focus: var(--credit-color-focus, #4f46e5);
    --_radius: var(--credit-radius, 10px);
    --_gap: var(--credit-gap, 1rem);
    --_c1: var(--credit-color-1, #4f46e5);
    --_c2: var(--credit-color-2, #0284c7);
    --_c3: var(--credit-color-3, #d97706);
    --_c4: var(--credit-color-4, #059669);
    --_c5: var(--credit-color-5, #ec4899);
    --_c6: var(--credit-color-6, #8b5cf6);
    --_c7: var(--credit-color-7, #ef4444);
    --_c8: var(--credit-color-8, #64748b);
    color-scheme: light;
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    color: var(--_text);
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  @media (forced-colors: active) {
    :host {
      --_text: CanvasText;
      --_muted: CanvasText;
      --_surface: Canvas;
      --_subtle: Canvas;
      --_border: CanvasText;
      --_accent: Highlight;
      --_on-accent: HighlightText;
      --_focus: Highlight;
      --_danger: CanvasText;
      --_warning: CanvasText;
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;

/** Pieces every panel uses: the card, state messages, buttons, skeletons. */
export const panelStyles = css`
  .panel {
    /* Fills a stretched grid cell, so cards in one dashboard row line up. */
    height: 100%;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_gap);
    min-width: 0;
  }
  .title {
    margin: 0 0 0.25rem;
    font-size: 1rem;
    font-weight: 600;
  }
  .muted {
    color: var(--_muted);
  }
  .message {
    display: grid;
    justify-items: start;
    gap: 0.5rem;
    padding: 1rem 0;
    color: var(--_muted);
  }
  .message.error {
    color: var(--_text);
  }
  .message.error strong {
    color: var(--_danger);
  }
  button {
    font: inherit;
    font-size: 0.875rem;
    color: var(--_text);
    background: var(--_subtle);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
    padding: 0.3rem 0.75rem;
    cursor: pointer;
  }
  button:hover {
    border-color: var(--_muted);
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .skeleton {
    display: block;
    border-radius: 6px;
    background: linear-gradient(90deg, var(--_subtle) 25%, var(--_border) 50%, var(--_subtle) 75%);
    background-size: 200% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
