import type { ActiveElement, ChartConfiguration, ChartEvent, TooltipItem } from 'chart.js';
import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { dim, tooltipStyle, type ChartTheme } from '../../base/chart-controller.js';
import { ChartPanel, type PanelTable } from '../../base/chart-panel.js';
import { workspaceName, type LoadContext } from '../../base/credit-element.js';
import { fill } from '../../base/strings.js';
import { formatCredits, formatDateRange, formatPercent, isolate, toUnit } from '../../core/format.js';
import { creditsBy } from '../../core/series.js';
import type { AccountInfo } from '../../data/types.js';
import type { ReasonSelectDetail } from '../credit-dashboard/credit-dashboard.js';
import { creditByReasonStyles } from './credit-by-reason.styles.js';

export interface ReasonSlice {
  /** The reason's id. */
  key: string;
  label: string;
  credits: number;
  /** Index into the theme's series colours: the reason's place among the account's reasons, so a reason keeps its colour. */
  color: number;
}

export interface ByReasonData {
  account: AccountInfo;
  start: string;
  end: string;
  /** Reasons with usage, most credits first. */
  slices: ReasonSlice[];
  total: number;
  /** Labels of the dashboard focus the data is filtered to (empty when unfiltered). */
  filters: string[];
}

/**
 * What the credits were spent on — chat, image, speech, OCR, workflow runs —
 * as a doughnut (default) or one stacked horizontal bar, with a legend that
 * gives each reason's credits and share.
 *
 * Selecting a reason (clicking its segment, or its legend button by mouse
 * or keyboard) fires `reason-select`; selecting it again clears the
 * selection. Inside a `<credit-dashboard>` the selected reason filters the
 * other panels; this one keeps showing every reason and highlights the
 * selected one. It follows the dashboard's focus on a workspace as a filter.
 *
 * @tagname credit-by-reason
 * @summary Credits by reason (what they were spent on) as a doughnut or a stacked bar; selecting a reason focuses the dashboard on it.
 *
 * @fires reason-select - A reason was selected, or the selection cleared. Detail: `{ reasonId, label }`, `{ reasonId: null }` to clear.
 *
 * @csspart panel - The card.
 * @csspart title - The heading.
 * @csspart summary - The one-sentence text summary.
 * @csspart actions - The table toggle and export menu.
 * @csspart table-toggle - The Show/Hide table button.
 * @csspart export - The export menu.
 * @csspart legend - The list of reasons.
 * @csspart legend-item - One reason's button in the legend.
 * @csspart chart - The chart's box.
 * @csspart table - The data-table alternative.
 * @csspart message - Empty and error messages.
 * @csspart retry - The Retry button.
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty [--credit-color-1=#4f46e5] - The first reason's colour; `--credit-color-2` … `--credit-color-8` the next ones.
 * @cssproperty [--credit-color-accent=#4f46e5] - The selected legend entry.
 * @cssproperty [--credit-color-text=#1f2328] - Text.
 * @cssproperty [--credit-color-muted=#59636e] - Secondary text.
 * @cssproperty [--credit-color-surface=#ffffff] - The card's background and the gaps between segments.
 * @cssproperty [--credit-color-border=#d1d9e0] - Borders.
 * @cssproperty [--credit-chart-height=260px] - The chart's height (3.5rem for `variant="bar"`).
 * @cssproperty [--credit-radius=10px] - Corner radius.
 * @cssproperty [--credit-gap=1rem] - Padding.
 * @cssproperty [--credit-font-family=inherit] - Font.
 */
export class CreditByReason extends ChartPanel<ByReasonData> {
  static override styles = [...ChartPanel.styles, creditByReasonStyles];

  /** `doughnut` (default) or `bar`: one stacked horizontal bar. */
  @property({ reflect: true }) variant: 'doughnut' | 'bar' = 'doughnut';

  /** The selection outside a dashboard (inside one, the dashboard's focus is the selection). */
  @state() private ownSelection?: string;

  /** The selected reason's id, if any. */
  get selectedReason(): string | undefined {
    return this.dashboard ? this.dashboardFocus.reason : this.ownSelection;
  }

  protected override loadArgs(): readonly unknown[] {
    return [this.dashboardFocus.workspace];
  }

  protected override async load({ source, account, range, selection, signal }: LoadContext): Promise<ByReasonData> {
    const workspace = selection.workspace;
    const [usage, focusedName] = await Promise.all([
      source.queryUsage(
        { start: range.start, end: range.end, granularity: 'total', groupBy: 'reason', ...(workspace ? { filter: { workspace: [workspace] } } : {}) },
        signal,
      ),
      workspace ? workspaceName(source, workspace, signal) : undefined,
    ]);
    const byKey = creditsBy(usage.rows, 'key');
    const slices = [...byKey]
      .filter(([, credits]) => credits > 0)
      .map(([key, credits]) => {
        const index = account.reasons.findIndex((r) => r.id === key);
        return { key, credits, label: account.reasons[index]?.label ?? usage.labels[key] ?? key, color: Math.max(index, 0) };
      })
      .sort((a, b) => b.credits - a.credits || a.color - b.color);
    const total = slices.reduce((s, r) => s + r.credits, 0);
    return { account, start: range.start, end: range.end, slices, total, filters: workspace ? [focusedName ?? workspace] : [] };
  }

  protected override isEmpty(data: ByReasonData): boolean {
    return data.total === 0;
  }

  protected override panelTitle(): string {
    return this.text.byReasonTitle;
  }

  protected override exportName(): string {
    return 'credits-by-reason';
  }

  /** Selects a reason, or clears the selection when it is the selected one. */
  #toggle(slice: ReasonSlice): void {
    const clear = this.selectedReason === slice.key;
    this.ownSelection = clear ? undefined : slice.key;
    this.emit<ReasonSelectDetail>('reason-select', clear ? { reasonId: null } : { reasonId: slice.key, label: slice.label });
  }

  protected override textSummary(data: ByReasonData): string {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(data.account);
    const credits = (v: number) => formatCredits(v, { locale, unit, maximumFractionDigits: 0 });
    const top = data.slices[0];
    const parts = [
      fill(t.byReasonSummary, {
        Unit: this.unitTitle(data.account),
        range: formatDateRange(data.start, data.end, locale),
        total: credits(data.total),
        top: isolate(top.label),
        topValue: credits(top.credits),
        topShare: formatPercent(top.credits / data.total, locale),
      }),
    ];
    const selected = data.slices.find((s) => s.key === this.selectedReason);
    if (selected) parts.push(fill(t.breakdownSelected, { label: isolate(selected.label) }));
    if (data.filters.length) parts.push(this.filteredNote(data.filters));
    return parts.join(' ');
  }

  protected override renderAboveChart(data: ByReasonData): TemplateResult {
    const unit = this.displayUnit(data.account);
    const selected = this.selectedReason;
    return html`<ul class="legend" part="legend" aria-label=${this.text.byReasonLegend}>
      ${data.slices.map(
        (slice) => html`<li>
          <button
            type="button"
            part="legend-item"
            class="entry ${selected && selected !== slice.key ? 'dimmed' : ''}"
            aria-pressed=${selected === slice.key ? 'true' : 'false'}
            @click=${() => this.#toggle(slice)}
          >
            <span class="swatch" style="background: var(--_c${(slice.color % 8) + 1})" aria-hidden="true"></span>
            <span class="name" dir="auto">${slice.label}</span>
            ${this.renderValue(slice.credits, data.total, unit)}
          </button>
        </li>`,
      )}
    </ul>`;
  }

  protected override table(data: ByReasonData): PanelTable {
    return this.breakdownTable(data, this.text.byReasonColumn, 'reason', data.slices);
  }

  protected override chartConfig(data: ByReasonData, theme: ChartTheme): ChartConfiguration {
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(data.account);
    const selected = this.selectedReason;
    const colorOf = (s: ReasonSlice) => {
      const c = theme.series[s.color % theme.series.length];
      return selected && selected !== s.key ? dim(c) : c;
    };
    const describe = (s: ReasonSlice) =>
      `${isolate(s.label)}: ${formatCredits(s.credits, { locale, unit, maximumFractionDigits: 0 })} (${formatPercent(s.credits / data.total, locale)})`;
    const onClick = (_event: ChartEvent, elements: ActiveElement[]) => {
      const hit = elements[0];
      if (!hit) return;
      const slice = data.slices[this.variant === 'bar' ? hit.datasetIndex : hit.index];
      if (slice) this.#toggle(slice);
    };
    const onHover = (event: ChartEvent, elements: ActiveElement[]) => {
      const canvas = event.native?.target as HTMLElement | undefined;
      if (canvas) canvas.style.cursor = elements.length ? 'pointer' : '';
    };
    const tooltip = tooltipStyle(theme);

    if (this.variant === 'bar') {
      return {
        type: 'bar',
        data: {
          labels: [this.text.byReasonAll],
          datasets: data.slices.map((s) => ({
            label: s.label,
            data: [toUnit(s.credits, unit)],
            backgroundColor: colorOf(s),
            borderColor: selected === s.key ? theme.text : theme.surface,
            borderWidth: selected === s.key ? 2 : 1,
            borderSkipped: false,
            barPercentage: 1,
            categoryPercentage: 0.9,
          })),
        },
        options: {
          indexAxis: 'y',
          interaction: { mode: 'nearest', intersect: true },
          onClick,
          onHover,
          // The legend gives every value: one full-width bar of shares needs no axis.
          scales: {
            x: { stacked: true, display: false, beginAtZero: true, max: toUnit(data.total, unit) },
            y: { stacked: true, display: false },
          },
          plugins: {
            legend: { display: false },
            tooltip: { ...tooltip, callbacks: { title: () => '', label: (item: TooltipItem<'bar'>) => describe(data.slices[item.datasetIndex]) } },
          },
        },
      } satisfies ChartConfiguration<'bar'> as ChartConfiguration;
    }

    const doughnut: ChartConfiguration<'doughnut'> = {
      type: 'doughnut',
      data: {
        labels: data.slices.map((s) => s.label),
        datasets: [
          {
            data: data.slices.map((s) => toUnit(s.credits, unit)),
            backgroundColor: data.slices.map(colorOf),
            borderColor: theme.surface,
            borderWidth: 2,
            offset: data.slices.map((s) => (s.key === selected ? 12 : 0)),
            hoverOffset: 6,
          },
        ],
      },
      options: {
        cutout: '58%',
        layout: { padding: 12 },
        onClick,
        onHover,
        plugins: {
          legend: { display: false },
          tooltip: { ...tooltip, callbacks: { label: (item: TooltipItem<'doughnut'>) => describe(data.slices[item.dataIndex]) } },
        },
      },
    };
    return doughnut as ChartConfiguration;
  }
}
