/**
 * `node bench/run.mjs daily`: `<credit-daily-chart group-by="member" top="10">`
 * against a hand-written page that draws the same data with plain Chart.js,
 * on the memory adapter holding a million events for 2,000 members over 90
 * days. Both are timed from nothing on screen to the chart drawn, alternately
 * (which goes first alternates too), in one Chromium run. The figure is the
 * median over the runs of element ÷ plain, each pair measured back to back;
 * the ratio of the two medians is printed beside it.
 *
 * - Plain page: the same `queryUsage` call, a hand-written pivot, then
 *   `new Chart(canvas, { type: 'bar', stacked, animation: false })`, which
 *   draws before it returns.
 * - Element: from `createElement` until its `state` turns `ready`; the chart
 *   is created and drawn in that same update (checked: 90 days × 11 series,
 *   no animation), with the heading, text summary and legend around it and
 *   the data passing the adapter-boundary validation. The data table
 *   (hidden until asked for) is rendered just after the first paint, so it
 *   is not inside the timed span.
 *
 * Both draw text in the same font (the host's). Animation is off in both:
 * the plain page says `animation: false`; the element draws without
 * animation under `prefers-reduced-motion: reduce`, which this page reports
 * for the run.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { ChartController } from '../src/base/chart-controller.js';
import { lastDays } from '../src/core/ranges.js';
import { MemoryDataSource } from '../src/data/memory.js';
import type { UsageQuery } from '../src/data/types.js';
import { defineElement } from '../src/base/define.js';
import { CreditDailyChart } from '../src/elements/credit-daily-chart/credit-daily-chart.js';
import { alternately, median, NOW, ninetyDays, report, type BenchRow } from './harness.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
// Defined here rather than through the define module, which the bundler may drop as side-effect free.
defineElement('credit-daily-chart', CreditDailyChart);

const TARGET = 1.15;
const WIDTH = 960;
const HEIGHT = 260;
/** The page's font: the element draws in it, and so does the plain page (text is a real part of the cost). */
const FONT = 'system-ui, sans-serif';
const PALETTE = ['#4f46e5', '#0ea5e9', '#f59e0b', '#10b981', '#ec4899', '#8b5cf6', '#ef4444'];

export async function run(options: { events: number; members: number; runs: number; warmup: number }): Promise<BenchRow[]> {
  const data = ninetyDays(options);
  const source = new MemoryDataSource(data);
  const { start, end } = lastDays(90, { timeZone: data.account.timeZone, now: NOW });
  const query: UsageQuery = { start, end, granularity: 'day', groupBy: 'member', top: 10 };

  const host = document.createElement('div');
  host.style.cssText = `width:${WIDTH}px;font-family:${FONT}`;
  document.body.append(host);
  const restoreMotion = reduceMotion();
  try {
    // Warm-up: the JIT (both keep getting faster over the first runs), the
    // account request the element makes once per source, font loading.
    for (let i = 0; i < options.warmup; i++) {
      await plainChart(source, query, host);
      await dailyChart(source, host);
    }
    const { plain, element } = await alternately(options.runs, idle, {
      plain: () => plainChart(source, query, host),
      element: () => dailyChart(source, host),
    });
    // Each run's two measurements were taken back to back: their ratio is
    // robust to the machine's load drifting during the benchmark.
    const pairRatios = plain.map((p, i) => element[i] / p);
    const rangeChanges: number[] = [];
    for (let i = 0; i < options.runs; i++) rangeChanges.push(await rangeChange(source, host));

    const plainMs = median(plain);
    const elementMs = median(element);
    const ratio = median(pairRatios);
    return [
      { name: 'events', value: data.events.length, unit: '', note: `${options.members} members, 90 days, member top 10 + Others` },
      { name: 'plain Chart.js page: query + pivot + draw', value: plainMs, unit: 'ms', note: `median of ${plain.length}` },
      { name: '<credit-daily-chart>: created to drawn', value: elementMs, unit: 'ms', note: `median of ${element.length}` },
      { name: 'ratio (element ÷ plain), median of the runs', value: ratio, unit: '×', target: `≤ ${TARGET}×`, ok: ratio <= TARGET },
      { name: 'ratio of the medians', value: elementMs / plainMs, unit: '×' },
      { name: 'range change 90 → 30 days, in place', value: median(rangeChanges), unit: 'ms', note: 'the same chart updated, not re-created' },
    ];
  } finally {
    restoreMotion();
    host.remove();
  }
}

/** The hand-written page: query, pivot by hand, one stacked bar chart without animation. */
async function plainChart(source: MemoryDataSource, query: UsageQuery, host: HTMLElement): Promise<number> {
  const t0 = performance.now();
  const result = await source.queryUsage(query);
  const days: string[] = [];
  for (let t = Date.parse(`${query.start}T00:00:00Z`), last = Date.parse(`${query.end}T00:00:00Z`); t <= last; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const byKey = new Map<string, number[]>();
  for (const row of result.rows) {
    const key = row.key ?? '';
    let values = byKey.get(key);
    if (!values) byKey.set(key, (values = new Array<number>(days.length).fill(0)));
    values[dayIndex.get(row.period)!] += row.credits;
  }
  const datasets = [...byKey].map(([key, values], i) => ({
    label: result.labels[key] ?? key,
    data: values,
    backgroundColor: key === '__others__' ? '#94a3b8' : PALETTE[i % PALETTE.length],
  }));
  const box = document.createElement('div');
  box.style.cssText = `position:relative;height:${HEIGHT}px`;
  const canvas = document.createElement('canvas');
  box.append(canvas);
  host.append(box);
  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels: days, datasets },
    options: { animation: false, responsive: true, maintainAspectRatio: false, font: { family: FONT }, scales: { x: { stacked: true }, y: { stacked: true } } },
  });
  const ms = performance.now() - t0;
  if (chart.getDatasetMeta(0).data.length !== 90) throw new Error('the plain chart did not draw 90 bars');
  chart.destroy();
  box.remove();
  return ms;
}

/** A 90-day `<credit-daily-chart group-by="member" top="10">` in `host`, once its chart is drawn. */
async function mountDailyChart(source: MemoryDataSource, host: HTMLElement): Promise<CreditDailyChart> {
  const el = document.createElement('credit-daily-chart') as CreditDailyChart;
  el.setAttribute('group-by', 'member');
  el.setAttribute('top', '10');
  el.range = '90d';
  el.now = NOW;
  el.dataSource = source;
  const ready = when(el, ['state'], () => el.getAttribute('state') === 'ready');
  host.append(el);
  await ready;
  return el;
}

/** The element, from creation until its chart is drawn. */
async function dailyChart(source: MemoryDataSource, host: HTMLElement): Promise<number> {
  const t0 = performance.now();
  const el = await mountDailyChart(source, host);
  const ms = performance.now() - t0;
  const chart = controllerOf(el).chart;
  if (!chart || chart.getDatasetMeta(0).data.length !== 90 || chart.data.datasets.length !== 11) throw new Error('the element did not draw 90 days × 11 series');
  if (chart.options.animation !== false) throw new Error('the element animated: the comparison would not be fair');
  el.remove();
  return ms;
}

/** A drawn 90-day element switched to 30 days: the time until the chart shows them. */
async function rangeChange(source: MemoryDataSource, host: HTMLElement): Promise<number> {
  const el = await mountDailyChart(source, host);
  const controller = controllerOf(el);
  await idle();
  const t0 = performance.now();
  const loaded = when(el, ['loading'], () => !el.hasAttribute('loading') && controller.chart?.data.labels?.length === 30);
  el.range = '30d';
  await loaded;
  const ms = performance.now() - t0;
  if (controller.created !== 1) throw new Error('the range change re-created the chart');
  el.remove();
  return ms;
}

function controllerOf(el: CreditDailyChart): ChartController {
  return (el as unknown as { chart: ChartController }).chart;
}

/**
 * Resolves when, after a change of one of the reflected `attributes`, `done()`
 * holds: a microtask after the update that reflected it, which drew the chart.
 */
function when(el: Element, attributes: string[], done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (done()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(el, { attributes: true, attributeFilter: attributes });
  });
}

/** Lets layout, paint and pending observers settle between runs. */
function idle(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
}

/** Makes the page report `prefers-reduced-motion: reduce`; returns the undo. */
function reduceMotion(): () => void {
  const original = window.matchMedia;
  window.matchMedia = function (this: Window, query: string) {
    const list = original.call(this, query);
    if (!/prefers-reduced-motion/.test(query)) return list;
    return Object.create(list, { matches: { value: /:\s*reduce\b/.test(query) } }) as MediaQueryList;
  };
  return () => {
    window.matchMedia = original;
  };
}

export { report };
