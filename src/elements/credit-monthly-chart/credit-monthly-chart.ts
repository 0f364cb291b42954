import type { ChartConfiguration, ChartType, Plugin, TooltipItem } from 'chart.js';
import { html, nothing, type TemplateResult } from 'lit';
import { tooltipStyle, type ChartTheme } from '../../base/chart-controller.js';
import { ChartPanel, type PanelTable } from '../../base/chart-panel.js';
import { focusFilter, reasonLabel, workspaceName, type LoadContext } from '../../base/credit-element.js';
import { fill } from '../../base/strings.js';
import type { ResolvedRange } from '../../core/ranges.js';
import { monthProjection, type PeriodStatus } from '../../core/forecast.js';
import { formatCredits, formatDateRange, formatMonth, formatNumber, roundForExport, toUnit, unitHeading } from '../../core/format.js';
import { periodsOf, pivot } from '../../core/series.js';
import { billingPeriodOf, formatDay, parseDay, shiftBillingPeriod, todayIn } from '../../core/time.js';
import type { AccountInfo } from '../../data/types.js';
import { creditMonthlyChartStyles } from './credit-monthly-chart.styles.js';

/** How many billing months the chart shows, the current one included. */
const MONTHS = 12;

export interface MonthlyBar {
  /** The billing period's key, `YYYY-MM` of the month it starts in. */
  key: string;
  start: string;
  end: string;
  /** Credits used in the period. */
  credits: number;
}

export interface MonthlyData {
  account: AccountInfo;
  /** First day of the oldest month shown. */
  start: string;
  /** Last day of the current month. */
  end: string;
  /** The twelve billing months, oldest first; the last is the current one. */
  months: MonthlyBar[];
  /** The current month's projection: `projectedRemainder` is what the rest of it adds at the current pace. */
  projection: { status: PeriodStatus; used: number; projectedRemainder: number; projectedTotal: number };
  /** Labels of the dashboard focus the data is filtered to (empty when unfiltered). */
  filters: string[];
}

/** Whether a month is over the allowance, or (the current one) on course to be. */
type AllowanceStatus = 'over' | 'projected-over' | 'within' | undefined;

/**
 * The last twelve billing months as bars against the monthly allowance.
 *
 * Billing months start on the account's billing cycle day. The current
 * month shows what is used so far plus, as a lighter hatched segment, what
 * the rest of the month adds at the current daily pace. Months over the
 * allowance are drawn in the danger colour and marked in the tooltip and
 * the table.
 *
 * The chart always covers the twelve billing months up to the current one:
 * it ignores the `range` (its own and the dashboard's). Inside a dashboard
 * it follows the focus on a workspace or a reason as a filter; while
 * filtered it leaves out the allowance, which covers the whole account.
 *
 * @tagname credit-monthly-chart
 * @summary Credits per billing month over the last 12 months against the monthly allowance, with the current month's projection.
 *
 * @csspart panel - The card.
 * @csspart title - The heading.
 * @csspart summary - The one-sentence text summary.
 * @csspart actions - The table toggle and export menu.
 * @csspart table-toggle - The Show/Hide table button.
 * @csspart export - The export menu.
 * @csspart legend - The key to the bar colours and the allowance line.
 * @csspart chart - The chart's box.
 * @csspart table - The data-table alternative.
 * @csspart message - Empty and error messages.
 * @csspart retry - The Retry button.
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty [--credit-color-1=#4f46e5] - The bars (and the projection's hatching).
 * @cssproperty [--credit-color-danger=#c2410c] - Months over the allowance.
 * @cssproperty [--credit-color-text=#1f2328] - Text and the allowance line.
 * @cssproperty [--credit-color-muted=#59636e] - Axis labels and secondary text.
 * @cssproperty [--credit-color-grid=rgba(31, 35, 40, 0.1)] - Grid lines.
 * @cssproperty [--credit-color-surface=#ffffff] - The card's background.
 * @cssproperty [--credit-color-border=#d1d9e0] - Borders.
 * @cssproperty [--credit-chart-height=260px] - The chart's height.
 * @cssproperty [--credit-radius=10px] - Corner radius.
 * @cssproperty [--credit-gap=1rem] - Padding.
 * @cssproperty [--credit-font-family=inherit] - Font.
 */
export class CreditMonthlyChart extends ChartPanel<MonthlyData> {
  static override styles = [...ChartPanel.styles, creditMonthlyChartStyles];

  /** Its twelve months do not depend on the range: a range change leaves it alone. */
  protected override get followsRange(): boolean {
    return false;
  }

  /** Twelve billing months up to the current one, whatever the range says. */
  protected override resolveRange(account: AccountInfo, timeZone: string): ResolvedRange {
    const cycle = account.billingCycleDay;
    const current = billingPeriodOf(parseDay(todayIn(timeZone, this.currentTime)), cycle);
    const first = shiftBillingPeriod(current, -(MONTHS - 1), cycle);
    return { start: formatDay(first.start), end: formatDay(current.end), preset: 'custom' };
  }

  protected override loadArgs(): readonly unknown[] {
    return [this.dashboardFocus.workspace, this.dashboardFocus.reason];
  }

  protected override async load({ source, account, range, timeZone, selection, signal }: LoadContext): Promise<MonthlyData> {
    const filter = focusFilter(selection);
    const [usage, focusedName] = await Promise.all([
      source.queryUsage({ start: range.start, end: range.end, granularity: 'month', ...(filter ? { filter } : {}) }, signal),
      selection.workspace ? workspaceName(source, selection.workspace, signal) : undefined,
    ]);

    const cycle = account.billingCycleDay;
    const periods = periodsOf(range.start, range.end, 'month', cycle);
    const totals = pivot(usage.rows, periods).totals;
    let period = billingPeriodOf(parseDay(range.start), cycle);
    const months: MonthlyBar[] = periods.map((key, i) => {
      if (i > 0) period = shiftBillingPeriod(period, 1, cycle);
      return { key, start: formatDay(period.start), end: formatDay(period.end), credits: totals[i] };
    });
    const current = months[months.length - 1];
    const projection = monthProjection({
      periodStart: current.start,
      periodEnd: current.end,
      today: todayIn(timeZone, this.currentTime),
      usedSoFar: current.credits,
    });

    const filters: string[] = [];
    if (selection.workspace) filters.push(focusedName ?? selection.workspace);
    if (selection.reason) filters.push(reasonLabel(account, selection.reason));
    return { account, start: range.start, end: range.end, months, projection, filters };
  }

  protected override isEmpty(data: MonthlyData): boolean {
    return data.months.every((m) => m.credits === 0);
  }

  protected override panelTitle(): string {
    return this.text.monthlyTitle;
  }

  protected override exportName(): string {
    return 'monthly-credits';
  }

  /** The allowance to compare with; none while filtered, as it covers the whole account, not one workspace or reason. */
  #allowance(data: MonthlyData): number | undefined {
    const a = data.account.monthlyAllowance;
    return a !== undefined && a > 0 && data.filters.length === 0 ? a : undefined;
  }

  #status(data: MonthlyData, index: number): AllowanceStatus {
    const allowance = this.#allowance(data);
    if (allowance === undefined) return undefined;
    const month = data.months[index];
    if (month.credits > allowance) return 'over';
    const isCurrent = index === data.months.length - 1;
    if (isCurrent && data.projection.projectedRemainder > 0 && data.projection.projectedTotal > allowance) return 'projected-over';
    return 'within';
  }

  /** The current month's projection is drawn in the danger colour: it is (or will end) over the allowance. */
  #projectionOver(data: MonthlyData): boolean {
    const status = this.#status(data, data.months.length - 1);
    return status === 'over' || status === 'projected-over';
  }

  /** The remainder projected for the current month, when it is in progress. */
  #remainder(data: MonthlyData): number {
    return data.projection.status === 'in-progress' ? data.projection.projectedRemainder : 0;
  }

  protected override textSummary(data: MonthlyData): string {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(data.account);
    const credits = (v: number) => formatCredits(v, { locale, unit, maximumFractionDigits: 0 });
    const peak = data.months.reduce((best, m) => (m.credits > best.credits ? m : best), data.months[0]);
    const parts = [
      fill(t.monthlySummary, {
        Unit: this.unitTitle(data.account),
        start: formatMonth(data.months[0].key, locale),
        end: formatMonth(data.months[data.months.length - 1].key, locale),
        total: credits(data.months.reduce((s, m) => s + m.credits, 0)),
        peak: formatMonth(peak.key, locale),
        peakValue: credits(peak.credits),
      }),
    ];
    const allowance = this.#allowance(data);
    if (allowance !== undefined) {
      const over = data.months.filter((_, i) => this.#status(data, i) === 'over').length;
      parts.push(fill(t.monthlySummaryOver, { allowance: credits(allowance), count: formatNumber(over, locale) }));
    }
    if (this.#remainder(data) > 0) {
      parts.push(fill(t.monthlySummaryProjection, { used: credits(data.projection.used), projected: credits(data.projection.projectedTotal) }));
    }
    if (data.filters.length) parts.push(this.filteredNote(data.filters));
    return parts.join(' ');
  }

  protected override renderAboveChart(data: MonthlyData): TemplateResult {
    const t = this.text;
    const allowance = this.#allowance(data);
    const unit = this.displayUnit(data.account);
    const anyOver = data.months.some((_, i) => {
      const s = this.#status(data, i);
      return s === 'over' || s === 'projected-over';
    });
    return html`<ul class="legend" part="legend">
      <li><span class="swatch" aria-hidden="true"></span>${t.monthlyUsed}</li>
      ${this.#remainder(data) > 0
        ? html`<li><span class="swatch projected ${this.#projectionOver(data) ? 'over' : ''}" aria-hidden="true"></span>${t.monthlyProjected}</li>`
        : nothing}
      ${anyOver ? html`<li><span class="swatch over" aria-hidden="true"></span>${t.monthlyOverAllowance}</li>` : nothing}
      ${allowance !== undefined
        ? html`<li>
            <span class="swatch allowance" aria-hidden="true"></span>
            ${fill(t.monthlyAllowanceValue, { value: formatCredits(allowance, { locale: this.resolvedLocale, unit, maximumFractionDigits: 0 }) })}
          </li>`
        : nothing}
    </ul>`;
  }

  protected override table(data: MonthlyData): PanelTable {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(data.account);
    const allowance = this.#allowance(data);
    const remainder = this.#remainder(data);
    const last = data.months.length - 1;
    const number = (v: number) => formatNumber(toUnit(v, unit), locale, { maximumFractionDigits: 0 });
    const statusText = (s: AllowanceStatus) =>
      s === 'over' ? t.monthlyOverAllowance : s === 'projected-over' ? t.monthlyProjectedOver : t.monthlyWithinAllowance;

    const columns = [t.monthlyMonth, unitHeading(unit, t.credits, locale)];
    if (remainder > 0) columns.push(t.monthlyProjectedTotal);
    if (allowance !== undefined) columns.push(t.monthlyVsAllowance);
    const rows = data.months.map((m, i) => {
      const row = [formatMonth(m.key, locale), number(m.credits)];
      if (remainder > 0) row.push(i === last ? number(data.projection.projectedTotal) : '');
      if (allowance !== undefined) row.push(statusText(this.#status(data, i)));
      return row;
    });

    const amount = unit ? unit.id : 'credits';
    return {
      columns,
      rows,
      raw: {
        header: ['period', 'start', 'end', 'label', amount, `projected_${amount}`, `allowance_${amount}`, 'over_allowance'],
        rows: data.months.map((m, i) => {
          const status = this.#status(data, i);
          return [
            m.key,
            m.start,
            m.end,
            formatMonth(m.key, locale),
            roundForExport(toUnit(m.credits, unit)),
            i === last && remainder > 0 ? roundForExport(toUnit(data.projection.projectedTotal, unit)) : null,
            allowance === undefined ? null : roundForExport(toUnit(allowance, unit)),
            status === undefined ? null : status === 'over',
          ];
        }),
      },
    };
  }

  protected override chartConfig(data: MonthlyData, theme: ChartTheme): ChartConfiguration {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(data.account);
    const credits = (v: number) => formatCredits(v, { locale, unit, maximumFractionDigits: 0 });
    const allowance = this.#allowance(data);
    const remainder = this.#remainder(data);
    const last = data.months.length - 1;
    const statuses = data.months.map((_, i) => this.#status(data, i));
    const base = theme.series[0];
    const projectedColor = this.#projectionOver(data) ? theme.danger : base;
    const cycle = data.account.billingCycleDay;
    // Right to left, the months run from the right and the value axis sits on the right.
    const rtl = theme.rtl;

    return {
      type: 'bar',
      data: {
        labels: data.months.map((m) => formatMonth(m.key, locale)),
        datasets: [
          {
            label: t.monthlyUsed,
            data: data.months.map((m) => toUnit(m.credits, unit)),
            backgroundColor: statuses.map((s) => (s === 'over' ? theme.danger : base)),
            borderRadius: 3,
            stack: 'month',
            maxBarThickness: 48,
          },
          {
            label: t.monthlyProjected,
            data: data.months.map((_, i) => (i === last && remainder > 0 ? toUnit(remainder, unit) : null)),
            backgroundColor: hatch(projectedColor),
            borderColor: projectedColor,
            borderWidth: 1,
            borderRadius: 3,
            stack: 'month',
            maxBarThickness: 48,
          },
        ],
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            stacked: true,
            reverse: rtl,
            grid: { display: false },
            border: { color: theme.grid },
            ticks: { color: theme.muted, font: { family: theme.font }, maxRotation: 0, autoSkip: true },
          },
          y: {
            stacked: true,
            beginAtZero: true,
            position: rtl ? 'right' : 'left',
            ...(allowance !== undefined ? { suggestedMax: toUnit(allowance, unit) * 1.1 } : {}),
            grid: { color: theme.grid },
            border: { display: false },
            ticks: { color: theme.muted, font: { family: theme.font }, callback: (v) => formatNumber(Number(v), locale, { notation: 'compact' }) },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            ...tooltipStyle(theme),
            rtl,
            footerColor: theme.text,
            footerFont: { family: theme.font, weight: 'bold' },
            filter: (item: TooltipItem<'bar'>) => item.raw !== null,
            callbacks: {
              title: (items: TooltipItem<'bar'>[]) => {
                const m = data.months[items[0].dataIndex];
                const label = formatMonth(m.key, locale, 'long');
                return cycle === 1 ? label : `${label} (${formatDateRange(m.start, m.end, locale)})`;
              },
              label: (item: TooltipItem<'bar'>) => {
                const m = data.months[item.dataIndex];
                return item.datasetIndex === 0 ? `${t.monthlyUsed}: ${credits(m.credits)}` : `${t.monthlyProjected}: ${credits(remainder)}`;
              },
              footer: (items: TooltipItem<'bar'>[]) => {
                const i = items[0].dataIndex;
                const lines: string[] = [];
                if (i === last && remainder > 0) lines.push(`${t.monthlyProjectedTotal}: ${credits(data.projection.projectedTotal)}`);
                if (statuses[i] === 'over') lines.push(t.monthlyOverAllowance);
                if (statuses[i] === 'projected-over') lines.push(t.monthlyProjectedOver);
                return lines;
              },
            },
          },
          allowanceLine: allowance === undefined
            ? false
            : { value: toUnit(allowance, unit), color: theme.text },
        },
      },
      plugins: [allowanceLinePlugin],
    } satisfies ChartConfiguration<'bar'> as ChartConfiguration;
  }
}

interface AllowanceLineOptions {
  value?: number;
  color: string;
}

declare module 'chart.js' {
  // An augmentation must repeat the interface's type parameter, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    /** The monthly chart's allowance line (`false` without an allowance). */
    allowanceLine?: AllowanceLineOptions | false;
  }
}

/** Draws the allowance as a dashed line across the whole plot area (the legend names it). */
const allowanceLinePlugin: Plugin<'bar', AllowanceLineOptions> = {
  id: 'allowanceLine',
  afterDatasetsDraw(chart, _args, options) {
    if (options.value === undefined) return;
    const y = chart.scales.y.getPixelForValue(options.value);
    const { left, right, top, bottom } = chart.chartArea;
    if (y < top || y > bottom) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = options.color;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.restore();
  },
};

/** A diagonal hatching in `color` over a faint fill of it: the projected part of a bar. */
function hatch(color: string): CanvasPattern | string {
  const size = 8;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return color;
  ctx.fillStyle = color;
  ctx.globalAlpha = 0.25;
  ctx.fillRect(0, 0, size, size);
  ctx.globalAlpha = 0.9;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  // One diagonal and the two corner pieces, so the tiles join up.
  ctx.moveTo(0, size);
  ctx.lineTo(size, 0);
  ctx.moveTo(-size / 2, size / 2);
  ctx.lineTo(size / 2, -size / 2);
  ctx.moveTo(size / 2, size * 1.5);
  ctx.lineTo(size * 1.5, size / 2);
  ctx.stroke();
  return ctx.createPattern(canvas, 'repeat') ?? color;
}
