/**
 * 1,000 mount/unmount cycles of the complete default dashboard leave nothing
 * behind: no Chart.js instance, no listener on window, document or a media
 * query, no resize observation, no interval, no pending timeout, and the
 * heap after a forced garbage collection within 1 MB of where it started.
 *
 * Needs Chromium started with `--enable-precise-memory-info` and
 * `--js-flags=--expose-gc` (see scripts/chrome.mjs); without them it fails.
 */
import { aTimeout, expect, nextFrame, waitUntil } from '@open-wc/testing';
import { Chart } from 'chart.js';
import '../../src/index.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import { goodSource, NOW, RANGE, stateOf } from './helpers.js';

declare global {
  interface Window {
    gc?: () => void;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number };
  }
}

const CYCLES = 1000;
const FULL_EVERY = 50;
const WARM_UP = 400;
const MB = 1024 * 1024;

type Key = string;

/** Counts listeners added to a target type's instances and not removed, by event type. */
function trackListeners(proto: EventTarget, label: string, live: Map<Key, number>) {
  const own = Object.prototype.hasOwnProperty.call(proto, 'addEventListener');
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  const ids = new WeakMap<object, number>();
  let next = 0;
  const idOf = (o: object) => ids.get(o) ?? (ids.set(o, ++next), next);
  const keyOf = (target: EventTarget, type: string, listener: unknown, options?: boolean | EventListenerOptions) => {
    const capture = typeof options === 'boolean' ? options : !!options?.capture;
    return `${label}#${idOf(target)} ${type} ${idOf(listener as object)} ${capture}`;
  };
  const entries = new Set<Key>();
  proto.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    if (listener && (this === window || this === document || label === 'MediaQueryList')) {
      const key = keyOf(this, type, listener, options);
      if (!entries.has(key)) {
        entries.add(key);
        live.set(`${label} ${type}`, (live.get(`${label} ${type}`) ?? 0) + 1);
        // A `once` listener or an aborted signal removes it without removeEventListener.
        const done = () => forget(key, `${label} ${type}`);
        if (typeof options === 'object' && options.once) {
          add.call(this, type, done, { once: true });
        }
        if (typeof options === 'object' && options.signal) options.signal.addEventListener('abort', done, { once: true });
      }
    }
    return add.call(this, type, listener, options);
  } as typeof proto.addEventListener;
  proto.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
    if (listener) forget(keyOf(this, type, listener, options), `${label} ${type}`);
    return remove.call(this, type, listener, options);
  } as typeof proto.removeEventListener;
  function forget(key: Key, bucket: string) {
    if (!entries.delete(key)) return;
    const n = (live.get(bucket) ?? 1) - 1;
    if (n === 0) live.delete(bucket);
    else live.set(bucket, n);
  }
  return () => {
    if (own) {
      proto.addEventListener = add;
      proto.removeEventListener = remove;
    } else {
      delete (proto as Partial<EventTarget>).addEventListener;
      delete (proto as Partial<EventTarget>).removeEventListener;
    }
  };
}

/** Tracks intervals and timeouts created from now on that have neither fired nor been cleared. */
function trackTimers() {
  const intervals = new Map<number, string>();
  const timeouts = new Map<number, string>();
  const { setInterval: si, clearInterval: ci, setTimeout: st, clearTimeout: ct } = window;
  const where = () => (new Error().stack ?? '').split('\n').slice(3, 6).join(' | ');
  /** The test's own waits (open-wc's waitUntil leaves its timeout running) are not the library's. */
  const ours = (stack: string) => stack.includes('@open-wc/testing-helpers') || stack.includes('/test/reliability/');
  window.setInterval = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = si(fn, ms, ...args);
    const stack = where();
    if (!ours(stack)) intervals.set(id, stack);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) intervals.delete(id);
    ci(id);
  }) as typeof window.clearInterval;
  window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id: number = st(
      (...a: unknown[]) => {
        timeouts.delete(id);
        if (typeof fn === 'function') (fn as (...x: unknown[]) => void)(...a);
      },
      ms,
      ...args,
    );
    const stack = where();
    if (!ours(stack)) timeouts.set(id, `${ms ?? 0} ms at ${stack}`);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) timeouts.delete(id);
    ct(id);
  }) as typeof window.clearTimeout;
  return {
    intervals,
    timeouts,
    restore() {
      Object.assign(window, { setInterval: si, clearInterval: ci, setTimeout: st, clearTimeout: ct });
    },
  };
}

/** Counts elements observed by ResizeObservers and not unobserved (or disconnected). */
function trackResizeObservers() {
  const Original = window.ResizeObserver;
  const observed = new Set<{ observer: ResizeObserver; target: Element }>();
  class Tracked extends Original {
    override observe(target: Element, options?: ResizeObserverOptions) {
      observed.add({ observer: this, target });
      super.observe(target, options);
    }
    override unobserve(target: Element) {
      for (const o of observed) if (o.observer === this && o.target === target) observed.delete(o);
      super.unobserve(target);
    }
    override disconnect() {
      for (const o of observed) if (o.observer === this) observed.delete(o);
      super.disconnect();
    }
  }
  window.ResizeObserver = Tracked;
  return { observed, restore: () => (window.ResizeObserver = Original) };
}

async function heap(): Promise<number> {
  // Several passes: finalizers and weak maps need more than one.
  for (let i = 0; i < 4; i++) {
    window.gc!();
    await aTimeout(20);
  }
  return performance.memory!.usedJSHeapSize;
}

describe('leaks: 1,000 mount/unmount cycles of the default dashboard', function () {
  this.timeout(180_000);

  it('can measure: gc() and precise heap sizes are available', () => {
    expect(typeof window.gc, 'window.gc is missing: start Chromium with --js-flags=--expose-gc (scripts/chrome.mjs)').to.equal('function');
    expect(performance.memory?.usedJSHeapSize, 'performance.memory is missing: start Chromium with --enable-precise-memory-info').to.be.a('number');
    // Bucketed (imprecise) sizes are multiples of 100,000-ish and never change on a small allocation.
    const before = performance.memory!.usedJSHeapSize;
    const keep = new Array(200_000).fill(1);
    expect(performance.memory!.usedJSHeapSize, 'heap sizes are precise (--enable-precise-memory-info)').to.not.equal(before);
    expect(keep.length).to.equal(200_000);
  });

  it('leaves no chart, listener, observer, timer or heap behind', async () => {
    expect(typeof window.gc, 'window.gc is missing: start Chromium with --js-flags=--expose-gc (scripts/chrome.mjs)').to.equal('function');
    expect(performance.memory, 'performance.memory is missing: start Chromium with --enable-precise-memory-info').to.exist;

    const source = goodSource();
    // Live subscriptions to the source: each holds its element, so none may outlive it.
    let subscriptions = 0;
    const subscribe = source.subscribe.bind(source);
    source.subscribe = (onChange) => {
      subscriptions++;
      const unsubscribe = subscribe(onChange);
      let done = false;
      return () => {
        if (!done) subscriptions--;
        done = true;
        unsubscribe();
      };
    };
    const container = document.createElement('div');
    container.style.width = '1000px';
    document.body.append(container);

    const mount = () => {
      const dash = document.createElement('credit-dashboard') as CreditDashboard;
      dash.dataSource = source;
      dash.now = NOW;
      dash.range = RANGE;
      dash.refreshInterval = 60; // an interval to clear as well
      container.append(dash);
      return dash;
    };
    const panelsOf = (dash: CreditDashboard) => [...dash.shadowRoot!.querySelectorAll('[state]')];
    const fullyRendered = async (dash: CreditDashboard) => {
      await waitUntil(() => panelsOf(dash).length === 8, 'default layout', { timeout: 5000 });
      await waitUntil(() => panelsOf(dash).every((p) => stateOf(p) === 'ready' && !p.hasAttribute('loading')), 'panels ready', { timeout: 5000 });
      await nextFrame();
      expect(Object.keys(Chart.instances).length, 'charts while mounted').to.equal(5);
    };

    // Warm up the way the cycles run: modules, styles, caches, the account
    // promise and V8's optimised code (which lives on the heap too, and grew
    // ~1.3 MB over the first few hundred cycles before levelling off) are in
    // place before measuring.
    const cycle = async (i: number) => {
      const dash = mount();
      if (i % FULL_EVERY === 0) await fullyRendered(dash);
      else if (i % 4 === 0) await nextFrame();
      else await dash.updateComplete;
      dash.remove();
    };
    for (let i = 1; i <= WARM_UP; i++) await cycle(i);
    await aTimeout(100);

    const live = new Map<Key, number>();
    const untrack = [
      trackListeners(Window.prototype, 'window', live),
      trackListeners(Document.prototype, 'document', live),
      trackListeners(MediaQueryList.prototype, 'MediaQueryList', live),
    ];
    const timers = trackTimers();
    const observers = trackResizeObservers();
    const heapBefore = await heap();
    const started = performance.now();

    try {
      for (let i = 1; i <= CYCLES; i++) await cycle(i);
      // Loads started by removed panels settle; short timeouts get a grace period.
      await aTimeout(300);

      expect(subscriptions, 'subscriptions to the data source left').to.equal(0);
      expect(Object.keys(Chart.instances).length, 'Chart.js instances left').to.equal(0);
      expect(Object.fromEntries(live), 'listeners left on window, document and media queries').to.deep.equal({});
      expect([...observers.observed].length, 'elements still observed for resizes').to.equal(0);
      expect([...timers.intervals.values()], 'intervals left running').to.deep.equal([]);
      expect([...timers.timeouts.values()], 'timeouts still pending after the grace period').to.deep.equal([]);
    } finally {
      untrack.reverse().forEach((restore) => restore());
      timers.restore();
      observers.restore();
      container.remove();
    }

    const heapAfter = await heap();
    const delta = heapAfter - heapBefore;
    console.log(
      `leaks: ${CYCLES} cycles in ${Math.round(performance.now() - started)} ms; heap ${(heapBefore / MB).toFixed(2)} MB → ${(heapAfter / MB).toFixed(2)} MB (${(delta / 1024).toFixed(0)} KB)`,
    );
    expect(delta, `heap grew by ${(delta / 1024).toFixed(0)} KB`).to.be.below(MB);
  });
});
