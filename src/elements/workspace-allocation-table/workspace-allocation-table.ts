import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatCredits, formatNumber, formatPercent, isolate, numberSeparators, toUnit, type UnitLike } from '../../core/format.js';
import { CreditElement, type LoadContext } from '../../base/credit-element.js';
import { fill } from '../../base/strings.js';
import { errorMessage, isDataSourceError } from '../../data/errors.js';
import type {
  AccountInfo,
  Allocation,
  CreditDataSource,
  CreditMode,
  Role,
  TransferRequest,
  WorkspaceAllocation,
} from '../../data/types.js';
import { workspaceAllocationTableStyles } from './workspace-allocation-table.styles.js';

// ------------------------------------------------------------------ events

/** Detail of `transfer-request` (cancelable): the transfer about to be sent. */
export interface TransferRequestDetail {
  fromWorkspaceId: string;
  toWorkspaceId: string;
  amount: number;
}
/** Detail of `transfer-complete`: the transfer sent (with its idempotency key) and the allocation after it. */
export interface TransferCompleteDetail {
  transfer: TransferRequest;
  allocation: Allocation;
}
/** Detail of `transfer-error`: the transfer sent and why it failed. */
export interface TransferErrorDetail {
  transfer: TransferRequest;
  error: unknown;
}
/** Detail of `mode-change` (cancelable): the mode about to be set. */
export interface ModeChangeDetail {
  mode: CreditMode;
}
/** Detail of `mode-changed`: the mode set and the allocation after it. */
export interface ModeChangedDetail {
  mode: CreditMode;
  allocation: Allocation;
}
/** Detail of `workspace-delete` (cancelable): the workspace about to be deleted. */
export interface WorkspaceDeleteDetail {
  workspaceId: string;
  name: string;
}
/** Detail of `workspace-deleted`: the workspace deleted and the allocation after it. */
export interface WorkspaceDeletedDetail {
  workspaceId: string;
  name: string;
  allocation: Allocation;
}

// ------------------------------------------------------------------ amounts

/** Why a typed amount was refused. */
export type AmountProblem = 'required' | 'format' | 'decimals' | 'positive';

export type ParsedAmount = { value: number; problem?: undefined } | { value?: undefined; problem: AmountProblem };

/** Full-width digits, full stop and comma (what an East Asian IME types). */
const FULL_WIDTH = /[\uFF10-\uFF19\uFF0C\uFF0E]/g;

/**
 * Parses a typed amount of credits strictly: ASCII digits with an optional
 * decimal point and at most `decimals` digits after it, spaces around it
 * allowed. Full-width digits ('１２') are read as the ASCII ones, as an IME
 * types them. Signs, exponents (`1e3`), hex (`0x10`), `Infinity`, thousands
 * separators and a leading or trailing point are refused. The decimal point
 * is `.`; a locale whose decimal separator is `,` may also use `,`.
 * Digits after the point count as typed: `5.0` has one decimal.
 */
export function parseCreditAmount(input: string, options: { decimals?: number; decimalSeparator?: string } = {}): ParsedAmount {
  const decimals = options.decimals ?? 0;
  const text = input.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  if (text === '') return { problem: 'required' };
  const point = options.decimalSeparator === ',' ? '[.,]' : '\\.';
  const match = new RegExp(`^([0-9]+)(?:${point}([0-9]+))?$`).exec(text);
  if (!match) return { problem: 'format' };
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return { problem: 'decimals' };
  const value = Number(fraction ? `${match[1]}.${fraction}` : match[1]);
  if (!(value > 0) || !Number.isFinite(value)) return { problem: 'positive' };
  return { value };
}

/** A fresh idempotency key; `crypto.randomUUID` needs a secure context, so there is a fallback. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A name collator for the locale; a malformed tag falls back to the default rather than throwing. */
function collatorFor(locale: string): Intl.Collator {
  try {
    return new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  } catch {
    return new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  }
}

/** One figure summed over the workspaces. */
function sumOf(workspaces: readonly WorkspaceAllocation[], pick: (w: WorkspaceAllocation) => number): number {
  return workspaces.reduce((s, w) => s + pick(w), 0);
}

// ------------------------------------------------------------------ model

/** Roles that may change allocations (the adapter checks it too). */
const ALLOCATION_ROLES: ReadonlySet<Role> = new Set<Role>(['owner', 'admin']);
const EPSILON = 1e-9;
/** Percent left under which a row is low, when `low-threshold` is not set. */
const DEFAULT_LOW_THRESHOLD = 10;

/** A row's state: `low` under the low threshold, `exhausted` when nothing is left (usage blocked). */
export type AllocationStatus = 'ok' | 'low' | 'exhausted';
const STATUS_RANK: Record<AllocationStatus, number> = { ok: 0, low: 1, exhausted: 2 };

/** `name`, `allocated`, `used`, `remaining`, `status`, or `reason:<id>` for one reason's usage. */
export type AllocationSortKey = 'name' | 'allocated' | 'used' | 'remaining' | 'status' | `reason:${string}`;

export interface AllocationTableData {
  account: AccountInfo;
  allocation: Allocation;
  /** The (checked) source the allocation came from; changes go back to it. */
  source: CreditDataSource;
  /** The local change counter when the load started (see `#local`). */
  seq: number;
}

interface Row {
  ws: WorkspaceAllocation;
  name: string;
  status: AllocationStatus;
  /** Share left of what the row may spend (the pool's share in shared-pool mode), 0–1. */
  share: number;
  /** What the share is of: the workspace's allocation, or the organisation's total for the pool. */
  of: number;
}

interface Column {
  key: AllocationSortKey;
  label: string;
  numeric: boolean;
}

interface SortState {
  key: AllocationSortKey;
  direction: 'asc' | 'desc';
}

interface TransferDialog {
  kind: 'transfer';
  targetId: string;
  sourceId: string;
  amountText: string;
  /** Transfer was pressed once: every problem shows, "enter an amount" too. */
  submitted: boolean;
  /** The current attempt: its key is reused while the same transfer is retried. */
  attempt?: { fingerprint: string; key: string };
  error?: string;
}
interface DeleteDialog {
  kind: 'delete';
  workspaceId: string;
  name: string;
  remaining: number;
  error?: string;
}
interface ModeDialog {
  kind: 'mode';
  mode: CreditMode;
  error?: string;
}
type DialogState = TransferDialog | DeleteDialog | ModeDialog;

interface TransferCheck {
  amount?: number;
  /** Shown only once submitted ("enter an amount"). */
  amountRequired: boolean;
  amountError?: string;
  sourceError?: string;
}

/**
 * Each workspace's credits: the credit mode (a shared pool or workspace
 * budgets), what each workspace was allocated and used (by reason and in
 * total), what it has left and whether its usage is blocked — with, where the
 * data source and the viewer's role allow it, switching the mode, moving
 * credits between workspaces and deleting workspaces.
 *
 * The primary workspace holds every credit not allocated elsewhere (the
 * adapter computes it). Rows are sorted by credits used, highest first;
 * every column header sorts. A row is low under `low-threshold` percent of
 * its allocation left (in a shared pool: the pool's share of all credits),
 * exhausted when nothing is left — "Usage blocked" in budget mode. The panel
 * is empty when there is nothing to allocate: no workspaces, or only the
 * primary with no credits.
 *
 * Changes: each action asks first (a modal dialog), fires a cancelable event
 * before anything is sent — `preventDefault()` sends nothing and leaves the
 * dialog as it was (call `closeDialog()` to close it) — and shows the
 * allocation the adapter returns at once. One change is in flight at a time:
 * its button is disabled and further clicks send nothing. A dialog may be closed while its
 * change is in flight: the change still lands and the table shows it (the
 * credits moved on the server); a failure then shows in the notice line.
 * Transfers carry one idempotency key per attempt: retrying the same transfer
 * after a transport failure reuses it; after a refusal or with other values a
 * new attempt (and key) starts.
 *
 * Amounts are typed in credits (whole credits unless `credit-decimals` says
 * otherwise) and parsed strictly; full-width digits are accepted as typed by
 * an IME (see {@link parseCreditAmount}).
 *
 * @tagname workspace-allocation-table
 * @summary Credit mode, each workspace's allocation, usage by reason, remaining and blocked state; transfers, deletion and mode switching.
 *
 * @fires mode-change - Cancelable; the user confirmed switching the credit mode, nothing sent yet. Detail: `{ mode }`.
 * @fires mode-changed - The mode was switched. Detail: `{ mode, allocation }`.
 * @fires transfer-request - Cancelable; a valid transfer is about to be sent. Detail: `{ fromWorkspaceId, toWorkspaceId, amount }`.
 * @fires transfer-complete - Credits were moved. Detail: `{ transfer, allocation }` (`transfer` with its `idempotencyKey`).
 * @fires transfer-error - The adapter refused or failed the transfer; nothing changed in the table. Detail: `{ transfer, error }`.
 * @fires workspace-delete - Cancelable; the user confirmed deleting a workspace, nothing sent yet. Detail: `{ workspaceId, name }`.
 * @fires workspace-deleted - The workspace was deleted; its remaining credits are on the primary. Detail: `{ workspaceId, name, allocation }`.
 *
 * @csspart panel - The card.
 * @csspart title - The heading.
 * @csspart mode - The credit mode (selector or text) and its explanation.
 * @csspart mode-select - The credit mode selector.
 * @csspart totals - The total, allocated, used and remaining figures.
 * @csspart notice - The outcome of the last change (a live region).
 * @csspart table-wrap - The scrolling box around the table.
 * @csspart table - The table.
 * @csspart sort - A column header's sort button.
 * @csspart badge - The "Primary" badge.
 * @csspart meter - A remaining-credits bar.
 * @csspart status - A row's status.
 * @csspart action - A row action button (Manage credits, Delete).
 * @csspart dialog - The dialog for transfers, deletion and mode switching.
 * @csspart preview - The balances after the transfer, in the dialog.
 * @csspart confirm - The dialog's confirming button.
 * @csspart message - Empty and error messages.
 * @csspart retry - The Retry button.
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty [--credit-color-accent=#4f46e5] - Remaining bars, the primary badge, the confirming button.
 * @cssproperty [--credit-color-warning=#b45309] - Low rows.
 * @cssproperty [--credit-color-danger=#c2410c] - Exhausted rows, Delete, errors.
 * @cssproperty [--credit-color-success=#15803d] - The OK status.
 * @cssproperty [--credit-color-surface=#ffffff] - The card's and the dialog's background.
 * @cssproperty [--credit-color-subtle=#f6f8fa] - Header and total rows, empty bars.
 * @cssproperty [--credit-color-border=#d1d9e0] - Borders.
 * @cssproperty [--credit-color-text=#1f2328] - Text.
 * @cssproperty [--credit-color-muted=#59636e] - Secondary text.
 * @cssproperty [--credit-color-focus=#4f46e5] - Focus rings.
 * @cssproperty [--credit-radius=10px] - Corner radius.
 * @cssproperty [--credit-gap=1rem] - Padding.
 * @cssproperty [--credit-font-family=inherit] - Font.
 */
export class WorkspaceAllocationTable extends CreditElement<AllocationTableData> {
  static override styles = [...CreditElement.styles, workspaceAllocationTableStyles];

  /** The column the rows are sorted by: `name`, `allocated`, `used` (default), `remaining`, `status` or `reason:<id>`. */
  @property({ attribute: 'sort-by' }) sortBy: AllocationSortKey = 'used';

  /** `desc` (default) or `asc`. */
  @property({ attribute: 'sort-direction' }) sortDirection: 'asc' | 'desc' = 'desc';

  /** Decimals a transferred amount may have (0, the default: whole credits). */
  @property({ type: Number, attribute: 'credit-decimals' }) creditDecimals = 0;

  /** A row is "low" under this percentage of its credits left. */
  @property({ type: Number, attribute: 'low-threshold' }) lowThreshold: number = DEFAULT_LOW_THRESHOLD;

  @state() private dialog?: DialogState;
  /** The dialog whose change is in flight (one change at a time). */
  @state() private pending?: DialogState;
  @state() private notice?: { text: string; tone: 'ok' | 'error' };

  @query('dialog') private dialogElement?: HTMLDialogElement;

  /**
   * The allocation a change returned, shown at once. It gives way to loaded
   * data once a load that started after the change has finished.
   */
  #local?: { allocation: Allocation; source: CreditDataSource; seq: number };
  #seq = 0;
  #opener?: HTMLElement;
  /** The rows as last sorted, and what they were sorted from (see `#shownRows`). */
  #shown?: { inputs: readonly unknown[]; rows: Row[] };

  // ------------------------------------------------------------ data

  /** Balances are not per range: a range change leaves the table alone. */
  protected override get followsRange(): boolean {
    return false;
  }

  protected override async load({ source, account, signal }: LoadContext): Promise<AllocationTableData> {
    const seq = this.#seq;
    const allocation = await source.getAllocation(signal);
    return { account, allocation, source, seq };
  }

  /** What is shown: the loaded data, or the newer allocation a change returned. */
  #view(): AllocationTableData | undefined {
    const data = this.data.value;
    if (!data) return undefined;
    const local = this.#local;
    return local && local.source === data.source && local.seq > data.seq ? { ...data, allocation: local.allocation } : data;
  }

  protected override isEmpty(data: AllocationTableData): boolean {
    const a = this.#view()?.allocation ?? data.allocation;
    return a.workspaces.length === 0 || (a.workspaces.length === 1 && a.totalCredits === 0);
  }

  #apply(allocation: Allocation, source: CreditDataSource): void {
    this.#local = { allocation, source, seq: ++this.#seq };
    this.requestUpdate();
  }

  #abilities(view: AllocationTableData): { transfer: boolean; delete: boolean; mode: boolean } {
    const allowed = ALLOCATION_ROLES.has(view.account.role);
    return {
      transfer: allowed && typeof view.source.transferCredits === 'function' && view.allocation.mode === 'workspace-budget',
      delete: allowed && typeof view.source.deleteWorkspace === 'function',
      mode: allowed && typeof view.source.setCreditMode === 'function',
    };
  }

  #name(ws: WorkspaceAllocation): string {
    return ws.name.trim() || ws.id;
  }

  #rows(allocation: Allocation): Row[] {
    const budget = allocation.mode === 'workspace-budget';
    const pool = allocation.workspaces.find((w) => w.primary);
    // Without the attribute (removed: Lit sets null), the default threshold.
    const low = (this.lowThreshold ?? DEFAULT_LOW_THRESHOLD) / 100;
    return allocation.workspaces.map((ws) => {
      // In a shared pool every workspace spends the primary's balance.
      const left = budget || ws.primary ? ws.remaining : (pool?.remaining ?? 0);
      const of = budget ? ws.allocated : allocation.totalCredits;
      const share = of > 0 ? Math.min(1, Math.max(0, left / of)) : 0;
      const status: AllocationStatus = ws.blocked || left <= EPSILON ? 'exhausted' : share < low ? 'low' : 'ok';
      return { ws, name: this.#name(ws), status, share, of };
    });
  }

  #columns(view: AllocationTableData): Column[] {
    const t = this.text;
    const reasons = new Map(view.account.reasons.map((r) => [r.id, r.label]));
    // A reason the account does not list still gets a column, named by its id.
    for (const ws of view.allocation.workspaces) for (const id of Object.keys(ws.usedByReason)) if (!reasons.has(id)) reasons.set(id, id);
    return [
      { key: 'name', label: t.allocationWorkspace, numeric: false },
      ...(view.allocation.mode === 'workspace-budget' ? [{ key: 'allocated' as const, label: t.allocationAllocated, numeric: true }] : []),
      ...[...reasons].map(([id, label]): Column => ({ key: `reason:${id}`, label, numeric: true })),
      { key: 'used', label: t.allocationTotalUsed, numeric: true },
      { key: 'remaining', label: t.remaining, numeric: true },
      { key: 'status', label: t.allocationStatus, numeric: false },
    ];
  }

  /** The order shown; a column that is gone (Allocated in a shared pool) falls back to the default. */
  #sortState(columns: Column[]): SortState {
    return columns.some((c) => c.key === this.sortBy)
      ? { key: this.sortBy, direction: this.sortDirection === 'asc' ? 'asc' : 'desc' }
      : { key: 'used', direction: 'desc' };
  }

  #sorted(rows: Row[], { key, direction }: SortState): Row[] {
    const dir = direction === 'asc' ? 1 : -1;
    const collator = collatorFor(this.resolvedLocale);
    const byName = (a: Row, b: Row) => collator.compare(a.name, b.name) || (a.ws.id < b.ws.id ? -1 : a.ws.id > b.ws.id ? 1 : 0);
    const value = (r: Row): number => {
      if (key === 'allocated') return r.ws.allocated;
      if (key === 'used') return r.ws.used;
      if (key === 'remaining') return r.ws.remaining;
      if (key === 'status') return STATUS_RANK[r.status];
      return r.ws.usedByReason[key.slice('reason:'.length)] ?? 0;
    };
    const compare = key === 'name' ? (a: Row, b: Row) => byName(a, b) * dir : (a: Row, b: Row) => (value(a) - value(b)) * dir || byName(a, b);
    return [...rows].sort(compare);
  }

  /**
   * The rows in the order shown. Every keystroke in a dialog renders the
   * table again: the rows are built and sorted again only when the data
   * (loaded or returned by a change), the threshold, the order or the locale
   * changed.
   */
  #shownRows(view: AllocationTableData, sort: SortState): Row[] {
    const inputs = [this.data.value, this.#local, this.lowThreshold, sort.key, sort.direction, this.resolvedLocale];
    if (!this.#shown || inputs.some((input, i) => input !== this.#shown!.inputs[i])) {
      this.#shown = { inputs, rows: this.#sorted(this.#rows(view.allocation), sort) };
    }
    return this.#shown.rows;
  }

  /** The column's header was clicked: the same column flips its direction; another starts names A→Z, amounts largest first. */
  #sortBy(key: AllocationSortKey, current: SortState): void {
    this.sortBy = key;
    this.sortDirection = current.key === key ? (current.direction === 'asc' ? 'desc' : 'asc') : key === 'name' ? 'asc' : 'desc';
  }

  // ------------------------------------------------------------ render

  protected override render(): TemplateResult {
    return html`${super.render()}${this.#renderDialog()}`;
  }

  #title(focusable = false): TemplateResult {
    return html`<h2 class="title" part="title" tabindex=${focusable ? '-1' : nothing}>${this.text.allocationTitle}</h2>`;
  }

  protected override renderEmpty(): TemplateResult {
    return html`${this.#title()}<div part="message" class="message" role="status">${this.text.allocationEmpty}</div>`;
  }

  protected override renderError(error: unknown): TemplateResult {
    return html`${this.#title()}${super.renderError(error)}`;
  }

  protected override renderSkeleton(): TemplateResult {
    const cell = (w: number, h = 1) => html`<span class="skeleton" style="width:${w}%;height:${h}rem"></span>`;
    return html`<div class="skeleton-head">${cell(22, 1.2)}${cell(28, 1.6)}</div>
      <div class="skeleton-table">
        ${[0, 1, 2, 3, 4].map(
          (row) => html`<div class="skeleton-row ${row === 0 ? 'header' : ''}">
            ${cell(row === 0 ? 60 : 80, row === 0 ? 0.9 : 1.1)}${[1, 2, 3, 4, 5].map(() => cell(row === 0 ? 50 : 70, row === 0 ? 0.9 : 1.1))}
          </div>`,
        )}
      </div>`;
  }

  protected override renderData(): TemplateResult {
    const view = this.#view()!;
    const t = this.text;
    const locale = this.resolvedLocale;
    const unit = this.displayUnit(view.account);
    const { allocation } = view;
    const budget = allocation.mode === 'workspace-budget';
    const can = this.#abilities(view);
    const columns = this.#columns(view);
    const sort = this.#sortState(columns);
    const rows = this.#shownRows(view, sort);
    const actions = (can.transfer && budget) || can.delete;
    const n = (v: number) => formatNumber(toUnit(v, unit), locale);
    const credits = (v: number) => formatCredits(v, { locale, unit });

    const used = sumOf(allocation.workspaces, (w) => w.used) + allocation.usedByDeleted;
    const remaining = sumOf(allocation.workspaces, (w) => w.remaining);
    const elsewhere = sumOf(allocation.workspaces, (w) => (w.primary ? 0 : w.allocated));

    return html`
      <div class="head">
        ${this.#title(true)}
        ${this.#renderMode(allocation.mode, can.mode)}
      </div>
      <p class="mode-hint muted" id="mode-hint">${budget ? t.allocationModeWorkspaceBudgetHint : t.allocationModeSharedPoolHint}</p>
      <dl class="totals" part="totals">
        <div><dt>${t.allocationTotalCredits}</dt><dd data-total="total">${credits(allocation.totalCredits)}</dd></div>
        ${budget ? html`<div><dt>${t.allocationAllocatedElsewhere}</dt><dd data-total="allocated">${credits(elsewhere)}</dd></div>` : nothing}
        <div><dt>${t.used}</dt><dd data-total="used">${credits(used)}</dd></div>
        <div><dt>${t.remaining}</dt><dd data-total="remaining">${credits(remaining)}</dd></div>
      </dl>
      <p class="notice ${this.notice?.tone ?? ''}" part="notice" role="status">${this.notice?.text ?? nothing}</p>
      <div class="table-wrap" part="table-wrap">
        <table part="table">
          <caption class="visually-hidden">${t.allocationTitle}${unit ? html` — ${fill(t.allocationUnitNote, { unit: unit.label })}` : nothing}</caption>
          <thead>
            <tr>
              ${columns.map((c) => this.#renderHeader(c, sort))}
              ${actions ? html`<th scope="col" class="actions-head"><span class="visually-hidden">${t.allocationActions}</span></th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${repeat(rows, (r) => r.ws.id, (r) => this.#renderRow(r, columns, allocation, can, actions, n, unit))}
          </tbody>
          <tfoot>
            ${allocation.usedByDeleted > 0
              ? html`<tr class="deleted">
                  <th scope="row">${t.allocationDeletedRow}</th>
                  ${columns.slice(1).map((c) =>
                    html`<td class=${c.numeric ? 'num' : ''}>${c.key === 'used' || c.key === 'allocated' ? n(allocation.usedByDeleted) : c.numeric ? '—' : ''}</td>`,
                  )}
                  ${actions ? html`<td></td>` : nothing}
                </tr>`
              : nothing}
            <tr class="total">
              <th scope="row">${t.total}</th>
              ${columns.slice(1).map((c) => html`<td class=${c.numeric ? 'num' : ''}>${this.#total(c, allocation, n)}</td>`)}
              ${actions ? html`<td></td>` : nothing}
            </tr>
          </tfoot>
        </table>
      </div>
      ${unit ? html`<p class="unit-note muted">${fill(t.allocationUnitNote, { unit: unit.label })}</p>` : nothing}
    `;
  }

  #total(c: Column, allocation: Allocation, n: (v: number) => string): string {
    const sum = (pick: (w: WorkspaceAllocation) => number) => sumOf(allocation.workspaces, pick);
    switch (c.key) {
      case 'allocated': return n(sum((w) => w.allocated) + allocation.usedByDeleted);
      case 'used': return n(sum((w) => w.used) + allocation.usedByDeleted);
      case 'remaining': return n(sum((w) => w.remaining));
      case 'status': return '';
      default: {
        const id = c.key.slice('reason:'.length);
        return n(sum((w) => w.usedByReason[id] ?? 0));
      }
    }
  }

  #renderMode(mode: CreditMode, canSwitch: boolean): TemplateResult {
    const t = this.text;
    const label = (m: CreditMode) => (m === 'shared-pool' ? t.allocationModeSharedPool : t.allocationModeWorkspaceBudget);
    if (!canSwitch) {
      return html`<p class="mode" part="mode"><span class="muted">${t.allocationMode}</span> <strong>${label(mode)}</strong></p>`;
    }
    return html`<label class="mode" part="mode">
      <span class="muted">${t.allocationMode}</span>
      <select part="mode-select" aria-describedby="mode-hint" @change=${this.#onModeSelect}>
        ${(['shared-pool', 'workspace-budget'] as const).map((m) => html`<option value=${m} .selected=${m === mode}>${label(m)}</option>`)}
      </select>
    </label>`;
  }

  #renderHeader(c: Column, sort: SortState): TemplateResult {
    const sorted = sort.key === c.key;
    const ascending = sorted && sort.direction === 'asc';
    return html`<th scope="col" class=${c.numeric ? 'num' : ''} aria-sort=${sorted ? (ascending ? 'ascending' : 'descending') : 'none'}>
      <button type="button" class="sort" part="sort" @click=${() => this.#sortBy(c.key, sort)}>
        <span>${c.label}</span>${sorted ? html`<span class="arrow" aria-hidden="true">${ascending ? '▲' : '▼'}</span>` : nothing}
      </button>
    </th>`;
  }

  #renderRow(
    row: Row,
    columns: Column[],
    allocation: Allocation,
    can: { transfer: boolean; delete: boolean },
    actions: boolean,
    n: (v: number) => string,
    unit: UnitLike | undefined,
  ): TemplateResult {
    const t = this.text;
    const { ws, name } = row;
    const budget = allocation.mode === 'workspace-budget';
    const statusLabel =
      row.status === 'ok' ? t.allocationStatusOk : row.status === 'low' ? t.allocationStatusLow : budget ? t.allocationStatusBlocked : t.allocationStatusExhausted;
    const cells = columns.slice(1).map((c) => {
      switch (c.key) {
        case 'allocated': return html`<td class="num">${n(ws.allocated)}</td>`;
        case 'used': return html`<td class="num used">${n(ws.used)}</td>`;
        case 'remaining': return this.#renderRemaining(row, budget, n, unit);
        case 'status':
          return html`<td><span class="status ${row.status}" part="status">${statusLabel}</span></td>`;
        default: return html`<td class="num">${n(ws.usedByReason[c.key.slice('reason:'.length)] ?? 0)}</td>`;
      }
    });
    return html`<tr class=${row.status} data-workspace=${ws.id}>
      <th scope="row" class="name">
        <span class="ws-name" dir="auto">${name}</span>
        <span class="kind">
          <span>${ws.kind === 'team' ? t.allocationKindTeam : t.allocationKindPersonal}</span>
          ${ws.primary ? html`<span class="badge" part="badge">${t.allocationPrimary}</span>` : nothing}
        </span>
      </th>
      ${cells}
      ${actions
        ? html`<td class="actions"><div class="row-actions">
            ${can.transfer && budget
              ? html`<button type="button" part="action" class="manage" aria-label=${fill(t.allocationManageFor, { name })}
                  @click=${(e: Event) => this.#openTransfer(ws.id, e.currentTarget as HTMLElement)}>${t.allocationManage}</button>`
              : nothing}
            ${can.delete && !ws.primary
              ? html`<button type="button" part="action" class="delete" aria-label=${fill(t.allocationDeleteFor, { name })}
                  @click=${(e: Event) => this.#openDelete(ws, e.currentTarget as HTMLElement)}>${t.allocationDelete}</button>`
              : nothing}
          </div></td>`
        : nothing}
    </tr>`;
  }

  #renderRemaining(row: Row, budget: boolean, n: (v: number) => string, unit: UnitLike | undefined): TemplateResult {
    const t = this.text;
    const { ws } = row;
    if (!budget && !ws.primary) return html`<td class="num remaining"><span class="muted pool">${t.allocationFromPool}</span></td>`;
    const percent = Math.round(row.share * 100);
    const locale = this.resolvedLocale;
    const valueText = fill(t.allocationMeterText, {
      remaining: formatCredits(ws.remaining, { locale, unit }),
      allocated: formatCredits(row.of, { locale, unit }),
      percent: formatPercent(row.share, locale),
    });
    return html`<td class="num remaining">
      <span class="value">${n(ws.remaining)}</span>
      <div class="meter" part="meter" role="meter" aria-label=${fill(t.allocationMeterLabel, { name: row.name })}
        aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent} aria-valuetext=${valueText}>
        <span class="fill" style="width:${row.share * 100}%"></span>
      </div>
    </td>`;
  }

  // ------------------------------------------------------------ dialog

  #renderDialog(): TemplateResult {
    const d = this.dialog;
    const view = this.#view();
    return html`<dialog part="dialog" aria-labelledby=${d ? 'dialog-title' : nothing} @close=${this.#onDialogClose} @keydown=${this.#onDialogKeydown}>
      ${d && view ? (d.kind === 'transfer' ? this.#renderTransfer(d, view) : d.kind === 'delete' ? this.#renderDelete(d) : this.#renderModeDialog(d)) : nothing}
    </dialog>`;
  }

  #inFlightNote(d: DialogState): TemplateResult | typeof nothing {
    if (!this.pending) return nothing;
    return html`<p class="hint in-flight">${this.pending === d ? this.text.allocationInFlight : this.text.allocationOtherInFlight}</p>`;
  }

  #dialogActions(d: DialogState, confirm: string, busy: string, options: { submit?: boolean; danger?: boolean; onConfirm?: () => void } = {}): TemplateResult {
    const t = this.text;
    const mine = this.pending === d;
    return html`<div class="dialog-actions">
      <button type="button" class="cancel" ?data-autofocus=${!options.submit} @click=${() => this.closeDialog()}>${mine ? t.allocationClose : t.allocationCancel}</button>
      <button type=${options.submit ? 'submit' : 'button'} part="confirm" class="confirm ${options.danger ? 'danger' : ''}"
        aria-disabled=${this.pending ? 'true' : 'false'} @click=${options.onConfirm ?? nothing}>${mine ? busy : confirm}</button>
    </div>`;
  }

  #renderTransfer(d: TransferDialog, view: AllocationTableData): TemplateResult {
    const t = this.text;
    const locale = this.resolvedLocale;
    const workspaces = view.allocation.workspaces;
    const target = workspaces.find((w) => w.id === d.targetId);
    if (!target) return html``;
    const sources = this.#sources(view, d.targetId);
    const source = workspaces.find((w) => w.id === d.sourceId);
    const check = this.#checkTransfer(d, view);
    const showAmountError = check.amountError !== undefined && (d.submitted || !check.amountRequired);
    const showSourceError = check.sourceError !== undefined && d.submitted && sources.length > 0;
    const digits = Math.max(2, this.#decimals);
    const c = (v: number) => formatCredits(v, { locale, maximumFractionDigits: digits });
    const after = (w: WorkspaceAllocation | undefined, sign: number) =>
      w ? fill(t.allocationPreviewValue, { before: c(w.remaining), after: check.amount === undefined ? '—' : c(w.remaining + sign * check.amount) }) : '—';
    const max = source ? Math.max(0, this.#maxFrom(source)) : 0;
    const busy = this.pending === d;
    return html`<form class="dialog-body" novalidate @submit=${this.#submitTransfer}>
      <h3 id="dialog-title" class="dialog-title">${fill(t.allocationTransferTitle, { name: isolate(this.#name(target)) })}</h3>
      <p class="muted">${fill(t.allocationTransferIntro, { name: isolate(this.#name(target)) })}</p>
      ${sources.length === 0
        ? html`<p class="field-error" id="source-error">${t.allocationNoSource}</p>`
        : html`<div class="field">
            <label for="transfer-source">${t.allocationFrom}</label>
            <select id="transfer-source" name="source" aria-invalid=${showSourceError ? 'true' : 'false'}
              aria-describedby=${showSourceError ? 'source-error' : nothing} @change=${this.#onSourceChange}>
              ${sources.map((w) => html`<option value=${w.id} .selected=${w.id === d.sourceId}>${fill(t.allocationSourceOption, { name: isolate(this.#name(w)), available: c(w.remaining) })}</option>`)}
            </select>
            ${showSourceError ? html`<p class="field-error" id="source-error">${check.sourceError}</p>` : nothing}
          </div>`}
      <div class="field">
        <label for="transfer-amount">${t.allocationAmount}</label>
        <input id="transfer-amount" name="amount" type="text" inputmode=${this.#decimals > 0 ? 'decimal' : 'numeric'} autocomplete="off" spellcheck="false"
          data-autofocus .value=${live(d.amountText)} ?readonly=${busy}
          aria-invalid=${showAmountError ? 'true' : 'false'} aria-describedby=${showAmountError ? 'amount-hint amount-error' : 'amount-hint'}
          @input=${this.#onAmountInput} />
        <p class="hint" id="amount-hint">${source
          ? fill(this.#decimals > 0 ? t.allocationAmountHint : t.allocationAmountHintWhole, { max: c(max), name: isolate(this.#name(source)) })
          : nothing}</p>
        ${showAmountError ? html`<p class="field-error" id="amount-error">${check.amountError}</p>` : nothing}
      </div>
      <div class="preview" part="preview">
        <h4>${t.allocationPreview}</h4>
        <dl>
          ${source ? html`<div><dt><bdi>${this.#name(source)}</bdi></dt><dd data-preview="source">${after(source, -1)}</dd></div>` : nothing}
          <div><dt><bdi>${this.#name(target)}</bdi></dt><dd data-preview="target">${after(target, 1)}</dd></div>
        </dl>
      </div>
      ${d.error ? html`<div class="dialog-error" role="alert"><strong>${t.allocationTransferFailed}</strong> <span>${d.error}</span></div>` : nothing}
      ${this.#inFlightNote(d)}
      ${this.#dialogActions(d, t.allocationTransfer, t.allocationTransferring, { submit: true })}
    </form>`;
  }

  #renderDelete(d: DeleteDialog): TemplateResult {
    const t = this.text;
    const locale = this.resolvedLocale;
    return html`<div class="dialog-body">
      <h3 id="dialog-title" class="dialog-title">${fill(t.allocationDeleteTitle, { name: isolate(d.name) })}</h3>
      <p>${d.remaining > EPSILON ? fill(t.allocationDeleteBody, { remaining: formatNumber(d.remaining, locale) }) : t.allocationDeleteBodyNone}</p>
      <p class="muted">${t.allocationDeleteNote}</p>
      ${d.error ? html`<div class="dialog-error" role="alert"><strong>${t.allocationDeleteFailed}</strong> <span>${d.error}</span></div>` : nothing}
      ${this.#inFlightNote(d)}
      ${this.#dialogActions(d, t.allocationDeleteConfirm, t.allocationDeleting, { danger: true, onConfirm: () => this.#confirmDelete() })}
    </div>`;
  }

  #renderModeDialog(d: ModeDialog): TemplateResult {
    const t = this.text;
    const pool = d.mode === 'shared-pool';
    return html`<div class="dialog-body">
      <h3 id="dialog-title" class="dialog-title">${pool ? t.allocationSwitchToSharedPool : t.allocationSwitchToWorkspaceBudget}</h3>
      <p>${pool ? t.allocationSwitchToSharedPoolBody : t.allocationSwitchToWorkspaceBudgetBody}</p>
      ${d.error ? html`<div class="dialog-error" role="alert"><strong>${t.allocationModeFailed}</strong> <span>${d.error}</span></div>` : nothing}
      ${this.#inFlightNote(d)}
      ${this.#dialogActions(d, t.allocationSwitch, t.allocationSwitching, { onConfirm: () => this.#confirmMode() })}
    </div>`;
  }

  get #decimals(): number {
    const d = Math.trunc(Number(this.creditDecimals));
    return Number.isFinite(d) ? Math.min(6, Math.max(0, d)) : 0;
  }

  /** The most that can be taken from a workspace, in the allowed decimals. */
  #maxFrom(ws: WorkspaceAllocation): number {
    const scale = 10 ** this.#decimals;
    return Math.floor(ws.remaining * scale + EPSILON) / scale;
  }

  /** Workspaces credits can come from: every other one with credits left, the primary first. */
  #sources(view: AllocationTableData, targetId: string): WorkspaceAllocation[] {
    return view.allocation.workspaces
      .filter((w) => w.id !== targetId && w.remaining > EPSILON)
      .sort((a, b) => Number(b.primary) - Number(a.primary) || b.remaining - a.remaining);
  }

  #checkTransfer(d: TransferDialog, view: AllocationTableData): TransferCheck {
    const t = this.text;
    const source = view.allocation.workspaces.find((w) => w.id === d.sourceId);
    const check: TransferCheck = { amountRequired: false };
    if (!source || d.sourceId === d.targetId || source.remaining <= EPSILON) check.sourceError = t.allocationSourceRequired;
    const parsed = parseCreditAmount(d.amountText, { decimals: this.#decimals, decimalSeparator: numberSeparators(this.resolvedLocale).decimal });
    switch (parsed.problem) {
      case 'required':
        check.amountRequired = true;
        check.amountError = t.allocationAmountRequired;
        break;
      case 'format':
        check.amountError = t.allocationAmountFormat;
        break;
      case 'decimals':
        check.amountError = this.#decimals === 0 ? t.allocationAmountWhole : fill(t.allocationAmountDecimals, { decimals: this.#decimals });
        break;
      case 'positive':
        check.amountError = t.allocationAmountPositive;
        break;
      default:
        if (source && parsed.value > source.remaining + EPSILON) {
          const available = formatCredits(Math.max(0, this.#maxFrom(source)), { locale: this.resolvedLocale, maximumFractionDigits: Math.max(2, this.#decimals) });
          check.amountError = fill(t.allocationAmountTooMuch, { name: isolate(this.#name(source)), available });
        } else {
          check.amount = parsed.value;
        }
    }
    return check;
  }

  async #open(d: DialogState, opener: HTMLElement): Promise<void> {
    if (this.dialog) return;
    this.#opener = opener;
    this.dialog = d;
    this.notice = undefined;
    await this.updateComplete;
    const dialog = this.dialogElement;
    if (!dialog || this.dialog !== d) return;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }

  #openTransfer(targetId: string, opener: HTMLElement): void {
    const view = this.#view();
    if (!view) return;
    const first = this.#sources(view, targetId)[0];
    void this.#open({ kind: 'transfer', targetId, sourceId: first?.id ?? '', amountText: '', submitted: false }, opener);
  }

  #openDelete(ws: WorkspaceAllocation, opener: HTMLElement): void {
    void this.#open({ kind: 'delete', workspaceId: ws.id, name: this.#name(ws), remaining: ws.remaining }, opener);
  }

  #onModeSelect(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const mode = select.value as CreditMode;
    const current = this.#view()?.allocation.mode;
    // Nothing changes until it is confirmed.
    if (current) select.value = current;
    if (current && mode !== current) void this.#open({ kind: 'mode', mode }, select);
  }

  /** Closes the open dialog (a change in flight still lands). */
  closeDialog(): void {
    const dialog = this.dialogElement;
    if (dialog?.open) dialog.close();
    this.#closed();
  }

  /** Escape, or `close()`: the event comes a task later, when another dialog may be open already. */
  #onDialogClose = (): void => {
    if (!this.dialogElement?.open) this.#closed();
  };

  #closed(): void {
    if (!this.dialog && !this.#opener) return;
    this.dialog = undefined;
    const opener = this.#opener;
    this.#opener = undefined;
    void this.updateComplete.then(() => {
      if (this.dialog) return;
      // The opener may be gone (a deleted workspace's row): the heading takes focus.
      const target = opener?.isConnected ? opener : this.renderRoot.querySelector<HTMLElement>('.title[tabindex]');
      target?.focus();
    });
  }

  /** Keeps Tab inside the dialog: from the last control to the first and back. */
  #onDialogKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab') return;
    const dialog = event.currentTarget as HTMLDialogElement;
    const focusable = [...dialog.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]:not([tabindex="-1"])')].filter(
      (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
    );
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = this.shadowRoot?.activeElement;
    if (event.shiftKey && (active === first || !dialog.contains(active ?? null))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialog.contains(active ?? null))) {
      event.preventDefault();
      first.focus();
    }
  };

  #onSourceChange = (event: Event): void => {
    const d = this.dialog;
    const select = event.target as HTMLSelectElement;
    if (d?.kind !== 'transfer') return;
    if (this.pending === d) {
      select.value = d.sourceId;
      return;
    }
    d.sourceId = select.value;
    this.requestUpdate();
  };

  #onAmountInput = (event: Event): void => {
    const d = this.dialog;
    if (d?.kind !== 'transfer') return;
    d.amountText = (event.target as HTMLInputElement).value;
    this.requestUpdate();
  };

  #announce(text: string, tone: 'ok' | 'error'): void {
    this.notice = { text, tone };
  }

  // ------------------------------------------------------------ changes

  #submitTransfer = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const d = this.dialog;
    const view = this.#view();
    // A second click while a change is in flight sends nothing.
    if (d?.kind !== 'transfer' || !view || this.pending || !view.source.transferCredits) return;
    d.submitted = true;
    d.error = undefined;
    const check = this.#checkTransfer(d, view);
    if (check.amount === undefined || check.sourceError) {
      this.requestUpdate();
      await this.updateComplete;
      const invalid = check.sourceError && this.#sources(view, d.targetId).length > 0 ? '#transfer-source' : '#transfer-amount';
      this.dialogElement?.querySelector<HTMLElement>(invalid)?.focus();
      return;
    }
    const detail: TransferRequestDetail = { fromWorkspaceId: d.sourceId, toWorkspaceId: d.targetId, amount: check.amount };
    const fingerprint = JSON.stringify([detail.fromWorkspaceId, detail.toWorkspaceId, detail.amount]);
    if (d.attempt?.fingerprint !== fingerprint) d.attempt = { fingerprint, key: newIdempotencyKey() };
    const transfer: TransferRequest = { ...detail, idempotencyKey: d.attempt.key };
    const t = this.text;
    const names = new Map(view.allocation.workspaces.map((w) => [w.id, this.#name(w)]));
    await this.#send(d, view.source, {
      request: () => this.emit<TransferRequestDetail>('transfer-request', { ...detail }, { cancelable: true }),
      send: (source) => source.transferCredits!(transfer),
      done: (allocation) => {
        d.attempt = undefined;
        this.#announce(
          fill(t.allocationTransferDone, {
            amount: formatCredits(detail.amount, { locale: this.resolvedLocale, maximumFractionDigits: Math.max(2, this.#decimals) }),
            from: isolate(names.get(detail.fromWorkspaceId) ?? detail.fromWorkspaceId),
            to: isolate(names.get(detail.toWorkspaceId) ?? detail.toWorkspaceId),
          }),
          'ok',
        );
        this.emit<TransferCompleteDetail>('transfer-complete', { transfer, allocation });
      },
      failed: t.allocationTransferFailed,
      afterFailure: (error) => {
        // After a definite refusal nothing moved: trying again is a new attempt.
        // After a transport failure the same attempt (and key) is retried.
        const retryable = !isDataSourceError(error) || error.retryable;
        if (!retryable) d.attempt = undefined;
        this.emit<TransferErrorDetail>('transfer-error', { transfer, error });
      },
    });
  };

  async #confirmDelete(): Promise<void> {
    const d = this.dialog;
    const view = this.#view();
    if (d?.kind !== 'delete' || !view || this.pending || !view.source.deleteWorkspace) return;
    const t = this.text;
    await this.#send(d, view.source, {
      request: () => this.emit<WorkspaceDeleteDetail>('workspace-delete', { workspaceId: d.workspaceId, name: d.name }, { cancelable: true }),
      send: (source) => source.deleteWorkspace!(d.workspaceId),
      done: (allocation) => {
        this.#announce(fill(t.allocationDeleteDone, { name: isolate(d.name) }), 'ok');
        this.emit<WorkspaceDeletedDetail>('workspace-deleted', { workspaceId: d.workspaceId, name: d.name, allocation });
      },
      failed: t.allocationDeleteFailed,
    });
  }

  async #confirmMode(): Promise<void> {
    const d = this.dialog;
    const view = this.#view();
    if (d?.kind !== 'mode' || !view || this.pending || !view.source.setCreditMode) return;
    const t = this.text;
    await this.#send(d, view.source, {
      request: () => this.emit<ModeChangeDetail>('mode-change', { mode: d.mode }, { cancelable: true }),
      send: (source) => source.setCreditMode!(d.mode),
      done: (allocation) => {
        this.#announce(fill(t.allocationModeDone, { mode: allocation.mode === 'shared-pool' ? t.allocationModeSharedPool : t.allocationModeWorkspaceBudget }), 'ok');
        this.emit<ModeChangedDetail>('mode-changed', { mode: allocation.mode, allocation });
      },
      failed: t.allocationModeFailed,
    });
  }

  /**
   * Sends a confirmed change from its dialog, one at a time: nothing is sent
   * when the cancelable request event is cancelled (the dialog stays as it
   * was). The allocation the change returns shows at once and closes the
   * dialog; a failure shows in the dialog, or in the notice line once the
   * dialog is closed.
   */
  async #send(
    d: DialogState,
    source: CreditDataSource,
    change: {
      /** Fires the cancelable event; false when it was cancelled. */
      request: () => boolean;
      send: (source: CreditDataSource) => Promise<Allocation>;
      done: (allocation: Allocation) => void;
      /** The notice's words for a failure, before the error's message. */
      failed: string;
      afterFailure?: (error: unknown) => void;
    },
  ): Promise<void> {
    this.pending = d;
    if (!change.request()) {
      this.pending = undefined;
      return;
    }
    d.error = undefined;
    try {
      const allocation = await change.send(source);
      this.#apply(allocation, source);
      if (this.dialog === d) this.closeDialog();
      change.done(allocation);
    } catch (error) {
      if (this.dialog === d) d.error = errorMessage(error);
      else this.#announce(`${change.failed} ${errorMessage(error)}`, 'error');
      change.afterFailure?.(error);
    } finally {
      this.pending = undefined;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A change returned for another source has nothing to do with this one.
    if (this.#local && this.data.value && this.#local.source !== this.data.value.source) this.#local = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The workspace a dialog is about may be gone (deleted elsewhere), or transfers no longer possible.
    const d = this.dialog;
    if (!d || this.pending === d) return;
    const view = this.#view();
    const ids = new Set(view?.allocation.workspaces.map((w) => w.id));
    const gone =
      !view ||
      (d.kind === 'transfer' && (!ids.has(d.targetId) || !this.#abilities(view).transfer)) ||
      (d.kind === 'delete' && !ids.has(d.workspaceId));
    if (gone) this.closeDialog();
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mode-change': CustomEvent<ModeChangeDetail>;
    'mode-changed': CustomEvent<ModeChangedDetail>;
    'transfer-request': CustomEvent<TransferRequestDetail>;
    'transfer-complete': CustomEvent<TransferCompleteDetail>;
    'transfer-error': CustomEvent<TransferErrorDetail>;
    'workspace-delete': CustomEvent<WorkspaceDeleteDetail>;
    'workspace-deleted': CustomEvent<WorkspaceDeletedDetail>;
  }
}
