import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { html, nothing, type TemplateResult } from 'lit';
import { tooltipStyle, type ChartTheme } from '../../base/chart-controller.js';
import { ChartPanel, type PanelTable } from '../../base/chart-panel.js';
import { focusFilter, reasonLabel, type LoadContext } from '../../base/credit-element.js';
import { fill } from '../../base/strings.js';
import { formatCredits, formatDateRange, formatPercent, toUnit } from '../../core/format.js';
import { creditsBy } from '../../core/series.js';
import type { AccountInfo, WorkspaceKind } from '../../data/types.js';
import { creditTeamSplitStyles } from './credit-team-split.styles.js';

export interface KindSlice {
  kind: WorkspaceKind;
  credits: number;
}

export interface TeamSplitData {
  account: AccountInfo;
  start: string;
  end: string;
  /** The kinds the account has workspaces of (or usage in), team first. */
  slices: KindSlice[];
  total: number;
  /** The account has workspaces of one kind only. */
  onlyKind?: WorkspaceKind;
  /** Labels of the dashboard focus the data is filtered to (empty when unfiltered). */
  filters: string[];
}

const KINDS: readonly WorkspaceKind[] = ['team', 'personal'];

/**
 * How usage splits between team (shared) and personal workspaces, as a pie.
 *
 * An account with personal workspaces only shows 100 % personal with a
 * note saying so. Inside a `<credit-dashboard>` the panel follows the
 * focus on a reason or a workspace as a filter.
 *
 * @tagname credit-team-split
 * @summary Credits in team vs personal workspaces, as a pie; a personal-only account shows 100 % personal.
 *
 * @csspart panel - The card.
 * @csspart title - The heading.
 * @csspart summary - The one-sentence text summary.
 * @csspart actions - The table toggle and export menu.
 * @csspart table-toggle - The Show/Hide table button.
 * @csspart export - The export menu.
 * @csspart legend - The two kinds with their credits and shares.
 * @csspart note - The note on an account with one kind of workspace only.
 * @csspart chart - The chart's box.
 * @csspart table - The data-table alternative.
 * @csspart message - Empty and error messages.
 * @csspart retry - The Retry button.
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty [--credit-color-1=#4f46e5] - Team workspaces.
 * @cssproperty [--credit-color-2=#0284c7] - Personal workspaces.
 * @cssproperty [--credit-color-text=#1f2328] - Text.
 * @cssproperty [--credit-color-muted=#59636e] - Secondary text.
 * @cssproperty [--credit-color-surface=#ffffff] - The card's background and the gap between the slices.
 * @cssproperty [--credit-color-subtle=#f6f8fa] - The note's background.
 * @cssproperty [--credit-color-border=#d1d9e0] - Borders.
 * @cssproperty [--credit-chart-height=260px] - The chart's height.
 * @cssproperty [--credit-radius=10px] - Corner radius.
 * @cssproperty [--credit-gap=1rem] - Padding.
 * @cssproperty [--credit-font-family=inherit] - Font.
 */
export class CreditTeamSplit extends ChartPanel<TeamSplitData> {
  static override styles = [...ChartPanel.styles, creditTeamSplitStyles];

  protected override loadArgs(): readonly unknown[] {
    return [this.dashboardFocus.workspace, this.dashboardFocus.reason];
  }

  protected override async load({ source, account, range, selection, signal }: LoadContext): Promise<TeamSplitData> {
    const filter = focusFilter(selection);
    const [usage, allocation] = await Promise.all([
      source.queryUsage({ start: range.start, end: range.end, granularity: 'total', groupBy: 'workspaceKind', ...(filter ? { filter } : {}) }, signal),
      source.getAllocation(signal),
    ]);
    const credits = creditsBy(usage.rows, 'key');
    const present = new Set(allocation.workspaces.map((w) => w.kind));
    const onlyKind = present.size === 1 ? [...present][0] : undefined;
    // A kind is listed when the account has such workspaces or usage in them (a deleted workspace's, say).
    const slices = KINDS.filter((k) => present.has(k) || (credits.get(k) ?? 0) > 0 || present.size === 0).map((kind) => ({
      kind,
      credits: credits.get(kind) ?? 0,
    }));
    const total = slices.reduce((s, k) => s + k.credits, 0);

    const filters: string[] = [];
    if (selection.workspace) filters.push(allocation.workspaces.find((w) => w.id === selection.workspace)?.name ?? selection.workspace);
    if (selection.reason) filters.push(reasonLabel(account, selection.reason));
    return { account, start: range.start, end: range.end, slices, total, onlyKind: slices.length === 1 ? onlyKind : undefined, filters };
  }

  protected override isEmpty(data: TeamSplitData): boolean {
    return data.total === 0;
  }

  protected override panelTitle(): string {
    return this.text.teamSplitTitle;
  }

  protected override exportName(): string {
    return 'credits-team-vs-personal';
  }

  #label(kind: WorkspaceKind): string {
    return kind === 'team' ? this.text.teamSplitTeam : this.text.teamSplitPersonal;
  }

  #credits(data: TeamSplitData, kind: WorkspaceKind): number {
    return data.slices.find((s) => s.kind === kind)?.credits ?? 0;
  }

  protected override textSummary(data: TeamSplitData): string {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(data.account);
    const credits = (v: number) => formatCredits(v, { locale, unit, maximumFractionDigits: 0 });
    const team = this.#credits(data, 'team');
    const personal = this.#credits(data, 'personal');
    const parts = [
      fill(t.teamSplitSummary, {
        Unit: this.unitTitle(data.account),
        range: formatDateRange(data.start, data.end, locale),
        team: credits(team),
        teamShare: formatPercent(team / data.total, locale),
        personal: credits(personal),
        personalShare: formatPercent(personal / data.total, locale),
      }),
    ];
    if (data.filters.length) parts.push(this.filteredNote(data.filters));
    return parts.join(' ');
  }

  protected override renderAboveChart(data: TeamSplitData): TemplateResult {
    const t = this.text;
    const unit = this.displayUnit(data.account);
    const note = data.onlyKind === 'personal' ? t.teamSplitPersonalOnly : data.onlyKind === 'team' ? t.teamSplitTeamOnly : undefined;
    return html`<div class="key">
      <ul class="legend" part="legend" aria-label=${t.teamSplitLegend}>
        ${data.slices.map(
          (s) => html`<li class=${s.kind}>
            <span class="swatch" aria-hidden="true"></span>
            <span class="name">${this.#label(s.kind)}</span>
            ${this.renderValue(s.credits, data.total, unit)}
          </li>`,
        )}
      </ul>
      ${note ? html`<p class="note" part="note">${note}</p>` : nothing}
    </div>`;
  }

  protected override table(data: TeamSplitData): PanelTable {
    return this.breakdownTable(data, this.text.teamSplitKind, 'kind', data.slices.map((s) => ({ key: s.kind, label: this.#label(s.kind), credits: s.credits })));
  }

  protected override chartConfig(data: TeamSplitData, theme: ChartTheme): ChartConfiguration {
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(data.account);
    const colors = { team: theme.series[0], personal: theme.series[1] };
    const config: ChartConfiguration<'pie'> = {
      type: 'pie',
      data: {
        labels: data.slices.map((s) => this.#label(s.kind)),
        datasets: [
          {
            data: data.slices.map((s) => toUnit(s.credits, unit)),
            backgroundColor: data.slices.map((s) => colors[s.kind]),
            borderColor: theme.surface,
            // A lone full slice needs no seam.
            borderWidth: data.slices.filter((s) => s.credits > 0).length > 1 ? 2 : 0,
            hoverOffset: 6,
          },
        ],
      },
      options: {
        layout: { padding: 8 },
        plugins: {
          legend: { display: false },
          tooltip: {
            ...tooltipStyle(theme),
            callbacks: {
              label: (item: TooltipItem<'pie'>) => {
                const s = data.slices[item.dataIndex];
                return `${formatCredits(s.credits, { locale, unit, maximumFractionDigits: 0 })} (${formatPercent(s.credits / data.total, locale)})`;
              },
            },
          },
        },
      },
    };
    return config as ChartConfiguration;
  }
}
