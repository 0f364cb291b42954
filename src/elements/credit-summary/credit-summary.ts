import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { forecast, type Forecast } from '../../core/forecast.js';
import { formatCredits, formatDate, formatDateRange, formatPercent } from '../../core/format.js';
import { eachDay, todayIn } from '../../core/time.js';
import { CreditElement, type LoadContext } from '../../base/credit-element.js';
import { fill } from '../../base/strings.js';
import type { AccountInfo } from '../../data/types.js';
import { creditSummaryStyles } from './credit-summary.styles.js';

/** Detail of `credit-threshold`. */
export interface CreditThresholdDetail {
  /** The threshold crossed, in percent. */
  threshold: number;
  used: number;
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

/**
 * Total, used and remaining credits for the period, the burn rate, the
 * projected period total and the projected run-out date.
 *
 * The period is the range (the current billing month by default). "Total" is
 * what the organisation had for it: what was used in the period plus every
 * workspace's remaining balance now.
 *
 * @summary Credits used and remaining, burn rate and when credits run out at this pace.
 *
 * @fires credit-threshold - The share used crossed a threshold (once per crossing). Detail: `{ threshold, used, total }`.
 *
 * @csspart panel - The card.
 * @csspart meter - The percent-used bar.
 * @csspart forecast - The run-out sentence.
 * @csspart message - Empty and error messages.
 * @csspart retry - The Retry button.
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty [--credit-color-accent=#4f46e5] - The used part of the bar.
 * @cssproperty [--credit-color-warning=#b45309] - The bar past the first threshold.
 * @cssproperty [--credit-color-danger=#c2410c] - The bar past the last threshold, and errors.
 * @cssproperty [--credit-color-surface=#ffffff] - The card's background.
 * @cssproperty [--credit-color-border=#d1d9e0] - Borders.
 * @cssproperty [--credit-color-text=#1f2328] - Text.
 * @cssproperty [--credit-color-muted=#59636e] - Secondary text.
 * @cssproperty [--credit-radius=10px] - Corner radius.
 * @cssproperty [--credit-gap=1rem] - Padding.
 * @cssproperty [--credit-font-family=inherit] - Font.
 */
export class CreditSummary extends CreditElement<SummaryData> {
  static override styles = [...CreditElement.styles, creditSummaryStyles];

  /** Warning thresholds in percent used, space-separated. */
  @property() thresholds = '80 100';

  /** `normal`, `warning` (past a threshold) or `danger` (past the last one), reflected. */
  @property({ reflect: true }) level: 'normal' | 'warning' | 'danger' = 'normal';

  /** Thresholds crossed and not yet receded below: each fires once per crossing. */
  readonly #crossed = new Set<number>();

  get #thresholds(): number[] {
    return this.thresholds
      .split(/[\s,]+/)
      .map(Number)
      .filter((t) => Number.isFinite(t) && t > 0)
      .sort((a, b) => a - b);
  }

  protected override async load({ source, account, range, timeZone, signal }: LoadContext): Promise<SummaryData> {
    const query = { start: range.start, end: range.end, granularity: 'day' as const };
    const [usage, allocation] = await Promise.all([source.queryUsage(query, signal), source.getAllocation(signal)]);
    const byDay = new Map(usage.rows.map((r) => [r.period, r.credits]));
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
    const data = this.data.value;
    const ratio = data && data.total > 0 ? (data.used / data.total) * 100 : 0;
    const passed = this.#thresholds.filter((t) => ratio >= t);
    const all = this.#thresholds;
    this.level = passed.length === 0 ? 'normal' : passed.length === all.length ? 'danger' : 'warning';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const data = this.data.value;
    if (!data || this.state !== 'ready') return;
    const percent = data.total > 0 ? (data.used / data.total) * 100 : 0;
    for (const threshold of this.#thresholds) {
      if (percent >= threshold && !this.#crossed.has(threshold)) {
        this.#crossed.add(threshold);
        this.emit<CreditThresholdDetail>('credit-threshold', { threshold, used: data.used, total: data.total });
      } else if (percent < threshold) {
        this.#crossed.delete(threshold);
      }
    }
  }

  protected override renderData(data: SummaryData) {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(data.account);
    const credits = (v: number) => formatCredits(v, { locale, unit, maximumFractionDigits: 0 });
    const f = data.forecast;
    const usedShare = data.total > 0 ? Math.min(1, data.used / data.total) : 0;
    const projectedShare = data.total > 0 ? Math.min(1, f.projectedTotal / data.total) : 0;
    const period = formatDateRange(data.start, data.end, locale, { year: true });
    let outlook: string;
    if (f.exhausted) outlook = t.runOutExhausted;
    else if (data.used === 0) outlook = t.noUsageYet;
    else if (f.projectedRunOut && f.runsOutInPeriod) outlook = fill(t.runOut, { date: formatDate(f.projectedRunOut, locale, 'day-month') });
    else if (f.projectedRunOut && f.status !== 'complete') outlook = fill(t.runOut, { date: formatDate(f.projectedRunOut, locale, 'medium') });
    else outlook = t.runOutNever;
    return html`
      <div class="head">
        <h2 class="title">${t.summaryTitle}</h2>
        <span class="period">${period}</span>
      </div>
      <dl>
        <div><dt>${t.total}</dt><dd>${credits(data.total)}</dd></div>
        <div><dt>${t.used}</dt><dd>${credits(data.used)}</dd></div>
        <div><dt>${t.remaining}</dt><dd>${credits(data.remaining)}</dd></div>
        <div><dt>${t.burnRate}</dt><dd>${fill(t.perDay, { value: credits(f.burnRate) })}</dd></div>
        ${f.status === 'in-progress'
          ? html`<div><dt>${t.projectedTotal}</dt><dd>${credits(f.projectedTotal)}</dd></div>`
          : nothing}
      </dl>
      <div
        class="meter"
        part="meter"
        role="meter"
        aria-label=${t.used}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${Math.round(usedShare * 100)}
        aria-valuetext=${fill(t.percentUsed, { percent: formatPercent(usedShare, locale) })}
      >
        ${f.status === 'in-progress' && projectedShare > usedShare
          ? html`<span class="projected" style="inset-inline-start:${usedShare * 100}%;width:${(projectedShare - usedShare) * 100}%"></span>`
          : nothing}
        <span class="used" style="width:${usedShare * 100}%"></span>
      </div>
      <div class="meter-label">
        <span>${fill(t.percentUsed, { percent: formatPercent(usedShare, locale) })}</span>
        <span>${credits(data.used)} / ${credits(data.total)}</span>
      </div>
      <p class="forecast" part="forecast" role=${this.level === 'normal' ? nothing : 'status'}>${outlook}</p>
    `;
  }

  protected override renderSkeleton() {
    return html`<span class="skeleton" style="width:40%;height:1.2rem"></span>
      <div class="skeleton-row">
        ${[1, 2, 3, 4].map(() => html`<span class="skeleton" style="height:2.6rem"></span>`)}
      </div>
      <span class="skeleton" style="height:0.6rem"></span>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'credit-threshold': CustomEvent<CreditThresholdDetail>;
  }
}
