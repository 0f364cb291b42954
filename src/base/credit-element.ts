/**
 * The base every panel shares: inputs from properties or the dashboard
 * context (a property on the element wins), one `@lit/task` that owns the
 * load, and the four states rendered the same way everywhere.
 */
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, type nothing, type PropertyValues, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { parseRangeValue, DEFAULT_RANGE_PRESET, type ResolvedRange } from '../core/ranges.js';
import { unitHeading } from '../core/format.js';
import { errorMessage } from '../data/errors.js';
import type { AccountInfo, CreditDataSource, DisplayUnit, UsageFilter } from '../data/types.js';
import { guardSource } from '../data/guard.js';
import { dashboardContext, type DashboardState, type Selection } from './context.js';
import { defaultStrings, type CreditStrings } from './strings.js';
import { panelStyles, themeStyles } from './theme.styles.js';

/** What a panel is showing: hosts style on the reflected `state` attribute. */
export type LoadState = 'loading' | 'empty' | 'error' | 'ready';

/** Everything a panel's `load()` needs, resolved. */
export interface LoadContext {
  source: CreditDataSource;
  account: AccountInfo;
  range: ResolvedRange;
  timeZone: string;
  selection: Selection;
  signal: AbortSignal;
}

/** One account request per data source, shared by every panel on it. */
const accounts = new WeakMap<CreditDataSource, Promise<AccountInfo>>();

export function loadAccount(source: CreditDataSource, signal?: AbortSignal): Promise<AccountInfo> {
  let pending = accounts.get(source);
  if (!pending) {
    pending = guardSource(source).getAccount(signal);
    accounts.set(source, pending);
    // A failed or aborted request is not remembered: the next panel asks again.
    pending.catch(() => accounts.get(source) === pending && accounts.delete(source));
  }
  return pending;
}

/** Forgets the remembered account, so the next load asks the source again. */
export function forgetAccount(source: CreditDataSource): void {
  accounts.delete(source);
}

/**
 * What every element shares, panels or not: theme, locale, strings, the
 * dashboard context and typed events.
 *
 * @cssproperty [--credit-font-family=inherit] - Font (inherits the host page's by default).
 * @cssproperty [--credit-color-text=#1f2328] - Text (dark: #e6edf3).
 * @cssproperty [--credit-color-muted=#59636e] - Secondary text (dark: #9198a1).
 * @cssproperty [--credit-color-surface=#ffffff] - Panel background (dark: #161b22).
 * @cssproperty [--credit-color-subtle=#f6f8fa] - Quiet backgrounds: buttons, tracks (dark: #0d1117).
 * @cssproperty [--credit-color-border=#d1d9e0] - Borders (dark: #3d444d).
 * @cssproperty [--credit-color-grid=rgba(31,35,40,0.1)] - Chart grid lines.
 * @cssproperty [--credit-color-accent=#4f46e5] - Accent: selection, primary buttons, the used bar (dark: #818cf8).
 * @cssproperty [--credit-color-on-accent=#ffffff] - Text on the accent colour.
 * @cssproperty [--credit-color-warning=#b45309] - Warnings: low balance, a threshold passed.
 * @cssproperty [--credit-color-danger=#c2410c] - Errors, exhausted budgets, over a limit.
 * @cssproperty [--credit-color-success=#15803d] - Success messages.
 * @cssproperty [--credit-color-focus=#4f46e5] - Focus rings.
 * @cssproperty [--credit-color-1=#4f46e5] - Chart series 1 (colours 1–8 cycle through the series).
 * @cssproperty [--credit-color-2=#0284c7] - Chart series 2.
 * @cssproperty [--credit-color-3=#d97706] - Chart series 3.
 * @cssproperty [--credit-color-4=#059669] - Chart series 4.
 * @cssproperty [--credit-color-5=#ec4899] - Chart series 5.
 * @cssproperty [--credit-color-6=#8b5cf6] - Chart series 6.
 * @cssproperty [--credit-color-7=#ef4444] - Chart series 7.
 * @cssproperty [--credit-color-8=#64748b] - Chart series 8, and Others.
 * @cssproperty [--credit-radius=10px] - Corner radius.
 * @cssproperty [--credit-gap=1rem] - Panel padding and spacing.
 */
export abstract class CreditBase extends LitElement {
  static override styles = [themeStyles, panelStyles];

  /** Set on the classes `defineCreditElements({ prefix })` registers: `acme` for `acme-range-picker`. */
  static tagPrefix = '';

  /** The tag this family of elements uses for a canonical name (`credit-summary` → `acme-credit-summary`). */
  protected tagFor(canonical: string): string {
    const prefix = (this.constructor as typeof CreditBase).tagPrefix;
    return prefix ? `${prefix}-${canonical}` : canonical;
  }

  /** The data source. Wins over the dashboard's. */
  @property({ attribute: false }) dataSource?: CreditDataSource;

  /** BCP 47 locale for every number and date (default: the dashboard's, the page's `lang`, the browser's). */
  @property({ reflect: true }) locale?: string;

  /** IANA time zone for "today" and presets (default: the dashboard's, then the account's). */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** Forces the light or dark theme; without it the element follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Replacement strings (any subset); merged over the dashboard's and the English defaults. */
  @property({ attribute: false }) strings: Partial<CreditStrings> = {};

  @consume({ context: dashboardContext, subscribe: true })
  @state()
  protected dashboard?: DashboardState;

  /** The data source the element reads: its own `dataSource`, else the dashboard's. */
  get source(): CreditDataSource | undefined {
    return this.dataSource ?? this.dashboard?.dataSource;
  }

  /** The locale the element formats with: its own `locale`, the dashboard's, the nearest `lang`, the browser's, then `en-US`. */
  get resolvedLocale(): string {
    return this.locale ?? this.dashboard?.locale ?? langAround(this) ?? navigator.language ?? 'en-US';
  }

  #text?: { from: [unknown, unknown]; merged: CreditStrings };

  /** Every string, merged once per change of the replacements (templates read it per cell). */
  get text(): CreditStrings {
    const own = this.strings;
    const shared = this.dashboard?.strings;
    if (this.#text?.from[0] !== own || this.#text.from[1] !== shared) {
      this.#text = { from: [own, shared], merged: { ...defaultStrings, ...shared, ...own } };
    }
    return this.#text.merged;
  }

  /** The dashboard's focus (a day, workspace or reason), or none outside a dashboard. */
  get dashboardFocus(): Selection {
    return this.dashboard?.selection ?? {};
  }

  /** True while the dashboard's theme is copied into the `theme` attribute. */
  #copyingTheme = false;

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    // The copied attribute must not become the element's own `theme`, or the
    // element would keep the dashboard's first theme after the dashboard changes it.
    if (name === 'theme' && this.#copyingTheme) return;
    super.attributeChangedCallback(name, old, value);
  }

  /** The theme the dashboard forces, when this element does not force its own. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const forced = this.theme ?? this.dashboard?.theme;
    this.#copyingTheme = true;
    try {
      if (forced) this.setAttribute('theme', forced);
      else this.removeAttribute('theme');
    } finally {
      this.#copyingTheme = false;
    }
  }

  /** Dispatches a typed event that bubbles out of shadow roots; returns false when cancelled. */
  protected emit<D>(name: string, detail: D, options: { cancelable?: boolean } = {}): boolean {
    return dispatch(this, name, detail, options.cancelable ?? false);
  }
}

/**
 * A panel: loads its data through the data source and shows one of four
 * states — loading (a skeleton), empty, error (with Retry) or the data.
 *
 * @csspart panel - The card around the panel.
 * @csspart skeleton - The loading placeholder.
 * @csspart message - The empty or error message.
 * @csspart retry - The Retry button of the error state.
 */
export abstract class CreditElement<T = unknown> extends CreditBase {
  /** The range: `30d`, `billing-month`, `previous-billing-month` or `2026-10-01/2026-10-31` (default: the dashboard's, then the current billing month). */
  @property() range?: string;

  /** A display unit id from the account's `units` (default: credits). */
  @property() unit?: string;

  /** The current instant (epoch ms), for tests and demos that pin "today". */
  @property({ attribute: false }) now?: number;

  /** Reflected while a load is in flight. */
  @property({ type: Boolean, reflect: true }) loading = false;

  /** `loading`, `empty`, `error` or `ready`, reflected for host styling. */
  @property({ reflect: true }) state: LoadState = 'loading';

  /** Bumped when a standalone element's source reports a change. */
  @state() private ownRevision = 0;

  /** Standalone, follow the source's own change notifications; inside a dashboard the dashboard does that for everyone. */
  protected readonly liveUpdates = new SourceSubscription(
    this,
    () => (this.dashboard ? undefined : this.source),
    () => this.ownRevision++,
  );

  /** The load: arguments from properties and context; a newer call aborts and supersedes an older one. */
  protected readonly data = new Task<readonly unknown[], T>(this, {
    task: async (_args, { signal }) => {
      if (!this.source) throw new MissingSourceError();
      const source = guardSource(this.source);
      const account = await loadAccount(this.source, signal);
      const timeZone = this.timeZone ?? this.dashboard?.timeZone ?? account.timeZone;
      const range = this.resolveRange(account, timeZone);
      return this.load({ source, account, range, timeZone, selection: this.dashboardFocus, signal });
    },
    args: () => [
      this.source,
      this.revision,
      this.now,
      this.dashboard?.now,
      this.timeZone,
      this.dashboard?.timeZone,
      ...(this.followsRange ? [this.range, this.dashboard?.range] : []),
      ...this.loadArgs(),
    ],
  });

  /** Fetches what the panel shows. */
  protected abstract load(context: LoadContext): Promise<T>;

  /** Whether the panel shows the chosen range (a range change reloads it). */
  protected get followsRange(): boolean {
    return true;
  }

  /** Further inputs that should trigger a reload when they change (compared by identity). */
  protected loadArgs(): readonly unknown[] {
    return [];
  }

  protected abstract renderData(data: T): TemplateResult | typeof nothing;

  /** A skeleton in the panel's shape. */
  protected abstract renderSkeleton(): TemplateResult;

  protected isEmpty(_data: T): boolean {
    return false;
  }

  /** The display unit chosen by `unit` (or the dashboard's), if the account declares it. */
  displayUnit(account: AccountInfo | undefined): DisplayUnit | undefined {
    const id = this.unit ?? this.dashboard?.unit;
    return id && id !== 'credit' ? account?.units.find((u) => u.id === id) : undefined;
  }

  /** The pinned instant (own or the dashboard's), else undefined for "now". */
  get currentTime(): number | undefined {
    return this.now ?? this.dashboard?.now;
  }

  /** The display unit's label as a heading word: "Credits", "Conversations". */
  unitTitle(account: AccountInfo | undefined): string {
    return unitHeading(this.displayUnit(account), this.text.credits, this.resolvedLocale);
  }

  protected get revision(): number {
    return (this.dashboard?.revision ?? 0) + this.ownRevision;
  }

  /** The element's own range wins; then the dashboard's; then the default preset. */
  protected resolveRange(account: AccountInfo, timeZone: string): ResolvedRange {
    const ctx = { timeZone, billingCycleDay: account.billingCycleDay, now: this.currentTime };
    return parseRangeValue(this.range ?? this.dashboard?.range ?? DEFAULT_RANGE_PRESET, ctx);
  }

  /** Reloads the data (the Retry button does this). */
  reload(): Promise<void> {
    if (this.source) forgetAccountIfFailed(this.source);
    // The dashboard retries what it loads itself (the account) too.
    this.emit('credit-retry', null);
    return this.data.run();
  }

  // The task starts its runs in hostUpdate, after willUpdate: read its status
  // here, before rendering, so `state` never lags behind what is shown.
  protected override update(changed: PropertyValues<this>): void {
    const status = this.data.status;
    const value = this.data.value;
    this.loading = status === TaskStatus.PENDING || status === TaskStatus.INITIAL;
    this.state = status === TaskStatus.ERROR ? 'error' : value === undefined ? 'loading' : this.isEmpty(value) ? 'empty' : 'ready';
    super.update(changed);
  }

  protected override render(): TemplateResult {
    return html`<div part="panel" class="panel" aria-busy=${this.loading ? 'true' : 'false'}>${this.renderState()}</div>`;
  }

  /** The body for the current state; panels with a header put this under it. */
  protected renderState(): TemplateResult | typeof nothing {
    if (this.data.status === TaskStatus.ERROR) return this.renderError(this.data.error);
    // While a newer range loads, the last data stays up (charts update in place).
    const value = this.data.value;
    if (value === undefined) {
      return html`<div part="skeleton" role="status" aria-label=${this.text.loading}>${this.renderSkeleton()}</div>`;
    }
    return this.isEmpty(value) ? this.renderEmpty() : this.renderData(value);
  }

  protected renderEmpty(): TemplateResult {
    return html`<div part="message" class="message" role="status">${this.text.empty}</div>`;
  }

  protected renderError(error: unknown): TemplateResult {
    if (error instanceof MissingSourceError) {
      return html`<div part="message" class="message" role="status">${this.text.noSource}</div>`;
    }
    const message = errorMessage(error);
    return html`<div part="message error" class="message error" role="alert">
      <strong>${this.text.errorTitle}</strong>
      <span>${message}</span>
      <button part="retry" type="button" @click=${() => this.reload()}>${this.text.retry}</button>
    </div>`;
  }
}

/** The nearest `lang`, looking past shadow roots (panels in the dashboard's own layout live in its shadow root). */
function langAround(element: Element): string | undefined {
  for (let node: Element | null = element; node; ) {
    const found = node.closest('[lang]');
    if (found) return found.getAttribute('lang') ?? undefined;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return undefined;
}

function dispatch<D>(target: EventTarget, name: string, detail: D, cancelable: boolean): boolean {
  return target.dispatchEvent(new CustomEvent<D>(name, { detail, bubbles: true, composed: true, cancelable }));
}

/** No data source yet: neither a property nor a dashboard. */
export class MissingSourceError extends Error {
  constructor() {
    super('No data source.');
  }
}

/**
 * `source.subscribe(onChange)`, made safe: a host adapter whose `subscribe`
 * throws (or returns no function) must not throw out of a Lit lifecycle
 * callback — that escaped as an uncaught error and left the element half
 * updated. The panel then simply has no live refresh; the fault is logged.
 */
export function subscribeTo(source: CreditDataSource | undefined, onChange: () => void): (() => void) | undefined {
  if (!source?.subscribe) return undefined;
  let unsubscribe: unknown;
  try {
    unsubscribe = source.subscribe(onChange);
  } catch (error) {
    console.warn('credit-usage-elements: the data source\'s subscribe() threw; live updates are off.', error);
    return undefined;
  }
  if (typeof unsubscribe !== 'function') return undefined;
  return () => {
    try {
      (unsubscribe as () => void)();
    } catch (error) {
      console.warn('credit-usage-elements: the data source\'s unsubscribe function threw.', error);
    }
  };
}

/**
 * Follows a data source's change notifications for as long as its host is
 * in the document: subscribes when connected (and when the source changes),
 * unsubscribes when removed, and subscribes again when put back. An update
 * running after removal never subscribes, so a removed element is never kept
 * alive by its source.
 */
export class SourceSubscription implements ReactiveController {
  #unsubscribe?: () => void;
  #subscribedTo?: CreditDataSource;
  readonly #host: ReactiveControllerHost & Element;
  readonly #source: () => CreditDataSource | undefined;
  readonly #onChange: () => void;

  constructor(host: ReactiveControllerHost & Element, source: () => CreditDataSource | undefined, onChange: () => void) {
    this.#host = host;
    this.#source = source;
    this.#onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdated(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#subscribedTo = undefined;
  }

  #follow(): void {
    const wanted = this.#host.isConnected ? this.#source() : undefined;
    if (wanted === this.#subscribedTo) return;
    this.#unsubscribe?.();
    this.#subscribedTo = wanted;
    this.#unsubscribe = subscribeTo(wanted, this.#onChange);
  }
}

/**
 * A workspace's name from the allocation, for summaries and chips that name
 * a focused workspace; `undefined` when it cannot be had — the name only
 * decorates, so a failed lookup never fails the panel.
 */
export async function workspaceName(source: CreditDataSource, id: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    return (await source.getAllocation(signal)).workspaces.find((w) => w.id === id)?.name;
  } catch {
    return undefined;
  }
}

/** A reason's label from the account, for summaries and chips that name a focused reason; its id when the account does not list it. */
export function reasonLabel(account: AccountInfo | undefined, id: string): string {
  return account?.reasons.find((r) => r.id === id)?.label ?? id;
}

/** The dashboard's focus on a workspace or a reason as a usage filter; `undefined` when it has neither. */
export function focusFilter({ workspace, reason }: Selection): UsageFilter | undefined {
  if (!workspace && !reason) return undefined;
  const filter: UsageFilter = {};
  if (workspace) filter.workspace = [workspace];
  if (reason) filter.reason = [reason];
  return filter;
}

function forgetAccountIfFailed(source: CreditDataSource): void {
  const pending = accounts.get(source);
  pending?.catch(() => forgetAccount(source));
}
