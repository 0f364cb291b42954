/**
 * What every chart panel shares: a header with the title, a one-sentence
 * text summary, a data-table alternative (always in the accessibility tree,
 * shown on demand), an export menu (CSV/JSON) and the chart itself, owned by
 * a {@link ChartController}.
 */
import { css, html, nothing, type PropertyValues, type ReactiveElement, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { ChartConfiguration } from 'chart.js';
import { downloadName, toCsv, toJson } from '../core/export.js';
import { formatList, formatNumber, formatPercent, isolate, percentOf, roundForExport, toUnit, unitHeading } from '../core/format.js';
import type { AccountInfo, DisplayUnit } from '../data/types.js';
import { ChartController, type ChartTheme } from './chart-controller.js';
import { CreditElement } from './credit-element.js';
import { fill } from './strings.js';

/** A panel's data as a table: what the chart shows, for people and for export. */
export interface PanelTable {
  /** Column headings, as shown. */
  columns: string[];
  /** Cells as shown (formatted for the locale). */
  rows: string[][];
  /** The same rows as raw values for CSV/JSON (dates as YYYY-MM-DD, credits as numbers in the display unit). */
  raw: { header: string[]; rows: unknown[][] };
}

/** One entry of a breakdown (a reason, a workspace, a kind of workspace): its share of the total. */
export interface BreakdownEntry {
  /** The id, exported. */
  key: string;
  /** The name, as shown and exported. */
  label: string;
  credits: number;
}

/** The data of a breakdown panel: entries that add up to `total` over a range. */
export interface BreakdownData {
  account: AccountInfo;
  start: string;
  end: string;
  total: number;
}

export const chartPanelStyles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.25rem 1rem;
  }
  .summary {
    margin: 0 0 0.5rem;
    font-size: 0.85rem;
    color: var(--_muted);
  }
  .actions {
    display: flex;
    gap: 0.4rem;
    align-items: center;
  }
  .actions button,
  .actions summary {
    font-size: 0.8rem;
    padding: 0.2rem 0.6rem;
  }
  details {
    position: relative;
  }
  details > summary {
    list-style: none;
    cursor: pointer;
    color: var(--_text);
    background: var(--_subtle);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
  }
  details > summary::-webkit-details-marker {
    display: none;
  }
  details > summary:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .menu {
    position: absolute;
    inset-inline-end: 0;
    z-index: 2;
    display: grid;
    gap: 2px;
    margin-top: 4px;
    padding: 4px;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.12);
  }
  .menu button {
    border: 0;
    background: transparent;
    text-align: start;
    white-space: nowrap;
  }
  /* A selectable legend or list entry: a swatch, the name, then the value and share. */
  .entry {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.5rem;
    width: 100%;
    padding: 0.3rem 0.5rem;
    text-align: start;
    font-size: 0.85rem;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) * 0.6);
  }
  button.entry {
    background: transparent;
  }
  button.entry:hover {
    background: var(--_subtle);
    border-color: var(--_border);
  }
  button.entry[aria-pressed='true'] {
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    border-color: color-mix(in srgb, var(--_accent) 45%, var(--_border));
    font-weight: 600;
  }
  .entry .swatch {
    width: 0.8rem;
    height: 0.8rem;
    border-radius: 3px;
  }
  /* Only the swatch fades: the text keeps its contrast. */
  .entry.dimmed .swatch {
    opacity: 0.35;
  }
  @media (forced-colors: active) {
    .entry .swatch {
      forced-color-adjust: none;
      border: 1px solid CanvasText;
    }
    button.entry[aria-pressed='true'] {
      outline: 2px solid Highlight;
    }
  }
  /* A legend or list entry: its name, then its value and share. */
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .value {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .value .share {
    display: inline-block;
    min-width: 3.2em;
    text-align: end;
    color: var(--_muted);
  }
  .chart {
    position: relative;
    height: var(--credit-chart-height, 260px);
  }
  .table-wrap:not(.visually-hidden) {
    max-height: 20rem;
    overflow: auto;
    margin-top: 0.75rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.85rem;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.25rem;
  }
  th,
  td {
    padding: 0.3rem 0.5rem;
    border-bottom: 1px solid var(--_border);
    text-align: end;
  }
  th:first-child,
  td:first-child {
    text-align: start;
  }
  th {
    color: var(--_muted);
    font-weight: 600;
    position: sticky;
    top: 0;
    background: var(--_surface);
  }
`;

/**
 * @csspart title - The panel's heading.
 * @csspart summary - The one-sentence text summary.
 * @csspart actions - The table toggle and export menu.
 * @csspart table-toggle - The button that shows or hides the data table.
 * @csspart export - The export menu.
 * @csspart chart - The chart's box.
 * @csspart table - The data table alternative.
 *
 * @cssproperty [--credit-chart-height=260px] - Height of the chart.
 */
export abstract class ChartPanel<T> extends CreditElement<T> {
  static override styles = [...CreditElement.styles, chartPanelStyles];

  /**
   * Reactive properties the chart does not draw: an update for these alone
   * (and no new data) leaves the chart as it is. A panel whose chart reads
   * one of them at draw time redraws it itself.
   */
  protected static undrawnProperties: ReadonlySet<PropertyKey> = new Set(['tableShown', 'loading', 'state']);

  /** Whether the data table is shown (it is always available to screen readers). */
  @state() protected tableShown = false;

  /** The data the chart was last configured with. */
  #drawnData?: T;
  /** Whether the chart as drawn still shows this update's state (worked out in `update`). */
  #chartUpToDate = false;
  /**
   * Set by a `requestUpdate()` that names no property (a host redrawing after
   * changing a colour): such an update always redraws the chart. A plain
   * field: the first request comes from the base class's constructor.
   */
  private redrawRequested?: boolean;

  protected readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('canvas.chart-canvas'),
    config: (theme) => {
      const data = this.data.value;
      if (data === undefined || this.isEmpty(data) || this.state === 'error') return undefined;
      this.#drawnData = data;
      return this.chartConfig(data, theme);
    },
    upToDate: () => this.#chartUpToDate,
  });

  override requestUpdate(...args: Parameters<ReactiveElement['requestUpdate']>): void {
    if (args[0] === undefined) this.redrawRequested = true;
    super.requestUpdate(...args);
  }

  protected override update(changed: PropertyValues<this>): void {
    // `changed` includes what the base's update sets (`loading`, `state`).
    super.update(changed);
    const undrawn = (this.constructor as typeof ChartPanel).undrawnProperties;
    this.#chartUpToDate =
      !this.redrawRequested && changed.size > 0 && this.data.value === this.#drawnData && [...changed.keys()].every((key) => undrawn.has(key));
    this.redrawRequested = false;
  }

  /** The panel's heading. */
  protected abstract panelTitle(): string;

  /** The Chart.js configuration for the data, coloured from the theme. */
  protected abstract chartConfig(data: T, theme: ChartTheme): ChartConfiguration;

  /** One sentence that says what the chart shows, e.g. "Daily credits, 1–30 Nov: 48,210 in total; highest on 12 Nov with 3,904". */
  protected abstract textSummary(data: T): string;

  /** The same numbers as the chart, as a table. */
  protected abstract table(data: T): PanelTable;

  /** A short name for export files, e.g. `daily-credits`. */
  protected abstract exportName(): string;

  /** "Filtered to Chat and Workspace A.": the summary's note on data narrowed to the dashboard's focus. */
  protected filteredNote(filters: readonly string[]): string {
    return fill(this.text.breakdownFiltered, { filters: formatList(filters.map(isolate), this.resolvedLocale) });
  }

  /** An entry's amount in the display unit and its share of `total`, for a legend or a list. */
  protected renderValue(credits: number, total: number, unit: DisplayUnit | undefined): TemplateResult {
    const locale = this.resolvedLocale;
    return html`<span class="value">${formatNumber(toUnit(credits, unit), locale, { maximumFractionDigits: 0 })} <span class="share">${formatPercent(credits / total, locale)}</span></span>`;
  }

  /**
   * A breakdown as a table: each entry's name, amount and share of the
   * total, under `heading`; exported with the range, the entry's id (in a
   * `keyColumn` column), its name, the amount in the display unit and the
   * share in percent.
   */
  protected breakdownTable(data: BreakdownData, heading: string, keyColumn: string, entries: readonly BreakdownEntry[]): PanelTable {
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(data.account);
    return {
      columns: [heading, unitHeading(unit, t.credits, locale), t.breakdownShare],
      rows: entries.map((e) => [e.label, formatNumber(toUnit(e.credits, unit), locale, { maximumFractionDigits: 0 }), formatPercent(e.credits / data.total, locale)]),
      raw: {
        header: ['start', 'end', keyColumn, 'label', unit ? unit.id : 'credits', 'percent'],
        rows: entries.map((e) => [data.start, data.end, e.key, e.label, roundForExport(toUnit(e.credits, unit)), percentOf(e.credits, data.total)]),
      },
    };
  }

  /**
   * The panel's data as CSV or JSON (in the display unit). Also offered in
   * the panel's export menu, which downloads it.
   */
  export(format: 'csv' | 'json'): string {
    const data = this.data.value;
    if (data === undefined) throw new Error('Nothing to export yet: the data has not loaded.');
    const { raw } = this.table(data);
    if (format === 'csv') return toCsv(raw.header, raw.rows);
    return toJson(raw.rows.map((row) => Object.fromEntries(raw.header.map((h, i) => [h, row[i]]))));
  }

  #download(format: 'csv' | 'json', event: Event): void {
    (event.currentTarget as HTMLElement).closest('details')?.removeAttribute('open');
    const content = this.export(format);
    const range = this.exportRange();
    const blob = new Blob([content], { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = downloadName(this.exportName(), range.start, range.end, format);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /** The range the exported data covers, for the file name: the data's own `start`/`end`. */
  protected exportRange(): { start: string; end: string } {
    const data = this.data.value as { start?: string; end?: string } | undefined;
    return { start: data?.start ?? '1970-01-01', end: data?.end ?? data?.start ?? '1970-01-01' };
  }

  protected override renderData(data: T): TemplateResult {
    const summary = this.textSummary(data);
    return html`
      <div class="head">
        <h2 class="title" part="title">${this.panelTitle()}</h2>
        <div class="actions" part="actions">
          <button type="button" part="table-toggle" aria-pressed=${this.tableShown ? 'true' : 'false'} @click=${() => (this.tableShown = !this.tableShown)}>
            ${this.tableShown ? this.text.hideTable : this.text.showTable}
          </button>
          <details part="export">
            <summary>${this.text.export}</summary>
            <div class="menu" role="group" aria-label=${this.text.export}>
              <button type="button" @click=${(e: Event) => this.#download('csv', e)}>${this.text.exportCsv}</button>
              <button type="button" @click=${(e: Event) => this.#download('json', e)}>${this.text.exportJson}</button>
            </div>
          </details>
        </div>
      </div>
      <p class="summary" part="summary">${summary}</p>
      ${this.renderAboveChart(data)}
      <div class="chart" part="chart">
        <canvas class="chart-canvas" role="img" aria-label=${summary}></canvas>
      </div>
      ${this.renderTable(data)}
    `;
  }

  /** Room for a legend, chips or notes between the summary and the chart. */
  protected renderAboveChart(_data: T): TemplateResult | typeof nothing {
    return nothing;
  }

  protected renderTable(data: T): TemplateResult {
    const table = this.table(data);
    // Shown, it scrolls and so takes focus; hidden, it stays in the accessibility tree only.
    return html`<div
      class="table-wrap ${this.tableShown ? '' : 'visually-hidden'}"
      part="table"
      role=${this.tableShown ? 'region' : nothing}
      aria-label=${this.tableShown ? this.panelTitle() : nothing}
      tabindex=${this.tableShown ? 0 : nothing}
    >
      <table>
        <caption>${this.panelTitle()}</caption>
        <thead>
          <tr>${table.columns.map((c) => html`<th scope="col"><bdi>${c}</bdi></th>`)}</tr>
        </thead>
        <tbody>
          ${table.rows.map((row) => html`<tr>${row.map((cell, i) => (i === 0 ? html`<th scope="row"><bdi>${cell}</bdi></th>` : html`<td>${cell}</td>`))}</tr>`)}
        </tbody>
      </table>
    </div>`;
  }

  // Empty and failed panels keep their title: a dashboard of untitled
  // "No usage data" cards does not say which chart is empty.
  protected override renderEmpty(): TemplateResult {
    return html`<h2 class="title" part="title">${this.panelTitle()}</h2>${super.renderEmpty()}`;
  }

  protected override renderError(error: unknown): TemplateResult {
    return html`<h2 class="title" part="title">${this.panelTitle()}</h2>${super.renderError(error)}`;
  }

  protected override renderSkeleton(): TemplateResult {
    return html`<span class="skeleton" style="width:35%;height:1.1rem"></span>
      <span class="skeleton" style="width:60%;height:0.8rem;margin:0.5rem 0 0.75rem"></span>
      <span class="skeleton" style="height:var(--credit-chart-height, 260px)"></span>`;
  }
}
