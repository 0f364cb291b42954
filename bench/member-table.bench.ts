/**
 * `node bench/run.mjs members`: `<member-usage-table virtualized>` on an
 * organisation of 10,000 members against a plain Lit template that renders
 * every row (`render(html\`<table>${rows.map(…)}</table>\`, container)`),
 * side by side and alternately in one Chromium run.
 *
 * - First render: from the moment the source's page of members arrives (the
 *   `queryMembers` promise settles) until the first member rows are in the
 *   DOM and laid out. The plain template is timed from the same data in
 *   hand (all 10,000 rows, fetched beforehand) to its table laid out.
 * - Scrolling: the virtualized table scrolled at reading pace (24 px a
 *   frame), fast (200 px a frame, a quick wheel) and flung (a viewport a
 *   frame, ~27,000 px/s), pages fetched as they come into view; the figure is
 *   the time between animation frames (16.7 ms at 60 Hz), next to the same
 *   page's idle frames. Scrolled twice: with a source that answers pages
 *   from a prepared list (as a server does: the work is elsewhere), which
 *   measures the element; and with the memory adapter, which computes each
 *   page on the main thread (a 10,000-member query scans the range's events
 *   and sorts every member).
 */
import { html, render } from 'lit';
import { generateDemoData } from '../src/data/demo-data.js';
import { MemoryDataSource } from '../src/data/memory.js';
import type { CreditDataSource, MemberPage, MemberQuery, MemberUsage } from '../src/data/types.js';
import { formatNumber, memberLabel } from '../src/core/format.js';
import { defineElement } from '../src/base/define.js';
import { MemberUsageTable } from '../src/elements/member-usage-table/member-usage-table.js';
import { alternately, median, NOW, percentile, report, type BenchRow } from './harness.js';

// Registered here rather than by importing the define module: the bundler
// treats modules outside package.json's `sideEffects` as droppable.
defineElement('member-usage-table', MemberUsageTable);

const FIRST_RENDER_TARGET = 50;
const FRAME_TARGET = 20;
const WIDTH = 1200;
const START = '2026-10-22';
const END = '2026-11-20';
const RANGE = `${START}/${END}`;

export interface MemberBenchOptions {
  members: number;
  events: number;
  runs: number;
  /** Frames of scrolling per scenario. */
  frames: number;
}

/** The memory source's account, usage and allocation as they are; each subclass answers member pages its own way, counting them in `calls`. */
abstract class MembersSource implements CreditDataSource {
  calls = 0;
  constructor(readonly inner: MemoryDataSource) {}
  getAccount(signal?: AbortSignal) {
    return this.inner.getAccount(signal);
  }
  queryUsage(...args: Parameters<MemoryDataSource['queryUsage']>) {
    return this.inner.queryUsage(...args);
  }
  getAllocation(signal?: AbortSignal) {
    return this.inner.getAllocation(signal);
  }
  abstract queryMembers(query: MemberQuery, signal?: AbortSignal): Promise<MemberPage>;
}

/** Answers member pages from a list sorted beforehand, a macrotask later, as a server would. */
class PreparedSource extends MembersSource {
  constructor(
    inner: MemoryDataSource,
    readonly all: MemberPage,
  ) {
    super(inner);
  }
  async queryMembers(query: MemberQuery): Promise<MemberPage> {
    this.calls++;
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { members: this.all.members.slice(query.offset, query.offset + query.limit), total: this.all.total };
  }
}

/** The memory source, with the instant each member page arrived. */
class TimedSource extends MembersSource {
  arrived = NaN;
  async queryMembers(query: MemberQuery, signal?: AbortSignal): Promise<MemberPage> {
    this.calls++;
    const page = await this.inner.queryMembers(query, signal);
    this.arrived = performance.now();
    return page;
  }
}

export async function run(options: MemberBenchOptions): Promise<BenchRow[]> {
  const data = generateDemoData({ seed: 7, members: options.members, workspaces: 12, months: 1, events: options.events, now: NOW });
  const source = new TimedSource(new MemoryDataSource(data));
  const reasons = (await source.getAccount()).reasons.map((r) => r.id);
  const all = await source.inner.queryMembers({ start: START, end: END, sort: 'total', direction: 'desc', offset: 0, limit: 10_000 });

  const host = document.createElement('div');
  host.style.cssText = `width:${WIDTH}px;font-family:system-ui,sans-serif`;
  document.body.append(host);
  try {
    // Warm-up: JIT, the account request made once per source, fonts.
    for (let i = 0; i < 2; i++) {
      await plainTable(all.members, reasons, host);
      await virtualizedTable(source, host);
    }
    const { plain, element } = await alternately(options.runs, idle, {
      plain: () => plainTable(all.members, reasons, host),
      element: () => virtualizedTable(source, host),
    });

    // Scrolling: idle frames first (the machine's floor), then each source at both paces.
    const idleFrames = await frames(options.frames);
    const prepared = await scrolling(new PreparedSource(source.inner, all), host, options.frames);
    const memory = await scrolling(source, host, options.frames);

    const plainMs = median(plain);
    const elementMs = median(element);
    return [
      { name: 'members in the range', value: all.total, unit: '', note: `${data.events.length.toLocaleString('en-US')} events` },
      { name: 'plain Lit template, every row: render + layout', value: plainMs, unit: 'ms', note: `median of ${plain.length}` },
      {
        name: 'virtualized table: page arrived → rows laid out',
        value: elementMs,
        unit: 'ms',
        target: `≤ ${FIRST_RENDER_TARGET} ms`,
        ok: elementMs <= FIRST_RENDER_TARGET,
        note: `median of ${element.length}`,
      },
      { name: 'speed-up, first render (plain ÷ virtualized)', value: plainMs / elementMs, unit: '×' },
      { name: 'idle page: frame time p95', value: percentile(idleFrames, 95), unit: 'ms', note: 'the floor on this machine' },
      ...scrollRows('answered pages', prepared, true),
      ...scrollRows('memory adapter', memory, false),
    ];
  } finally {
    host.remove();
  }
}

/** The baseline: every row in one Lit template, timed to the table laid out. */
async function plainTable(members: MemberUsage[], reasons: string[], host: HTMLElement): Promise<number> {
  const container = document.createElement('div');
  host.append(container);
  const t0 = performance.now();
  const n = (v: number) => formatNumber(v, 'en-US', { maximumFractionDigits: 1 });
  render(
    html`<table>
      <thead>
        <tr><th>Member</th>${reasons.map((r) => html`<th>${r}</th>`)}<th>Total</th><th>Peak day</th><th>Daily limit</th><th>% of limit</th></tr>
      </thead>
      <tbody>
        ${members.map(
          (m) =>
            html`<tr>
              <th scope="row">${memberLabel(m)}</th>
              ${reasons.map((r) => html`<td>${n(m.byReason[r] ?? 0)}</td>`)}
              <td>${n(m.total)}</td>
              <td>${m.peakDaily === undefined ? '—' : n(m.peakDaily)}</td>
              <td>${m.dailyLimit === undefined ? '—' : n(m.dailyLimit)}</td>
              <td>${m.dailyLimit && m.peakDaily !== undefined ? `${Math.round((m.peakDaily / m.dailyLimit) * 100)}%` : '—'}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
    container,
  );
  void container.getBoundingClientRect().height; // style and layout, as the browser must before painting
  const ms = performance.now() - t0;
  await nextFrame();
  container.remove();
  return ms;
}

/** Resolves when member rows (not placeholders) are in the DOM, laid out; with the time since the page arrived. */
function firstRows(el: MemberUsageTable): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      const rows = el.shadowRoot?.querySelector('.rows [role="row"]:not([part="placeholder"])');
      if (!rows) return false;
      void rows.getBoundingClientRect().height;
      resolve(performance.now() - (el.dataSource as TimedSource).arrived);
      return true;
    };
    const observer = new MutationObserver(() => check() && observer.disconnect());
    // The shadow root exists once the element is connected; observe it and everything under it.
    const start = () => {
      if (!el.shadowRoot) return void setTimeout(start, 0);
      if (!check()) observer.observe(el.shadowRoot, { childList: true, subtree: true });
    };
    start();
  });
}

/** A virtualized table on the source in `host`, once its first rows are laid out; `ms` is the time since the page arrived (a `TimedSource`'s only). */
async function mountTable(source: MembersSource, host: HTMLElement): Promise<{ el: MemberUsageTable; ms: number }> {
  const el = document.createElement('member-usage-table') as MemberUsageTable;
  el.virtualized = true;
  el.dataSource = source;
  el.now = NOW;
  el.range = RANGE;
  const done = firstRows(el);
  host.append(el);
  return { el, ms: await done };
}

async function virtualizedTable(source: TimedSource, host: HTMLElement): Promise<number> {
  const { el, ms } = await mountTable(source, host);
  await nextFrame();
  el.remove();
  return ms;
}

/** Scrolls by `step()` pixels each frame; returns the time between frames. */
async function scroll(scroller: HTMLElement, frames: number, step: () => number): Promise<number[]> {
  const deltas: number[] = [];
  let last = await nextFrame();
  for (let i = 0; i < frames; i++) {
    scroller.scrollTop += step();
    const t = await nextFrame();
    deltas.push(t - last);
    last = t;
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) scroller.scrollTop = 0;
  }
  return deltas;
}

interface Scrolling {
  reading: number[];
  fast: number[];
  fling: number[];
  requests: number;
  placeholdersAtRest: number;
}

/** Mounts a virtualized table on the source and scrolls it at reading pace, then a viewport per frame. */
async function scrolling(source: MembersSource, host: HTMLElement, count: number): Promise<Scrolling> {
  const { el } = await mountTable(source, host);
  await idle();
  const scroller = el.shadowRoot!.querySelector<HTMLElement>('.scroll')!;
  const before = source.calls;
  const reading = await scroll(scroller, count, () => 24);
  scroller.scrollTop = 0;
  await idle();
  const fast = await scroll(scroller, count, () => 200);
  scroller.scrollTop = 0;
  await idle();
  const fling = await scroll(scroller, count, () => scroller.clientHeight);
  await idle();
  const result = {
    reading,
    fast,
    fling,
    requests: source.calls - before,
    placeholdersAtRest: el.shadowRoot!.querySelectorAll('.rows [part="placeholder"]').length,
  };
  el.remove();
  return result;
}

function scrollRows(label: string, s: Scrolling, judged: boolean): BenchRow[] {
  const reading = percentile(s.reading, 95);
  const fast = percentile(s.fast, 95);
  const fling = percentile(s.fling, 95);
  const verdict = (v: number) => (judged ? { target: `≤ ${FRAME_TARGET} ms`, ok: v <= FRAME_TARGET } : {});
  return [
    { name: `scroll, 24 px a frame (${label}): frame p95`, value: reading, unit: 'ms', ...verdict(reading), note: `max ${Math.max(...s.reading).toFixed(1)} ms, ${s.reading.length} frames` },
    { name: `scroll, 200 px a frame (${label}): frame p95`, value: fast, unit: 'ms', ...verdict(fast), note: `max ${Math.max(...s.fast).toFixed(1)} ms` },
    { name: `fling, a viewport a frame (${label}): frame p95`, value: fling, unit: 'ms', note: `max ${Math.max(...s.fling).toFixed(1)} ms; ${s.requests} page requests in all` },
    { name: `placeholders left at rest (${label})`, value: s.placeholdersAtRest, unit: '', ...(judged ? { target: '0', ok: s.placeholdersAtRest === 0 } : {}) },
  ];
}

/** Time between `count` animation frames of a page doing nothing else. */
async function frames(count: number): Promise<number[]> {
  const deltas: number[] = [];
  let last = await nextFrame();
  for (let i = 0; i < count; i++) {
    const t = await nextFrame();
    deltas.push(t - last);
    last = t;
  }
  return deltas;
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Two frames and a pause: the page has settled. */
async function idle(): Promise<void> {
  await nextFrame();
  await new Promise((resolve) => setTimeout(resolve, 150));
  await nextFrame();
}

export { report };
