/**
 * 100 range changes in quick succession on a dashboard whose source answers
 * after a random 0–30 ms (seeded, so a failure replays) and ignores abort
 * signals, so stale answers do land late. In the end every panel shows the
 * last range, read from what it displays.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { Chart } from 'chart.js';
import '../../src/index.js';
import { formatDate } from '../../src/core/format.js';
import { parseRangeValue } from '../../src/core/ranges.js';
import { eachDay } from '../../src/core/time.js';
import { seededRandom } from '../../src/data/demo-data.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDataSource, MemberQuery, UsageEvent, UsageQuery } from '../../src/data/types.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import { ev, smallOrg } from '../data/fixtures.js';
import { NOW, stateOf, watchWindow } from './helpers.js';

/** Three seeds: each replays the same changes and latencies. */
const SEEDS = [20261010, 7, 4242];
const MEMBERS = ['m1', 'm2', 'm3abcdefghij'];
const WORKSPACES = ['p', 'a', 'b'];
const REASONS = ['chat', 'image', 'speech'];

/** Usage on every day of July–October 2026, whole credits, varied so that no two ranges look alike. */
function events(random: () => number): UsageEvent[] {
  const out: UsageEvent[] = [];
  for (const day of eachDay('2026-07-01', '2026-10-10')) {
    const n = 1 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) {
      const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)];
      out.push(ev(`${day}T${String(8 + i).padStart(2, '0')}:00:00Z`, 1 + Math.floor(random() * 40), pick(MEMBERS), pick(WORKSPACES), pick(REASONS)));
    }
  }
  return out;
}

/** Answers after a random delay, whatever the signal says; records every query. */
function slow(inner: CreditDataSource, random: () => number) {
  const usage: UsageQuery[] = [];
  const members: MemberQuery[] = [];
  const later = <T,>(answer: () => Promise<T>): Promise<T> =>
    new Promise((resolve, reject) => setTimeout(() => answer().then(resolve, reject), Math.floor(random() * 31)));
  const source: CreditDataSource = {
    getAccount: () => later(() => inner.getAccount()),
    getAllocation: () => later(() => inner.getAllocation()),
    queryUsage: (q) => {
      usage.push(q);
      return later(() => inner.queryUsage(q));
    },
    queryMembers: (q) => {
      members.push(q);
      return later(() => inner.queryMembers(q));
    },
  };
  return { source, usage, members };
}

const PRESETS = ['7d', '14d', '30d', '90d', 'billing-month', 'previous-billing-month'];

function randomRange(random: () => number): string {
  if (random() < 0.3) return PRESETS[Math.floor(random() * PRESETS.length)];
  const days = eachDay('2026-07-01', '2026-10-10');
  const a = Math.floor(random() * days.length);
  const b = Math.min(days.length - 1, a + Math.floor(random() * 40));
  return `${days[a]}/${days[b]}`;
}

const num = (s: string | null | undefined) => Number((s ?? '').replace(/[^\d.-]/g, ''));
const chartOf = (el: Element) => Chart.getChart(el.shadowRoot!.querySelector('canvas')!);
const chartSum = (chart: Chart | undefined) =>
  (chart?.data.datasets ?? []).reduce((s, d) => s + (d.data as number[]).reduce((a, v) => a + (Number(v) || 0), 0), 0);

describe('races: the last range wins', function () {
  this.timeout(60_000);

  for (const seed of SEEDS) it(`after 100 random range changes with random latencies, every panel shows the last range (seed ${seed})`, async () => {
    const watch = watchWindow();
    const random = seededRandom(seed);
    const history = events(random);
    const memory = new MemoryDataSource(smallOrg({}, history));
    const { source, usage, members } = slow(memory, random);
    const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${source} .now=${NOW} locale="en-US" style="width: 1000px">
      <credit-summary></credit-summary>
      <credit-daily-chart></credit-daily-chart>
      <credit-by-reason></credit-by-reason>
      <credit-by-workspace top="8"></credit-by-workspace>
      <credit-team-split></credit-team-split>
      <member-usage-table></member-usage-table>
      <credit-monthly-chart></credit-monthly-chart>
      <workspace-allocation-table></workspace-allocation-table>
    </credit-dashboard>`);
    const panel = (tag: string) => dash.querySelector(tag)!;
    const panels = [...dash.children];

    let last = '';
    for (let i = 0; i < 100; i++) {
      last = randomRange(random);
      dash.range = last;
      // Some changes land in the same task, some a few ms apart, some after an answer.
      const pause = random();
      if (pause < 0.3) continue;
      if (pause < 0.6) await Promise.resolve();
      else await aTimeout(Math.floor(random() * 25));
    }
    const final = parseRangeValue(last, { timeZone: 'UTC', billingCycleDay: 1, now: NOW });
    await waitUntil(() => panels.every((p) => stateOf(p) === 'ready' && !p.hasAttribute('loading')), 'every panel ready', { timeout: 10_000 });
    // Stale answers (up to 30 ms late) have all landed by now.
    await aTimeout(100);
    expect(panels.every((p) => stateOf(p) === 'ready')).to.equal(true);

    const [total] = (await memory.queryUsage({ start: final.start, end: final.end, granularity: 'total' })).rows;
    const used = total?.credits ?? 0;
    expect(used, 'the last range has usage').to.be.greaterThan(0);

    // Summary: the used figure and the period.
    const summary = panel('credit-summary');
    expect(num(summary.shadowRoot!.querySelector('[data-stat="used"] .value')!.textContent), 'summary used').to.equal(used);

    // Daily chart: one bar per day of the last range, summing to the total.
    const daily = chartOf(panel('credit-daily-chart'));
    expect(daily, 'daily chart drawn').to.exist;
    expect(daily!.data.labels).to.deep.equal(eachDay(final.start, final.end).map((d) => formatDate(d, 'en-US', 'day-month')));
    expect(chartSum(daily), 'daily chart total').to.equal(used);

    // Breakdowns: each sums to the last range's total.
    for (const tag of ['credit-by-reason', 'credit-by-workspace', 'credit-team-split']) {
      expect(chartSum(chartOf(panel(tag))), `${tag} total`).to.equal(used);
    }

    // Member table: the totals shown add up to the last range's, and its last query asked for that range.
    const rows = [...panel('member-usage-table').shadowRoot!.querySelectorAll('tbody tr td.total')];
    expect(rows.length).to.be.greaterThan(0);
    expect(rows.reduce((s, td) => s + num(td.textContent), 0), 'member totals').to.equal(used);
    expect(members.at(-1)).to.include({ start: final.start, end: final.end });
    expect(usage.some((q) => q.start === final.start && q.end === final.end)).to.equal(true);

    // Panels that do not depend on the range still show their data: the twelve
    // billing months up to October hold every event (July – 10 October).
    const monthly = chartOf(panel('credit-monthly-chart'));
    expect(monthly, 'monthly chart drawn').to.exist;
    expect(monthly!.data.labels).to.have.length(12);
    const allUsage = history.reduce((s, e) => s + e.credits, 0);
    expect((monthly!.data.datasets[0].data as number[]).reduce((s, v) => s + v, 0), 'monthly chart total').to.equal(allUsage);
    expect(panel('workspace-allocation-table').shadowRoot!.querySelectorAll('tbody tr').length).to.equal(3);

    // No chart was left behind by the superseded renders.
    const canvases = panels.flatMap((p) => [...p.shadowRoot!.querySelectorAll('canvas')]);
    expect(Object.keys(Chart.instances).length).to.equal(canvases.length);
    watch.stop();
    expect(watch.seen).to.deep.equal([]);
  });
});
