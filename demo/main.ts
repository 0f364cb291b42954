/**
 * The demo site: the complete `<credit-dashboard>` on generated data, with a
 * control bar for the adapter (memory, or REST through the msw mock server),
 * theme, locale, time zone, data size, display unit, simulated conditions
 * and live usage. Every choice is kept in the URL, so a link shows the same
 * dashboard; a change rebuilds the source or reconfigures the dashboard in
 * place, never reloading the page.
 *
 * When every panel has settled, `<html data-rendered="true">` tells
 * screenshot tools the page is ready (the attribute goes while it loads).
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import '../src/index.js';
import type { CreditDashboard } from '../src/elements/credit-dashboard/credit-dashboard.js';
import type { RangeChangeDetail } from '../src/elements/range-picker/range-picker.js';
import type { CreditDataSource } from '../src/data/types.js';
import { MemoryDataSource } from '../src/data/memory.js';
import { RestDataSource } from '../src/data/rest.js';
import { generateDemoData } from '../src/data/demo-data.js';
import { formatRangeValue } from '../src/core/ranges.js';
import {
  ACCOUNT_TIME_ZONE,
  ADAPTERS,
  BRANDS,
  brandCss,
  ConditionedSource,
  CONDITIONS,
  CONDITION_HINTS,
  DEFAULT_STATE,
  LOCALES,
  PARAMS,
  SIZES,
  THEMES,
  TIME_ZONES,
  UNITS,
  dataSetKey,
  diffState,
  mockServerOptions,
  parseState,
  serializeState,
  transportCondition,
  type Choice,
  type DemoState,
  type SimulatedCondition,
} from './controls.js';
import { demoDataOptions, liveEvents } from './datasets.js';
import { dashboardPanels, generateOffThread, panelsSettled, repaint } from './page.js';

/** Where the mock server answers the REST contract. */
const API_BASE = '/demo-api/v1';
/** How often the live toggle adds usage (less often for the 10,000-member organisation, whose panels take longer to redraw). */
const liveInterval = (s: DemoState) => (s.size === 'large' ? 6000 : 3000);
const RTL_LOCALES = new Set(['ar-EG']);

const root = document.documentElement;
const form = document.querySelector<HTMLFormElement>('#controls')!;
const host = document.querySelector<HTMLElement>('#dashboard-host')!;
const overlay = document.querySelector<HTMLElement>('#dashboard-overlay')!;
const statusLine = document.querySelector<HTMLElement>('#status')!;

// The page's static "preparing" message is replaced by the rendered ones.
overlay.replaceChildren();

const dashboard = document.createElement('credit-dashboard') as CreditDashboard;
dashboard.id = 'dashboard';

let state: DemoState | undefined;
/** Bumped by every new source; a slower, older one that is ready late is dropped. */
let rebuilds = 0;
/** The organisation shown, the adapter in front of it and, for memory, the wrapper that simulates conditions. */
let memory: MemoryDataSource | undefined;
let adapter: DemoState['adapter'] | undefined;
let conditioned: ConditionedSource | undefined;
/** Work in progress that keeps the page from counting as rendered (generating, starting msw). */
let busy = 0;

// ------------------------------------------------------------------ data sets

/** Every organisation generated during this visit, by size, zone and emptiness. */
const dataSets = new Map<string, Promise<MemoryDataSource>>();

function dataSetFor(next: DemoState): Promise<MemoryDataSource> {
  const key = dataSetKey(next);
  let pending = dataSets.get(key);
  if (!pending) {
    const options = demoDataOptions(next);
    // The 10,000-member organisation is generated in a worker, so the page never freezes.
    pending = next.size === 'large' ? generateOffThread(options) : Promise.resolve().then(() => new MemoryDataSource(generateDemoData(options)));
    dataSets.set(key, pending);
    pending.catch(() => dataSets.get(key) === pending && dataSets.delete(key));
  }
  return pending;
}

// ------------------------------------------------------------------ the mock server

interface MockWorker {
  start(options?: object): Promise<unknown>;
  resetHandlers(...handlers: unknown[]): void;
}
let mockWorker: Promise<MockWorker> | undefined;
let mockStarted = false;

/** msw, loaded and started on first use of the REST adapter (the memory path needs no network at all). */
function startMockServer(): Promise<MockWorker> {
  mockWorker ??= (async () => {
    if (!('serviceWorker' in navigator)) {
      throw new Error('The REST adapter runs on a mock server in a service worker: open the demo on localhost or over https.');
    }
    const { setupWorker } = await import('msw/browser');
    const worker = setupWorker();
    // Beside the demo folder, at the site's root in development and in the static build alike.
    const url = new URL('../mockServiceWorker.js', location.href).pathname;
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url } });
    mockStarted = true;
    return worker as unknown as MockWorker;
  })();
  mockWorker.catch(() => (mockWorker = undefined));
  return mockWorker;
}

/** The condition the mock server answers in. */
let served: SimulatedCondition | undefined;

/** Points the mock server at `source`, answering in the given condition. */
async function serve(source: CreditDataSource, condition: SimulatedCondition): Promise<void> {
  const [worker, { createMockHandlers }] = await Promise.all([startMockServer(), import('../src/mocks/handlers.js')]);
  worker.resetHandlers(...createMockHandlers(source, { baseUrl: API_BASE, ...mockServerOptions(condition) }));
  served = condition;
}

// ------------------------------------------------------------------ applying a state

async function apply(next: DemoState, options: { initial?: boolean } = {}): Promise<void> {
  const previous = state;
  state = next;
  writeUrl(next);
  renderControls(next);
  applyPresentation(next);

  const change = previous && !options.initial ? diffState(previous, next) : { data: true, adapter: true, condition: true, presentation: true };
  if (change.data || change.adapter) await rebuildSource(next);
  else if (change.condition) await changeCondition(previous!, next);
  startLive();
  checkSettled();
}

/** Keeps the state in the link: only what differs from the defaults. */
function writeUrl(s: DemoState): void {
  const url = `${location.pathname}${serializeState(s)}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', url);
}

/** Another organisation or adapter: a new source for the dashboard (the organisation from the cache when it can). */
async function rebuildSource(next: DemoState): Promise<void> {
  const mine = ++rebuilds;
  unsettle();
  busy++;
  try {
    if (next.size === 'large' && !dataSets.has(dataSetKey(next))) {
      showOverlay('Generating 10,000 members…', 'Done once per time zone; the organisation is then kept while this page is open.');
    }
    const data = await dataSetFor(next);
    if (mine !== rebuilds) return;
    let source: CreditDataSource;
    if (next.adapter === 'rest') {
      if (!mockStarted) showOverlay('Starting the mock server…');
      // The condition chosen by now, not when this began: it may have changed while this waited.
      await serve(data, transportCondition(state!.condition));
      if (mine !== rebuilds) return;
      conditioned = undefined;
      source = new RestDataSource({ baseUrl: API_BASE });
    } else {
      conditioned = new ConditionedSource(data, { condition: transportCondition(state!.condition) });
      source = conditioned;
    }
    memory = data;
    adapter = next.adapter;
    dashboard.dataSource = source;
    if (!dashboard.isConnected) mount();
    hideOverlay();
    say('');
    // The condition may have changed again while the mock server was being set up.
    await syncCondition();
  } catch (error) {
    if (mine !== rebuilds) return;
    showOverlay('The demo could not start.', error instanceof Error ? error.message : String(error), true);
  } finally {
    busy--;
  }
}

/** The same source, another condition — like a backend that slows down, fails or recovers. */
async function changeCondition(previous: DemoState, next: DemoState): Promise<void> {
  // A source still being built picks the latest condition up when it is ready.
  if (busy > 0 || !memory) return;
  await syncCondition();
  if (state !== next) return;
  const condition = transportCondition(next.condition);
  if (condition !== 'normal') {
    // Show the new condition at once: every panel loads again through it.
    unsettle();
    dashboard.refresh();
    say('');
  } else {
    // Recovery reloads nothing by itself, like a real backend coming back: the panels' Retry (or Refresh) does.
    say(previous.condition === 'failing' ? RECOVERED : '');
  }
}

/** Makes the current source (memory wrapper or mock server) answer in the condition the state asks for. */
async function syncCondition(): Promise<void> {
  const wanted = transportCondition(state!.condition);
  if (adapter === 'memory') {
    if (conditioned) conditioned.condition = wanted;
  } else if (memory && served !== wanted) {
    await serve(memory, wanted);
  }
}

/** The brand's tokens, as a host's stylesheet would set them. */
const brandStyle = document.head.appendChild(document.createElement('style'));
brandStyle.id = 'brand-tokens';

/** Theme, brand, locale, direction, unit and range: the dashboard updates in place. */
function applyPresentation(next: DemoState): void {
  root.dataset.theme = next.theme;
  const brand = brandCss(next.brand, '#dashboard');
  if (brandStyle.textContent !== brand) {
    brandStyle.textContent = brand;
    repaint(dashboard);
  }
  dashboard.theme = next.theme === 'system' ? undefined : next.theme;
  dashboard.locale = next.locale;
  host.lang = next.locale;
  host.dir = RTL_LOCALES.has(next.locale) ? 'rtl' : 'ltr';
  dashboard.unit = next.unit === 'credit' ? undefined : next.unit;
  if (dashboard.range !== next.range) dashboard.range = next.range;
}

function mount(): void {
  host.querySelector('.placeholder')?.remove();
  host.append(dashboard);
  watchPanels();
}

// ------------------------------------------------------------------ live usage

let liveTimer: ReturnType<typeof setInterval> | undefined;

/** Live usage runs while the state asks for it on the memory adapter (restarted on every change, so its pace follows the size). */
function startLive(): void {
  stopLive();
  if (!state?.live || state.adapter !== 'memory' || adapter !== 'memory') return;
  liveTimer = setInterval(() => addLiveUsage().catch((error) => console.warn('Live usage:', error)), liveInterval(state));
}

function stopLive(): void {
  clearInterval(liveTimer);
  liveTimer = undefined;
}

async function addLiveUsage(): Promise<void> {
  const data = memory;
  if (!data || document.hidden) return;
  // Usage lands in workspaces that can still spend, by members of the organisation.
  const [account, allocation, members] = await Promise.all([
    data.getAccount(),
    data.getAllocation(),
    data.queryMembers({ start: '1970-01-01', end: '2999-12-31', sort: 'member', direction: 'asc', offset: 0, limit: 200 }),
  ]);
  const workspaces = allocation.workspaces.filter((w) => !w.blocked);
  if (data !== memory || !workspaces.length || !members.members.length) return;
  data.addEvents(liveEvents({ account, members: members.members, workspaces: workspaces.map((w) => ({ id: w.id, name: w.name, kind: w.kind })) }, Date.now()));
}

// ------------------------------------------------------------------ "rendered", for screenshots

function settled(): boolean {
  return busy === 0 && dashboard.isConnected && !!dashboard.dataSource && panelsSettled(dashboardPanels(dashboard));
}

let settleTimer: ReturnType<typeof setTimeout> | undefined;

function unsettle(): void {
  delete root.dataset.rendered;
  clearTimeout(settleTimer);
}

/** Marks the page rendered once the panels have settled and stayed so while charts draw. */
function checkSettled(): void {
  clearTimeout(settleTimer);
  if (!settled()) {
    if (root.dataset.rendered) delete root.dataset.rendered;
    return;
  }
  if (statusLine.textContent === RECOVERED && !dashboardPanels(dashboard).some((p) => p.getAttribute('state') === 'error')) say('');
  if (root.dataset.rendered) return;
  settleTimer = setTimeout(() => requestAnimationFrame(() => settled() && (root.dataset.rendered = 'true')), 400);
}

function watchPanels(): void {
  const observer = new MutationObserver(checkSettled);
  observer.observe(dashboard.shadowRoot!, { subtree: true, childList: true, attributes: true, attributeFilter: ['state', 'loading'] });
  observer.observe(dashboard, { childList: true });
  void dashboard.updateComplete.then(checkSettled);
}

// ------------------------------------------------------------------ messages

const RECOVERED = 'The simulated backend works again: press Retry on a panel, or Refresh, to load it again.';

function say(message: string): void {
  if (statusLine.textContent !== message) statusLine.textContent = message;
}

function showOverlay(title: string, detail = '', error = false): void {
  host.setAttribute('aria-busy', error ? 'false' : 'true');
  overlay.hidden = false;
  overlay.classList.toggle('error', error);
  overlay.setAttribute('role', error ? 'alert' : 'status');
  render(
    html`${error ? nothing : html`<span class="spinner" aria-hidden="true"></span>`}
      <div><strong>${title}</strong>${detail ? html`<span>${detail}</span>` : nothing}</div>`,
    overlay,
  );
  dashboard.inert = true;
}

function hideOverlay(): void {
  host.setAttribute('aria-busy', 'false');
  overlay.hidden = true;
  render(nothing, overlay);
  dashboard.inert = false;
}

// ------------------------------------------------------------------ the control bar

const select = <V extends string>(name: keyof DemoState, label: string, choices: readonly Choice<V>[], value: V, hint?: string): TemplateResult => {
  const id = `control-${PARAMS[name]}`;
  return html`<div class="field field-${PARAMS[name]}">
    <label for=${id}>${label}</label>
    <select id=${id} name=${PARAMS[name]} aria-describedby=${hint ? `${id}-hint` : nothing}>
      ${choices.map((c) => html`<option value=${c.value} lang=${c.lang ?? nothing} ?selected=${c.value === value}>${c.label}</option>`)}
    </select>
    ${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : nothing}
  </div>`;
};

const segmented = <V extends string>(name: keyof DemoState, label: string, choices: readonly Choice<V>[], value: V): TemplateResult =>
  html`<fieldset class="field segmented">
    <legend>${label}</legend>
    <div class="segments">
      ${choices.map(
        (c) => html`<label><input type="radio" name=${PARAMS[name]} value=${c.value} .checked=${c.value === value} /><span>${c.label}</span></label>`,
      )}
    </div>
  </fieldset>`;

function renderControls(s: DemoState): void {
  const liveOff = s.adapter !== 'memory';
  const zone = s.timeZone === 'account' ? ACCOUNT_TIME_ZONE : s.timeZone;
  render(
    html`<h2 class="visually-hidden">Demo settings</h2>
      <fieldset class="group">
        <legend>Data</legend>
        <div class="fields">
          ${select('adapter', 'Adapter', ADAPTERS, s.adapter)}
          ${select('size', 'Members', SIZES, s.size)}
          ${select('timeZone', 'Account time zone', TIME_ZONES, s.timeZone)}
          ${select('condition', 'Conditions', CONDITIONS, s.condition, CONDITION_HINTS[s.condition])}
          <div class="field switch-field">
            <span class="label" id="control-live-label">Live usage</span>
            <label class="switch">
              <input
                type="checkbox"
                role="switch"
                name=${PARAMS.live}
                value="1"
                .checked=${s.live && !liveOff}
                ?disabled=${liveOff}
                aria-labelledby="control-live-label"
                aria-describedby="control-live-hint"
              />
              <span class="track" aria-hidden="true"></span>
              <span class="switch-text" aria-hidden="true">${s.live && !liveOff ? 'On' : 'Off'}</span>
            </label>
            <span class="hint" id="control-live-hint">${liveOff ? 'Memory adapter only' : `A few events every ${liveInterval(s) / 1000} s`}</span>
          </div>
        </div>
      </fieldset>
      <fieldset class="group">
        <legend>Display</legend>
        <div class="fields">
          ${segmented('theme', 'Theme', THEMES, s.theme)}
          ${select('brand', 'Brand colours', BRANDS, s.brand)}
          ${select('locale', 'Locale', LOCALES, s.locale)}
          ${segmented('unit', 'Unit', UNITS, s.unit)}
          <div class="field actions">
            <button type="button" class="button" @click=${copyLink}>Copy link</button>
            <button type="button" class="button quiet" ?disabled=${serializeState(s) === ''} @click=${reset}>Reset</button>
          </div>
        </div>
      </fieldset>
      <p class="summary">
        ${s.adapter === 'rest' ? html`Served over <code>fetch</code> by the mock server at <code>${API_BASE}</code>` : 'Read straight from memory'}
        · days in <strong>${zone}</strong> · 1 credit = 600 conversations
      </p>`,
    form,
  );
}

function readForm(): DemoState {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) params.append(name, String(value));
  // The live switch is disabled (so absent) on REST: keep the choice for when memory comes back.
  if (state && !params.has(PARAMS.live) && form.querySelector<HTMLInputElement>(`[name="${PARAMS.live}"]`)?.disabled) {
    params.set(PARAMS.live, state.live ? '1' : '0');
  }
  if (state) params.set(PARAMS.range, state.range);
  return parseState(params);
}

async function copyLink(): Promise<void> {
  try {
    await navigator.clipboard.writeText(location.href);
    say('Link copied.');
  } catch {
    say(`Copy this link: ${location.href}`);
  }
}

function reset(): void {
  void apply({ ...DEFAULT_STATE });
}

form.addEventListener('change', () => void apply(readForm()));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void apply(readForm());
});

// The range is chosen inside the dashboard; keep it in the link too.
dashboard.addEventListener('range-change', (event: CustomEvent<RangeChangeDetail>) => {
  const range = formatRangeValue(event.detail);
  if (state && range !== state.range) {
    state = { ...state, range };
    writeUrl(state);
    renderControls(state);
  }
});

showOverlay('Preparing the demo organisation…');
void apply(parseState(location.search), { initial: true });
