import type { ActiveElement, Chart, ChartConfiguration, ChartEvent, Plugin, TooltipItem } from 'chart.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { property, state } from 'lit/decorators.js';
import { ChartPanel, type PanelTable } from '../../base/chart-panel.js';
import { isRtl, tooltipStyle, type ChartTheme } from '../../base/chart-controller.js';
import { focusFilter, type LoadContext } from '../../base/credit-element.js';
import { fill, type CreditStrings } from '../../base/strings.js';
import { formatCredits, formatDate, formatDateRange, formatNumber, isolate, toUnit } from '../../core/format.js';
import { OTHERS_KEY, periodsOf, pivot, topN } from '../../core/series.js';
import { todayIn } from '../../core/time.js';
import type { AccountInfo, DisplayUnit, UsageQuery } from '../../data/types.js';
import type { DaySelectDetail } from '../credit-dashboard/credit-dashboard.js';
import { creditDailyChartStyles } from './credit-daily-chart.styles.js';

/** What the bars are split by: nothing, or one dimension. */
export type DailyGroupBy = 'none' | 'member' | 'workspace' | 'reason';

const GROUP_BYS: readonly DailyGroupBy[] = ['none', 'member', 'workspace', 'reason'];

/** One stacked series: a group (or Others, or the whole usage) per day, in credits. */
export interface DailySeries {
  /** The group's id, {@link OTHERS_KEY} for Others, `null` when not grouped. */
  key: string | null;
  /** The adapter's label for the key. */
  label: string;
  /** Credits per day, aligned with {@link DailyChartData.days}. */
  values: number[];
  total: number;
}

export interface DailyChartData {
  account: AccountInfo;
  start: string;
  end: string;
  /** Today in the time zone, when the data was loaded. */
  today: string;
  /** Every day of the range, in order (zeros filled). */
  days: string[];
  groupBy: DailyGroupBy;
  /** Largest total first; Others last. */
  series: DailySeries[];
  /** Credits per day, all series together. */
  totals: number[];
  /** Whether the data is narrowed to the dashboard's focused workspace or reason. */
  filtered: boolean;
}

/** Alpha of a series while another one is highlighted. */
const DIMMED_SERIES = 0.2;
/** Alpha of the days other than the selected one. */
const DIMMED_DAY = 0.4;

/**
 * Credits per day over the range, as bars. Every day of the range has a
 * bar (days without usage are zero) and day boundaries are those of the
 * account time zone.
 *
 * With `group-by` the bars are stacked by member, workspace or reason: the
 * `top` largest groups over the range each get their own colour and the
 * rest are summed into **Others**, so each day's stack adds up to the day's
 * total. Hovering or focusing a legend entry highlights its series; pressing
 * it keeps the highlight (for touch screens).
 *
 * Clicking a day, or moving to it with the arrow keys and pressing Enter,
 * selects it: the day is highlighted and `day-select` fires; selecting it
 * again clears the selection. Inside `<credit-dashboard>` the selected day
 * is the dashboard's focus, and a focused workspace or reason filters the
 * chart.
 *
 * A daily limit, from the `limit` attribute or else the account's
 * `dailyLimit`, is drawn as a dashed line. (The account's limit is left out
 * while the chart is filtered: it applies to the whole account.)
 *
 * @tagname credit-daily-chart
 * @summary Credits per day as bars, optionally stacked by member, workspace or reason (top N + Others); select a day by click or keyboard.
 *
 * @fires day-select - A day was selected, or the selection cleared (selecting the selected day again). Detail: `{ date: 'YYYY-MM-DD' | null }`. Bubbles and crosses shadow roots.
 *
 * @csspart legend - The legend above the chart: the series and the daily limit.
 * @csspart legend-item - One series in the legend, a button: hover or focus highlights the series, pressing keeps it highlighted.
 * @csspart legend-limit - The daily limit's entry in the legend.
 * @csspart chart - The chart's box; it takes keyboard focus (arrow keys, Page Up/Down, Home, End, Enter or Space, Escape).
 *
 * @cssproperty [--credit-color-1=#4f46e5] - The first series (the only one when not grouped); `--credit-color-2` … `--credit-color-7` the next ones, and lighter tints of them beyond the seventh.
 * @cssproperty [--credit-color-8=#64748b] - Others.
 * @cssproperty [--credit-color-danger=#c2410c] - The daily limit line and its label.
 * @cssproperty [--credit-color-accent=#4f46e5] - The band behind the selected day.
 * @cssproperty [--credit-color-focus=#4f46e5] - The keyboard focus on the chart and the outline of the day it is on.
 * @cssproperty [--credit-color-grid=rgba(31,35,40,0.1)] - Grid lines.
 * @cssproperty [--credit-color-muted=#59636e] - Axis labels.
 * @cssproperty [--credit-chart-height=260px] - Height of the chart.
 */
export class CreditDailyChart extends ChartPanel<DailyChartData> {
  static override styles = [...ChartPanel.styles, creditDailyChartStyles];

  /** The keyboard's day moves without a new configuration: `#syncTooltip` redraws its outline and tooltip. */
  protected static override undrawnProperties: ReadonlySet<PropertyKey> = new Set([...ChartPanel.undrawnProperties, 'cursor']);

  /** Split the bars by `member`, `workspace` or `reason`; `none` (the default) draws one bar per day. */
  @property({ attribute: 'group-by' }) groupBy: DailyGroupBy = 'none';

  /** How many groups are shown on their own (at least 1); the rest are summed into Others. */
  @property({ type: Number }) top = 5;

  /** A daily limit in credits, drawn as a line (default: the account's `dailyLimit`, if any). */
  @property({ type: Number }) limit?: number;

  /**
   * The selected day (`YYYY-MM-DD`) of a chart on its own. Inside a
   * dashboard the dashboard's focused day is shown instead.
   */
  @property({ attribute: 'selected-day' }) selectedDay?: string;

  /** The series a legend entry is hovered or focused on. */
  @state() private hoveredKey?: string;
  /** The series highlighted by pressing its legend entry. */
  @state() private pinnedKey?: string;
  /** The day the keyboard is on (an index into the days). */
  @state() private cursor?: number;
  /** Whether the chart has keyboard focus (not focus from a click). */
  @state() private keyboardFocus = false;

  /** What the marks plugin draws, set with each configuration (the keyboard's day also by `#syncTooltip`). */
  #marks: {
    selected: number;
    cursor: number;
    limit?: number;
    limitLabel: string;
    band: string;
    focus: string;
    danger: string;
    surface: string;
    font: string;
    rtl: boolean;
  } = { selected: -1, cursor: -1, limitLabel: '', band: '', focus: '', danger: '', surface: '', font: '', rtl: false };

  /** Draws the selected day's band, the keyboard cursor and the daily limit line. */
  readonly #marksPlugin: Plugin<'bar'> = {
    id: 'creditDailyMarks',
    beforeDatasetsDraw: (chart) => {
      const m = this.#marks;
      const column = this.#column(chart, m.selected);
      if (!column) return;
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.fillStyle = m.band;
      ctx.fillRect(column.left, chartArea.top, column.width, chartArea.bottom - chartArea.top);
      ctx.restore();
    },
    afterDatasetsDraw: (chart) => {
      const m = this.#marks;
      const { ctx, chartArea } = chart;
      if (m.limit !== undefined) {
        const y = Math.round(chart.scales.y.getPixelForValue(m.limit)) + 0.5;
        if (y >= chartArea.top && y <= chartArea.bottom) {
          ctx.save();
          ctx.strokeStyle = m.danger;
          ctx.lineWidth = 2;
          ctx.setLineDash([6, 4]);
          ctx.beginPath();
          ctx.moveTo(chartArea.left, y);
          ctx.lineTo(chartArea.right, y);
          ctx.stroke();
          ctx.setLineDash([]);
          // The label sits on a patch of the surface colour at the end of the line, legible over bars.
          ctx.font = `600 11px ${m.font}`;
          ctx.textBaseline = 'middle';
          ctx.textAlign = 'left';
          const width = ctx.measureText(m.limitLabel).width;
          const left = m.rtl ? chartArea.left + 2 : chartArea.right - width - 10;
          const top = Math.max(chartArea.top, y - 17);
          ctx.fillStyle = withAlpha(m.surface, 0.9);
          ctx.fillRect(left, top, width + 8, 15);
          ctx.fillStyle = m.danger;
          ctx.fillText(m.limitLabel, left + 4, top + 7.5);
          ctx.restore();
        }
      }
      const cursor = this.keyboardFocus ? this.#column(chart, m.cursor) : undefined;
      if (cursor) {
        ctx.save();
        ctx.strokeStyle = m.focus;
        ctx.lineWidth = 2;
        ctx.strokeRect(cursor.left + 1, chartArea.top + 1, cursor.width - 2, chartArea.bottom - chartArea.top - 2);
        ctx.restore();
      }
    },
  };

  constructor() {
    super();
    // Keyboard operation of the chart box (see `updated`, which makes it focusable).
    this.addEventListener('keydown', this.#onKeyDown);
    this.addEventListener('focusin', this.#onFocusIn);
    this.addEventListener('focusout', this.#onFocusOut);
  }

  // ------------------------------------------------------------------ data

  get #groupBy(): DailyGroupBy {
    return GROUP_BYS.includes(this.groupBy) ? this.groupBy : 'none';
  }

  get #top(): number {
    return Number.isFinite(this.top) ? Math.max(1, Math.floor(this.top)) : 5;
  }

  protected override loadArgs(): readonly unknown[] {
    const { workspace, reason } = this.dashboardFocus;
    return [this.#groupBy, this.#groupBy === 'none' ? 0 : this.#top, workspace, reason];
  }

  protected override async load({ source, account, range, timeZone, selection, signal }: LoadContext): Promise<DailyChartData> {
    const groupBy = this.#groupBy;
    const top = this.#top;
    const filter = focusFilter(selection);
    const query: UsageQuery = { start: range.start, end: range.end, granularity: 'day' };
    if (groupBy !== 'none') {
      query.groupBy = groupBy;
      query.top = top;
    }
    if (filter) query.filter = filter;
    const result = await source.queryUsage(query, signal);
    const days = periodsOf(range.start, range.end, 'day');
    const pivoted = pivot(result.rows, days);
    // An adapter that ignores `top` still gets top N + Others.
    const overTop = pivoted.series.filter((s) => s.key !== OTHERS_KEY).length > top;
    const series = groupBy !== 'none' && overTop ? topN(pivoted.series, top) : pivoted.series;
    return {
      account,
      start: range.start,
      end: range.end,
      today: todayIn(timeZone, this.currentTime),
      days,
      groupBy,
      series: series.map((s) => ({ ...s, label: s.key === null ? '' : (result.labels[s.key] ?? s.key) })),
      totals: pivoted.totals,
      filtered: filter !== undefined,
    };
  }

  protected override isEmpty(data: DailyChartData): boolean {
    return data.totals.every((t) => t === 0);
  }

  // ------------------------------------------------------------ selection

  /** The highlighted day: the dashboard's focus inside one, else `selectedDay`. */
  get #selectedDay(): string | undefined {
    return this.dashboard ? this.dashboardFocus.day : this.selectedDay;
  }

  /** Selects the day at `index`, or clears the selection when it is the selected one. */
  #toggleDay(index: number): void {
    const day = this.data.value?.days[index];
    if (day === undefined) return;
    const date = this.#selectedDay === day ? null : day;
    this.cursor = index;
    if (!this.dashboard) this.selectedDay = date ?? undefined;
    this.emit<DaySelectDetail>('day-select', { date });
  }

  #clearDay(): void {
    if (this.#selectedDay === undefined) return;
    if (!this.dashboard) this.selectedDay = undefined;
    this.emit<DaySelectDetail>('day-select', { date: null });
  }

  #chartBox(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('.chart') ?? null;
  }

  /** Whether an event comes from the chart box itself (not from a control inside the element). */
  #fromChartBox(event: Event): boolean {
    const box = this.#chartBox();
    return !!box && event.composedPath()[0] === box;
  }

  readonly #onKeyDown = (event: KeyboardEvent) => {
    if (!this.#fromChartBox(event) || event.altKey || event.ctrlKey || event.metaKey) return;
    const data = this.data.value;
    if (!data || this.state !== 'ready') return;
    const last = data.days.length - 1;
    const at = this.#cursorIndex(data);
    // Days run right to left in a right-to-left layout: the arrows follow what is seen.
    const rtl = isRtl(this);
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    let next: number | undefined;
    switch (event.key) {
      case forward:
        next = Math.min(last, at + 1);
        break;
      case back:
        next = Math.max(0, at - 1);
        break;
      case 'PageDown':
        next = Math.min(last, at + 7);
        break;
      case 'PageUp':
        next = Math.max(0, at - 7);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.keyboardFocus = true;
        this.#toggleDay(at);
        return;
      case 'Escape':
        if (this.#selectedDay === undefined) return;
        event.preventDefault();
        this.#clearDay();
        return;
      default:
        return;
    }
    event.preventDefault();
    this.keyboardFocus = true;
    this.cursor = next;
  };

  readonly #onFocusIn = (event: FocusEvent) => {
    const box = this.#chartBox();
    if (!box || !this.#fromChartBox(event)) return;
    // Focus by mouse shows no cursor; focus by keyboard does.
    this.keyboardFocus = box.matches(':focus-visible');
  };

  readonly #onFocusOut = (event: FocusEvent) => {
    if (this.#fromChartBox(event)) this.keyboardFocus = false;
  };

  /** The keyboard's day: where it was, else the selected day, else the first. */
  #cursorIndex(data: DailyChartData): number {
    if (this.cursor !== undefined && this.cursor >= 0 && this.cursor < data.days.length) return this.cursor;
    const selected = data.days.indexOf(this.#selectedDay ?? '');
    return selected >= 0 ? selected : 0;
  }

  /** Chart.js click: the day under the pointer, anywhere in its column. */
  #onChartClick(event: ChartEvent, chart: Chart): void {
    const native = event.native;
    if (!native) return;
    const [hit] = chart.getElementsAtEventForMode(native, 'index', { intersect: false }, true);
    if (hit) this.#toggleDay(hit.index);
  }

  #onChartHover(event: ChartEvent, chart: Chart): void {
    const hits = event.native ? chart.getElementsAtEventForMode(event.native, 'index', { intersect: false }, true) : [];
    chart.canvas.style.cursor = hits.length ? 'pointer' : '';
  }

  /** A day's column on the chart, in pixels. */
  #column(chart: Chart, index: number): { left: number; width: number } | undefined {
    const count = chart.data.labels?.length ?? 0;
    if (index < 0 || index >= count || !chart.chartArea) return undefined;
    const width = (chart.chartArea.right - chart.chartArea.left) / count;
    const center = chart.scales.x.getPixelForValue(index);
    return { left: center - width / 2, width };
  }

  // --------------------------------------------------------- presentation

  #unit(data: DailyChartData): DisplayUnit | undefined {
    return this.displayUnit(data.account);
  }

  /** A number in the display unit, without float noise (0.1 × 600 is 60, not 60.00000000000001). */
  #inUnit(credits: number, unit: DisplayUnit | undefined): number {
    return Math.round(toUnit(credits, unit) * 1e6) / 1e6;
  }

  #label(data: DailyChartData, s: DailySeries, t: CreditStrings = this.text): string {
    if (s.key === OTHERS_KEY) return t.others;
    if (s.key === null || data.groupBy === 'none') return t.total;
    return s.label;
  }

  /** The days as the axis shows them ("Nov 12"). */
  #dayLabels(data: DailyChartData, locale: string): string[] {
    if (this.#dayLabelsFor?.data !== data || this.#dayLabelsFor.locale !== locale) {
      this.#dayLabelsFor = { data, locale, labels: data.days.map((d) => dayLabel(d, locale)) };
    }
    return this.#dayLabelsFor.labels;
  }

  #dayLabelsFor?: { data: DailyChartData; locale: string; labels: string[] };

  /** The daily limit in credits, if one is drawn. */
  #limit(data: DailyChartData): number | undefined {
    if (typeof this.limit === 'number' && Number.isFinite(this.limit) && this.limit > 0) return this.limit;
    const account = data.account.dailyLimit;
    return !data.filtered && typeof account === 'number' && account > 0 ? account : undefined;
  }

  /**
   * A series' place in the palette: colours 1–7 in turn, then lighter tints
   * of them; Others takes colour 8 (grey). Reasons keep their place in the
   * account's list, so a reason has the same colour whatever its rank (and
   * in every panel that does the same).
   */
  #paletteIndex(data: DailyChartData, s: DailySeries, index: number): number | 'others' {
    if (s.key === OTHERS_KEY) return 'others';
    if (data.groupBy === 'reason') {
      const r = data.account.reasons.findIndex((x) => x.id === s.key);
      if (r >= 0) return r;
    }
    return index;
  }

  /** The colour as CSS, for the HTML legend (the chart gets the same tokens, resolved). */
  #colorCss(at: number | 'others'): string {
    if (at === 'others') return 'var(--_c8)';
    const base = `var(--_c${(at % 7) + 1})`;
    const round = Math.floor(at / 7);
    return round === 0 ? base : `color-mix(in srgb, ${base} ${Math.round(tintShare(round) * 100)}%, var(--_surface))`;
  }

  #color(at: number | 'others', theme: ChartTheme): string {
    if (at === 'others') return theme.series[7];
    const base = theme.series[at % 7];
    const round = Math.floor(at / 7);
    return round === 0 ? base : mix(base, theme.surface, tintShare(round));
  }

  /** The series highlighted from the legend, if any. */
  get #highlighted(): string | undefined {
    return this.hoveredKey ?? this.pinnedKey;
  }

  protected override panelTitle(): string {
    const t = this.text;
    const groupBy = this.data.value?.groupBy ?? this.#groupBy;
    return groupBy === 'member' ? t.dailyTitleMember : groupBy === 'workspace' ? t.dailyTitleWorkspace : groupBy === 'reason' ? t.dailyTitleReason : t.dailyTitle;
  }

  protected override exportName(): string {
    return 'daily-credits';
  }

  protected override chartConfig(data: DailyChartData, theme: ChartTheme): ChartConfiguration {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.#unit(data);
    const rtl = theme.rtl;
    const selected = data.days.indexOf(this.#selectedDay ?? '');
    const highlighted = this.#highlighted;
    const limit = this.#limit(data);
    const font = { family: theme.font, size: 12 };
    const money = (credits: number) => formatCredits(credits, { locale, unit });
    const colors = data.series.map((s, i) => this.#color(this.#paletteIndex(data, s, i), theme));
    const seriesLabels = data.series.map((s) => this.#label(data, s, t));

    this.#marks = {
      selected,
      cursor: this.#cursorIndex(data),
      limit: limit === undefined ? undefined : this.#inUnit(limit, unit),
      limitLabel: limit === undefined ? '' : `${t.dailyLimit}: ${money(limit)}`,
      band: withAlpha(theme.accent, 0.12),
      focus: theme.focus,
      danger: theme.danger,
      surface: theme.surface,
      font: theme.font,
      rtl,
    };

    const datasets = data.series.map((s, i) => {
      const dim = highlighted !== undefined && s.key !== highlighted ? DIMMED_SERIES : 1;
      const color = colors[i];
      return {
        label: seriesLabels[i],
        data: s.values.map((v) => this.#inUnit(v, unit)),
        // One colour per series unless a day is selected: Chart.js resolves a shared colour once, an array per bar.
        backgroundColor: selected < 0 ? withAlpha(color, dim) : data.days.map((_, d) => withAlpha(color, dim * (d === selected ? 1 : DIMMED_DAY))),
        hoverBackgroundColor: withAlpha(color, dim),
        borderWidth: 0,
        maxBarThickness: 48,
        stack: 'usage',
      };
    });

    // Chart.js asks for the same tick labels on every layout pass.
    const ticks = new Map<number, string>();
    const tickLabel = (value: number) => {
      let label = ticks.get(value);
      if (label === undefined) ticks.set(value, (label = formatNumber(value, locale, { notation: 'compact', maximumFractionDigits: 1 })));
      return label;
    };
    const tooltipLabel = (item: TooltipItem<'bar'>) => `${isolate(seriesLabels[item.datasetIndex])}: ${money(data.series[item.datasetIndex].values[item.dataIndex])}`;

    return {
      type: 'bar',
      data: { labels: this.#dayLabels(data, locale), datasets },
      plugins: [this.#marksPlugin],
      options: {
        // One duration for every animation: a duration of its own on one of them, say colours,
        // would run on resizes too. (No animation under reduced motion, and re-attaching never
        // animates: see the chart controller.)
        animation: { duration: 300 },
        interaction: { mode: 'index', intersect: false },
        onClick: (event, _elements: ActiveElement[], chart) => this.#onChartClick(event, chart),
        onHover: (event, _elements: ActiveElement[], chart) => this.#onChartHover(event, chart),
        layout: { padding: { top: 4 } },
        scales: {
          x: {
            stacked: true,
            reverse: rtl,
            grid: { display: false },
            border: { color: theme.grid },
            // The day labels are all about as wide: a sample of them sizes the axis (measuring 90 costs).
            ticks: { color: theme.muted, font, maxRotation: 0, autoSkipPadding: 12, sampleSize: 12 },
          },
          y: {
            stacked: true,
            beginAtZero: true,
            position: rtl ? 'right' : 'left',
            ...(this.#marks.limit === undefined ? {} : { suggestedMax: this.#marks.limit * 1.08 }),
            grid: { color: theme.grid },
            border: { display: false },
            ticks: {
              color: theme.muted,
              font,
              maxTicksLimit: 6,
              callback: (value) => tickLabel(Number(value)),
            },
            title: { display: true, text: unit?.label ?? t.credits, color: theme.muted, font },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            ...tooltipStyle(theme),
            rtl,
            footerColor: theme.text,
            titleFont: { ...font, weight: 'bold' },
            bodyFont: font,
            footerFont: { ...font, weight: 'bold' },
            padding: 8,
            boxPadding: 4,
            callbacks: {
              title: (items) => (items.length ? formatDate(data.days[items[0].dataIndex], locale, 'medium') : ''),
              label: tooltipLabel,
              labelColor: (item) => ({ backgroundColor: colors[item.datasetIndex], borderColor: colors[item.datasetIndex] }),
              footer: (items) => {
                if (!items.length) return '';
                const lines = data.groupBy === 'none' ? [] : [`${t.total}: ${money(data.totals[items[0].dataIndex])}`];
                if (limit !== undefined) lines.push(`${t.dailyLimit}: ${money(limit)}`);
                return lines;
              },
            },
          },
        },
      },
    } as ChartConfiguration<'bar'> as ChartConfiguration;
  }

  protected override textSummary(data: DailyChartData): string {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.#unit(data);
    const num = (credits: number) => formatNumber(this.#inUnit(credits, unit), locale);
    let total = 0;
    let peak = 0;
    data.totals.forEach((v, i) => {
      total += v;
      if (v > data.totals[peak]) peak = i;
    });
    const thisYear = data.today.slice(0, 4);
    const year = !(data.start.startsWith(thisYear) && data.end.startsWith(thisYear));
    const parts = [
      fill(t.dailySummary, {
        unit: unit?.label ?? t.credits,
        range: formatDateRange(data.start, data.end, locale, { year }),
        total: num(total),
        date: formatDate(data.days[peak], locale, 'day-month'),
        peak: num(data.totals[peak]),
      }),
    ];
    const largest = data.series[0];
    if (data.groupBy !== 'none' && largest && largest.key !== OTHERS_KEY) {
      parts.push(fill(t.dailySummaryLargest, { name: isolate(this.#label(data, largest, t)), value: num(largest.total) }));
    }
    const limit = this.#limit(data);
    if (limit !== undefined) {
      const over = data.totals.filter((v) => v > limit).length;
      if (over > 0) parts.push(fill(over === 1 ? t.dailySummaryOverLimitOne : t.dailySummaryOverLimit, { count: formatNumber(over, locale), limit: formatCredits(limit, { locale, unit }) }));
    }
    return parts.join(' ');
  }

  /**
   * Shown: one row per day, a column per series and the total. Exported
   * (long format): one row per day and series — `date`, `key`, `label` and
   * the amount in the display unit, under the unit's name (`credits` or,
   * say, `conversations`).
   */
  protected override table(data: DailyChartData): PanelTable {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.#unit(data);
    // Every render shows the table: it is formatted again only when what it shows changes.
    const key = [locale, unit?.id, t.dailyDate, t.total, t.others].join('\n');
    const cached = this.#tableCache;
    if (cached?.data === data && cached.key === key) return cached.table;
    const table = this.#buildTable(data, t, locale, unit);
    this.#tableCache = { data, key, table };
    return table;
  }

  #tableCache?: { data: DailyChartData; key: string; table: PanelTable };

  #buildTable(data: DailyChartData, t: CreditStrings, locale: string, unit: DisplayUnit | undefined): PanelTable {
    const grouped = data.groupBy !== 'none';
    const num = (credits: number) => formatNumber(this.#inUnit(credits, unit), locale);
    const labels = data.series.map((s) => this.#label(data, s, t));
    const columns = grouped ? [t.dailyDate, ...labels, t.total] : [t.dailyDate, t.total];
    const rows = data.days.map((day, d) => [
      formatDate(day, locale, 'medium'),
      ...(grouped ? data.series.map((s) => num(s.values[d])) : []),
      num(data.totals[d]),
    ]);
    const raw: unknown[][] = [];
    data.days.forEach((day, d) => {
      if (!grouped) raw.push([day, null, t.total, this.#inUnit(data.totals[d], unit)]);
      else data.series.forEach((s, i) => raw.push([day, s.key, labels[i], this.#inUnit(s.values[d], unit)]));
    });
    return { columns, rows, raw: { header: ['date', 'key', 'label', unit?.label ?? 'credits'], rows: raw } };
  }

  /**
   * The data table (up to days × series cells, hidden until asked for)
   * is first rendered just after the chart's first paint, so building it
   * does not hold the chart back; from then on it renders with every update.
   */
  protected override renderTable(data: DailyChartData): TemplateResult {
    return html`${afterFirstPaint(() => super.renderTable(data))}`;
  }

  protected override renderAboveChart(data: DailyChartData): TemplateResult {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.#unit(data);
    const limit = this.#limit(data);
    const grouped = data.groupBy !== 'none';
    const legend =
      grouped || limit !== undefined
        ? html`<div
            class="legend"
            part="legend"
            role="group"
            aria-label=${t.dailyLegend}
            @mouseover=${this.#onLegendEnter}
            @focusin=${this.#onLegendEnter}
            @mouseout=${this.#onLegendLeave}
            @focusout=${this.#onLegendLeave}
            @click=${this.#onLegendClick}
          >
            ${grouped ? data.series.map((s, i) => this.#legendItem(data, s, i, t)) : nothing}
            ${limit === undefined
              ? nothing
              : html`<span class="legend-limit" part="legend-limit"><span class="line" aria-hidden="true"></span>${t.dailyLimit}: ${formatCredits(limit, { locale, unit })}</span>`}
          </div>`
        : nothing;
    return html`${legend}<div class="live visually-hidden" role="status" aria-live="polite">${this.#announcement(data)}</div>`;
  }

  #legendItem(data: DailyChartData, s: DailySeries, index: number, t: CreditStrings): TemplateResult {
    const key = s.key ?? '';
    const label = this.#label(data, s, t);
    return html`<button type="button" class="legend-item" part="legend-item" data-key=${key} title=${label} aria-pressed=${this.pinnedKey === key ? 'true' : 'false'}>
      <span class="swatch" aria-hidden="true" style="background:${this.#colorCss(this.#paletteIndex(data, s, index))}"></span><span class="label" dir="auto">${label}</span>
    </button>`;
  }

  /** The legend entry an event is in, if any. */
  #legendKey(target: EventTarget | null): string | undefined {
    return target instanceof Element ? (target.closest<HTMLElement>('.legend-item')?.dataset.key ?? undefined) : undefined;
  }

  // The legend's entries share these handlers: pointer and focus highlight, a press pins.
  readonly #onLegendEnter = (event: Event) => {
    const key = this.#legendKey(event.target);
    if (key !== undefined) this.hoveredKey = key;
  };

  readonly #onLegendLeave = (event: MouseEvent | FocusEvent) => {
    const key = this.#legendKey(event.target);
    // Moving within one entry (between its swatch and label) does not leave it.
    if (key === undefined || this.#legendKey(event.relatedTarget) === key) return;
    if (this.hoveredKey === key) this.hoveredKey = undefined;
  };

  readonly #onLegendClick = (event: Event) => {
    const key = this.#legendKey(event.target);
    if (key !== undefined) this.pinnedKey = this.pinnedKey === key ? undefined : key;
  };

  /** What a screen reader hears as the keyboard moves across days. */
  #announcement(data: DailyChartData): string {
    if (!this.keyboardFocus) return '';
    const i = this.#cursorIndex(data);
    const day = data.days[i];
    const locale = this.resolvedLocale;
    const value = formatCredits(data.totals[i], { locale, unit: this.#unit(data) });
    return fill(this.#selectedDay === day ? this.text.dailyDaySelected : this.text.dailyDayValue, { date: formatDate(day, locale, 'medium'), value });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A pinned or hovered series that is no longer shown (new range, new grouping) lets go.
    const keys = new Set(this.data.value?.series.map((s) => s.key ?? ''));
    if (this.pinnedKey !== undefined && !keys.has(this.pinnedKey)) this.pinnedKey = undefined;
    if (this.hoveredKey !== undefined && !keys.has(this.hoveredKey)) this.hoveredKey = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const box = this.#chartBox();
    if (box) {
      // The chart box is the keyboard's way into the chart.
      const label = fill(this.text.dailyChartLabel, { title: this.panelTitle() });
      if (box.tabIndex !== 0) box.tabIndex = 0;
      if (box.getAttribute('role') !== 'application') box.setAttribute('role', 'application');
      if (box.getAttribute('aria-label') !== label) box.setAttribute('aria-label', label);
    }
    this.#syncTooltip();
  }

  /** Under keyboard focus, the tooltip shows the day the cursor is on. */
  #syncTooltip(): void {
    const chart = this.chart.chart;
    const data = this.data.value;
    if (!chart?.tooltip || !data) return;
    if (!this.keyboardFocus) {
      if (this.#tooltipByKeyboard) {
        this.#tooltipByKeyboard = false;
        chart.setActiveElements([]);
        chart.tooltip.setActiveElements([], { x: 0, y: 0 });
        chart.update('none');
      }
      return;
    }
    const index = this.#cursorIndex(data);
    this.#marks.cursor = index;
    const active = chart.data.datasets.map((_, datasetIndex) => ({ datasetIndex, index }));
    const column = this.#column(chart, index);
    if (!column || !active.length) return;
    this.#tooltipByKeyboard = true;
    chart.setActiveElements(active);
    chart.tooltip.setActiveElements(active, { x: column.left + column.width / 2, y: chart.chartArea.top + 8 });
    chart.update('none');
  }

  #tooltipByKeyboard = false;
}

/**
 * Renders `content()` once the page has painted after the part first
 * appeared (nothing before), then on every update. Its own update: the host
 * does not render again for it.
 */
class AfterFirstPaint extends AsyncDirective {
  #content?: () => unknown;
  #painted = false;
  #scheduled = false;

  render(content: () => unknown): unknown {
    this.#content = content;
    if (this.#painted) return content();
    if (!this.#scheduled) {
      this.#scheduled = true;
      // A task queued from an animation frame runs after that frame is painted.
      requestAnimationFrame(() =>
        setTimeout(() => {
          this.#painted = true;
          if (this.isConnected && this.#content) this.setValue(this.#content());
        }),
      );
    }
    return nothing;
  }

  protected override reconnected(): void {
    if (this.#painted && this.#content) this.setValue(this.#content());
  }
}

const afterFirstPaint = directive(AfterFirstPaint);

/** Axis labels already formatted, per locale: every chart and every range change shows mostly the same days. */
const dayLabels = new Map<string, Map<string, string>>();

function dayLabel(day: string, locale: string): string {
  let labels = dayLabels.get(locale);
  if (!labels || labels.size > 4000) dayLabels.set(locale, (labels = new Map()));
  let label = labels.get(day);
  if (label === undefined) labels.set(day, (label = formatDate(day, locale, 'day-month')));
  return label;
}

/** How much of the base colour a tint beyond the seventh series keeps. */
function tintShare(round: number): number {
  return Math.max(0.35, 1 - 0.4 * round);
}

// ---------------------------------------------------------------- colours

type Rgba = [number, number, number, number];

let probe: CanvasRenderingContext2D | null | undefined;
const parsed = new Map<string, Rgba | null>();

/** A CSS colour as RGBA (0–255, alpha 0–1); `null` when it is not one. */
function rgba(color: string): Rgba | null {
  let value = parsed.get(color);
  if (value === undefined) {
    value = parseHex(color) ?? parseWithCanvas(color);
    parsed.set(color, value);
  }
  return value;
}

function parseHex(color: string): Rgba | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16), 1];
}

/** Any other syntax (names, `rgb()`, `hsl()` …) through the canvas's own parser, which answers in hex or `rgba()`. */
function parseWithCanvas(color: string): Rgba | null {
  if (!CSS.supports('color', color)) return null;
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return null;
  probe.fillStyle = color;
  const normal = String(probe.fillStyle);
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+))?\s*\)$/i.exec(normal);
  return parseHex(normal) ?? (fn ? [+fn[1], +fn[2], +fn[3], fn[4] === undefined ? 1 : +fn[4]] : null);
}

/** The colour with its alpha multiplied by `alpha` (unchanged if it cannot be parsed). */
function withAlpha(color: string, alpha: number): string {
  if (alpha >= 1) return color;
  const c = rgba(color);
  return c ? `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${Math.round(c[3] * alpha * 1000) / 1000})` : color;
}

/** `share` of `color` mixed with the rest of `other`, in sRGB (like CSS `color-mix`). */
function mix(color: string, other: string, share: number): string {
  const a = rgba(color);
  const b = rgba(other);
  if (!a || !b) return color;
  const c = (i: number) => Math.round(a[i] * share + b[i] * (1 - share));
  return `rgb(${c(0)}, ${c(1)}, ${c(2)})`;
}
