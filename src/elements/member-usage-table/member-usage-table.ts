import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { downloadName, toCsv, toJson } from '../../core/export.js';
import { formatDate, formatDateRange, formatNumber, formatPercent, isolate, memberLabel, numberSeparators, percentOf, toUnit } from '../../core/format.js';
import { CreditElement, focusFilter, loadAccount, MissingSourceError, reasonLabel, workspaceName, type LoadContext } from '../../base/credit-element.js';
import type { Selection } from '../../base/context.js';
import { fill } from '../../base/strings.js';
import { errorMessage } from '../../data/errors.js';
import { guardSource } from '../../data/guard.js';
import type {
  AccountInfo,
  CreditDataSource,
  DisplayUnit,
  MemberQuery,
  MemberSort,
  MemberUsage,
} from '../../data/types.js';
import { memberUsageTableStyles } from './member-usage-table.styles.js';

/** Detail of `member-limit-change`: the limit saved, in credits (`null`: the limit was removed). */
export interface MemberLimitChangeDetail {
  memberId: string;
  limit: number | null;
}

/** What the table loaded: the first page of the query it shows. */
export interface MemberTableData {
  account: AccountInfo;
  /** The query of the first page (`offset` 0); further pages differ only in `offset`. */
  query: MemberQuery;
  /** The first page. */
  members: MemberUsage[];
  /** How many members match the query in all. */
  total: number;
  /** The focused workspace's name, when the dashboard focuses one. */
  workspaceLabel?: string;
}

/** The columns of the export, in order; one `<reason id>` column per reason sits between `label` and `total`. */
export const MEMBER_EXPORT_COLUMNS = ['member_id', 'email', 'name', 'label', 'total', 'daily_limit', 'peak_day', 'percent_of_limit'] as const;

/** Roles that may change member limits (the memory adapter enforces the same). */
const LIMIT_ROLES = new Set(['owner', 'admin', 'manager']);
/** The source's largest page. */
const MAX_PAGE = 10_000;
/** Rows per request when exporting. */
const EXPORT_PAGE = 1000;
const SEARCH_DELAY = 250;
/** Pages are requested for the rows in view at most this often (ms), so a fast scroll skips the pages it flies past. */
const PAGE_FETCH_DELAY = 60;

interface Column {
  label: string;
  /** What the source sorts by for this column; absent: not sortable at the source. */
  sort?: MemberSort;
  className: string;
}

/** Per-render values every row needs, computed once per render. */
interface RowContext {
  locale: string;
  unit?: DisplayUnit;
  unitLabel: string;
  reasons: string[];
  canEdit: boolean;
  /** Rows rendered under another epoch are rendered again (see `#cachedRow`). */
  epoch: string;
}

interface LimitEdit {
  memberId: string;
  label: string;
  value: string;
  error?: string;
  saving?: boolean;
}

/**
 * Credits per member for the range: by reason, in total, the highest single
 * day and — where a member has a daily limit — the limit and how much of it
 * that day used. Sorted by total, highest first; sortable by member, reason
 * or total; searchable. Sorting, searching and paging happen at the data
 * source (`queryMembers`), so a 100,000-member organisation costs the
 * browser one page.
 *
 * Two ways to show many members: the top `max-rows` (default 200) with a note
 * when there are more, or `virtualized` to scroll through all of them (pages
 * of `page-size` are fetched as they come into view).
 *
 * Inside `<credit-dashboard>` it follows the focus: a selected day, workspace
 * or reason narrows the table and shows as a chip that clears it.
 *
 * Export (`exportData()` and the Download buttons) covers every matching
 * member, fetched page by page. Columns: `member_id`, `email`, `name`,
 * `label` (as shown), one column per reason (named by the reason id;
 * `reason_<id>` if the id is one of the other column names), `total`,
 * `daily_limit`, `peak_day` (what the member used on their busiest day of the
 * range) and `percent_of_limit`
 * (peak day ÷ daily limit × 100, two decimals). Amounts are numbers in the
 * display unit; missing values are empty (CSV) or `null` (JSON). The JSON is
 * an array of objects with the same keys.
 *
 * Where the source can `setMemberLimit` and the role is owner, admin or
 * manager, each row's limit can be edited in place (in the display unit;
 * empty removes the limit); the table reloads after saving.
 *
 * @tagname member-usage-table
 * @summary Credits per member by reason and in total, with daily limits; sortable, searchable, exportable, virtualized for large organisations.
 *
 * @fires member-limit-change - A member's daily limit was saved. Detail: `{ memberId, limit }` (credits; `null` removed it).
 * @fires day-select - The day chip was cleared. Detail: `{ date: null }`.
 * @fires workspace-select - The workspace chip was cleared. Detail: `{ workspaceId: null }`.
 * @fires reason-select - The reason chip was cleared. Detail: `{ reasonId: null }`.
 *
 * @csspart title - The heading.
 * @csspart search - The search field.
 * @csspart export-csv - The Download CSV button.
 * @csspart export-json - The Download JSON button.
 * @csspart progress - The export progress bar (exports of more than one request).
 * @csspart chips - The dashboard focus shown on the table.
 * @csspart chip - One focus chip, a button that clears it.
 * @csspart table - The scrolling table.
 * @csspart column-header - A column heading.
 * @csspart sort - A column's sort button.
 * @csspart row - A member's row (`row over-limit-row` when its peak day passed the daily limit).
 * @csspart placeholder - A virtualized row whose page has not arrived.
 * @csspart over-limit - The "Over limit" badge.
 * @csspart edit - A member's Edit limit button.
 * @csspart limit-form - The inline limit editor.
 * @csspart note - The "Showing the top N of M members" note.
 *
 * @cssproperty [--credit-member-table-height=28rem] - Height of the virtualized table's scroll area.
 * @cssproperty [--credit-member-table-max-height=32rem] - Largest height of the non-virtualized table before it scrolls.
 * @cssproperty [--credit-member-row-height=2.25rem] - Least height of a virtualized row.
 */
export class MemberUsageTable extends CreditElement<MemberTableData> {
  static override styles = [...CreditElement.styles, memberUsageTableStyles];

  /** Rows shown without `virtualized` (the top ones by the current sort); a note says when there are more. At most 10,000. */
  @property({ attribute: 'max-rows', type: Number }) maxRows = 200;

  /** Scroll through every member in a fixed-height area, fetching pages as they come into view. */
  @property({ type: Boolean, reflect: true }) virtualized = false;

  /** Members per request in virtualized mode. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 100;

  /** The column sorted by: `total`, `member` or a reason id. */
  @state() private sort: MemberSort = 'total';
  @state() private direction: 'asc' | 'desc' = 'desc';
  /** The search sent to the source (the field's text, once typing pauses). */
  @state() private search = '';
  /** The search field's text. */
  @state() private searchText = '';
  @state() private editing?: LimitEdit;
  @state() private exportProgress?: { done: number; total: number };
  @state() private exportError?: string;
  @state() private pageError = false;

  #searchTimer?: ReturnType<typeof setTimeout>;
  #pageTimer?: ReturnType<typeof setTimeout>;
  readonly #exports = new Set<AbortController>();
  /** After the next update, move focus here. */
  #focusNext?: { kind: 'limit-input' } | { kind: 'edit'; memberId: string } | { kind: 'search' };

  // Virtualized rows: one slot per matching member, filled page by page.
  #rows: (MemberUsage | undefined)[] = [];
  #rowsOf?: MemberTableData;
  #rowsKey = '';
  #rowsSource?: CreditDataSource;
  #pages = new Map<number, 'loading' | 'done'>();
  #pagesAbort?: AbortController;
  #lastRange?: { first: number; last: number };
  #scrollToTop = false;
  /**
   * The rows' container once it is in the document. The virtualizer finds its
   * scrolling ancestor when it starts, so it starts only then (a template's
   * nodes are put together before they are attached).
   */
  #virtualHost?: Element;
  /** Rendered rows by member (members are new objects whenever data arrives). */
  #rowCache = new WeakMap<MemberUsage, { epoch: string; index: number; row: TemplateResult }>();
  /** Bumped when what every row shows may have changed: strings, locale, unit, the dashboard's context. */
  #epoch = 0;

  // ------------------------------------------------------------ loading

  protected override loadArgs(): readonly unknown[] {
    const focus = this.dashboardFocus;
    return [this.sort, this.direction, this.search, this.virtualized, this.#firstPageSize, focus.day, focus.workspace, focus.reason];
  }

  protected override async load({ source, account, range, selection, signal }: LoadContext): Promise<MemberTableData> {
    const query = { ...this.#query(range, selection), offset: 0, limit: this.#firstPageSize };
    const [page, workspaceLabel] = await Promise.all([
      source.queryMembers(query, signal),
      selection.workspace ? workspaceName(source, selection.workspace, signal) : undefined,
    ]);
    return { account, query, members: page.members, total: page.total, workspaceLabel };
  }

  protected override isEmpty(data: MemberTableData): boolean {
    // A search that matches nobody is not "no usage": the table stays, with its search field.
    return data.total === 0 && !data.query.search;
  }

  get #firstPageSize(): number {
    return clampPage(this.virtualized ? this.pageSize : this.maxRows, this.virtualized ? 100 : 200);
  }

  /** The query the table shows, without paging. */
  #query(range: { start: string; end: string }, selection: Selection): Omit<MemberQuery, 'offset' | 'limit'> {
    const query: Omit<MemberQuery, 'offset' | 'limit'> = {
      start: selection.day ?? range.start,
      end: selection.day ?? range.end,
      sort: this.sort,
      direction: this.direction,
    };
    const search = this.search.trim();
    if (search) query.search = search;
    const filter = focusFilter(selection);
    if (filter) query.filter = filter;
    return query;
  }

  /** Resolves the source, account and range the way the load does (for exports). */
  async #resolve(signal: AbortSignal) {
    if (!this.source) throw new MissingSourceError();
    const source = guardSource(this.source);
    const account = await loadAccount(this.source, signal);
    const timeZone = this.timeZone ?? this.dashboard?.timeZone ?? account.timeZone;
    return { source, account, range: this.resolveRange(account, timeZone) };
  }

  // ------------------------------------------------------------ lifecycle

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
    clearTimeout(this.#pageTimer);
    this.#searchTimer = this.#pageTimer = undefined;
    // Page requests in flight are dropped; put back, the table asks again for what is in view.
    this.#pagesAbort?.abort();
    this.#pagesAbort = new AbortController();
    for (const [page, status] of this.#pages) if (status === 'loading') this.#pages.delete(page);
    for (const controller of this.#exports) controller.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (['strings', 'locale', 'unit', 'dashboard'].some((key) => changed.has(key as keyof MemberUsageTable))) this.#epoch++;
    const data = this.data.value;
    if (data !== this.#rowsOf) this.#resetRows(data);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const host = this.renderRoot.querySelector('.rows') ?? undefined;
    if (host !== this.#virtualHost) {
      this.#virtualHost = host;
      // One more render, now that the container is attached, starts the virtualizer.
      if (host) queueMicrotask(() => this.requestUpdate());
    }
    if (this.#scrollToTop) {
      this.#scrollToTop = false;
      const scroller = this.renderRoot.querySelector('.scroll');
      if (scroller) scroller.scrollTop = 0;
    }
    const focus = this.#focusNext;
    if (focus) {
      this.#focusNext = undefined;
      const selector =
        focus.kind === 'limit-input' ? '.limit-form input' : focus.kind === 'search' ? '.search input' : `button.edit[data-member="${CSS.escape(focus.memberId)}"]`;
      const target = this.renderRoot.querySelector<HTMLElement>(selector);
      target?.focus();
      // The whole value is selected, so typing replaces it.
      if (target instanceof HTMLInputElement && focus.kind === 'limit-input') target.select();
    }
  }

  // ------------------------------------------------------------ virtualized pages

  #resetRows(data: MemberTableData | undefined): void {
    this.#pagesAbort?.abort();
    this.#pagesAbort = new AbortController();
    this.#pages = new Map();
    this.#rowsOf = data;
    this.pageError = false;
    if (!data || !this.virtualized) {
      this.#rows = [];
      return;
    }
    const rows = new Array<MemberUsage | undefined>(data.total).fill(undefined);
    data.members.forEach((m, i) => (rows[i] = m));
    this.#rows = rows;
    this.#rowsSource = this.source && guardSource(this.source);
    this.#pages.set(0, 'done');
    const { offset: _o, limit: _l, ...rest } = data.query;
    const key = JSON.stringify(rest);
    // A new query starts at the top; a reload of the same one stays where the reader is.
    const range = this.#lastRange;
    if (key !== this.#rowsKey) {
      this.#scrollToTop = true;
      if (range) this.#lastRange = { first: 0, last: range.last - range.first };
    }
    this.#rowsKey = key;
    if (this.#lastRange) this.#schedulePages();
  }

  #onRangeChanged = (event: RangeChangedEvent) => {
    this.#lastRange = { first: event.first, last: event.last };
    this.#schedulePages();
  };

  /** At most one round of page requests per PAGE_FETCH_DELAY, for the range at its end. */
  #schedulePages(): void {
    if (this.#pageTimer !== undefined) return;
    this.#pageTimer = setTimeout(() => {
      this.#pageTimer = undefined;
      this.#fetchVisiblePages();
    }, PAGE_FETCH_DELAY);
  }

  #fetchVisiblePages(): void {
    const range = this.#lastRange;
    const total = this.#rows.length;
    if (!range || total === 0) return;
    const size = this.#firstPageSize;
    // The rows in range and half a page beyond, so slow scrolling rarely meets a placeholder.
    const first = Math.floor(Math.max(0, range.first) / size);
    const last = Math.floor(Math.min(total - 1, range.last + (size >> 1)) / size);
    // Neighbouring missing pages go in one request.
    let from = -1;
    for (let p = first; p <= last + 1; p++) {
      const missing = p <= last && !this.#pages.has(p);
      if (missing && from < 0) from = p;
      if (!missing && from >= 0) {
        void this.#fetchPages(from, p - from);
        from = -1;
      }
    }
  }

  /** Fetches `count` pages from `page` in one request. */
  async #fetchPages(page: number, count: number): Promise<void> {
    const data = this.#rowsOf;
    const source = this.#rowsSource;
    const signal = this.#pagesAbort?.signal;
    if (!data || !source || !signal) return;
    const size = this.#firstPageSize;
    const pages = Array.from({ length: count }, (_, i) => page + i);
    pages.forEach((p) => this.#pages.set(p, 'loading'));
    const offset = page * size;
    try {
      const result = await source.queryMembers({ ...data.query, offset, limit: Math.min(MAX_PAGE, size * count) }, signal);
      if (signal.aborted || this.#rowsOf !== data) return;
      // A new array, so the virtualizer re-renders the rows that were placeholders.
      const rows = this.#rows.slice();
      result.members.forEach((m, i) => {
        if (offset + i < rows.length) rows[offset + i] = m;
      });
      this.#rows = rows;
      pages.forEach((p) => this.#pages.set(p, 'done'));
      this.requestUpdate();
    } catch {
      if (signal.aborted || this.#rowsOf !== data) return;
      pages.forEach((p) => this.#pages.delete(p));
      this.pageError = true;
    }
  }

  #retryPages(): void {
    this.pageError = false;
    this.#fetchVisiblePages();
  }

  // ------------------------------------------------------------ interaction

  #onSearchInput(event: Event): void {
    this.searchText = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#applySearch(), SEARCH_DELAY);
  }

  #onSearchKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') this.#applySearch();
  }

  #applySearch(): void {
    clearTimeout(this.#searchTimer);
    this.#searchTimer = undefined;
    this.search = this.searchText.trim();
  }

  #sortBy(column: Column): void {
    if (!column.sort) return;
    if (this.sort === column.sort) {
      this.direction = this.direction === 'asc' ? 'desc' : 'asc';
    } else {
      this.sort = column.sort;
      // Names read A→Z first; amounts largest first.
      this.direction = column.sort === 'member' ? 'asc' : 'desc';
    }
  }

  #clearFocus(kind: keyof Selection): void {
    this.#focusNext = { kind: 'search' };
    if (kind === 'day') this.emit('day-select', { date: null });
    else if (kind === 'workspace') this.emit('workspace-select', { workspaceId: null });
    else this.emit('reason-select', { reasonId: null });
  }

  #canEdit(account: AccountInfo): boolean {
    return typeof this.source?.setMemberLimit === 'function' && LIMIT_ROLES.has(account.role);
  }

  #startEdit(member: MemberUsage, ctx: RowContext): void {
    const value = member.dailyLimit === undefined ? '' : formatForInput(toUnit(member.dailyLimit, ctx.unit), ctx.locale);
    this.editing = { memberId: member.id, label: memberLabel(member), value };
    this.#focusNext = { kind: 'limit-input' };
  }

  #cancelEdit(): void {
    const id = this.editing?.memberId;
    this.editing = undefined;
    if (id) this.#focusNext = { kind: 'edit', memberId: id };
  }

  async #saveEdit(event: Event, ctx: RowContext): Promise<void> {
    event.preventDefault();
    const edit = this.editing;
    if (!edit || edit.saving || !this.source?.setMemberLimit) return;
    const parsed = parseLimit(edit.value, ctx.locale);
    if (parsed === undefined) {
      this.editing = { ...edit, error: this.text.membersLimitInvalid };
      this.#focusNext = { kind: 'limit-input' };
      return;
    }
    // The field is in the display unit; the source keeps credits.
    const limit = parsed === null ? null : parsed / (ctx.unit?.perCredit ?? 1);
    this.editing = { ...edit, error: undefined, saving: true };
    try {
      await guardSource(this.source).setMemberLimit!(edit.memberId, limit);
    } catch (error) {
      if (this.editing?.memberId === edit.memberId) {
        this.editing = { ...edit, saving: false, error: errorMessage(error) };
        this.#focusNext = { kind: 'limit-input' };
      }
      return;
    }
    this.editing = undefined;
    this.#focusNext = { kind: 'edit', memberId: edit.memberId };
    this.emit<MemberLimitChangeDetail>('member-limit-change', { memberId: edit.memberId, limit });
    await this.reload();
  }

  #onEditKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.#cancelEdit();
    }
  }

  // ------------------------------------------------------------ export

  /**
   * Every member matching the table's query (range, focus, search and sort),
   * fetched page by page, as CSV (RFC 4180, CRLF, formula-injection safe) or
   * JSON. Amounts are in the display unit. See the element's description for
   * the columns.
   */
  async exportData(format: 'csv' | 'json'): Promise<string> {
    const controller = new AbortController();
    this.#exports.add(controller);
    const { signal } = controller;
    try {
      const { source, account, range } = await this.#resolve(signal);
      const query = this.#query(range, this.dashboardFocus);
      const members: MemberUsage[] = [];
      let total = Infinity;
      this.exportProgress = { done: 0, total: 0 };
      while (members.length < total) {
        const page = await source.queryMembers({ ...query, offset: members.length, limit: EXPORT_PAGE }, signal);
        total = page.total;
        members.push(...page.members);
        this.exportProgress = { done: members.length, total };
        // A source whose total shrank while paging would otherwise loop for ever.
        if (page.members.length < EXPORT_PAGE) break;
      }
      return this.#serialize(members, account, format);
    } finally {
      this.#exports.delete(controller);
      if (this.#exports.size === 0) this.exportProgress = undefined;
    }
  }

  #serialize(members: MemberUsage[], account: AccountInfo, format: 'csv' | 'json'): string {
    const unit = this.displayUnit(account);
    const amount = (credits: number | undefined) => (credits === undefined ? null : clean(toUnit(credits, unit)));
    const fixed = new Set<string>(MEMBER_EXPORT_COLUMNS);
    const reasonColumns = account.reasons.map((r) => (fixed.has(r.id) ? `reason_${r.id}` : r.id));
    const header = [...MEMBER_EXPORT_COLUMNS.slice(0, 4), ...reasonColumns, ...MEMBER_EXPORT_COLUMNS.slice(4)];
    const rows = members.map((m) => [
      m.id,
      m.email ?? null,
      m.name ?? null,
      memberLabel(m),
      ...account.reasons.map((r) => amount(m.byReason[r.id] ?? 0)),
      amount(m.total),
      amount(m.dailyLimit),
      amount(m.peakDaily),
      m.dailyLimit !== undefined && m.peakDaily !== undefined ? percentOf(m.peakDaily, m.dailyLimit) : null,
    ]);
    if (format === 'csv') return toCsv(header, rows);
    return toJson(rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]]))));
  }

  async #download(format: 'csv' | 'json'): Promise<void> {
    this.exportError = undefined;
    try {
      const content = await this.exportData(format);
      const data = this.data.value;
      const start = data?.query.start ?? '1970-01-01';
      const end = data?.query.end ?? start;
      const blob = new Blob([content], { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = downloadName('member-usage', start, end, format);
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (error) {
      if (!this.isConnected) return;
      this.exportError = fill(this.text.membersExportFailed, { message: errorMessage(error) });
    }
  }

  // ------------------------------------------------------------ rendering

  protected override render(): TemplateResult {
    return html`<div part="panel" class="panel" aria-busy=${this.loading ? 'true' : 'false'}>
      ${this.#header()} ${this.renderState()}
    </div>`;
  }

  #header(): TemplateResult {
    const t = this.text;
    const data = this.data.value;
    const ready = this.state === 'ready' && data !== undefined;
    const exporting = this.exportProgress !== undefined;
    let sub: TemplateResult | typeof nothing = nothing;
    if (data && this.state !== 'error') {
      const locale = this.resolvedLocale;
      const unit = this.displayUnit(data.account);
      const parts = [formatDateRange(data.query.start, data.query.end, locale, { year: true })];
      // With nobody to show, the period alone says what is empty.
      if (this.state === 'ready') {
        parts.push(
          data.total === 1 ? t.membersCountOne : fill(t.membersCount, { count: formatCount(data.total, locale) }),
          fill(t.membersUnit, { unit: unit?.label ?? t.credits }),
        );
      }
      sub = html`<span class="muted sub">${parts.join(' · ')}</span>`;
    }
    return html`
      <div class="head">
        <div class="title-block">
          <h2 class="title" part="title">${t.membersTitle}</h2>
          ${sub}
        </div>
        ${ready
          ? html`<div class="actions">
              <label class="search" part="search">
                <span class="visually-hidden">${t.membersSearch}</span>
                <input
                  type="search"
                  autocomplete="off"
                  spellcheck="false"
                  placeholder=${t.membersSearchPlaceholder}
                  .value=${this.searchText}
                  @input=${this.#onSearchInput}
                  @keydown=${this.#onSearchKeydown}
                />
              </label>
              <button type="button" part="export-csv" ?disabled=${exporting || data.total === 0} @click=${() => this.#download('csv')}>
                ${t.exportCsv}
              </button>
              <button type="button" part="export-json" ?disabled=${exporting || data.total === 0} @click=${() => this.#download('json')}>
                ${t.exportJson}
              </button>
              ${this.#progress()}
            </div>`
          : nothing}
      </div>
      ${this.#chips()}
      ${this.exportError ? html`<p class="alert" role="alert">${this.exportError}</p>` : nothing}
    `;
  }

  #chips(): TemplateResult | typeof nothing {
    const { day, workspace, reason } = this.dashboardFocus;
    if (!day && !workspace && !reason) return nothing;
    const t = this.text;
    const data = this.data.value;
    const locale = this.resolvedLocale;
    const chip = (label: string, kind: keyof Selection) =>
      html`<button part="chip" class="chip" type="button" aria-label=${fill(t.removeFocus, { value: label })} @click=${() => this.#clearFocus(kind)}>
        ${label}<span aria-hidden="true">×</span>
      </button>`;
    const workspaceLabel = workspace ? ((data?.query.filter?.workspace?.[0] === workspace && data.workspaceLabel) || workspace) : '';
    return html`<div part="chips" class="chips" role="group" aria-label=${t.membersFilters}>
      ${day ? chip(fill(t.focusDay, { value: formatDate(day, locale, 'medium') }), 'day') : nothing}
      ${workspace ? chip(fill(t.focusWorkspace, { value: isolate(workspaceLabel) }), 'workspace') : nothing}
      ${reason ? chip(fill(t.focusReason, { value: isolate(reasonLabel(data?.account, reason)) }), 'reason') : nothing}
    </div>`;
  }

  #progress(): TemplateResult | typeof nothing {
    const p = this.exportProgress;
    // Only exports that take several requests show progress; one request has none to show.
    if (!p || p.total <= EXPORT_PAGE) return nothing;
    const locale = this.resolvedLocale;
    const text = fill(this.text.membersExportProgress, { done: formatCount(p.done, locale), total: formatCount(p.total, locale) });
    return html`<div class="progress" part="progress">
      <div
        class="bar"
        role="progressbar"
        aria-label=${this.text.membersExporting}
        aria-valuemin="0"
        aria-valuemax=${p.total}
        aria-valuenow=${p.done}
        aria-valuetext=${text}
      >
        <span style="width:${(p.done / p.total) * 100}%"></span>
      </div>
      <span aria-hidden="true">${text}</span>
    </div>`;
  }

  #columns(account: AccountInfo): Column[] {
    const t = this.text;
    return [
      { label: t.membersColumnMember, sort: 'member', className: 'member' },
      ...account.reasons.map((r) => ({ label: r.label, sort: r.id, className: 'reason' })),
      { label: t.membersColumnTotal, sort: 'total', className: 'total' },
      { label: t.membersColumnPeak, className: 'peak' },
      { label: t.membersColumnLimit, className: 'limit' },
      { label: t.membersColumnPercent, className: 'percent' },
    ];
  }

  #rowContext(account: AccountInfo): RowContext {
    const unit = this.displayUnit(account);
    return {
      locale: this.resolvedLocale,
      unit,
      unitLabel: unit?.label ?? this.text.credits,
      reasons: account.reasons.map((r) => r.id),
      canEdit: this.#canEdit(account),
      epoch: `${this.#epoch}|${this.virtualized}|${this.editing?.saving === true}`,
    };
  }

  #ariaSort(column: Column): 'ascending' | 'descending' | typeof nothing {
    if (!column.sort || column.sort !== this.sort) return nothing;
    return this.direction === 'asc' ? 'ascending' : 'descending';
  }

  #headerContent(column: Column): TemplateResult | string {
    if (!column.sort) return column.label;
    const sorted = column.sort === this.sort;
    const arrow = sorted ? (this.direction === 'asc' ? '▲' : '▼') : '';
    return html`<button class="sort" part="sort" type="button" @click=${() => this.#sortBy(column)}>
      ${column.label}<span class="arrow" aria-hidden="true">${arrow}</span>
    </button>`;
  }

  protected override renderData(data: MemberTableData): TemplateResult {
    const columns = this.#columns(data.account);
    const ctx = this.#rowContext(data.account);
    return this.virtualized ? this.#virtualTable(data, columns, ctx) : this.#plainTable(data, columns, ctx);
  }

  #plainTable(data: MemberTableData, columns: Column[], ctx: RowContext): TemplateResult {
    const t = this.text;
    const shown = data.members.length;
    const truncated = data.total > shown;
    const byTotal = this.sort === 'total' && this.direction === 'desc';
    return html`
      <div class="table-wrap" part="table" tabindex="0" role="region" aria-label=${t.membersTableLabel}>
        <table>
          <caption class="visually-hidden">${t.membersTableLabel}</caption>
          <thead>
            <tr>
              ${columns.map(
                (c) => html`<th scope="col" part="column-header" class=${c.className} aria-sort=${this.#ariaSort(c)}>${this.#headerContent(c)}</th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${shown === 0
              ? html`<tr><td class="no-match" colspan=${columns.length}>${fill(t.membersNoMatch, { search: isolate(data.query.search ?? '') })}</td></tr>`
              : repeat(
                  data.members,
                  (m) => m.id,
                  (m) => this.#cachedRow(m, -1, ctx, () => this.#plainRow(m, ctx)),
                )}
          </tbody>
        </table>
      </div>
      ${truncated
        ? html`<p class="note" part="note" role="note">
            ${fill(byTotal ? t.membersShowingTop : t.membersShowingFirst, { shown: formatCount(shown, ctx.locale), total: formatCount(data.total, ctx.locale) })}
            ${t.membersSearchHint}
          </p>`
        : nothing}
    `;
  }

  #virtualTable(data: MemberTableData, columns: Column[], ctx: RowContext): TemplateResult {
    const t = this.text;
    const reasons = ctx.reasons.length;
    const template = `minmax(12rem, 4fr) repeat(${reasons + 2}, minmax(4.75rem, 1fr)) minmax(6.5rem, 1fr) minmax(9.5rem, 1.3fr)`;
    const minWidth = `${12 + (reasons + 2) * 4.75 + 6.5 + 9.5}rem`;
    const rows = this.#rows;
    return html`
      <div
        class="scroll"
        part="table"
        role="table"
        tabindex="0"
        aria-label=${t.membersTableLabel}
        aria-rowcount=${data.total + 1}
        style="--_columns:${template};--_min-width:${minWidth}"
      >
        <div role="rowgroup">
          <div class="head-row" role="row" aria-rowindex="1">
            ${columns.map(
              (c) =>
                html`<div role="columnheader" part="column-header" class="cell ${c.className}" aria-sort=${this.#ariaSort(c)}>${this.#headerContent(c)}</div>`,
            )}
          </div>
        </div>
        ${data.total === 0
          ? html`<div role="rowgroup">
              <div role="row" aria-rowindex="2" class="row">
                <div role="cell" class="cell no-match" style="grid-column:1/-1">${fill(t.membersNoMatch, { search: isolate(data.query.search ?? '') })}</div>
              </div>
            </div>`
          : html`<div class="rows" role="rowgroup" @rangeChanged=${this.#onRangeChanged}>
              ${this.#virtualHost?.isConnected
                ? virtualize({
                    items: rows,
                    keyFunction: (_m: MemberUsage | undefined, index: number) => index,
                    renderItem: (m: MemberUsage | undefined, index: number) =>
                      m ? this.#cachedRow(m, index, ctx, () => this.#virtualRow(m, index, ctx)) : this.#placeholderRow(index),
                  })
                : nothing}
            </div>`}
      </div>
      ${this.pageError
        ? html`<p class="alert" role="alert">
            ${t.membersPageError} <button type="button" part="retry" @click=${() => this.#retryPages()}>${t.retry}</button>
          </p>`
        : nothing}
    `;
  }

  #plainRow(m: MemberUsage, ctx: RowContext): TemplateResult {
    const c = this.#cells(m, ctx);
    return html`<tr part=${c.over ? 'row over-limit-row' : 'row'} class=${c.over ? 'over-limit' : ''}>
      <th scope="row" class="member" title=${c.title}><span dir="auto">${c.label}</span></th>
      ${c.reasons.map((v) => html`<td class="reason">${v}</td>`)}
      <td class="total">${c.total}</td>
      <td class=${c.peakClass}>${c.peak}</td>
      <td class="limit">${c.limit}</td>
      <td class=${c.percentClass}>${c.percent}</td>
    </tr>`;
  }

  #virtualRow(m: MemberUsage, index: number, ctx: RowContext): TemplateResult {
    const c = this.#cells(m, ctx);
    const editing = this.editing?.memberId === m.id;
    return html`<div
      role="row"
      aria-rowindex=${index + 2}
      part=${c.over ? 'row over-limit-row' : 'row'}
      class="row ${c.over ? 'over-limit' : ''} ${editing ? 'editing' : ''}"
    >
      <div role="rowheader" class="cell member" title=${c.title}><span dir="auto">${c.label}</span></div>
      ${c.reasons.map((v) => html`<div role="cell" class="cell reason">${v}</div>`)}
      <div role="cell" class="cell total">${c.total}</div>
      <div role="cell" class="cell ${c.peakClass}">${c.peak}</div>
      <div role="cell" class="cell limit">${c.limit}</div>
      <div role="cell" class="cell ${c.percentClass}">${c.percent}</div>
    </div>`;
  }

  /**
   * A member's row as rendered before, while nothing it shows has changed:
   * the virtualizer re-renders every row in view whenever one scrolls in,
   * and the plain table re-renders on every keystroke in the search field.
   */
  #cachedRow(m: MemberUsage, index: number, ctx: RowContext, build: () => TemplateResult): TemplateResult {
    if (this.editing?.memberId === m.id) return build();
    const hit = this.#rowCache.get(m);
    if (hit && hit.epoch === ctx.epoch && hit.index === index) return hit.row;
    const row = build();
    this.#rowCache.set(m, { epoch: ctx.epoch, index, row });
    return row;
  }

  /** A row whose page has not arrived: one static bar (rows fly past by the hundred while scrolling). */
  #placeholderRow(index: number): TemplateResult {
    return html`<div role="row" aria-rowindex=${index + 2} part="placeholder" class="row placeholder">
      <div role="rowheader" class="cell member"><span class="visually-hidden">${fill(this.text.membersRowLoading, { row: index + 1 })}</span></div>
    </div>`;
  }

  /** What a member's cells show, as strings where possible (rows are rendered by the hundred). */
  #cells(m: MemberUsage, ctx: RowContext) {
    const { locale, unit } = ctx;
    const amount = (credits: number) => {
      const v = toUnit(credits, unit);
      return formatNumber(v, locale, { maximumFractionDigits: v > 0 && v < 1 ? 2 : 1 });
    };
    const label = memberLabel(m);
    const limit = m.dailyLimit;
    const ratio = limit !== undefined && m.peakDaily !== undefined ? m.peakDaily / limit : undefined;
    const over = ratio !== undefined && ratio > 1;
    return {
      label,
      title: [m.email, m.name, m.id].filter(Boolean).join(' · '),
      over,
      reasons: ctx.reasons.map((id) => amount(m.byReason[id] ?? 0)),
      total: amount(m.total),
      peak: m.peakDaily === undefined ? '—' : amount(m.peakDaily),
      peakClass: m.peakDaily === undefined ? 'peak none' : 'peak',
      limit: this.#limitCell(m, label, ctx, amount),
      percent:
        ratio === undefined
          ? '—'
          : over
            ? html`${formatPercent(ratio, locale)} <span class="badge" part="over-limit">${this.text.membersOverLimit}</span>`
            : formatPercent(ratio, locale),
      percentClass: ratio === undefined ? 'percent none' : over ? 'percent over' : 'percent',
    };
  }

  #limitCell(m: MemberUsage, label: string, ctx: RowContext, amount: (credits: number) => string): TemplateResult {
    const t = this.text;
    const edit = this.editing;
    if (edit && edit.memberId === m.id) {
      const invalid = edit.error !== undefined;
      return html`<form class="limit-form" part="limit-form" novalidate @submit=${(e: Event) => this.#saveEdit(e, ctx)} @keydown=${this.#onEditKeydown}>
        <input
          type="text"
          inputmode="decimal"
          autocomplete="off"
          aria-label=${fill(t.membersLimitFor, { member: label, unit: ctx.unitLabel })}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby="limit-message"
          .value=${edit.value}
          ?disabled=${edit.saving}
          @input=${(e: Event) => (this.editing = { ...edit, value: (e.target as HTMLInputElement).value })}
        />
        <button type="submit" ?disabled=${edit.saving}>${edit.saving ? t.membersLimitSaving : t.membersLimitSave}</button>
        <button type="button" ?disabled=${edit.saving} @click=${() => this.#cancelEdit()}>${t.membersLimitCancel}</button>
        <span id="limit-message" class="field-message ${invalid ? 'invalid' : ''}" role=${invalid ? 'alert' : nothing}>
          ${invalid ? edit.error : t.membersLimitHelp}
        </span>
      </form>`;
    }
    const value =
      m.dailyLimit === undefined
        ? html`<span class="none"><span aria-hidden="true">—</span><span class="visually-hidden">${t.membersNoLimit}</span></span>`
        : html`<span>${amount(m.dailyLimit)}</span>`;
    if (!ctx.canEdit) return value;
    return html`<span class="limit-cell">
      ${value}
      <button
        type="button"
        class="edit"
        part="edit"
        data-member=${m.id}
        aria-label=${fill(t.membersEditLimitFor, { member: label })}
        title=${t.membersEditLimit}
        ?disabled=${edit?.saving === true}
        @click=${() => this.#startEdit(m, ctx)}
      >
        <span class="icon" aria-hidden="true"></span>
      </button>
    </span>`;
  }

  protected override renderSkeleton(): TemplateResult {
    const row = (header = false) =>
      html`<div class="skeleton-row ${header ? 'header' : ''}">${[0, 1, 2, 3, 4, 5].map(() => html`<span class="skeleton"></span>`)}</div>`;
    return html`<div class="skeleton-table">${row(true)}${[0, 1, 2, 3, 4, 5, 6].map(() => row())}</div>`;
  }
}

/** A count of members or rows: whole, grouped for the locale. */
function formatCount(count: number, locale: string): string {
  return formatNumber(count, locale, { maximumFractionDigits: 0 });
}

/** A page size the source accepts (1–10,000), or the fallback for nonsense. */
function clampPage(value: number, fallback: number): number {
  if (!Number.isFinite(value) || value < 1) return fallback;
  return Math.min(MAX_PAGE, Math.floor(value));
}

/** Drops floating-point noise (0.1 × 3 → 0.3) from exported amounts. */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** A number as the limit field shows it: no grouping, the locale's decimal mark. */
function formatForInput(value: number, locale: string): string {
  return String(clean(value)).replace('.', numberSeparators(locale).decimal);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The limit field's text: `null` when empty (remove the limit), a positive
 * number, or `undefined` when it is not one. Reads the locale's decimal mark
 * and correctly placed grouping ("1,000.5" in en-US, "1.000,5" in de-DE), and
 * a point as the decimal mark in any locale ("1.5"); no signs or exponents.
 */
export function parseLimit(text: string, locale: string): number | null | undefined {
  const compact = text.trim().replace(/[\s\u00a0\u202f]+/g, ' ');
  if (compact === '') return null;
  const { decimal, group } = numberSeparators(locale);
  const d = escapeRegExp(decimal);
  const g = escapeRegExp(group);
  let normalized: string;
  if (new RegExp(`^(\\d+(${d}\\d*)?|${d}\\d+)$`).test(compact)) normalized = compact.replace(decimal, '.');
  else if (new RegExp(`^\\d{1,3}(${g}\\d{3})+(${d}\\d*)?$`).test(compact)) normalized = compact.split(group).join('').replace(decimal, '.');
  else if (/^\d*\.\d+$/.test(compact)) normalized = compact;
  else return undefined;
  const value = Number(normalized);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'member-limit-change': CustomEvent<MemberLimitChangeDetail>;
  }
}
