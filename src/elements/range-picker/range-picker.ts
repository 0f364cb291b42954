import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { formatDate, formatDateRange, formatNumber } from '../../core/format.js';
import {
  DEFAULT_RANGE_PRESET,
  formatRangeValue,
  MAX_RANGE_DAYS,
  parseRangeValue,
  RANGE_PRESETS,
  validateCustomRange,
  type CustomRangeError,
  type RangeContext,
  type RangePreset,
  type ResolvedRange,
} from '../../core/ranges.js';
import { isValidTimeZone, todayIn } from '../../core/time.js';
import { CreditBase, loadAccount } from '../../base/credit-element.js';
import { fill, type CreditStrings } from '../../base/strings.js';
import { rangePickerStyles } from './range-picker.styles.js';

/** Detail of `range-change`: inclusive dates in the account time zone. */
export interface RangeChangeDetail {
  start: string;
  end: string;
  preset: RangePreset;
}

const ALL_PRESETS: readonly RangePreset[] = [...RANGE_PRESETS, 'custom'];

const PRESET_LABEL: Record<RangePreset, keyof CreditStrings> = {
  '7d': 'preset7d',
  '14d': 'preset14d',
  '30d': 'preset30d',
  '90d': 'preset90d',
  'billing-month': 'presetBillingMonth',
  'previous-billing-month': 'presetPreviousBillingMonth',
  custom: 'presetCustom',
};

const ERROR_TEXT: Record<CustomRangeError, keyof CreditStrings> = {
  'invalid-start': 'rangeInvalidDate',
  'invalid-end': 'rangeInvalidDate',
  'start-after-end': 'rangeStartAfterEnd',
  'too-long': 'rangeTooLong',
  'in-future': 'rangeInFuture',
};

/** Which input a validation error is about. */
const ERROR_FIELDS: Record<CustomRangeError, { start: boolean; end: boolean }> = {
  'invalid-start': { start: true, end: false },
  'invalid-end': { start: false, end: true },
  'start-after-end': { start: true, end: true },
  'too-long': { start: true, end: true },
  'in-future': { start: false, end: true },
};

const MOVES: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * Chooses the dashboard's date range: presets and a custom range, with every
 * day boundary in the account time zone.
 *
 * Keyboard: Tab reaches the chosen preset; the arrow keys (reversed
 * left/right in right-to-left text), Home and End move between presets
 * without applying them; Enter or Space applies the focused one (the
 * toolbar pattern, so browsing the presets does not load a range per key
 * press). In the custom form Enter applies and Escape closes it.
 *
 * Inside a `<credit-dashboard>` the time zone, billing cycle day and range
 * come from the dashboard and its account, and the dashboard takes the
 * range from `range-change`.
 *
 * @tagname range-picker
 * @summary Date range presets (7, 14, 30, 90 days, billing months) and a validated custom range.
 *
 * @fires range-change - A range was applied. Detail: `{ start, end, preset }`, inclusive `YYYY-MM-DD` dates in the time zone (bubbles, composed, not cancelable). Never fired for an invalid custom range, nor when the applied range is the one already shown.
 *
 * @csspart presets - The group of preset buttons.
 * @csspart preset - One preset button (`preset selected` when chosen).
 * @csspart resolved - The chosen dates, formatted for the locale.
 * @csspart custom - The custom range form.
 * @csspart input - A date input of the custom range.
 * @csspart apply - The Apply button of the custom range.
 * @csspart error - The validation message of the custom range.
 *
 * @cssproperty [--credit-color-accent=#4f46e5] - The Apply button.
 * @cssproperty [--credit-color-danger=#c2410c] - Validation messages.
 * @cssproperty [--credit-color-border=#d1d9e0] - Borders.
 * @cssproperty [--credit-color-subtle=#f6f8fa] - The background of the preset group.
 * @cssproperty [--credit-radius=10px] - Corner radius.
 */
export class RangePicker extends CreditBase {
  static override styles = [...CreditBase.styles, rangePickerStyles];

  /** The range: a preset (`30d`, `billing-month`, …) or `YYYY-MM-DD/YYYY-MM-DD`. Default: the dashboard's, else the current billing month. Set by the picker when a range is applied. */
  @property({ reflect: true }) value?: string;

  /** Which presets to offer, space- or comma-separated, among `7d 14d 30d 90d billing-month previous-billing-month custom` (default: all). */
  @property() presets?: string;

  /** The longest custom range allowed, in days (default 3660). */
  @property({ attribute: 'max-days', type: Number }) maxDays?: number;

  /** Day of the month billing periods start, 1–31 (default: the account's, else 1). */
  @property({ attribute: 'billing-cycle-day', type: Number }) billingCycleDay?: number;

  /** The current instant (epoch ms), for tests and demos that pin "today". */
  @property({ attribute: false }) now?: number;

  @state() private customOpen = false;
  @state() private customStart = '';
  @state() private customEnd = '';
  @state() private customError?: CustomRangeError;
  /** The preset keyboard focus moved to; `undefined` while the focus is elsewhere (then Tab lands on the chosen one). */
  @state() private roving?: number;

  @query('input[name="start"]') private startInput?: HTMLInputElement;

  /** The dashboard's range at the last update, to notice when it changes. */
  #dashboardRange?: string;

  /** The account, when no time zone and cycle day were given and a source is at hand. */
  readonly #account = new Task(this, {
    task: async ([source], { signal }) => (source ? loadAccount(source, signal) : undefined),
    args: () => [this.dashboard?.account || (this.timeZone && this.billingCycleDay) ? undefined : this.source] as const,
  });

  get #accountInfo() {
    return this.dashboard?.account ?? this.#account.value;
  }

  get #timeZone(): string {
    const wanted = [this.timeZone, this.dashboard?.timeZone, this.#accountInfo?.timeZone];
    // A misspelt zone must not take the picker down: the next one in line is used.
    return wanted.find((zone) => isValidTimeZone(zone)) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  get #cycleDay(): number {
    const wanted = [this.billingCycleDay, this.#accountInfo?.billingCycleDay];
    return wanted.find((day) => Number.isInteger(day) && day! >= 1 && day! <= 31) ?? 1;
  }

  /** The pinned instant (own or the dashboard's), else undefined for "now". */
  get #now(): number | undefined {
    return this.now ?? this.dashboard?.now;
  }

  get #context(): RangeContext {
    return { timeZone: this.#timeZone, billingCycleDay: this.#cycleDay, now: this.#now };
  }

  /** Dates depend on the account's time zone and cycle day: until they are known, none are shown. */
  get #waitingForAccount(): boolean {
    const given = this.timeZone && this.billingCycleDay;
    return !given && !this.#accountInfo && this.source !== undefined && !this.#account.error;
  }

  get #offered(): RangePreset[] {
    if (!this.presets) return [...ALL_PRESETS];
    const wanted = this.presets.split(/[\s,]+/).filter(Boolean);
    return ALL_PRESETS.filter((p) => wanted.includes(p));
  }

  /** The range the picker shows, resolved in the time zone (an unreadable `value` shows the default). */
  get resolved(): ResolvedRange {
    const value = this.value ?? this.dashboard?.range ?? DEFAULT_RANGE_PRESET;
    try {
      return parseRangeValue(value, this.#context);
    } catch {
      return parseRangeValue(DEFAULT_RANGE_PRESET, this.#context);
    }
  }

  get #selected(): RangePreset {
    return this.customOpen ? 'custom' : this.resolved.preset;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The dashboard's range changed from elsewhere (its `range` set by the
    // host): follow it, so an earlier pick here does not hide it.
    const dashboardRange = this.dashboard?.range;
    if (this.#dashboardRange !== undefined && dashboardRange !== undefined && dashboardRange !== this.#dashboardRange && this.value !== undefined) {
      this.value = dashboardRange;
    }
    this.#dashboardRange = dashboardRange;
    const count = this.#offered.length;
    if (this.roving !== undefined && this.roving >= count) this.roving = count > 0 ? count - 1 : undefined;
  }

  protected override render() {
    const t = this.text;
    const locale = this.resolvedLocale;
    const offered = this.#offered;
    const selected = this.#selected;
    const chosen = offered.indexOf(selected);
    const tabbable = this.roving ?? (chosen >= 0 ? chosen : 0);
    const range = this.resolved;
    return html`<div class="picker">
      <div role="radiogroup" part="presets" aria-label=${t.rangeLabel} @keydown=${this.#onKeydown} @focusout=${this.#onFocusout}>
        ${offered.map(
          (preset, i) => html`<button
            type="button"
            role="radio"
            part=${preset === selected ? 'preset selected' : 'preset'}
            data-preset=${preset}
            aria-checked=${preset === selected ? 'true' : 'false'}
            tabindex=${i === tabbable ? 0 : -1}
            @click=${() => this.#choose(preset)}
          >
            ${t[PRESET_LABEL[preset]]}
          </button>`,
        )}
      </div>
      <span class="resolved" part="resolved" aria-live="polite"
        >${this.#waitingForAccount ? nothing : formatDateRange(range.start, range.end, locale, { year: true })}</span
      >
      ${this.customOpen ? this.#renderCustom() : nothing}
    </div>`;
  }

  #renderCustom() {
    const t = this.text;
    const today = todayIn(this.#timeZone, this.#now);
    const error = this.customError;
    const fields = error ? ERROR_FIELDS[error] : { start: false, end: false };
    const input = (field: 'start' | 'end', label: string, value: string) =>
      html`<label
        >${label}
        <input
          part="input"
          name=${field}
          type="date"
          max=${today}
          .value=${value}
          aria-invalid=${fields[field] ? 'true' : 'false'}
          aria-describedby=${fields[field] ? 'range-error' : nothing}
          @input=${(e: Event) => this.#edit(field, (e.target as HTMLInputElement).value)}
      /></label>`;
    return html`<form class="custom" part="custom" novalidate @submit=${this.#applyCustom} @keydown=${this.#onFormKeydown}>
      ${input('start', t.customStart, this.customStart)} ${input('end', t.customEnd, this.customEnd)}
      <button class="apply" part="apply" type="submit">${t.apply}</button>
      ${error ? html`<p id="range-error" class="error" part="error" role="alert">${this.#errorText(error)}</p>` : nothing}
    </form>`;
  }

  #errorText(error: CustomRangeError): string {
    const locale = this.resolvedLocale;
    return fill(this.text[ERROR_TEXT[error]], {
      max: formatNumber(this.#maxDays, locale),
      today: formatDate(todayIn(this.#timeZone, this.#now), locale, 'medium'),
    });
  }

  get #maxDays(): number {
    const max = this.maxDays;
    return typeof max === 'number' && Number.isInteger(max) && max >= 1 ? Math.min(max, MAX_RANGE_DAYS) : MAX_RANGE_DAYS;
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const count = this.#offered.length;
    if (count === 0) return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
    const current = Math.max(0, buttons.indexOf(event.target as HTMLButtonElement));
    let next: number | undefined;
    if (event.key in MOVES) {
      const horizontal = event.key === 'ArrowRight' || event.key === 'ArrowLeft';
      const step = horizontal && getComputedStyle(this).direction === 'rtl' ? -MOVES[event.key] : MOVES[event.key];
      next = (current + step + count) % count;
    } else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    if (next === undefined) return;
    event.preventDefault();
    this.roving = next;
    buttons[next]?.focus();
  }

  /** Once the focus leaves the presets, Tab returns to the chosen one. */
  #onFocusout(event: FocusEvent): void {
    const group = event.currentTarget as HTMLElement;
    if (!group.contains(event.relatedTarget as Node | null)) this.roving = undefined;
  }

  #onFormKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.#closeCustom();
  }

  #closeCustom(): void {
    this.customOpen = false;
    this.customError = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('[data-preset="custom"]')?.focus());
  }

  #choose(preset: RangePreset): void {
    this.roving = undefined;
    if (preset === 'custom') {
      const current = this.resolved;
      this.customStart = current.start;
      this.customEnd = current.end;
      this.customError = undefined;
      this.customOpen = true;
      void this.updateComplete.then(() => this.startInput?.focus());
      return;
    }
    this.customOpen = false;
    this.customError = undefined;
    this.#apply(preset);
  }

  #edit(field: 'start' | 'end', value: string): void {
    if (field === 'start') this.customStart = value;
    else this.customEnd = value;
    // Once a message shows, it follows the corrections as they are typed.
    if (this.customError) {
      const result = this.#validate();
      this.customError = result.ok ? undefined : result.error;
    }
  }

  #validate() {
    return validateCustomRange(this.customStart, this.customEnd, { timeZone: this.#timeZone, maxDays: this.#maxDays, now: this.#now });
  }

  #applyCustom(event: Event): void {
    event.preventDefault();
    const result = this.#validate();
    if (!result.ok) {
      this.customError = result.error;
      return;
    }
    this.#apply(formatRangeValue(result.range));
    this.#closeCustom();
  }

  /** Shows the range and announces it, unless it is the one already shown. */
  #apply(value: string): void {
    const before = this.resolved;
    this.value = value;
    const after = this.resolved;
    if (after.start === before.start && after.end === before.end && after.preset === before.preset) return;
    this.emit<RangeChangeDetail>('range-change', { start: after.start, end: after.end, preset: after.preset });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'range-change': CustomEvent<RangeChangeDetail>;
  }
}
