import { provide } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { formatDate, isolate } from '../../core/format.js';
import { formatRangeValue } from '../../core/ranges.js';
import { CreditBase, forgetAccount, loadAccount, SourceSubscription } from '../../base/credit-element.js';
import { dashboardContext, type DashboardState, type Selection } from '../../base/context.js';
import { fill } from '../../base/strings.js';
import type { RangeChangeDetail } from '../range-picker/range-picker.js';
import { creditDashboardStyles } from './credit-dashboard.styles.js';

/** Detail of the selection events the panels fire; `null` clears. */
export interface DaySelectDetail {
  date: string | null;
}
export interface WorkspaceSelectDetail {
  workspaceId: string | null;
  label?: string;
}
export interface ReasonSelectDetail {
  reasonId: string | null;
  label?: string;
}
/** Detail of `selection-change`: the dashboard's focus after a change. */
export type SelectionChangeDetail = Selection;

/** The default layout, in order: [canonical tag, grid area class]. Only tags that are registered appear. */
const LAYOUT: [string, string][] = [
  ['credit-summary', 'wide'],
  ['credit-daily-chart', 'wide'],
  ['credit-monthly-chart', 'half'],
  ['credit-by-reason', 'half'],
  ['credit-by-workspace', 'half'],
  ['credit-team-split', 'half'],
  ['workspace-allocation-table', 'wide'],
  ['member-usage-table', 'wide'],
];

/**
 * The whole dashboard: gives every panel inside it the data source, range,
 * time zone, locale, display unit and the current focus (a day, workspace
 * or reason). With no children it lays out the default dashboard.
 *
 * @tagname credit-dashboard
 * @summary Shares data source, range, time zone, locale, unit and focus with every panel inside; lays out the default dashboard.
 *
 * @slot - Panels to show instead of the default layout.
 * @slot toolbar - Extra controls beside the range picker.
 *
 * @fires selection-change - The focus changed. Detail: `{ day?, workspace?, reason? }`.
 * @fires range-change - Re-fired from the range picker inside: `{ start, end, preset }`.
 *
 * @csspart header - The bar with the title, range picker and refresh.
 * @csspart title - The account name.
 * @csspart updated - When the data was last updated.
 * @csspart refresh - The Refresh button.
 * @csspart chips - The active filters.
 * @csspart chip - One active filter, a button that removes it.
 * @csspart grid - The default layout's grid.
 *
 * @cssproperty [--credit-gap=1rem] - Space between panels.
 * @cssproperty [--credit-dashboard-columns=2] - Columns of the default grid on wide screens.
 * @cssproperty [--credit-dashboard-background=var(--credit-color-subtle)] - Backdrop painted when `theme` is forced.
 * @cssproperty [--credit-dashboard-padding=var(--credit-gap)] - Padding around a dashboard with a forced `theme`.
 */
export class CreditDashboard extends CreditBase {
  static override styles = [...CreditBase.styles, creditDashboardStyles];

  /** The panels of the default layout, in order (canonical tags; a prefixed dashboard lays out the prefixed ones). */
  static readonly defaultPanels: readonly string[] = Object.freeze(LAYOUT.map(([tag]) => tag));

  /** The range: `7d`, `14d`, `30d`, `90d`, `billing-month` (default), `previous-billing-month` or `YYYY-MM-DD/YYYY-MM-DD`. */
  @property({ reflect: true }) range = 'billing-month';

  /** A display unit id from the account's units (default: credits). */
  @property() unit?: string;

  /** Reload every panel this often, in seconds (0: never). */
  @property({ attribute: 'refresh-interval', type: Number }) refreshInterval = 0;

  /** The current instant (epoch ms) for every panel, for tests and demos that pin "today". */
  @property({ attribute: false }) now?: number;

  /** The focus: a day, a workspace or a reason. Set it to focus from outside. */
  @property({ attribute: false }) selection: Selection = {};

  @provide({ context: dashboardContext })
  @state()
  protected context: DashboardState = { selection: {}, revision: 0 };

  @state() private revision = 0;
  @state() private lastUpdated?: number;
  @state() private hasChildren = false;

  #timer?: ReturnType<typeof setInterval>;
  /** The source's change notifications reload every panel. */
  protected readonly liveUpdates = new SourceSubscription(
    this,
    () => this.dataSource,
    () => {
      this.revision++;
      this.lastUpdated = Date.now();
    },
  );

  readonly #account = new Task(this, {
    task: async ([source], { signal }) => {
      if (!source) return undefined;
      const account = await loadAccount(source, signal);
      this.lastUpdated = Date.now();
      return account;
    },
    args: () => [this.dataSource, this.revision] as const,
  });

  /** Reloads every panel (and the account). */
  refresh(): void {
    if (this.dataSource) forgetAccount(this.dataSource);
    this.revision++;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Known before the first render, so the default layout never starts loading for nothing.
    this.hasChildren = [...this.children].some((child) => !child.slot);
    this.addEventListener('range-change', this.#onRangeChange);
    this.addEventListener('credit-retry', this.#onRetry);
    this.addEventListener('day-select', this.#onDaySelect);
    this.addEventListener('workspace-select', this.#onWorkspaceSelect);
    this.addEventListener('reason-select', this.#onReasonSelect);
    this.#schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('range-change', this.#onRangeChange);
    this.removeEventListener('credit-retry', this.#onRetry);
    this.removeEventListener('day-select', this.#onDaySelect);
    this.removeEventListener('workspace-select', this.#onWorkspaceSelect);
    this.removeEventListener('reason-select', this.#onReasonSelect);
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // One new context object per change: every panel consuming it updates.
    this.context = {
      dataSource: this.dataSource,
      now: this.now,
      account: this.#account.value,
      range: this.range,
      timeZone: this.timeZone,
      // Resolved here: panels in the shadow root cannot see the page's lang.
      locale: this.resolvedLocale,
      unit: this.unit,
      theme: this.theme,
      selection: this.selection,
      revision: this.revision,
      strings: this.strings,
    };
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('refreshInterval')) this.#schedule();
  }

  #schedule(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.isConnected && this.refreshInterval > 0) {
      this.#timer = setInterval(() => this.refresh(), this.refreshInterval * 1000);
    }
  }

  #onRangeChange = (event: CustomEvent<RangeChangeDetail>) => {
    const value = formatRangeValue(event.detail);
    // A picked day may lie outside the new range: the focus on it goes.
    if (this.range !== value) {
      this.range = value;
      if (this.selection.day) this.#select({ ...this.selection, day: undefined });
    }
  };

  /** A panel's Retry: if the account failed to load, try it again too. */
  #onRetry = () => {
    if (this.#account.status === TaskStatus.ERROR) void this.#account.run();
  };

  #onDaySelect = (event: CustomEvent<DaySelectDetail>) => this.#select({ ...this.selection, day: event.detail.date ?? undefined });
  #onWorkspaceSelect = (event: CustomEvent<WorkspaceSelectDetail>) => {
    this.#labels.set(`workspace:${event.detail.workspaceId}`, event.detail.label ?? '');
    this.#select({ ...this.selection, workspace: event.detail.workspaceId ?? undefined });
  };
  #onReasonSelect = (event: CustomEvent<ReasonSelectDetail>) => {
    this.#labels.set(`reason:${event.detail.reasonId}`, event.detail.label ?? '');
    this.#select({ ...this.selection, reason: event.detail.reasonId ?? undefined });
  };

  /** Display labels of focused workspaces and reasons, as the panels named them. */
  readonly #labels = new Map<string, string>();

  #select(next: Selection): void {
    const clean: Selection = {};
    if (next.day) clean.day = next.day;
    if (next.workspace) clean.workspace = next.workspace;
    if (next.reason) clean.reason = next.reason;
    this.selection = clean;
    this.emit<SelectionChangeDetail>('selection-change', clean);
  }

  protected override render(): TemplateResult {
    const t = this.text;
    const account = this.#account.value;
    return html`
      <header part="header">
        <div class="title-block">
          ${account?.name ? html`<h2 part="title" class="title"><bdi>${account.name}</bdi></h2>` : nothing}
          ${this.lastUpdated
            ? html`<span part="updated" class="muted updated">${fill(t.lastUpdated, { time: this.#formatTime(this.lastUpdated, account?.timeZone) })}</span>`
            : nothing}
        </div>
        <div class="controls">
          ${this.#picker()}
          <slot name="toolbar"></slot>
          <button part="refresh" type="button" @click=${() => this.refresh()}>${t.refresh}</button>
        </div>
      </header>
      ${this.#chips()}
      <slot @slotchange=${this.#onSlotChange}></slot>
      ${this.hasChildren ? nothing : this.#defaultLayout()}
    `;
  }

  #picker(): TemplateResult | typeof nothing {
    const tag = this.tagFor('range-picker');
    if (!customElements.get(tag)) return nothing;
    return staticHtml`<${unsafeStatic(tag)}></${unsafeStatic(tag)}>`;
  }

  #chips(): TemplateResult | typeof nothing {
    const t = this.text;
    const { day, workspace, reason } = this.selection;
    if (!day && !workspace && !reason) return nothing;
    const chip = (label: string, clear: Selection) =>
      html`<button part="chip" class="chip" type="button" aria-label=${fill(t.removeFocus, { value: label })} @click=${() => this.#select(clear)}>
        ${label}<span aria-hidden="true">×</span>
      </button>`;
    const locale = this.resolvedLocale;
    return html`<div part="chips" class="chips" role="group" aria-label=${t.rangeLabel}>
      ${day ? chip(fill(t.focusDay, { value: formatDate(day, locale, 'medium') }), { ...this.selection, day: undefined }) : nothing}
      ${workspace ? chip(fill(t.focusWorkspace, { value: isolate(this.#labels.get(`workspace:${workspace}`) || workspace) }), { ...this.selection, workspace: undefined }) : nothing}
      ${reason ? chip(fill(t.focusReason, { value: isolate(this.#labels.get(`reason:${reason}`) || reason) }), { ...this.selection, reason: undefined }) : nothing}
    </div>`;
  }

  #defaultLayout(): TemplateResult {
    const panels = LAYOUT.map(([name, area]) => [this.tagFor(name), area]).filter(([tag]) => customElements.get(tag));
    return html`<div part="grid" class="grid">
      ${panels.map(([tag, area]) => staticHtml`<${unsafeStatic(tag)} class=${area}></${unsafeStatic(tag)}>`)}
    </div>`;
  }

  #onSlotChange(event: Event): void {
    this.hasChildren = (event.target as HTMLSlotElement).assignedElements().length > 0;
  }

  #formatTime(instant: number, timeZone?: string): string {
    try {
      return new Intl.DateTimeFormat(this.resolvedLocale, { timeStyle: 'short', timeZone: this.timeZone ?? timeZone }).format(instant);
    } catch {
      return new Date(instant).toLocaleTimeString();
    }
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'day-select': CustomEvent<DaySelectDetail>;
    'workspace-select': CustomEvent<WorkspaceSelectDetail>;
    'reason-select': CustomEvent<ReasonSelectDetail>;
    'selection-change': CustomEvent<SelectionChangeDetail>;
  }
}
