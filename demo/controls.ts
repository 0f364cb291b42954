/**
 * The demo's pure parts: what the control bar can choose, how a choice is
 * kept in the URL, and the data-source wrappers that simulate a slow or a
 * failing backend. No DOM here, so the tests can check all of it directly.
 */
import { sleep } from '../src/data/abort.js';
import { DataSourceError, throwIfAborted } from '../src/data/errors.js';
import type {
  AccountInfo,
  Allocation,
  CreditDataSource,
  CreditMode,
  MemberPage,
  MemberQuery,
  TransferRequest,
  UsageQuery,
  UsageResult,
} from '../src/data/types.js';

// ------------------------------------------------------------------ choices

/** One choice of a control: its value in the URL and its label in the form. */
export interface Choice<V extends string = string> {
  value: V;
  label: string;
  /** A language tag for the label, when it is written in another language. */
  lang?: string;
}

export const ADAPTERS = [
  { value: 'memory', label: 'Memory adapter' },
  { value: 'rest', label: 'REST adapter (msw)' },
] as const satisfies readonly Choice[];

export const THEMES = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
] as const satisfies readonly Choice[];

export const LOCALES = [
  { value: 'en-US', label: 'English (US)' },
  { value: 'de-DE', label: 'Deutsch', lang: 'de-DE' },
  { value: 'ja-JP', label: '日本語', lang: 'ja-JP' },
  { value: 'ar-EG', label: 'العربية (مصر)', lang: 'ar-EG' },
] as const satisfies readonly Choice[];

/** The zone `generateDemoData` gives the demo account when none is asked for. */
export const ACCOUNT_TIME_ZONE = 'America/Los_Angeles';

/** `account` keeps the account's own zone; the others regenerate the account in that zone. */
export const TIME_ZONES = [
  { value: 'account', label: `${ACCOUNT_TIME_ZONE} (account)` },
  { value: 'Europe/London', label: 'Europe/London' },
  { value: 'Asia/Kolkata', label: 'Asia/Kolkata (UTC+5:30)' },
  { value: 'Asia/Kathmandu', label: 'Asia/Kathmandu (UTC+5:45)' },
  { value: 'Pacific/Chatham', label: 'Pacific/Chatham (UTC+12:45)' },
] as const satisfies readonly Choice[];

export const SIZES = [
  { value: 'small', label: 'Small team (8)' },
  { value: 'standard', label: 'Standard (60)' },
  { value: 'large', label: 'Large (10,000)' },
] as const satisfies readonly Choice[];

/** Brand palettes a host might set through the `--credit-*` tokens (see BRAND_TOKENS). */
export const BRANDS = [
  { value: 'default', label: 'Default' },
  { value: 'teal', label: 'Teal' },
  { value: 'crimson', label: 'Crimson' },
  { value: 'graphite', label: 'Graphite' },
] as const satisfies readonly Choice[];

/**
 * The tokens each brand sets, for the light and the dark theme — what a host
 * writes in its own CSS (docs/theming.md, "Brand colours"). The accent and
 * every series colour keep 3:1 against the theme's surface (WCAG 1.4.11).
 */
export const BRAND_TOKENS: Readonly<Record<Exclude<Brand, 'default'>, { light: Record<string, string>; dark: Record<string, string> }>> = Object.freeze({
  teal: {
    light: { accent: '#0f766e', focus: '#0f766e', 1: '#0f766e', 2: '#ea580c', 3: '#4f46e5' },
    dark: { accent: '#2dd4bf', focus: '#5eead4', 1: '#2dd4bf', 2: '#fb923c', 3: '#818cf8' },
  },
  crimson: {
    light: { accent: '#be123c', focus: '#be123c', 1: '#be123c', 2: '#0369a1', 3: '#a16207' },
    dark: { accent: '#fb7185', focus: '#fda4af', 1: '#fb7185', 2: '#38bdf8', 3: '#facc15' },
  },
  graphite: {
    light: { accent: '#334155', focus: '#334155', 1: '#334155', 2: '#0284c7', 3: '#64748b' },
    dark: { accent: '#cbd5e1', focus: '#e2e8f0', 1: '#cbd5e1', 2: '#38bdf8', 3: '#64748b' },
  },
});

/** The CSS that gives `selector` a brand in both themes, following the page's `data-theme` (`''` for the default brand). */
export function brandCss(brand: Brand, selector: string): string {
  if (brand === 'default') return '';
  const { light, dark } = BRAND_TOKENS[brand];
  const block = (tokens: Record<string, string>) => Object.entries(tokens).map(([k, v]) => `--credit-color-${k}: ${v};`).join(' ');
  return [
    `${selector} { ${block(light)} }`,
    `:root[data-theme='dark'] ${selector} { ${block(dark)} }`,
    `@media (prefers-color-scheme: dark) { :root[data-theme='system'] ${selector} { ${block(dark)} } }`,
  ].join('\n');
}

/** 1 credit = 600 conversations, as the demo account declares. */
export const UNITS = [
  { value: 'credit', label: 'Credits' },
  { value: 'conversation', label: 'Conversations' },
] as const satisfies readonly Choice[];

export const CONDITIONS = [
  { value: 'normal', label: 'Normal' },
  { value: 'slow', label: 'Slow' },
  { value: 'failing', label: 'Failing' },
  { value: 'empty', label: 'Empty' },
] as const satisfies readonly Choice[];

type Values<T extends readonly Choice[]> = T[number]['value'];
export type Adapter = Values<typeof ADAPTERS>;
export type Theme = Values<typeof THEMES>;
export type Locale = Values<typeof LOCALES>;
export type TimeZoneChoice = Values<typeof TIME_ZONES>;
export type Size = Values<typeof SIZES>;
export type Unit = Values<typeof UNITS>;
export type Brand = Values<typeof BRANDS>;
export type Condition = Values<typeof CONDITIONS>;

/** What each condition does, shown under the control. */
export const CONDITION_HINTS: Readonly<Record<Condition, string>> = Object.freeze({
  normal: 'Answers at once',
  slow: 'Every answer takes 1.5 s',
  failing: 'Every call fails',
  empty: 'An organisation with no usage yet',
});

/** Everything the control bar chooses, plus the dashboard's range. */
export interface DemoState {
  adapter: Adapter;
  theme: Theme;
  brand: Brand;
  locale: Locale;
  timeZone: TimeZoneChoice;
  size: Size;
  unit: Unit;
  condition: Condition;
  live: boolean;
  /** The dashboard's range (`billing-month`, `30d`, `2026-10-01/2026-10-31` …); chosen in the dashboard itself. */
  range: string;
}

export const DEFAULT_STATE: Readonly<DemoState> = Object.freeze({
  adapter: 'memory',
  theme: 'system',
  brand: 'default',
  locale: 'en-US',
  timeZone: 'account',
  size: 'standard',
  unit: 'credit',
  condition: 'normal',
  live: false,
  range: 'billing-month',
});

/**
 * The URL parameter of each field. They are also the form fields' names, so
 * the form works as a plain GET form without script.
 */
export const PARAMS: Readonly<Record<keyof DemoState, string>> = Object.freeze({
  adapter: 'adapter',
  theme: 'theme',
  brand: 'brand',
  locale: 'locale',
  timeZone: 'tz',
  size: 'size',
  unit: 'unit',
  condition: 'condition',
  live: 'live',
  range: 'range',
});

const CHOICES = {
  adapter: ADAPTERS,
  theme: THEMES,
  brand: BRANDS,
  locale: LOCALES,
  timeZone: TIME_ZONES,
  size: SIZES,
  unit: UNITS,
  condition: CONDITIONS,
} as const;

const RANGE_RE = /^(?:\d{1,4}d|billing-month|previous-billing-month|\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2})$/;
const TRUE_VALUES = new Set(['1', 'true', 'on', 'yes']);

/** Values written differently from their canonical form (old links, hand-written ones). */
const ALIASES: Partial<Record<keyof DemoState, Record<string, string>>> = {
  timeZone: { [ACCOUNT_TIME_ZONE]: 'account' },
  unit: { credits: 'credit', conversations: 'conversation' },
  size: { '10000': 'large', '10k': 'large' },
};

/**
 * The state a query string describes. Missing, unknown or malformed values
 * fall back to the defaults, so any link opens a working demo.
 */
export function parseState(search: string | URLSearchParams): DemoState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const state: DemoState = { ...DEFAULT_STATE };
  for (const [key, choices] of Object.entries(CHOICES) as [keyof typeof CHOICES, readonly Choice[]][]) {
    const raw = params.get(PARAMS[key])?.trim();
    if (!raw) continue;
    const value = ALIASES[key]?.[raw] ?? raw;
    const match = choices.find((c) => c.value === value) ?? choices.find((c) => c.value.toLowerCase() === value.toLowerCase());
    if (match) (state as unknown as Record<string, string>)[key] = match.value;
  }
  const live = params.get(PARAMS.live);
  if (live !== null) state.live = TRUE_VALUES.has(live.trim().toLowerCase());
  const range = params.get(PARAMS.range)?.trim();
  if (range && RANGE_RE.test(range)) state.range = range;
  return state;
}

/**
 * The query string for a state: only what differs from the defaults, in a
 * fixed order, so equal states give equal links. `''` for the defaults,
 * otherwise it starts with `?`.
 */
export function serializeState(state: DemoState): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof DemoState)[]) {
    const value = state[key];
    if (value === DEFAULT_STATE[key]) continue;
    params.set(PARAMS[key], typeof value === 'boolean' ? (value ? '1' : '0') : value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** What a change from one state to the next needs done. */
export interface StateChange {
  /** A different organisation: generate (or take from the cache) another data set. */
  data: boolean;
  /** Memory ↔ REST: another adapter in front of the same data. */
  adapter: boolean;
  /** Normal / slow / failing changed (on the same data). */
  condition: boolean;
  /** Only presentation changed: theme, brand, locale, unit, live, range. */
  presentation: boolean;
}

/** The data set a state needs: members, time zone and whether it has usage. */
export function dataSetKey(state: DemoState): string {
  return `${state.size}|${state.timeZone}|${state.condition === 'empty' ? 'empty' : 'usage'}`;
}

export function diffState(before: DemoState, after: DemoState): StateChange {
  const data = dataSetKey(before) !== dataSetKey(after);
  const adapter = before.adapter !== after.adapter;
  const condition = !data && before.condition !== after.condition;
  const presentation = (['theme', 'brand', 'locale', 'unit', 'live', 'range'] as const).some((k) => before[k] !== after[k]);
  return { data, adapter, condition, presentation };
}

/** The condition the wrappers and the mock server apply: `empty` is a data set, served normally. */
export function transportCondition(condition: Condition): SimulatedCondition {
  return condition === 'slow' || condition === 'failing' ? condition : 'normal';
}

// ------------------------------------------------------------------ simulated conditions

/** How the wrapped source behaves. */
export type SimulatedCondition = 'normal' | 'slow' | 'failing';

/** How long the slow condition holds every answer back. */
export const SLOW_LATENCY_MS = 1500;

/** Resolves after `ms`, or rejects with an `aborted` DataSourceError as soon as the signal fires. */
export const wait = sleep;

export interface ConditionedSourceOptions {
  condition?: SimulatedCondition;
  /** Delay of the slow condition, in ms (default {@link SLOW_LATENCY_MS}). */
  latencyMs?: number;
}

/**
 * A data source in front of another that simulates the backend's condition:
 * `normal` passes every call through, `slow` answers after `latencyMs`
 * (honouring abort signals while it waits), `failing` rejects every call with
 * a retryable `server` DataSourceError. The condition can change at any time
 * without replacing the source, like a backend that recovers: panels that
 * failed load again on Retry. Optional capabilities of the inner source stay
 * optional, and `subscribe` is passed through.
 */
export class ConditionedSource implements CreditDataSource {
  condition: SimulatedCondition;
  latencyMs: number;
  readonly inner: CreditDataSource;

  transferCredits?: (transfer: TransferRequest, signal?: AbortSignal) => Promise<Allocation>;
  setCreditMode?: (mode: CreditMode, signal?: AbortSignal) => Promise<Allocation>;
  deleteWorkspace?: (workspaceId: string, signal?: AbortSignal) => Promise<Allocation>;
  setMemberLimit?: (memberId: string, limit: number | null, signal?: AbortSignal) => Promise<void>;
  subscribe?: (onChange: () => void) => () => void;

  constructor(inner: CreditDataSource, options: ConditionedSourceOptions = {}) {
    this.inner = inner;
    this.condition = options.condition ?? 'normal';
    this.latencyMs = options.latencyMs ?? SLOW_LATENCY_MS;
    if (inner.transferCredits) this.transferCredits = (t, signal) => this.#call('transferCredits', signal, () => inner.transferCredits!(t, signal));
    if (inner.setCreditMode) this.setCreditMode = (mode, signal) => this.#call('setCreditMode', signal, () => inner.setCreditMode!(mode, signal));
    if (inner.deleteWorkspace) this.deleteWorkspace = (id, signal) => this.#call('deleteWorkspace', signal, () => inner.deleteWorkspace!(id, signal));
    if (inner.setMemberLimit) this.setMemberLimit = (id, limit, signal) => this.#call('setMemberLimit', signal, () => inner.setMemberLimit!(id, limit, signal));
    if (inner.subscribe) this.subscribe = (onChange) => inner.subscribe!(onChange);
  }

  getAccount(signal?: AbortSignal): Promise<AccountInfo> {
    return this.#call('getAccount', signal, () => this.inner.getAccount(signal));
  }

  queryUsage(query: UsageQuery, signal?: AbortSignal): Promise<UsageResult> {
    return this.#call('queryUsage', signal, () => this.inner.queryUsage(query, signal));
  }

  getAllocation(signal?: AbortSignal): Promise<Allocation> {
    return this.#call('getAllocation', signal, () => this.inner.getAllocation(signal));
  }

  queryMembers(query: MemberQuery, signal?: AbortSignal): Promise<MemberPage> {
    return this.#call('queryMembers', signal, () => this.inner.queryMembers(query, signal));
  }

  async #call<T>(method: string, signal: AbortSignal | undefined, answer: () => Promise<T>): Promise<T> {
    // The condition at the time of the call decides, so a change applies to the next call.
    const condition = this.condition;
    throwIfAborted(signal);
    if (condition === 'failing') {
      throw new DataSourceError('server', `The service is unavailable (simulated failure of ${method}).`, { retryable: true, endpoint: method });
    }
    if (condition === 'slow') await wait(this.latencyMs, signal);
    return answer();
  }
}

/** The source, answering every call after `latencyMs` (abortable while it waits). */
export function slowSource(source: CreditDataSource, latencyMs = SLOW_LATENCY_MS): ConditionedSource {
  return new ConditionedSource(source, { condition: 'slow', latencyMs });
}

/** The source, rejecting every call with a `server` DataSourceError. */
export function failingSource(source: CreditDataSource): ConditionedSource {
  return new ConditionedSource(source, { condition: 'failing' });
}

/** The mock server's options for a condition (`createMockHandlers`' `latencyMs` and `failureRate`). */
export function mockServerOptions(condition: SimulatedCondition, latencyMs = SLOW_LATENCY_MS): { latencyMs: number; failureRate: number } {
  return { latencyMs: condition === 'slow' ? latencyMs : 0, failureRate: condition === 'failing' ? 1 : 0 };
}
