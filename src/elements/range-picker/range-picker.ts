import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, queryAll, state } from 'lit/decorators.js';
import { formatDateRange } from '../../core/format.js';
import {
  DEFAULT_RANGE_PRESET,
  parseRangeValue,
  RANGE_PRESETS,
  validateCustomRange,
  type RangePreset,
  type ResolvedRange,
} from '../../core/ranges.js';
import { todayIn } from '../../core/time.js';
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

/**
 * Chooses the dashboard's date range: presets and a custom range, with every
 * day boundary in the account time zone.
 *
 * @summary Date range presets (7, 14, 30, 90 days, billing months) and a validated custom range.
 *
 * @fires range-change - A range was chosen. Detail: `{ start, end, preset }` (bubbles, composed).
 *
 * @csspart presets - The group of preset buttons.
 * @csspart preset - One preset button (`preset selected` when chosen).
 * @csspart resolved - The chosen dates, formatted for the locale.
 * @csspart custom - The custom range form.
 * @csspart error - The validation message of the custom range.
 *
 * @cssproperty [--credit-color-accent=#4f46e5] - The Apply button.
 * @cssproperty [--credit-color-danger=#c2410c] - Validation messages.
 * @cssproperty [--credit-color-border=#d1d9e0] - Borders.
 * @cssproperty [--credit-radius=10px] - Corner radius.
 */
export class RangePicker extends CreditBase {
  static override styles = [...CreditBase.styles, rangePickerStyles];

  /** The range: a preset (`30d`, `billing-month`, …) or `YYYY-MM-DD/YYYY-MM-DD`. Default: the dashboard's, else the current billing month. */
  @property({ reflect: true }) value?: string;

  /** Which presets to offer, space- or comma-separated (default: all, and `custom`). */
  @property() presets?: string;

  /** The longest custom range allowed, in days. */
  @property({ attribute: 'max-days', type: Number }) maxDays?: number;

  /** Day of the month billing periods start (default: the account's). */
  @property({ attribute: 'billing-cycle-day', type: Number }) billingCycleDay?: number;

  /** The current instant (epoch ms), for tests and demos that pin "today". */
  @property({ attribute: false }) now?: number;

  @state() private customOpen = false;
  @state() private customStart = '';
  @state() private customEnd = '';
  @state() private customError = '';
  @state() private focusIndex = 0;

  @queryAll('[role="radio"]') private presetButtons!: NodeListOf<HTMLButtonElement>;
  @query('input[name="start"]') private startInput?: HTMLInputElement;

  /** The account, when no time zone and cycle day were given and a source is at hand. */
  readonly #account = new Task(this, {
    task: async ([source], { signal }) => (source ? loadAccount(source, signal) : undefined),
    args: () => [this.dashboard?.account || (this.timeZone && this.billingCycleDay) ? undefined : this.source] as const,
  });

  get #timeZone(): string {
    return this.timeZone ?? this.dashboard?.timeZone ?? this.#accountInfo?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  get #cycleDay(): number {
    return this.billingCycleDay ?? this.#accountInfo?.billingCycleDay ?? 1;
  }

  get #accountInfo() {
    return this.dashboard?.account ?? this.#account.value;
  }

  get #offered(): RangePreset[] {
    if (!this.presets) return [...ALL_PRESETS];
    const wanted = this.presets.split(/[\s,]+/).filter(Boolean);
    return ALL_PRESETS.filter((p) => wanted.includes(p));
  }

  get #context() {
    return { timeZone: this.#timeZone, billingCycleDay: this.#cycleDay, now: this.now ?? this.dashboard?.now };
  }

  /** The range the picker shows, resolved in the time zone. */
  get resolved(): ResolvedRange {
    const value = this.value ?? this.dashboard?.range ?? DEFAULT_RANGE_PRESET;
    try {
      return parseRangeValue(value, this.#context);
    } catch {
      return parseRangeValue(DEFAULT_RANGE_PRESET, this.#context);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('value') || changed.has('presets')) {
      const index = this.#offered.indexOf(this.customOpen ? 'custom' : this.resolved.preset);
      if (index >= 0) this.focusIndex = index;
    }
  }

  protected override render() {
    const range = this.resolved;
    const offered = this.#offered;
    const selected = this.customOpen ? 'custom' : range.preset;
    const t = this.text;
    const locale = this.resolvedLocale;
    return html`<div class="picker">
      <div role="radiogroup" part="presets" aria-label=${t.rangeLabel} @keydown=${this.#onKeydown}>
        ${offered.map(
          (preset, i) => html`<button
            type="button"
            role="radio"
            part=${preset === selected ? 'preset selected' : 'preset'}
            data-preset=${preset}
            aria-checked=${preset === selected ? 'true' : 'false'}
            tabindex=${i === this.focusIndex ? 0 : -1}
            @click=${() => this.#choose(preset)}
          >
            ${t[PRESET_LABEL[preset]]}
          </button>`,
        )}
      </div>
      <span class="resolved" part="resolved" aria-live="polite">${formatDateRange(range.start, range.end, locale, { year: true })}</span>
      ${this.customOpen ? this.#renderCustom() : nothing}
    </div>`;
  }

  #renderCustom() {
    const t = this.text;
    const today = todayIn(this.#timeZone, this.#context.now);
    const invalid = this.customError !== '';
    return html`<form class="custom" part="custom" novalidate @submit=${this.#applyCustom}>
      <label>${t.customStart}
        <input name="start" type="date" max=${today} .value=${this.customStart} aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${invalid ? 'range-error' : nothing}
          @input=${(e: Event) => (this.customStart = (e.target as HTMLInputElement).value)} />
      </label>
      <label>${t.customEnd}
        <input name="end" type="date" max=${today} .value=${this.customEnd} aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${invalid ? 'range-error' : nothing}
          @input=${(e: Event) => (this.customEnd = (e.target as HTMLInputElement).value)} />
      </label>
      <button class="apply" type="submit">${t.apply}</button>
      ${invalid ? html`<p id="range-error" class="error" part="error" role="alert">${this.customError}</p>` : nothing}
    </form>`;
  }

  #onKeydown(event: KeyboardEvent): void {
    const count = this.#offered.length;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let next: number | undefined;
    if (event.key in moves) {
      const rtl = getComputedStyle(this).direction === 'rtl' && (event.key === 'ArrowRight' || event.key === 'ArrowLeft');
      next = (this.focusIndex + (rtl ? -moves[event.key] : moves[event.key]) + count) % count;
    } else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    if (next === undefined) return;
    event.preventDefault();
    this.focusIndex = next;
    void this.updateComplete.then(() => this.presetButtons[next!]?.focus());
  }

  #choose(preset: RangePreset): void {
    this.focusIndex = this.#offered.indexOf(preset);
    if (preset === 'custom') {
      const current = this.resolved;
      this.customStart = current.start;
      this.customEnd = current.end;
      this.customError = '';
      this.customOpen = true;
      void this.updateComplete.then(() => this.startInput?.focus());
      return;
    }
    this.customOpen = false;
    this.customError = '';
    this.value = preset;
    this.#emit(this.resolved);
  }

  #applyCustom(event: Event): void {
    event.preventDefault();
    const t = this.text;
    const result = validateCustomRange(this.customStart, this.customEnd, {
      timeZone: this.#timeZone,
      maxDays: this.maxDays,
      now: this.#context.now,
    });
    if (!result.ok) {
      const today = todayIn(this.#timeZone, this.#context.now);
      const messages: Record<string, string> = {
        'invalid-start': t.rangeInvalidDate,
        'invalid-end': t.rangeInvalidDate,
        'start-after-end': t.rangeStartAfterEnd,
        'too-long': fill(t.rangeTooLong, { max: this.maxDays ?? 3660 }),
        'in-future': fill(t.rangeInFuture, { today }),
      };
      this.customError = messages[result.error] ?? result.message;
      return;
    }
    this.customError = '';
    this.value = `${result.range.start}/${result.range.end}`;
    this.#emit({ ...result.range, preset: 'custom' });
  }

  #emit(range: ResolvedRange): void {
    this.emit<RangeChangeDetail>('range-change', { start: range.start, end: range.end, preset: range.preset });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'range-change': CustomEvent<RangeChangeDetail>;
  }
}
