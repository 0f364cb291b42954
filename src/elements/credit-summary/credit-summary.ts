import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { forecast, type Forecast } from '../../core/forecast.js';
import { formatDate, formatDateRange, formatNumber, formatPercent, toUnit } from '../../core/format.js';
import { creditsBy } from '../../core/series.js';
import { eachDay, todayIn } from '../../core/time.js';
import { CreditElement, type LoadContext } from '../../base/credit-element.js';
import { fill } from '../../base/strings.js';
import type { AccountInfo } from '../../data/types.js';
import { creditSummaryStyles } from './credit-summary.styles.js';

/** Detail of `credit-threshold`. */
export interface CreditThresholdDetail {
  /** The threshold crossed, in percent. */
  threshold: number;
  /** Credits used in the period. */
  used: number;
  /** Credits at hand for the period (used + remaining). */
  total: number;
}

export interface SummaryData {
  account: AccountInfo;
  start: string;
  end: string;
  /** Credits at hand for the period: used in it + remaining now. */
  total: number;
  used: number;
  remaining: number;
  forecast: Forecast;
}

/** Fraction digits for an amount as displayed: none from 100 up, so big numbers stay short, some below so 0.4 does not read 0. */
function digitsFor(value: number): number {
  const size = Math.abs(value);
  return size === 0 || size >= 100 ? 0 : size >= 10 ? 1 : 2;
}

/** Thresholds when the attribute is not set. */
const DEFAULT_THRESHOLDS = '80 100';

/**
 * Total, used and remaining credits for the period, the burn rate, the
 * projected period total and the projected run-out date.
 *
 * The period is the range (the current billing month by default). "Total" is
 * what the organisation had for it: what was used in the period plus every
 * workspace's remaining balance now. The burn rate is the average per day
 * of the period so far (today counted as a whole day); the projections
 * continue it to the end of the period and until nothing is left. A period
 * that is over, or with nothing left, gets no projected total.
 *
 * @tagname credit-summary
 * @summary Credits used and remaining, burn rate and when credits run out at this pace.
 *
 * @fires credit-threshold - The share used reached a threshold: once per crossing (it fires again only after the share has dropped below it, e.g. for another range). Detail: `{ threshold, used, total }` (bubbles, composed).
 *
 * @csspart panel - The card.
 * @csspart alert - The message shown past a threshold.
 * @csspart stat - One figure (total, used, remaining, burn rate, projected total); `data-stat` names it.
 * @csspart value - The number of a figure.
 * @csspart unit - The unit under a figure's number.
 * @csspart meter - The percent-used bar.
 * @csspart forecast - The run-out sentence.
 * @csspart message - Empty and error messages.
 * @csspart retry - The Retry button.
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty [--credit-color-accent=#4f46e5] - The used part of the bar.
 * @cssproperty [--credit-color-warning=#b45309] - The bar and the message past the first threshold.
 * @cssproperty [--credit-color-danger=#c2410c] - The bar and the message past the last threshold, a run-out inside the period, errors.
 * @cssproperty [--credit-color-surface=#ffffff] - The card's background.
 * @cssproperty [--credit-color-subtle=#f6f8fa] - The bar's track.
 * @cssproperty [--credit-color-border=#d1d9e0] - Borders.
 * @cssproperty [--credit-color-text=#1f2328] - Text.
 * @cssproperty [--credit-color-muted=#59636e] - Secondary text.
 * @cssproperty [--credit-radius=10px] - Corner radius.
 * @cssproperty [--credit-gap=1rem] - Padding.
 * @cssproperty [--credit-font-family=inherit] - Font.
 */
export class CreditSummary extends CreditElement<SummaryData> {
  static override styles = [...CreditElement.styles, creditSummaryStyles];

  /** Thresholds in percent used, space- or comma-separated (`80 100`, `50, 90`). */
  @property() thresholds: string = DEFAULT_THRESHOLDS;

  /** `normal`, `warning` (past a threshold) or `danger` (past the last one), reflected; set by the element. */
  @property({ reflect: true }) level: 'normal' | 'warning' | 'danger' = 'normal';

  /** Thresholds reached and not yet receded below: each fires once per crossing. */
  readonly #crossed = new Set<number>();

  get #thresholds(): number[] {
    // Without the attribute (removed: Lit sets null), the default thresholds.
    const values = (this.thresholds ?? DEFAULT_THRESHOLDS)
      .split(/[\s,]+/)
      .map((t) => Number(t.replace(/%$/, '')))
      .filter((t) => Number.isFinite(t) && t > 0);
    return [...new Set(values)].sort((a, b) => a - b);
  }

  /** Percent used of what was at hand, or `undefined` while there is nothing to measure. */
  get #percentUsed(): number | undefined {
    const data = this.data.value;
    if (!data || this.state === 'error') return undefined;
    return data.total > 0 ? (data.used / data.total) * 100 : 0;
  }

  protected override async load({ source, account, range, timeZone, signal }: LoadContext): Promise<SummaryData> {
    const query = { start: range.start, end: range.end, granularity: 'day' as const };
    const [usage, allocation] = await Promise.all([source.queryUsage(query, signal), source.getAllocation(signal)]);
    const byDay = creditsBy(usage.rows, 'period');
    const dailyTotals = eachDay(range.start, range.end).map((d) => byDay.get(d) ?? 0);
    const used = usage.rows.reduce((s, r) => s + r.credits, 0);
    const remaining = Math.max(0, allocation.workspaces.reduce((s, w) => s + w.remaining, 0));
    const total = used + remaining;
    const f = forecast({ periodStart: range.start, periodEnd: range.end, today: todayIn(timeZone, this.currentTime), dailyTotals, remaining, total });
    return { account, start: range.start, end: range.end, total, used, remaining, forecast: f };
  }

  protected override isEmpty(data: SummaryData): boolean {
    return data.total === 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const percent = this.#percentUsed ?? 0;
    const all = this.#thresholds;
    const passed = all.filter((t) => percent >= t);
    this.level = passed.length === 0 ? 'normal' : passed.length === all.length ? 'danger' : 'warning';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const percent = this.#percentUsed;
    // While loading or failed the share is unknown: nothing was crossed or receded.
    if (percent === undefined) return;
    const data = this.data.value!;
    for (const threshold of this.#thresholds) {
      if (percent >= threshold && !this.#crossed.has(threshold)) {
        this.#crossed.add(threshold);
        this.emit<CreditThresholdDetail>('credit-threshold', { threshold, used: data.used, total: data.total });
      } else if (percent < threshold) {
        this.#crossed.delete(threshold);
      }
    }
  }

  protected override renderData(data: SummaryData): TemplateResult {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(data.account);
    const unitLabel = unit ? unit.label : t.credits;
    const number = (credits: number) => {
      const value = toUnit(credits, unit);
      return formatNumber(value, locale, { maximumFractionDigits: digitsFor(value) });
    };
    const f = data.forecast;
    // Nothing is projected for a period that is over, nor once nothing is left to use.
    const projecting = f.status === 'in-progress' && !f.exhausted;
    const usedShare = data.total > 0 ? data.used / data.total : 0;
    const projectedShare = data.total > 0 ? f.projectedTotal / data.total : 0;
    const usedText = fill(t.percentUsed, { percent: formatPercent(usedShare, locale) });
    const stat = (id: string, label: string, value: string, caption: string) =>
      html`<div class="stat" part="stat" data-stat=${id}>
        <dt>${label}</dt>
        <dd><span class="value" part="value">${value}</span> <span class="unit" part="unit">${caption}</span></dd>
      </div>`;
    const showProjection = projecting && projectedShare > usedShare;
    return html`
      <div class="head">
        <h2 class="title">${t.summaryTitle}</h2>
        <span class="period muted">${formatDateRange(data.start, data.end, locale, { year: true })}</span>
      </div>
      <div class="alert-region" role="status">${this.#renderAlert()}</div>
      <dl class="figures">
        ${stat('total', t.total, number(data.total), unitLabel)} ${stat('used', t.used, number(data.used), unitLabel)}
        ${stat('remaining', t.remaining, number(data.remaining), unitLabel)}
      </dl>
      <div
        class="meter"
        part="meter"
        role="meter"
        aria-label=${t.used}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${Math.round(Math.min(1, usedShare) * 100)}
        aria-valuetext=${usedText}
      >
        ${showProjection
          ? html`<span
              class="projected"
              style=${styleMap({ insetInlineStart: `${usedShare * 100}%`, width: `${(Math.min(1, projectedShare) - usedShare) * 100}%` })}
            ></span>`
          : nothing}
        <span class="used" style=${styleMap({ width: `${Math.min(1, usedShare) * 100}%` })}></span>
      </div>
      <div class="meter-label muted">
        <span>${usedText}</span>
        ${showProjection ? html`<span class="projected-label">${fill(t.percentProjected, { percent: formatPercent(projectedShare, locale) })}</span>` : nothing}
      </div>
      <dl class="figures pace">
        ${stat('burn-rate', t.burnRate, number(f.burnRate), fill(t.perDay, { value: unitLabel }))}
        ${projecting ? stat('projected', t.projectedTotal, number(f.projectedTotal), unitLabel) : nothing}
      </dl>
      ${this.#renderOutlook(data)}
    `;
  }

  /** The highest threshold reached, as a sentence. */
  #renderAlert(): TemplateResult | typeof nothing {
    const percent = this.#percentUsed;
    if (percent === undefined || this.level === 'normal') return nothing;
    const reached = this.#thresholds.filter((t) => percent >= t).pop()!;
    return html`<p class="alert" part="alert">${fill(this.text.thresholdCrossed, { percent: formatPercent(reached / 100, this.resolvedLocale) })}</p>`;
  }

  /** When credits run out at this pace; nothing for a period that is over (there is no pace to continue). */
  #renderOutlook(data: SummaryData): TemplateResult | typeof nothing {
    const t = this.text;
    const locale = this.resolvedLocale;
    const f = data.forecast;
    let sentence: string;
    let urgent = false;
    if (f.exhausted) {
      sentence = t.runOutExhausted;
      urgent = true;
    } else if (f.status === 'complete') {
      return nothing;
    } else if (data.used === 0) {
      sentence = t.noUsageYet;
    } else if (f.projectedRunOut && f.runsOutInPeriod) {
      sentence = fill(t.runOut, { date: formatDate(f.projectedRunOut, locale, 'day-month') });
      urgent = true;
    } else if (f.projectedRunOut) {
      sentence = fill(t.runOut, { date: formatDate(f.projectedRunOut, locale, 'medium') });
    } else {
      sentence = t.runOutNever;
    }
    return html`<p class=${urgent ? 'forecast urgent' : 'forecast'} part="forecast">${sentence}</p>`;
  }

  // Empty and error cards keep their heading, like every other panel.
  protected override renderEmpty() {
    return html`<h2 class="title" part="title">${this.text.summaryTitle}</h2>${super.renderEmpty()}`;
  }

  protected override renderError(error: unknown) {
    return html`<h2 class="title" part="title">${this.text.summaryTitle}</h2>${super.renderError(error)}`;
  }

  protected override renderSkeleton(): TemplateResult {
    return html`<span class="skeleton" style="width:30%;height:1.2rem"></span>
      <div class="skeleton-row">${[1, 2, 3].map(() => html`<span class="skeleton" style="height:3.6rem"></span>`)}</div>
      <span class="skeleton" style="height:0.6rem"></span>
      <div class="skeleton-row">${[1, 2].map(() => html`<span class="skeleton" style="height:2.4rem"></span>`)}</div>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'credit-threshold': CustomEvent<CreditThresholdDetail>;
  }
}
