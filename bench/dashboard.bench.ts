/**
 * The complete default dashboard on a large organisation: its first render,
 * and a range change re-rendering every panel, against the slowest panel
 * rendering alone on the same data (target: a range change within 2× the
 * slowest single panel). Figures are medians and 95th percentiles.
 */
import '../src/index.js';
import { MemoryDataSource } from '../src/data/memory.js';
import { CreditDashboard } from '../src/elements/credit-dashboard/credit-dashboard.js';
import { median, NOW, ninetyDays, percentile, report, type BenchRow } from './harness.js';

const PANELS = CreditDashboard.defaultPanels;

/** Resolves once every given panel has finished loading and rendered (two frames for charts to draw). */
function settled(panels: Element[], since: number): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      const done = panels.every((p) => !p.hasAttribute('loading') && ['ready', 'empty', 'error'].includes(p.getAttribute('state') ?? ''));
      if (done) requestAnimationFrame(() => resolve(performance.now() - since));
      else setTimeout(check, 0);
    };
    check();
  });
}

export async function run(options: { events: number; members: number; runs: number }): Promise<BenchRow[]> {
  const source = new MemoryDataSource(ninetyDays(options));
  const host = document.createElement('div');
  host.style.width = '1200px';
  document.body.append(host);

  // Each panel alone, first render: the slowest sets the bar.
  const single: Record<string, number[]> = {};
  for (let r = 0; r < options.runs; r++) {
    for (const tag of PANELS) {
      const el = document.createElement(tag) as HTMLElement & { dataSource: unknown; now: number; range: string };
      el.dataSource = source;
      el.now = NOW;
      el.range = '90d';
      const t0 = performance.now();
      host.append(el);
      (single[tag] ??= []).push(await settled([el], t0));
      el.remove();
    }
  }
  const slowestTag = PANELS.reduce((a, b) => (median(single[a]) >= median(single[b]) ? a : b));
  const slowest = median(single[slowestTag]);

  // The whole dashboard: first render, then range changes alternating between two ranges.
  const firsts: number[] = [];
  const changes: number[] = [];
  for (let r = 0; r < options.runs; r++) {
    const dash = document.createElement('credit-dashboard') as CreditDashboard;
    dash.dataSource = source;
    dash.now = NOW;
    dash.range = '90d';
    const t0 = performance.now();
    host.append(dash);
    await dash.updateComplete;
    const panels = PANELS.map((tag) => dash.shadowRoot!.querySelector(tag)!).filter(Boolean);
    firsts.push(await settled(panels, t0));
    for (const range of ['30d', '90d', '2026-09-01/2026-10-15']) {
      const t = performance.now();
      dash.range = range;
      await dash.updateComplete;
      changes.push(await settled(panels, t));
    }
    dash.remove();
  }
  host.remove();
  const changeMedian = median(changes);
  return [
    { name: 'events', value: source.eventCount, unit: '', note: `${options.members} members, 90 days, ${PANELS.length} panels` },
    ...PANELS.map((tag) => ({ name: `alone: ${tag}`, value: median(single[tag]), unit: 'ms' })),
    { name: 'dashboard first render (median)', value: median(firsts), unit: 'ms' },
    { name: 'dashboard first render (p95)', value: percentile(firsts, 95), unit: 'ms' },
    { name: 'range change, every panel (median)', value: changeMedian, unit: 'ms' },
    { name: 'range change, every panel (p95)', value: percentile(changes, 95), unit: 'ms' },
    {
      name: `range change ÷ slowest panel alone (${slowestTag})`,
      value: changeMedian / slowest,
      unit: '×',
      target: '≤ 2×',
      ok: changeMedian / slowest <= 2,
    },
  ];
}

export { report };
