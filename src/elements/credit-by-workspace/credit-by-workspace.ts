import type { ActiveElement, ChartConfiguration, ChartEvent, TooltipItem } from 'chart.js';
import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { dim, tooltipStyle, type ChartTheme } from '../../base/chart-controller.js';
import { ChartPanel, type PanelTable } from '../../base/chart-panel.js';
import { reasonLabel, type LoadContext } from '../../base/credit-element.js';
import { fill } from '../../base/strings.js';
import { formatCredits, formatDateRange, formatNumber, formatPercent, isolate, toUnit } from '../../core/format.js';
import { creditsBy, OTHERS_KEY } from '../../core/series.js';
import type { AccountInfo } from '../../data/types.js';
import type { WorkspaceSelectDetail } from '../credit-dashboard/credit-dashboard.js';
import { creditByWorkspaceStyles } from './credit-by-workspace.styles.js';

/** The default number of workspaces shown before the rest fold into Others. */
const DEFAULT_TOP = 8;

export interface WorkspaceBar {
  /** The workspace's id, or `__others__` for the folded rest. */
  key: string;
  label: string;
  credits: number;
}

export interface ByWorkspaceData {
  account: AccountInfo;
  start: string;
  end: string;
  /** Most credits first; Others, when present, last. */
  bars: WorkspaceBar[];
  total: number;
  /** Labels of the dashboard focus the data is filtered to (empty when unfiltered). */
  filters: string[];
}

/**
 * One horizontal bar per workspace, sorted by credits consumed: the `top`
 * workspaces, and the rest summed into Others.
 *
 * Selecting a workspace (clicking its bar, or its button in the list under
 * the chart by mouse or keyboard) fires `workspace-select`; selecting it
 * again clears the selection. Inside a `<credit-dashboard>` the selected
 * workspace filters the other panels; this one keeps showing every
 * workspace and highlights the selected one. It follows the dashboard's
 * focus on a reason as a filter. Others cannot be selected.
 *
 * @tagname credit-by-workspace
 * @summary Credits per workspace, largest first, top N + Others; selecting a workspace focuses the dashboard on it.
 *
 * @fires workspace-select - A workspace was selected, or the selection cleared. Detail: `{ workspaceId, label }`, `{ workspaceId: null }` to clear.
 *
 * @csspart panel - The card.
 * @csspart title - The heading.
 * @csspart summary - The one-sentence text summary.
 * @csspart actions - The table toggle and export menu.
 * @csspart table-toggle - The Show/Hide table button.
 * @csspart export - The export menu.
 * @csspart chart - The chart's box.
 * @csspart list - The list of workspaces under the chart.
 * @csspart list-item - One workspace in the list (a button, except Others).
 * @csspart table - The data-table alternative.
 * @csspart message - Empty and error messages.
 * @csspart retry - The Retry button.
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty [--credit-color-1=#4f46e5] - The workspaces' bars.
 * @cssproperty [--credit-color-8=#64748b] - The Others bar.
 * @cssproperty [--credit-color-accent=#4f46e5] - The selected list entry.
 * @cssproperty [--credit-color-text=#1f2328] - Text.
 * @cssproperty [--credit-color-muted=#59636e] - Axis labels and secondary text.
 * @cssproperty [--credit-color-grid=rgba(31, 35, 40, 0.1)] - Grid lines.
 * @cssproperty [--credit-color-surface=#ffffff] - The card's background.
 * @cssproperty [--credit-color-border=#d1d9e0] - Borders.
 * @cssproperty [--credit-chart-height=260px] - The chart's height.
 * @cssproperty [--credit-radius=10px] - Corner radius.
 * @cssproperty [--credit-gap=1rem] - Padding.
 * @cssproperty [--credit-font-family=inherit] - Font.
 */
export class CreditByWorkspace extends ChartPanel<ByWorkspaceData> {
  static override styles = [...ChartPanel.styles, creditByWorkspaceStyles];

  /** How many workspaces get their own bar; the rest are summed into Others. */
  @property({ type: Number, reflect: true }) top: number = DEFAULT_TOP;

  /** The selection outside a dashboard (inside one, the dashboard's focus is the selection). */
  @state() private ownSelection?: string;

  /** The selected workspace's id, if any. */
  get selectedWorkspace(): string | undefined {
    return this.dashboard ? this.dashboardFocus.workspace : this.ownSelection;
  }

  get #top(): number {
    return Number.isInteger(this.top) && this.top >= 1 ? this.top : DEFAULT_TOP;
  }

  protected override loadArgs(): readonly unknown[] {
    return [this.dashboardFocus.reason, this.#top];
  }

  protected override async load({ source, account, range, selection, signal }: LoadContext): Promise<ByWorkspaceData> {
    const reason = selection.reason;
    const usage = await source.queryUsage(
      {
        start: range.start,
        end: range.end,
        granularity: 'total',
        groupBy: 'workspace',
        top: this.#top,
        ...(reason ? { filter: { reason: [reason] } } : {}),
      },
      signal,
    );
    const byKey = creditsBy(usage.rows, 'key');
    const bars = [...byKey]
      .filter(([, credits]) => credits > 0)
      .map(([key, credits]) => ({ key, credits, label: key === OTHERS_KEY ? this.text.others : (usage.labels[key] ?? key) }))
      .sort((a, b) => Number(a.key === OTHERS_KEY) - Number(b.key === OTHERS_KEY) || b.credits - a.credits);
    const total = bars.reduce((s, b) => s + b.credits, 0);
    const filters = reason ? [reasonLabel(account, reason)] : [];
    return { account, start: range.start, end: range.end, bars, total, filters };
  }

  protected override isEmpty(data: ByWorkspaceData): boolean {
    return data.total === 0;
  }

  protected override panelTitle(): string {
    return this.text.byWorkspaceTitle;
  }

  protected override exportName(): string {
    return 'credits-by-workspace';
  }

  /** The label Others is shown with, in the current strings (the data may have loaded under others). */
  #label(bar: WorkspaceBar): string {
    return bar.key === OTHERS_KEY ? this.text.others : bar.label;
  }

  /** Selects a workspace, or clears the selection when it is the selected one. */
  #toggle(bar: WorkspaceBar): void {
    if (bar.key === OTHERS_KEY) return;
    const clear = this.selectedWorkspace === bar.key;
    this.ownSelection = clear ? undefined : bar.key;
    this.emit<WorkspaceSelectDetail>('workspace-select', clear ? { workspaceId: null } : { workspaceId: bar.key, label: bar.label });
  }

  protected override textSummary(data: ByWorkspaceData): string {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(data.account);
    const credits = (v: number) => formatCredits(v, { locale, unit, maximumFractionDigits: 0 });
    // Others is a sum of several workspaces: the largest is the first real one.
    const top = data.bars.find((b) => b.key !== OTHERS_KEY) ?? data.bars[0];
    const parts = [
      fill(t.byWorkspaceSummary, {
        Unit: this.unitTitle(data.account),
        range: formatDateRange(data.start, data.end, locale),
        total: credits(data.total),
        top: isolate(this.#label(top)),
        topValue: credits(top.credits),
        topShare: formatPercent(top.credits / data.total, locale),
      }),
    ];
    const selected = data.bars.find((b) => b.key === this.selectedWorkspace);
    if (selected) parts.push(fill(t.breakdownSelected, { label: isolate(selected.label) }));
    if (data.filters.length) parts.push(this.filteredNote(data.filters));
    return parts.join(' ');
  }

  /** The selectable list of workspaces goes under the chart, before the data table. */
  protected override renderTable(data: ByWorkspaceData): TemplateResult {
    const unit = this.displayUnit(data.account);
    const selected = this.selectedWorkspace;
    const content = (bar: WorkspaceBar) => html`<span class="swatch" aria-hidden="true"></span>
      <span class="name" dir="auto">${this.#label(bar)}</span>
      ${this.renderValue(bar.credits, data.total, unit)}`;
    return html`<ul class="list" part="list" aria-label=${this.text.byWorkspaceList}>
        ${data.bars.map((bar) =>
          bar.key === OTHERS_KEY
            ? html`<li><div class="entry others" part="list-item">${content(bar)}</div></li>`
            : html`<li>
                <button
                  type="button"
                  part="list-item"
                  class="entry ${selected && selected !== bar.key ? 'dimmed' : ''}"
                  aria-pressed=${selected === bar.key ? 'true' : 'false'}
                  @click=${() => this.#toggle(bar)}
                >
                  ${content(bar)}
                </button>
              </li>`,
        )}
      </ul>
      ${super.renderTable(data)}`;
  }

  protected override table(data: ByWorkspaceData): PanelTable {
    return this.breakdownTable(data, this.text.byWorkspaceColumn, 'workspace', data.bars.map((b) => ({ ...b, label: this.#label(b) })));
  }

  protected override chartConfig(data: ByWorkspaceData, theme: ChartTheme): ChartConfiguration {
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(data.account);
    const selected = this.selectedWorkspace;
    const colorOf = (b: WorkspaceBar) => {
      const c = b.key === OTHERS_KEY ? theme.series[7] : theme.series[0];
      return selected && selected !== b.key ? dim(c) : c;
    };
    // Right to left, the bars grow from the right and the names sit on the right.
    const rtl = theme.rtl;
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: data.bars.map((b) => this.#label(b)),
        datasets: [
          {
            label: this.text.byWorkspaceTitle,
            data: data.bars.map((b) => toUnit(b.credits, unit)),
            backgroundColor: data.bars.map(colorOf),
            borderColor: data.bars.map((b) => (b.key === selected ? theme.text : 'transparent')),
            borderWidth: data.bars.map((b) => (b.key === selected ? 2 : 0)),
            borderRadius: 3,
            borderSkipped: false,
            maxBarThickness: 28,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        interaction: { mode: 'nearest', axis: 'y', intersect: false },
        onClick: (_event: ChartEvent, elements: ActiveElement[]) => {
          const bar = elements[0] && data.bars[elements[0].index];
          if (bar) this.#toggle(bar);
        },
        onHover: (event: ChartEvent, elements: ActiveElement[]) => {
          const canvas = event.native?.target as HTMLElement | undefined;
          const bar = elements[0] && data.bars[elements[0].index];
          if (canvas) canvas.style.cursor = bar && bar.key !== OTHERS_KEY ? 'pointer' : '';
        },
        scales: {
          x: {
            beginAtZero: true,
            reverse: rtl,
            grid: { color: theme.grid },
            border: { display: false },
            ticks: { color: theme.muted, font: { family: theme.font }, callback: (v) => formatNumber(Number(v), locale, { notation: 'compact' }) },
          },
          y: {
            position: rtl ? 'right' : 'left',
            grid: { display: false },
            border: { color: theme.grid },
            ticks: {
              color: theme.text,
              font: { family: theme.font },
              callback: (_v, i) => isolate(truncate(this.#label(data.bars[i]), 22)),
            },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            ...tooltipStyle(theme),
            rtl,
            callbacks: {
              title: (items: TooltipItem<'bar'>[]) => isolate(this.#label(data.bars[items[0].dataIndex])),
              label: (item: TooltipItem<'bar'>) => {
                const b = data.bars[item.dataIndex];
                return `${formatCredits(b.credits, { locale, unit, maximumFractionDigits: 0 })} (${formatPercent(b.credits / data.total, locale)})`;
              },
            },
          },
        },
      },
    };
    return config as ChartConfiguration;
  }
}

/** Long names shortened for the axis (the list and the tooltip show them whole). */
function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
