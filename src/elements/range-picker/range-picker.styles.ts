import { css } from 'lit';

export const rangePickerStyles = css`
  .picker {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  [role='radiogroup'] {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 2px;
    padding: 2px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.7);
    background: var(--_subtle);
  }
  [role='radio'] {
    border: 0;
    background: transparent;
    border-radius: calc(var(--_radius) * 0.5);
    padding: 0.3rem 0.65rem;
    font-size: 0.85rem;
    color: var(--_muted);
    white-space: nowrap;
  }
  [role='radio'][aria-checked='true'] {
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 0 0 1px var(--_border);
    font-weight: 600;
  }
  .resolved {
    font-size: 0.85rem;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .custom {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
    width: 100%;
  }
  label {
    display: grid;
    gap: 0.2rem;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  input {
    font: inherit;
    font-size: 0.875rem;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.5);
    padding: 0.25rem 0.4rem;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    flex-basis: 100%;
    margin: 0;
    color: var(--_danger);
    font-size: 0.85rem;
  }
  button.apply {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
`;
