/**
 * The element playground: one page per element, on generated data.
 *   playground.html?tag=credit-daily-chart&group-by=reason&top=3&theme=dark
 *
 * The controls are generated from the manifest (custom-elements.json): one
 * per attribute of the element — a checkbox for `boolean`, a select for a
 * union of string literals, a number input for `number`, a text input for
 * anything else. Attributes the element reflects as output (`state`,
 * `loading`, `level`) are shown live instead. Beside them the page's own
 * settings: which organisation feeds the element, a simulated backend
 * condition and a brand colour. Every value lives in the URL (only what
 * differs from the defaults), the manifest's events are logged as they
 * fire, and the code under the preview reproduces what is shown.
 *
 * When the element has settled, `<html data-rendered="true">` tells
 * screenshot tools the page is ready (the attribute goes while it loads).
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import '../src/index.js';
import { CreditElement, type CreditBase } from '../src/base/credit-element.js';
import { CreditDashboard } from '../src/elements/credit-dashboard/credit-dashboard.js';
import { generateDemoData, MemoryDataSource, type DemoDataOptions } from '../src/data/index.js';
import { CONDITION_HINTS, CONDITIONS, ConditionedSource, type Choice, type SimulatedCondition } from './controls.js';
import { organisationOptions, type Organisation } from './datasets.js';
import { dashboardPanels, generateOffThread, panelsSettled, repaint } from './page.js';

// ------------------------------------------------------------------ the manifest

interface ManifestAttribute {
  name: string;
  fieldName?: string;
  type?: { text?: string };
  default?: string;
  description?: string;
}

interface ManifestEvent {
  name: string;
  description?: string;
}

interface ManifestDeclaration {
  tagName?: string;
  summary?: string;
  description?: string;
  attributes?: ManifestAttribute[];
  events?: ManifestEvent[];
}

interface Manifest {
  modules: { declarations?: ManifestDeclaration[] }[];
}

/** How an attribute is edited. */
type Control = { kind: 'boolean' } | { kind: 'number' } | { kind: 'text' } | { kind: 'select'; options: string[] };

/** One attribute of the element, as the controls need it. */
interface AttributeSpec {
  name: string;
  /** The manifest's type text ('' when it gives none). */
  type: string;
  control: Control;
  /** The default as an attribute value, when the manifest gives a literal one (or the element has it, see `learnDefaults`). */
  default?: string;
  /** The property behind the attribute, and whether the manifest gives it a default that is not a literal (a constant's name). */
  fieldName?: string;
  namedDefault: boolean;
  /** The type admits `undefined`: a select then offers "(default)". */
  optional: boolean;
  description: string;
  /** The string literals of a union a text input edits (one with a template literal type, say). */
  suggestions?: string[];
}

/** One element's page. */
interface ElementSpec {
  tag: string;
  summary: string;
  attributes: AttributeSpec[];
  /** Attributes the element reflects as output, shown read-only. */
  outputs: string[];
  events: ManifestEvent[];
}

/** Outputs the elements reflect for host styling: shown, never set. */
const OUTPUTS = new Set(['loading', 'state', 'level']);

/** The order of the element list (others, if the manifest grows, follow). */
const ORDER = ['credit-dashboard', 'range-picker', ...CreditDashboard.defaultPanels];
const DEFAULT_TAG = 'credit-daily-chart';
/** Elements that need the page's whole width (see playground.css). */
const WIDE = new Set(['credit-dashboard', 'workspace-allocation-table', 'member-usage-table']);

const RANGES = ['7d', '14d', '30d', '90d', 'billing-month', 'previous-billing-month', '2026-10-01/2026-10-31'];

/** Suggestions offered with a text input (a datalist: any other value can be typed). */
const SUGGESTIONS: Readonly<Record<string, readonly string[]>> = {
  range: RANGES,
  value: RANGES,
  locale: ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'ar-EG', 'hi-IN'],
  'time-zone': ['America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'],
  unit: ['credit', 'conversation'],
};

/** Placeholders for text inputs without a literal default. */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
  range: 'billing-month',
  value: 'billing-month',
  unit: 'credit',
  limit: 'the account’s',
  'max-days': '3660',
  'billing-cycle-day': 'the account’s',
  'selected-day': 'YYYY-MM-DD',
  presets: '7d 30d billing-month custom',
  locale: 'the page’s',
  'time-zone': 'the account’s',
};

/** What to try to see an element's events. */
const EVENT_HINTS: Readonly<Record<string, string>> = {
  'credit-dashboard': 'choose a range, or click a bar or a slice in a panel.',
  'range-picker': 'choose a preset.',
  'credit-summary': 'set thresholds the usage has passed, such as 10 20.',
  'credit-daily-chart': 'click a bar, or focus the chart and use the arrow keys.',
  'credit-by-reason': 'click a slice or a legend entry.',
  'credit-by-workspace': 'click a bar or a legend entry.',
  'workspace-allocation-table': 'transfer credits, switch the mode or delete a workspace.',
  'member-usage-table': 'set a member’s daily limit.',
};

const LITERAL = /^(['"])(.*)\1$/;

/** The default as an attribute value: string and number literals only (`false` means absent). */
function literalDefault(text: string | undefined): string | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  const quoted = LITERAL.exec(value);
  if (quoted) return quoted[2];
  return /^-?\d+(\.\d+)?$/.test(value) ? value : undefined;
}

function attributeSpec(attribute: ManifestAttribute): AttributeSpec {
  const type = attribute.type?.text?.trim() ?? '';
  const parts = type ? type.split('|').map((part) => part.trim()) : [];
  const present = parts.filter((part) => part !== 'undefined' && part !== 'null');
  const literals = present.map((part) => LITERAL.exec(part)?.[2]);
  let control: Control;
  if (present.length === 1 && present[0] === 'boolean') control = { kind: 'boolean' };
  else if (present.length === 1 && present[0] === 'number') control = { kind: 'number' };
  else if (present.length > 0 && literals.every((literal) => literal !== undefined)) control = { kind: 'select', options: literals as string[] };
  // An alias (`DailyGroupBy`), a template literal type or no type at all: any text.
  else control = { kind: 'text' };
  const suggestions = control.kind === 'text' ? literals.filter((literal) => literal !== undefined) : [];
  return {
    name: attribute.name,
    type,
    control,
    default: literalDefault(attribute.default),
    fieldName: attribute.fieldName,
    namedDefault: attribute.default !== undefined && literalDefault(attribute.default) === undefined && !['false', 'undefined'].includes(attribute.default),
    optional: present.length < parts.length,
    description: (attribute.description ?? '').replace(/\s+/g, ' ').trim(),
    ...(suggestions.length ? { suggestions } : {}),
  };
}

function elementSpecs(manifest: Manifest): ElementSpec[] {
  const specs: ElementSpec[] = [];
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.tagName) continue;
      const attributes = declaration.attributes ?? [];
      specs.push({
        tag: declaration.tagName,
        summary: declaration.summary ?? declaration.description ?? '',
        attributes: attributes.filter((a) => !OUTPUTS.has(a.name)).map(attributeSpec),
        outputs: attributes.filter((a) => OUTPUTS.has(a.name)).map((a) => a.name),
        events: declaration.events ?? [],
      });
    }
  }
  const rank = (tag: string) => (ORDER.includes(tag) ? ORDER.indexOf(tag) : ORDER.length);
  return specs.sort((a, b) => rank(a.tag) - rank(b.tag) || a.tag.localeCompare(b.tag));
}

/**
 * The value an attribute gets, or `undefined` for none: absent, the
 * default, or a value its control cannot show (an unknown choice, not a
 * number). A set boolean is `''`.
 */
function normalize(spec: AttributeSpec, raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  switch (spec.control.kind) {
    case 'boolean':
      return ['false', '0', 'off', 'no'].includes(raw.trim().toLowerCase()) ? undefined : '';
    case 'select':
      return spec.control.options.includes(raw) && raw !== spec.default ? raw : undefined;
    case 'number': {
      const value = raw.trim();
      if (!value || !Number.isFinite(Number(value))) return undefined;
      return spec.default !== undefined && Number(value) === Number(spec.default) ? undefined : value;
    }
    case 'text':
      return raw.trim() === '' || raw === spec.default ? undefined : raw;
  }
}

// ------------------------------------------------------------------ state and URL

/** Which organisation feeds the element. */
type DataChoice = Organisation;

const DATA_CHOICES: readonly Choice<DataChoice>[] = [
  { value: 'standard', label: 'Standard organisation (60 members)' },
  { value: 'small', label: 'Small team (8 members)' },
  { value: 'large', label: 'Large organisation (10,000 members)' },
  { value: 'empty', label: 'Empty organisation (no usage yet)' },
];

/** The demo's conditions but `empty`, which is an organisation here. */
const CONDITION_CHOICES = CONDITIONS.filter((c) => c.value !== 'empty') as readonly Choice<SimulatedCondition>[];

interface PlaygroundState {
  tag: string;
  /** Attribute values that differ from the defaults, by name ('' for a set boolean). */
  attributes: Readonly<Record<string, string>>;
  data: DataChoice;
  condition: SimulatedCondition;
  /** `#rrggbb`, or none: the theme's own colours. */
  brand?: string;
}

/** Attributes kept when switching to another element that has them too. */
const SHARED = ['theme', 'locale', 'time-zone', 'unit', 'range'];

function parseState(search: string, specs: readonly ElementSpec[]): { state: PlaygroundState; spec: ElementSpec } {
  const params = new URLSearchParams(search);
  const spec = specs.find((s) => s.tag === params.get('tag')) ?? specs.find((s) => s.tag === DEFAULT_TAG) ?? specs[0];
  const attributes: Record<string, string> = {};
  for (const attribute of spec.attributes) {
    const value = normalize(attribute, params.get(attribute.name));
    if (value !== undefined) attributes[attribute.name] = value;
  }
  const data = DATA_CHOICES.find((c) => c.value === params.get('data'))?.value ?? 'standard';
  const condition = CONDITION_CHOICES.find((c) => c.value === params.get('condition'))?.value ?? 'normal';
  const brand = /^#?([0-9a-f]{6})$/i.exec(params.get('brand') ?? '')?.[1];
  return { state: { tag: spec.tag, attributes, data, condition, ...(brand ? { brand: `#${brand.toLowerCase()}` } : {}) }, spec };
}

/** Query-string encoding that leaves `/`, `:` and `,` readable. */
const encode = (value: string) => encodeURIComponent(value).replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%2C/gi, ',');

/**
 * The query string of a state, attributes in the manifest's order; a set
 * boolean is a bare name. The page's own parameters (`tag`, `data`,
 * `condition`, `brand`) are names no element has an attribute by.
 */
function serializeState(s: PlaygroundState, attributes: readonly AttributeSpec[]): string {
  const parts = [`tag=${encode(s.tag)}`];
  for (const { name } of attributes) {
    const value = s.attributes[name];
    if (value !== undefined) parts.push(value === '' ? encode(name) : `${encode(name)}=${encode(value)}`);
  }
  if (s.data !== 'standard') parts.push(`data=${s.data}`);
  if (s.condition !== 'normal') parts.push(`condition=${s.condition}`);
  if (s.brand) parts.push(`brand=${s.brand.slice(1)}`);
  return `?${parts.join('&')}`;
}

// ------------------------------------------------------------------ data

/** "Today" in the demo, pinned so the figures never change. */
const NOW = Date.UTC(2026, 10, 20, 18);

const dataSets = new Map<DataChoice, Promise<MemoryDataSource>>();

function dataSetFor(choice: DataChoice): Promise<MemoryDataSource> {
  let pending = dataSets.get(choice);
  if (!pending) {
    const options = organisationOptions(choice, NOW);
    pending = choice === 'large' ? generateOffThread(options) : Promise.resolve().then(() => new MemoryDataSource(generateDemoData(options)));
    dataSets.set(choice, pending);
    pending.catch(() => dataSets.get(choice) === pending && dataSets.delete(choice));
  }
  return pending;
}

// ------------------------------------------------------------------ the code snippet

type TokenKind = 'tag' | 'attr' | 'value' | 'string' | 'keyword' | 'punct';
/** A piece of the snippet, with its colour. */
type Token = readonly [text: string, kind?: TokenKind];

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `seed: 2026, months: 13, members: 10_000` */
function optionsSource(options: DemoDataOptions): string {
  return Object.entries(options)
    .map(([key, value]) => `${key}: ${typeof value === 'number' && value >= 10_000 ? value.toLocaleString('en-US').replace(/,/g, '_') : String(value)}`)
    .join(', ');
}

/** The HTML that reproduces the preview (without `now`, which only pins the demo's "today"). */
function snippetTokens(s: PlaygroundState, spec: ElementSpec): Token[] {
  const tokens: Token[] = [];
  const add = (...pieces: (string | Token)[]) => pieces.forEach((piece) => tokens.push(typeof piece === 'string' ? [piece] : piece));
  const as = (kind: TokenKind) => (text: string): Token => [text, kind];
  const [tag, attr, value, str, keyword, punct] = (['tag', 'attr', 'value', 'string', 'keyword', 'punct'] as const).map(as);
  // The dashboard lays out the panels that are registered: it needs them all.
  const entry = s.tag === 'credit-dashboard' ? 'credit-usage-elements' : `credit-usage-elements/${s.tag}`;

  add(punct('<'), tag('script'), ' ', attr('type'), punct('='), value('"module"'), punct('>'), '\n  ');
  add(keyword('import'), ' ', str(`'${entry}'`), ';\n  ');
  add(keyword('import'), ' { MemoryDataSource, generateDemoData } ', keyword('from'), ' ', str("'credit-usage-elements/data'"), ';\n\n  ');
  // Without `now`, which only pins the demo's "today".
  const options = optionsSource(organisationOptions(s.data));
  add('document.querySelector(', str(`'${s.tag}'`), ').dataSource =\n    ', keyword('new'));
  if (options.length <= 56) add(` MemoryDataSource(generateDemoData({ ${options} }));\n`);
  // A long list of options: one per line.
  else add(` MemoryDataSource(\n      generateDemoData({\n${options.split(', ').map((o) => `        ${o},\n`).join('')}      }),\n    );\n`);
  add(punct('</'), tag('script'), punct('>'), '\n\n');

  const attributes: [string, string][] = spec.attributes.filter((a) => s.attributes[a.name] !== undefined).map((a) => [a.name, s.attributes[a.name]]);
  if (s.brand) attributes.push(['style', `--credit-color-1: ${s.brand}; --credit-color-accent: ${s.brand}`]);
  const written = attributes.map(([name, text]) => (text === '' ? name : `${name}="${escapeAttribute(text)}"`));
  // One line while it is short; one attribute per line after that.
  const oneLine = 2 * s.tag.length + 5 + written.reduce((sum, a) => sum + a.length + 1, 0) <= 90;
  add(punct('<'), tag(s.tag));
  for (const [name, text] of attributes) {
    add(oneLine ? ' ' : '\n  ', attr(name));
    if (text !== '') add(punct('='), value(`"${escapeAttribute(text)}"`));
  }
  add(punct(oneLine || !attributes.length ? '></' : '\n></'), tag(s.tag), punct('>'));
  return tokens;
}

// ------------------------------------------------------------------ the page

const root = document.documentElement;
const main = document.querySelector<HTMLElement>('#playground')!;

let specs: ElementSpec[] = [];
let spec: ElementSpec;
let state: PlaygroundState;

/** The previewed element, and the sources behind it. */
let element: CreditBase | undefined;
let memory: MemoryDataSource | undefined;
let conditioned: ConditionedSource | undefined;
let observer: MutationObserver | undefined;

/** Work in progress that keeps the page from counting as rendered. */
let busy = 0;
let rebuilds = 0;
let overlay: { title: string; detail?: string; error?: boolean } | undefined;

interface LogEntry {
  id: number;
  name: string;
  detail: string;
  time: string;
}
let log: LogEntry[] = [];
let logged = 0;
let copyMessage = '';

const canvas = document.createElement('div');
canvas.id = 'canvas';
canvas.className = 'pg-canvas-inner';

async function start(): Promise<void> {
  let manifest: Manifest;
  try {
    const response = await fetch(new URL('../custom-elements.json', import.meta.url));
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    manifest = (await response.json()) as Manifest;
  } catch (error) {
    render(html`<p class="pg-loading error" role="alert">The manifest (custom-elements.json) could not be loaded: ${String(error)}</p>`, main);
    return;
  }
  specs = elementSpecs(manifest);
  const tag = specs.find((s) => s.tag === new URLSearchParams(location.search).get('tag'))?.tag ?? DEFAULT_TAG;
  learnDefaults(specs.find((s) => s.tag === tag));
  ({ state, spec } = parseState(location.search, specs));
  canvas.dataset.tag = spec.tag;
  document.title = `<${spec.tag}> — credit-usage-elements`;
  main.replaceChildren();
  await update(state, { initial: true });
}

/**
 * Defaults the manifest names by a constant (`DEFAULT_TOP`) are read from
 * an element that is never connected: the value its property starts with.
 */
function learnDefaults(element: ElementSpec | undefined): void {
  const named = element?.attributes.filter((a) => a.namedDefault && a.fieldName) ?? [];
  if (!element || !named.length) return;
  const probe = document.createElement(element.tag) as unknown as Record<string, unknown>;
  for (const attribute of named) {
    const value = probe[attribute.fieldName!];
    if (typeof value === 'number' || typeof value === 'string') attribute.default = String(value);
  }
}

// ------------------------------------------------------------------ applying a state

async function update(next: PlaygroundState, options: { initial?: boolean; fromElement?: boolean } = {}): Promise<void> {
  const previous = options.initial ? undefined : state;
  state = next;
  const url = `${location.pathname}${serializeState(next, spec.attributes)}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', url);
  root.dataset.theme = next.attributes.theme ?? 'system';
  unsettle();
  renderPage();

  if (!previous || previous.data !== next.data) {
    await rebuildSource(next);
  } else if (element && !options.fromElement) {
    const removed = Object.keys(previous.attributes).some((name) => next.attributes[name] === undefined);
    // An attribute taken away leaves its property at null, not at its default: start afresh.
    if (removed) mount();
    else {
      for (const [name, value] of Object.entries(next.attributes)) {
        if (previous.attributes[name] !== value) element.setAttribute(name, value);
      }
      if (previous.brand !== next.brand) paintBrand(element, next.brand);
    }
    if (previous.condition !== next.condition) changeCondition(next.condition);
  }
  renderPage();
  checkSettled();
}

/** Another organisation: a new source, and a new element in the old one's place. */
async function rebuildSource(next: PlaygroundState): Promise<void> {
  const mine = ++rebuilds;
  busy++;
  try {
    if (next.data === 'large' && !dataSets.has('large')) {
      showOverlay('Generating 10,000 members…', 'About 400,000 usage events, once while this page is open.');
    }
    const data = await dataSetFor(next.data);
    if (mine !== rebuilds) return;
    memory = data;
    // The condition chosen by now, which may have changed while this waited.
    conditioned = new ConditionedSource(data, { condition: state.condition });
    // A fresh element, with the attributes asked for by now (Reset changes those with the data).
    mount();
    overlay = undefined;
  } catch (error) {
    if (mine === rebuilds) showOverlay('The organisation could not be generated.', error instanceof Error ? error.message : String(error), true);
  } finally {
    busy--;
    renderPage();
    checkSettled();
  }
}

/** The same organisation, another condition — like a backend that slows down, fails or recovers. */
function changeCondition(condition: SimulatedCondition): void {
  if (!conditioned || !memory || !element) return;
  conditioned.condition = condition;
  // Load again through it at once.
  if (element instanceof CreditElement) void element.reload().catch(() => {});
  else if (element instanceof CreditDashboard) element.refresh();
  else {
    // The range picker loads only the account, once per source.
    conditioned = new ConditionedSource(memory, { condition });
    element.dataSource = conditioned;
  }
}

/** A new element from the state, in place of the old one. */
function mount(): void {
  const next = document.createElement(state.tag) as CreditBase;
  for (const [name, value] of Object.entries(state.attributes)) next.setAttribute(name, value);
  paintBrand(next, state.brand);
  if ('now' in next) (next as CreditBase & { now?: number }).now = NOW;
  next.dataSource = conditioned;
  for (const { name } of spec.events) next.addEventListener(name, onElementEvent);

  observer?.disconnect();
  if (element) {
    for (const { name } of spec.events) element.removeEventListener(name, onElementEvent);
    element.replaceWith(next);
  } else {
    canvas.append(next);
  }
  element = next;
  observer = new MutationObserver(onElementMutation);
  observer.observe(next, { attributes: true });
  // Inside it: panels settling (the dashboard), dates appearing (the range picker).
  if (next.shadowRoot) observer.observe(next.shadowRoot, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['state', 'loading'] });
  void next.updateComplete.then(checkSettled);
}

function paintBrand(target: HTMLElement, brand: string | undefined): void {
  for (const property of ['--credit-color-1', '--credit-color-accent']) {
    if (brand) target.style.setProperty(property, brand);
    else target.style.removeProperty(property);
  }
  if (!target.getAttribute('style')) target.removeAttribute('style');
  repaint(target);
}

/** The element changed one of its own attributes (the picker's `value`, the dashboard's `range`, a table's sort): follow it. */
function onElementMutation(records: MutationRecord[]): void {
  if (!element) return;
  const own = records.some((r) => r.target === element && r.type === 'attributes');
  if (own) {
    const attributes: Record<string, string> = {};
    for (const attribute of spec.attributes) {
      const value = normalize(attribute, element.getAttribute(attribute.name));
      if (value !== undefined) attributes[attribute.name] = value;
    }
    if (serializeState({ ...state, attributes }, spec.attributes) !== serializeState(state, spec.attributes)) {
      void update({ ...state, attributes }, { fromElement: true });
      return;
    }
    renderPage();
  }
  checkSettled();
}

function onElementEvent(event: Event): void {
  const detail = (event as CustomEvent<unknown>).detail;
  let text: string;
  try {
    text = JSON.stringify(detail, (_key, value: unknown) => (value instanceof Error ? { name: value.name, message: value.message } : value)) ?? String(detail);
  } catch {
    text = String(detail);
  }
  if (text.length > 140) text = `${text.slice(0, 139)}…`;
  const time = new Date().toLocaleTimeString('en-GB', { hour12: false });
  log = [{ id: ++logged, name: event.type, detail: text, time }, ...log].slice(0, 8);
  renderPage();
}

// ------------------------------------------------------------------ "rendered", for screenshots

function settled(): boolean {
  if (busy > 0 || !element?.isConnected || !element.dataSource) return false;
  if (element instanceof CreditDashboard) return panelsSettled(dashboardPanels(element));
  if (element instanceof CreditElement) return ['ready', 'empty', 'error'].includes(element.getAttribute('state') ?? '') && !element.hasAttribute('loading');
  // The range picker shows its dates once it knows the account.
  const resolved = element.shadowRoot?.querySelector('[part~="resolved"]');
  return !resolved || (resolved.textContent ?? '').trim() !== '';
}

let settleTimer: ReturnType<typeof setTimeout> | undefined;

function unsettle(): void {
  delete root.dataset.rendered;
  clearTimeout(settleTimer);
  settleTimer = undefined;
}

/** Marks the page rendered once the element has settled and stayed so while charts draw. */
function checkSettled(): void {
  if (!settled()) {
    unsettle();
    return;
  }
  if (root.dataset.rendered || settleTimer) return;
  settleTimer = setTimeout(
    () =>
      requestAnimationFrame(() => {
        settleTimer = undefined;
        if (settled()) root.dataset.rendered = 'true';
      }),
    400,
  );
}

// ------------------------------------------------------------------ controls

let typing: ReturnType<typeof setTimeout> | undefined;
/** The typed value waiting to apply, if any. */
let pending: (() => void) | undefined;

/** Sets (or, with `undefined`, removes) one attribute. */
function setAttribute(attribute: AttributeSpec, raw: string | undefined): void {
  clearTimeout(typing);
  pending = undefined;
  const value = normalize(attribute, raw);
  if (value === state.attributes[attribute.name]) return;
  const attributes = { ...state.attributes };
  if (value === undefined) delete attributes[attribute.name];
  else attributes[attribute.name] = value;
  void update({ ...state, attributes });
}

/** Text and numbers apply once typing pauses (and at once on Enter or leaving the field). */
function typed(attribute: AttributeSpec, input: HTMLInputElement, now: boolean): void {
  clearTimeout(typing);
  pending = () => setAttribute(attribute, input.value);
  if (now) pending();
  else typing = setTimeout(pending, 400);
}

/** The arrow keys in an empty number input step from the default (5 → 6), not from 0. */
function stepFromDefault(attribute: AttributeSpec, event: KeyboardEvent): void {
  const input = event.target as HTMLInputElement;
  if (input.type === 'number' && input.value === '' && attribute.default !== undefined && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    input.value = attribute.default;
  }
}

function submit(event: Event): void {
  event.preventDefault();
  pending?.();
}

function reset(): void {
  void update({ tag: state.tag, attributes: {}, data: 'standard', condition: 'normal' });
}

/** Manifest prose: `code` in backticks becomes code. */
const prose = (text: string) => text.split('`').map((part, i) => (i % 2 ? html`<code>${part}</code>` : part));

function attributeControl(attribute: AttributeSpec): TemplateResult {
  const { name, control } = attribute;
  const id = `attr-${name}`;
  const hintId = `${id}-hint`;
  const value = state.attributes[name];
  const hint = attribute.description ? html`<span class="hint" id=${hintId}>${prose(attribute.description)}</span>` : nothing;
  const described = attribute.description ? hintId : nothing;
  const label = html`<div class="pg-label">
    <label for=${id}><code>${name}</code></label>
    ${attribute.type ? html`<span class="pg-type" aria-hidden="true">${attribute.type}</span>` : nothing}
  </div>`;

  if (control.kind === 'boolean') {
    return html`<div class="pg-field pg-field-boolean" data-attribute=${name}>
      <div class="pg-label">
        <label class="pg-check" for=${id}>
          <input id=${id} type="checkbox" .checked=${live(value !== undefined)} aria-describedby=${described} @change=${(e: Event) => setAttribute(attribute, (e.target as HTMLInputElement).checked ? '' : undefined)} />
          <code>${name}</code>
        </label>
        <span class="pg-type" aria-hidden="true">${attribute.type}</span>
      </div>
      ${hint}
    </div>`;
  }
  if (control.kind === 'select') {
    const blank = attribute.optional || attribute.default === undefined;
    const current = value ?? attribute.default ?? '';
    return html`<div class="pg-field" data-attribute=${name}>
      ${label}
      <select id=${id} aria-describedby=${described} @change=${(e: Event) => setAttribute(attribute, (e.target as HTMLSelectElement).value)}>
        ${blank ? html`<option value="" ?selected=${current === ''}>(default)</option>` : nothing}
        ${control.options.map((option) => html`<option value=${option} ?selected=${current === option}>${option}${option === attribute.default ? ' (default)' : ''}</option>`)}
      </select>
      ${hint}
    </div>`;
  }
  const suggestions = SUGGESTIONS[name] ?? attribute.suggestions;
  const listId = `${id}-list`;
  return html`<div class="pg-field" data-attribute=${name}>
    ${label}
    <input
      id=${id}
      type=${control.kind === 'number' ? 'number' : 'text'}
      step=${control.kind === 'number' ? 'any' : nothing}
      inputmode=${control.kind === 'number' ? 'decimal' : nothing}
      spellcheck="false"
      autocomplete="off"
      placeholder=${attribute.default ?? PLACEHOLDERS[name] ?? ''}
      list=${suggestions ? listId : nothing}
      .value=${live(value ?? '')}
      aria-describedby=${described}
      @keydown=${(e: KeyboardEvent) => stepFromDefault(attribute, e)}
      @input=${(e: Event) => typed(attribute, e.target as HTMLInputElement, false)}
      @change=${(e: Event) => typed(attribute, e.target as HTMLInputElement, true)}
    />
    ${suggestions ? html`<datalist id=${listId}>${suggestions.map((s) => html`<option value=${s}></option>`)}</datalist>` : nothing}
    ${hint}
  </div>`;
}

function pageControls(): TemplateResult {
  const brandHint = state.brand ? html`Sets <code>--credit-color-1</code> and <code>--credit-color-accent</code>.` : 'Not set: the theme’s own colours.';
  return html`<fieldset class="pg-group">
    <legend>Playground</legend>
    <p class="pg-group-note">Not attributes: what feeds the element and how it is styled.</p>
    <div class="pg-field">
      <div class="pg-label"><label for="page-data">Data</label></div>
      <select id="page-data" name="data" @change=${(e: Event) => void update({ ...state, data: (e.target as HTMLSelectElement).value as DataChoice })}>
        ${DATA_CHOICES.map((c) => html`<option value=${c.value} ?selected=${c.value === state.data}>${c.label}</option>`)}
      </select>
    </div>
    <div class="pg-field">
      <div class="pg-label"><label for="page-condition">Backend</label></div>
      <select
        id="page-condition"
        name="condition"
        aria-describedby="page-condition-hint"
        @change=${(e: Event) => void update({ ...state, condition: (e.target as HTMLSelectElement).value as SimulatedCondition })}
      >
        ${CONDITION_CHOICES.map((c) => html`<option value=${c.value} ?selected=${c.value === state.condition}>${c.label}</option>`)}
      </select>
      <span class="hint" id="page-condition-hint">${CONDITION_HINTS[state.condition]}, simulated in front of the data.</span>
    </div>
    <div class="pg-field">
      <div class="pg-label"><label for="page-brand">Brand colour</label></div>
      <div class="pg-colour">
        <input
          id="page-brand"
          name="brand"
          type="color"
          .value=${live(state.brand ?? '#4f46e5')}
          aria-describedby="page-brand-hint"
          @input=${(e: Event) => void update({ ...state, brand: (e.target as HTMLInputElement).value.toLowerCase() })}
        />
        <span class="pg-colour-value">${state.brand ?? 'none'}</span>
        <button type="button" class="button quiet" ?disabled=${!state.brand} @click=${() => void update({ ...state, brand: undefined })}>Clear</button>
      </div>
      <span class="hint" id="page-brand-hint">${brandHint}</span>
    </div>
  </fieldset>`;
}

// ------------------------------------------------------------------ copying

async function copySnippet(): Promise<void> {
  const text = snippetTokens(state, spec)
    .map(([t]) => t)
    .join('');
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    copyMessage = 'Copied to the clipboard.';
  } catch {
    // Select the code instead, for the keyboard's copy.
    const code = document.querySelector('#snippet');
    if (code) getSelection()?.selectAllChildren(code);
    copyMessage = 'This browser did not allow copying: the code is selected, press Ctrl+C (⌘C) to copy it.';
  }
  renderPage();
  setTimeout(() => {
    copyMessage = '';
    renderPage();
  }, 4000);
}

// ------------------------------------------------------------------ rendering

function showOverlay(title: string, detail?: string, error = false): void {
  overlay = { title, detail, error };
  renderPage();
}

function hrefFor(target: ElementSpec): string {
  const attributes: Record<string, string> = {};
  for (const attribute of target.attributes) {
    if (!SHARED.includes(attribute.name)) continue;
    const value = normalize(attribute, state.attributes[attribute.name]);
    if (value !== undefined) attributes[attribute.name] = value;
  }
  return `./playground.html${serializeState({ ...state, tag: target.tag, attributes }, target.attributes)}`;
}

function reflected(): TemplateResult | typeof nothing {
  if (!spec.outputs.length) return nothing;
  return html`<div class="pg-reflected" role="group" aria-labelledby="reflected-label">
    <span class="pg-reflected-label" id="reflected-label">Reflected</span>
    <dl>
    ${spec.outputs.map((name) => {
      const value = element?.getAttribute(name) ?? null;
      const shown = name === 'loading' ? String(value !== null) : (value ?? '—');
      return html`<div class="pg-reflected-item" data-output=${name} data-value=${shown}>
        <dt><code>${name}</code></dt>
        <dd>${shown}</dd>
      </div>`;
    })}
    </dl>
  </div>`;
}

function renderPage(): void {
  if (!spec) return;
  const tokens = snippetTokens(state, spec);
  const hint = EVENT_HINTS[spec.tag];
  render(
    html`<nav class="pg-elements" aria-label="Elements">
        <ul>
          ${specs.map(
            (s) =>
              html`<li><a href=${hrefFor(s)} aria-current=${s.tag === spec.tag ? 'page' : nothing}>${s.tag}</a></li>`,
          )}
        </ul>
      </nav>
      <div class="pg-intro">
        <h2><span class="pg-bracket" aria-hidden="true">&lt;</span>${spec.tag}<span class="pg-bracket" aria-hidden="true">&gt;</span></h2>
        <p>${prose(spec.summary)}</p>
      </div>
      <div class="pg-layout ${WIDE.has(spec.tag) ? 'wide' : ''}">
        <section class="pg-card pg-stage" id="preview" aria-labelledby="preview-title" tabindex="-1">
          <div class="pg-card-head">
            <h3 id="preview-title">Preview</h3>
            ${reflected()}
          </div>
          <div class="pg-canvas" data-tag=${spec.tag} aria-busy=${busy > 0 ? 'true' : 'false'}>
            ${canvas}
            ${overlay
              ? html`<div class="overlay ${overlay.error ? 'error' : ''}" role=${overlay.error ? 'alert' : 'status'}>
                  ${overlay.error ? nothing : html`<span class="spinner" aria-hidden="true"></span>`}
                  <div><strong>${overlay.title}</strong>${overlay.detail ? html`<span>${overlay.detail}</span>` : nothing}</div>
                </div>`
              : nothing}
          </div>
        </section>

        <form class="pg-card pg-controls" aria-labelledby="controls-title" @submit=${submit}>
          <div class="pg-card-head">
            <h3 id="controls-title">Settings</h3>
            <button type="button" class="button quiet small" @click=${reset}>Reset</button>
          </div>
          <fieldset class="pg-group">
            <legend>Attributes</legend>
            ${spec.attributes.length ? spec.attributes.map(attributeControl) : html`<p class="pg-group-note">This element has no attributes.</p>`}
          </fieldset>
          ${pageControls()}
        </form>

        <section class="pg-card pg-code" aria-labelledby="code-title">
          <div class="pg-card-head">
            <h3 id="code-title">Code</h3>
            <span class="pg-copy-status" role="status">${copyMessage}</span>
            <button type="button" class="button small" @click=${copySnippet}>Copy</button>
          </div>
          <pre><code id="snippet">${tokens.map(([text, kind]) => (kind ? html`<span class="tk-${kind}">${text}</span>` : text))}</code></pre>
          <p class="pg-note">
            Only attributes that differ from their defaults are written. The preview also pins “today” (the <code>now</code> property) so its figures never
            change; real pages leave it out.${state.condition !== 'normal'
              ? html` The ${state.condition} backend is simulated by this page: it is not part of the code.`
              : nothing}
          </p>
        </section>

        <section class="pg-card pg-events" aria-labelledby="events-title">
          <div class="pg-card-head">
            <h3 id="events-title">Events</h3>
            ${spec.events.length
              ? html`<button type="button" class="button quiet small" ?disabled=${!log.length} @click=${() => ((log = []), renderPage())}>Clear</button>`
              : nothing}
          </div>
          ${spec.events.length
            ? html`<p class="pg-note">
                Listening for ${spec.events.map((e, i) => html`${i ? ', ' : ''}<code title=${e.description ?? ''}>${e.name}</code>`)}.
                ${log.length ? nothing : html`To see one, ${hint ?? 'use the element.'}`}
              </p>`
            : html`<p class="pg-note">This element fires no events of its own.</p>`}
          <ol class="pg-log" id="event-log" aria-live="polite" aria-relevant="additions">
            ${repeat(
              log,
              (entry) => entry.id,
              (entry) => html`<li data-event=${entry.name}>
                <span class="pg-log-time">${entry.time}</span>
                <code class="pg-log-name">${entry.name}</code>
                <span class="pg-log-detail">${entry.detail}</span>
              </li>`,
            )}
          </ol>
        </section>
      </div>`,
    main,
  );
}

void start();
