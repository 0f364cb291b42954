import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse } from '@web/test-runner-commands';
import { animator, Chart } from 'chart.js';
import '../../src/index.js';
import type { ChartController } from '../../src/base/chart-controller.js';
import type { CreditDailyChart } from '../../src/elements/credit-daily-chart/credit-daily-chart.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { AccountInfo, CreditDataSource, UsageEvent } from '../../src/data/types.js';
import { account, ev, smallOrg } from '../data/fixtures.js';

// "Today" is 10 Oct 2026; the default range is the first week of October.
const NOW = Date.UTC(2026, 9, 10, 12);
const RANGE = '2026-10-01/2026-10-07';

/**
 * Ben (m2) 35, ana@example.com (m1) 31, #m3abcdef (m3) 7 credits over the week:
 * per day 16, 20, 0, 32, 1, 0, 4 (73 in all).
 */
const WEEK: UsageEvent[] = [
  ev('2026-10-01T09:00:00Z', 10, 'm1'),
  ev('2026-10-01T10:00:00Z', 5, 'm2'),
  ev('2026-10-01T23:59:59Z', 1, 'm3abcdefghij'),
  ev('2026-10-02T00:00:00Z', 20, 'm1'),
  ev('2026-10-04T12:00:00Z', 30, 'm2'),
  ev('2026-10-04T13:00:00Z', 2, 'm3abcdefghij', 'b', 'image'),
  ev('2026-10-05T08:00:00Z', 1, 'm1', 'b', 'image'),
  ev('2026-10-07T18:00:00Z', 4, 'm3abcdefghij', 'a', 'speech'),
  // Outside the range: never counted.
  ev('2026-09-30T23:59:59Z', 500, 'm1'),
  ev('2026-10-08T00:00:00Z', 500, 'm2'),
];
const WEEK_TOTALS = [16, 20, 0, 32, 1, 0, 4];

function source(events: UsageEvent[] = WEEK, overrides: Partial<AccountInfo> = {}): MemoryDataSource {
  return new MemoryDataSource(smallOrg({ account: account(overrides) }, events));
}

/** The controller behind the element (protected: read here through a cast). */
function controllerOf(el: CreditDailyChart): ChartController {
  return (el as unknown as { chart: ChartController }).chart;
}

function chartOf(el: CreditDailyChart): Chart {
  const chart = controllerOf(el).chart;
  if (!chart) throw new Error('no chart');
  return chart;
}

async function settled(el: CreditDailyChart): Promise<void> {
  await waitUntil(() => !el.loading && el.state !== 'loading', `still loading (state ${el.state})`, { timeout: 5000 });
  await el.updateComplete;
}

/** The data table's rows, once rendered (it follows the chart's first paint). */
async function tableRows(el: CreditDailyChart): Promise<HTMLTableRowElement[]> {
  await waitUntil(() => el.shadowRoot!.querySelector('tbody tr'), 'the data table rendered');
  return [...el.shadowRoot!.querySelectorAll('tbody tr')] as HTMLTableRowElement[];
}

async function daily(template: ReturnType<typeof html>): Promise<CreditDailyChart> {
  const el = await fixture<CreditDailyChart>(template);
  await settled(el);
  return el;
}

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector)!;
const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const cells = (row: Element) => [...row.children].map(text);
const labels = (chart: Chart) => chart.data.datasets.map((d) => d.label);
const values = (chart: Chart) => chart.data.datasets.map((d) => d.data as number[]);
/** The colour each bar of a dataset is drawn in. */
const colors = (chart: Chart, dataset: number) =>
  chart.getDatasetMeta(dataset).data.map((bar) => (bar as unknown as { options: { backgroundColor: string } }).options.backgroundColor);

/** The alpha of a colour as the chart gets it (`#rrggbb` or `rgba(…)`). */
function alphaOf(color: string): number {
  if (color.startsWith('#')) return 1;
  const m = /rgba\([^)]*,\s*([\d.]+)\)/.exec(color);
  return m ? Number(m[1]) : 1;
}

/** The centre of day `index`'s bar of dataset `dataset`, in viewport pixels. */
function barPoint(chart: Chart, dataset: number, index: number): { x: number; y: number } {
  const bar = chart.getDatasetMeta(dataset).data[index] as unknown as { getProps(p: string[], final: boolean): { x: number; y: number; base: number } };
  const { x, y, base } = bar.getProps(['x', 'y', 'base'], true);
  const rect = chart.canvas.getBoundingClientRect();
  return { x: rect.left + x, y: rect.top + (y === base ? chart.chartArea.bottom - 10 : (y + base) / 2) };
}

/**
 * Dispatches a mouse event at a viewport point of the canvas. Chart.js reads
 * the event a frame later, when a synthetic event's `offsetX/Y` no longer
 * hold the position (a real event's do): they are pinned as a browser sets them.
 */
function mouseAt(chart: Chart, type: string, { x, y }: { x: number; y: number }): void {
  const rect = chart.canvas.getBoundingClientRect();
  const event = new MouseEvent(type, { clientX: x, clientY: y, bubbles: true });
  Object.defineProperties(event, { offsetX: { value: x - rect.left }, offsetY: { value: y - rect.top } });
  chart.canvas.dispatchEvent(event);
}

function clickDay(chart: Chart, index: number): void {
  mouseAt(chart, 'click', barPoint(chart, 0, index));
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe('credit-daily-chart', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));

  describe('data', () => {
    it('draws one bar per day of the range, days without usage as zero', async () => {
      const el = await daily(html`<credit-daily-chart locale="en-US" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`);
      const chart = chartOf(el);
      expect(el.state).to.equal('ready');
      expect(chart.data.labels).to.deep.equal(['Oct 1', 'Oct 2', 'Oct 3', 'Oct 4', 'Oct 5', 'Oct 6', 'Oct 7']);
      expect(labels(chart)).to.deep.equal(['Total']);
      expect(values(chart)).to.deep.equal([WEEK_TOTALS]);
      expect($$(el, '.legend-item')).to.have.length(0);
    });

    it('stacks the top groups and folds the rest into Others; each stack sums to the day', async () => {
      const el = await daily(
        html`<credit-daily-chart locale="en-US" group-by="member" top="1" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`,
      );
      const chart = chartOf(el);
      expect(labels(chart)).to.deep.equal(['Ben', 'Others']);
      expect(values(chart)).to.deep.equal([
        [5, 0, 0, 30, 0, 0, 0],
        [11, 20, 0, 2, 1, 0, 4],
      ]);
      const stacks = WEEK_TOTALS.map((_, d) => values(chart).reduce((s, v) => s + v[d], 0));
      expect(stacks).to.deep.equal(WEEK_TOTALS);
      expect($$(el, '.legend-item').map(text)).to.deep.equal(['Ben', 'Others']);
      expect(text($(el, '.title'))).to.equal('Daily usage by member');
    });

    it('shows the top 5 groups by default, Others holding exactly the rest', async () => {
      const members = Array.from({ length: 7 }, (_, i) => ({ id: `u${i}`, name: `User ${i}` }));
      // User i uses 10 × (i + 1) credits on 1 Oct and i + 1 on 3 Oct.
      const events = members.flatMap((m, i) => [ev('2026-10-01T12:00:00Z', 10 * (i + 1), m.id), ev('2026-10-03T12:00:00Z', i + 1, m.id)]);
      const src = new MemoryDataSource(smallOrg({ members }, events));
      const el = await daily(html`<credit-daily-chart locale="en-US" group-by="member" range=${RANGE} .now=${NOW} .dataSource=${src}></credit-daily-chart>`);
      const chart = chartOf(el);
      expect(labels(chart)).to.deep.equal(['User 6', 'User 5', 'User 4', 'User 3', 'User 2', 'Others']);
      // Others = total − top 5 = users 0 and 1.
      expect(values(chart)[5]).to.deep.equal([10 + 20, 0, 1 + 2, 0, 0, 0, 0]);
      expect(values(chart)[0]).to.deep.equal([70, 0, 7, 0, 0, 0, 0]);
    });

    it('groups by reason and by workspace with the labels the adapter gives', async () => {
      const el = await daily(html`<credit-daily-chart locale="en-US" group-by="reason" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`);
      // Chat 66, Speech 4, Image 3: largest first.
      expect(labels(chartOf(el))).to.deep.equal(['Chat', 'Speech', 'Image']);
      expect(values(chartOf(el))).to.deep.equal([
        [16, 20, 0, 30, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 4],
        [0, 0, 0, 2, 1, 0, 0],
      ]);
      // Reasons keep the colour of their place in the account (chat, image, speech), whatever their rank.
      expect(chartOf(el).data.datasets.map((_, i) => colors(chartOf(el), i)[0])).to.deep.equal(['#4f46e5', '#d97706', '#0284c7']);
      el.groupBy = 'workspace';
      await waitUntil(() => chartOf(el).data.datasets[0]?.label === 'Workspace A', 'regrouped');
      expect(labels(chartOf(el))).to.deep.equal(['Workspace A', 'Workspace B']);
      expect(values(chartOf(el))[1]).to.deep.equal([0, 0, 0, 2, 1, 0, 0]);
      expect(text($(el, '.title'))).to.equal('Daily usage by workspace');
    });

    it('cuts days at the account time zone, a 25-hour DST day included', async () => {
      // America/Los_Angeles leaves DST on 1 Nov 2026: that day has 25 hours.
      const events = [
        ev('2026-11-01T00:30:00-07:00', 3), // just after midnight, still PDT
        ev('2026-11-01T23:30:00-08:00', 4), // the last hour of the long day, PST
        ev('2026-11-02T00:30:00-08:00', 5),
        ev('2026-10-31T23:30:00-07:00', 2),
      ];
      const src = source(events, { timeZone: 'America/Los_Angeles' });
      const el = await daily(
        html`<credit-daily-chart locale="en-US" range="2026-10-31/2026-11-02" .now=${Date.UTC(2026, 10, 5)} .dataSource=${src}></credit-daily-chart>`,
      );
      expect(chartOf(el).data.labels).to.deep.equal(['Oct 31', 'Nov 1', 'Nov 2']);
      expect(values(chartOf(el))).to.deep.equal([[2, 7, 5]]);
    });

    it('re-renders a new range in place, without creating another chart', async () => {
      const el = await daily(html`<credit-daily-chart locale="en-US" group-by="member" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`);
      const canvas = chartOf(el).canvas;
      const chart = chartOf(el);
      expect(await tableRows(el)).to.have.length(7);
      el.range = '2026-10-04/2026-10-05';
      await waitUntil(() => chartOf(el).data.labels?.length === 2, 'new range drawn');
      expect(chartOf(el)).to.equal(chart);
      expect(chartOf(el).canvas).to.equal(canvas);
      expect(controllerOf(el).created).to.equal(1);
      expect(labels(chartOf(el))).to.deep.equal(['Ben', '#m3abcdef', 'ana@example.com']);
      expect(values(chartOf(el))).to.deep.equal([
        [30, 0],
        [2, 0],
        [0, 1],
      ]);
      // The table keeps up, in the same update.
      expect($$(el, 'tbody tr').map(cells)).to.deep.equal([
        ['Oct 4, 2026', '30', '2', '0', '32'],
        ['Oct 5, 2026', '0', '0', '1', '1'],
      ]);
    });

    it('leaves no Chart.js instance behind when removed, and draws again when put back', async () => {
      const el = await daily(html`<credit-daily-chart range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`);
      const chart = chartOf(el);
      expect(Object.values(Chart.instances)).to.include(chart);
      const parent = el.parentElement!;
      el.remove();
      expect(Object.values(Chart.instances)).not.to.include(chart);
      expect(Object.values(Chart.instances).filter((c) => c.canvas.getRootNode() === el.shadowRoot)).to.have.length(0);
      expect(controllerOf(el).chart).to.equal(undefined);
      parent.append(el);
      await el.updateComplete;
      await waitUntil(() => controllerOf(el).chart, 'drawn again');
      expect(controllerOf(el).created).to.equal(2);
      el.remove();
      expect(Object.values(Chart.instances).filter((c) => c.canvas.getRootNode() === el.shadowRoot)).to.have.length(0);
    });
  });

  describe('what it says', () => {
    it('summarises the range in one sentence', async () => {
      const el = await daily(html`<credit-daily-chart locale="en-US" group-by="member" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`);
      const summary = 'Daily credits, Oct 1 – 7: 73 in total; highest on Oct 4 with 32. Largest: \u2068Ben\u2069 with 35.';
      expect(text($(el, '.summary'))).to.equal(summary);
      // The canvas carries it too, for screen readers.
      expect($(el, 'canvas').getAttribute('aria-label')!.replace(/\s+/g, ' ')).to.equal(summary);
    });

    it('takes replacement strings', async () => {
      const strings = { dailySummary: '{total} {unit} du {range}', others: 'Autres', total: 'Somme', dailyTitleMember: 'Par membre' };
      const el = await daily(
        html`<credit-daily-chart locale="en-US" group-by="member" top="1" range=${RANGE} .now=${NOW} .strings=${strings} .dataSource=${source()}></credit-daily-chart>`,
      );
      expect(text($(el, '.summary'))).to.match(/^73 credits du Oct 1 – 7 Largest: \u2068Ben\u2069 with 35\.$/);
      expect(labels(chartOf(el))).to.deep.equal(['Ben', 'Autres']);
      expect(text($(el, '.title'))).to.equal('Par membre');
      await tableRows(el);
      expect($$(el, 'thead th').map(text)).to.deep.equal(['Date', 'Ben', 'Autres', 'Somme']);
    });

    it('shows each series and the day’s total in the tooltip', async () => {
      const el = await daily(
        html`<credit-daily-chart locale="en-US" group-by="member" top="1" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`,
      );
      const chart = chartOf(el);
      mouseAt(chart, 'mousemove', barPoint(chart, 0, 3));
      await frame();
      const tooltip = chart.tooltip!;
      expect(tooltip.getActiveElements().map((a) => a.index)).to.deep.equal([3, 3]);
      expect(tooltip.title).to.deep.equal(['Oct 4, 2026']);
      expect(tooltip.body.flatMap((b) => b.lines)).to.deep.equal(['\u2068Ben\u2069: 30 credits', '\u2068Others\u2069: 2 credits']);
      expect(tooltip.footer).to.deep.equal(['Total: 32 credits']);
    });

    it('has a data table equal to the chart', async () => {
      const el = await daily(
        html`<credit-daily-chart locale="en-US" group-by="member" top="2" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`,
      );
      const chart = chartOf(el);
      const rows = (await tableRows(el)).map(cells);
      const head = $$(el, 'thead th').map(text);
      expect(head).to.deep.equal(['Date', 'Ben', 'ana@example.com', 'Others', 'Total']);
      expect(rows).to.have.length(7);
      expect(rows.map((row) => row[0])).to.deep.equal(['Oct 1, 2026', 'Oct 2, 2026', 'Oct 3, 2026', 'Oct 4, 2026', 'Oct 5, 2026', 'Oct 6, 2026', 'Oct 7, 2026']);
      rows.forEach((row, d) => {
        expect(row.slice(1, 4).map(Number)).to.deep.equal(values(chart).map((v) => v[d]));
        expect(Number(row[4])).to.equal(WEEK_TOTALS[d]);
      });
      // Hidden but in the accessibility tree until "Show table" is pressed.
      const toggle = $<HTMLButtonElement>(el, '[part="table-toggle"]');
      expect($(el, '[part="table"]').classList.contains('visually-hidden')).to.equal(true);
      toggle.click();
      await el.updateComplete;
      expect($(el, '[part="table"]').classList.contains('visually-hidden')).to.equal(false);
      expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    });

    it('exports one row per day and series (CSV and JSON)', async () => {
      const el = await daily(
        html`<credit-daily-chart locale="en-US" group-by="member" top="1" range="2026-10-01/2026-10-02" .now=${NOW} .dataSource=${source()}></credit-daily-chart>`,
      );
      expect(el.export('csv')).to.equal(
        'date,key,label,credits\r\n' +
          '2026-10-01,m1,ana@example.com,10\r\n' +
          '2026-10-01,__others__,Others,6\r\n' +
          '2026-10-02,m1,ana@example.com,20\r\n' +
          '2026-10-02,__others__,Others,0\r\n',
      );
      expect(JSON.parse(el.export('json'))).to.deep.equal([
        { date: '2026-10-01', key: 'm1', label: 'ana@example.com', credits: 10 },
        { date: '2026-10-01', key: '__others__', label: 'Others', credits: 6 },
        { date: '2026-10-02', key: 'm1', label: 'ana@example.com', credits: 20 },
        { date: '2026-10-02', key: '__others__', label: 'Others', credits: 0 },
      ]);
      el.groupBy = 'none';
      await waitUntil(() => labels(chartOf(el))[0] === 'Total', 'ungrouped');
      expect(el.export('csv')).to.equal('date,key,label,credits\r\n2026-10-01,,Total,16\r\n2026-10-02,,Total,20\r\n');
    });

    it('protects exported labels against spreadsheet formulas', async () => {
      const members = [{ id: 'x', name: '=HYPERLINK("http://evil")' }];
      const src = new MemoryDataSource(smallOrg({ members }, [ev('2026-10-01T12:00:00Z', 2, 'x')]));
      const el = await daily(html`<credit-daily-chart group-by="member" range="2026-10-01/2026-10-01" .now=${NOW} .dataSource=${src}></credit-daily-chart>`);
      expect(el.export('csv')).to.equal('date,key,label,credits\r\n2026-10-01,x,"\'=HYPERLINK(""http://evil"")",2\r\n');
      // And on screen it is text.
      expect(text($(el, '.legend-item'))).to.equal('=HYPERLINK("http://evil")');
    });

    it('converts to the display unit everywhere', async () => {
      const el = await daily(
        html`<credit-daily-chart locale="en-US" unit="conversation" group-by="member" top="1" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`,
      );
      const chart = chartOf(el);
      expect(values(chart)[0]).to.deep.equal([3000, 0, 0, 18000, 0, 0, 0]);
      expect((chart.options.scales!.y as { title: { text: string } }).title.text).to.equal('conversations');
      expect(text($(el, '.summary'))).to.equal('Daily conversations, Oct 1 – 7: 43,800 in total; highest on Oct 4 with 19,200. Largest: \u2068Ben\u2069 with 21,000.');
      expect(cells((await tableRows(el))[3])).to.deep.equal(['Oct 4, 2026', '18,000', '1,200', '19,200']);
      expect(el.export('csv').split('\r\n').slice(0, 2)).to.deep.equal(['date,key,label,conversations', '2026-10-01,m2,Ben,3000']);
      mouseAt(chart, 'mousemove', barPoint(chart, 0, 3));
      await frame();
      expect(chart.tooltip!.body.flatMap((b) => b.lines)).to.deep.equal(['\u2068Ben\u2069: 18,000 conversations', '\u2068Others\u2069: 1,200 conversations']);
      expect(chart.tooltip!.footer).to.deep.equal(['Total: 19,200 conversations']);
    });

    it('formats numbers and dates for the locale', async () => {
      const src = source([ev('2026-10-02T12:00:00Z', 1234.5), ev('2026-10-03T12:00:00Z', 2)]);
      const el = await daily(html`<credit-daily-chart locale="de-DE" range=${RANGE} .now=${NOW} .dataSource=${src}></credit-daily-chart>`);
      expect(chartOf(el).data.labels![1]).to.equal('2. Okt.');
      expect(text($(el, '.summary'))).to.equal('Daily credits, 1.–7. Okt.: 1.236,5 in total; highest on 2. Okt. with 1.234,5.');
      expect(cells((await tableRows(el))[1])).to.deep.equal(['02.10.2026', '1.234,5']);
    });

    it('takes the page’s language through shadow roots', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="de-DE"><div></div></div>`);
      // As in a host component that renders the panel in its own shadow root.
      const root = wrapper.firstElementChild!.attachShadow({ mode: 'open' });
      const el = document.createElement('credit-daily-chart');
      Object.assign(el, { range: RANGE, now: NOW, dataSource: source([ev('2026-10-02T12:00:00Z', 1234.5)]) });
      root.append(el);
      await settled(el);
      expect(el.resolvedLocale).to.equal('de-DE');
      expect(chartOf(el).data.labels![1]).to.equal('2. Okt.');
    });
  });

  describe('daily limit', () => {
    /** Share of the pixels of the line's rows that have the danger colour. */
    function dangerShare(chart: Chart, value: number): number {
      const ratio = chart.currentDevicePixelRatio;
      const y = Math.round(chart.scales.y.getPixelForValue(value));
      const { left, right } = chart.chartArea;
      const width = Math.floor((right - left) * ratio);
      let hits = 0;
      for (const row of [y, y + 1]) {
        const pixels = chart.ctx.getImageData(Math.ceil(left * ratio), Math.round(row * ratio), width, 1).data;
        for (let i = 0; i < pixels.length; i += 4) {
          // --credit-color-danger, light: #c2410c
          if (Math.abs(pixels[i] - 0xc2) < 40 && Math.abs(pixels[i + 1] - 0x41) < 40 && Math.abs(pixels[i + 2] - 0x0c) < 40) hits++;
        }
      }
      return hits / width;
    }

    it('draws the limit attribute as a labelled line and counts the days above it', async () => {
      const el = await daily(html`<credit-daily-chart locale="en-US" limit="20" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`);
      const chart = chartOf(el);
      expect(text($(el, '[part="legend-limit"]'))).to.equal('Daily limit: 20 credits');
      expect(text($(el, '.summary'))).to.equal('Daily credits, Oct 1 – 7: 73 in total; highest on Oct 4 with 32. 1 day above the daily limit of 20 credits.');
      expect(chart.scales.y.max).to.be.at.least(20);
      expect(dangerShare(chart, 20)).to.be.greaterThan(0.4);
      expect(dangerShare(chart, 10)).to.be.lessThan(0.05);
    });

    it('falls back to the account’s daily limit, which a filter leaves out', async () => {
      const src = source(WEEK, { dailyLimit: 15 });
      const el = await daily(html`<credit-daily-chart locale="en-US" range=${RANGE} .now=${NOW} .dataSource=${src}></credit-daily-chart>`);
      expect(text($(el, '[part="legend-limit"]'))).to.equal('Daily limit: 15 credits');
      expect(text($(el, '.summary'))).to.contain('3 days above the daily limit of 15 credits.');
      expect(dangerShare(chartOf(el), 15)).to.be.greaterThan(0.4);
    });

    it('has no line without a limit', async () => {
      const el = await daily(html`<credit-daily-chart locale="en-US" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`);
      expect($(el, '[part="legend-limit"]')).to.equal(null);
      expect(dangerShare(chartOf(el), 20)).to.be.lessThan(0.05);
    });
  });

  describe('selecting a day', () => {
    it('selects a clicked day, highlights it and fires day-select; clicking it again clears', async () => {
      const el = await daily(
        html`<credit-daily-chart locale="en-US" group-by="member" top="1" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`,
      );
      const chart = chartOf(el);
      setTimeout(() => clickDay(chart, 3));
      const event = await oneEvent(el, 'day-select');
      expect(event.detail).to.deep.equal({ date: '2026-10-04' });
      expect(event.bubbles).to.equal(true);
      expect(event.composed).to.equal(true);
      await el.updateComplete;
      expect(el.selectedDay).to.equal('2026-10-04');
      for (const dataset of [0, 1]) {
        expect(colors(chart, dataset).map(alphaOf)).to.deep.equal([0.4, 0.4, 0.4, 1, 0.4, 0.4, 0.4]);
      }
      setTimeout(() => clickDay(chart, 3));
      expect((await oneEvent(el, 'day-select')).detail).to.deep.equal({ date: null });
      await el.updateComplete;
      expect(el.selectedDay).to.equal(undefined);
      expect(colors(chart, 0).map(alphaOf)).to.deep.equal([1, 1, 1, 1, 1, 1, 1]);
    });

    it('selects a day with a real mouse click, on an empty day too', async () => {
      const el = await daily(html`<credit-daily-chart locale="en-US" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`);
      const { x, y } = barPoint(chartOf(el), 0, 2);
      const events: (string | null)[] = [];
      el.addEventListener('day-select', (e) => events.push(e.detail.date));
      await sendMouse({ type: 'click', position: [Math.round(x), Math.round(y)] });
      await el.updateComplete;
      expect(events).to.deep.equal(['2026-10-03']);
      await sendMouse({ type: 'click', position: [Math.round(barPoint(chartOf(el), 0, 5).x), Math.round(y)] });
      expect(events).to.deep.equal(['2026-10-03', '2026-10-06']);
      expect(el.selectedDay).to.equal('2026-10-06');
    });

    it('is operated by keyboard: arrows, Home/End, Enter/Space, Escape, with the day announced', async () => {
      const el = await daily(html`<credit-daily-chart locale="en-US" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`);
      const box = $(el, '[part="chart"]');
      expect(box.tabIndex).to.equal(0);
      expect(box.getAttribute('role')).to.equal('application');
      expect(box.getAttribute('aria-label')).to.equal('Daily usage. Arrow keys move between days, Enter selects a day.');
      const live = $(el, '.live');
      const events: (string | null)[] = [];
      el.addEventListener('day-select', (e) => events.push(e.detail.date));

      box.focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(text(live)).to.equal('Oct 2, 2026: 20 credits');
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(text(live)).to.equal('Oct 3, 2026: 0 credits');
      // The tooltip follows the keyboard.
      expect(chartOf(el).tooltip!.title).to.deep.equal(['Oct 3, 2026']);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(events).to.deep.equal(['2026-10-03']);
      expect(text(live)).to.equal('Oct 3, 2026: 0 credits, selected');
      expect(colors(chartOf(el), 0).map(alphaOf)).to.deep.equal([0.4, 0.4, 1, 0.4, 0.4, 0.4, 0.4]);

      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(text(live)).to.equal('Oct 7, 2026: 4 credits');
      await sendKeys({ press: 'ArrowRight' }); // stays on the last day
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(events).to.deep.equal(['2026-10-03', '2026-10-07']);
      await sendKeys({ press: 'Space' });
      expect(events).to.deep.equal(['2026-10-03', '2026-10-07', null]);
      await sendKeys({ press: 'Home' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.selectedDay).to.equal('2026-10-01');
      await sendKeys({ press: 'Escape' });
      expect(events).to.deep.equal(['2026-10-03', '2026-10-07', null, '2026-10-01', null]);
      expect(el.selectedDay).to.equal(undefined);

      // Leaving the chart hides the keyboard's tooltip and announcement.
      box.blur();
      await el.updateComplete;
      expect(text(live)).to.equal('');
      expect(chartOf(el).tooltip!.getActiveElements()).to.have.length(0);
    });

    it('moves the arrows the way the days run in a right-to-left layout', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div dir="rtl"><credit-daily-chart locale="en-US" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart></div>`,
      );
      const el = wrapper.querySelector('credit-daily-chart')!;
      await settled(el);
      const chart = chartOf(el);
      expect((chart.options.scales!.x as { reverse: boolean }).reverse).to.equal(true);
      // The first day is on the right.
      expect(barPoint(chart, 0, 0).x).to.be.greaterThan(barPoint(chart, 0, 6).x);
      $(el, '[part="chart"]').focus();
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(text($(el, '.live'))).to.equal('Oct 2, 2026: 20 credits');
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(text($(el, '.live'))).to.equal('Oct 1, 2026: 16 credits');
    });
  });

  describe('legend', () => {
    it('highlights a series while its legend entry is hovered or focused, and keeps it when pressed', async () => {
      const el = await daily(
        html`<credit-daily-chart locale="en-US" group-by="member" top="2" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`,
      );
      const chart = chartOf(el);
      const alphas = () => chart.data.datasets.map((_, i) => alphaOf(colors(chart, i)[0]));
      const [ben, ana] = $$<HTMLButtonElement>(el, '.legend-item');
      expect(alphas()).to.deep.equal([1, 1, 1]);

      ben.querySelector('.label')!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      await el.updateComplete;
      expect(alphas()).to.deep.equal([1, 0.2, 0.2]);
      // From its label to its swatch: still on the entry.
      ben.querySelector('.label')!.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: ben.querySelector('.swatch') }));
      await el.updateComplete;
      expect(alphas()).to.deep.equal([1, 0.2, 0.2]);
      ben.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: document.body }));
      await el.updateComplete;
      expect(alphas()).to.deep.equal([1, 1, 1]);

      ana.focus();
      await el.updateComplete;
      expect(alphas()).to.deep.equal([0.2, 1, 0.2]);
      ana.blur();
      await el.updateComplete;
      expect(alphas()).to.deep.equal([1, 1, 1]);

      ana.click();
      await el.updateComplete;
      expect(ana.getAttribute('aria-pressed')).to.equal('true');
      expect(alphas()).to.deep.equal([0.2, 1, 0.2]);
      ana.click();
      await el.updateComplete;
      expect(ana.getAttribute('aria-pressed')).to.equal('false');
      expect(alphas()).to.deep.equal([1, 1, 1]);
    });

    it('highlights with a real pointer over the legend', async () => {
      const el = await daily(
        html`<credit-daily-chart locale="en-US" group-by="member" top="2" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`,
      );
      const others = $$(el, '.legend-item')[2];
      const rect = others.getBoundingClientRect();
      await sendMouse({ type: 'move', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
      await el.updateComplete;
      expect(chartOf(el).data.datasets.map((_, i) => alphaOf(colors(chartOf(el), i)[0]))).to.deep.equal([0.2, 0.2, 1]);
      await sendMouse({ type: 'move', position: [0, 0] });
      await el.updateComplete;
      expect(chartOf(el).data.datasets.map((_, i) => alphaOf(colors(chartOf(el), i)[0]))).to.deep.equal([1, 1, 1]);
    });

    it('colours series from the theme, Others in the grey, the dark theme included', async () => {
      const src = source();
      const light = await daily(
        html`<credit-daily-chart group-by="member" top="2" range=${RANGE} .now=${NOW} .dataSource=${src}></credit-daily-chart>`,
      );
      expect(chartOf(light).data.datasets.map((_, i) => colors(chartOf(light), i)[0])).to.deep.equal(['#4f46e5', '#0284c7', '#64748b']);
      const dark = await daily(
        html`<credit-daily-chart theme="dark" group-by="member" top="2" range=${RANGE} .now=${NOW} .dataSource=${src}></credit-daily-chart>`,
      );
      expect(chartOf(dark).data.datasets.map((_, i) => colors(chartOf(dark), i)[0])).to.deep.equal(['#818cf8', '#38bdf8', '#94a3b8']);
      const y = chartOf(dark).options.scales!.y as { grid: { color: string }; ticks: { color: string } };
      expect(y.grid.color).to.equal('rgba(230, 237, 243, 0.12)');
      expect(y.ticks.color).to.equal('#9198a1');
      // Hosts recolour through custom properties.
      light.style.setProperty('--credit-color-1', 'rgb(1, 2, 3)');
      light.requestUpdate();
      await light.updateComplete;
      expect(colors(chartOf(light), 0)[0]).to.equal('rgb(1, 2, 3)');
      // …and dimmed while another series is highlighted.
      $$(light, '.legend-item')[1].dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      await light.updateComplete;
      expect(colors(chartOf(light), 0)[0]).to.equal('rgba(1, 2, 3, 0.2)');
      expect(colors(chartOf(light), 2)[0]).to.equal('rgba(100, 116, 139, 0.2)');
    });

    it('gives series beyond the seventh lighter tints, the same in the chart and the legend', async () => {
      const members = Array.from({ length: 9 }, (_, i) => ({ id: `u${i}`, name: `User ${i}` }));
      const events = members.map((m, i) => ev('2026-10-01T12:00:00Z', 100 - i, m.id));
      const src = new MemoryDataSource(smallOrg({ members }, events));
      const el = await daily(html`<credit-daily-chart group-by="member" top="8" range=${RANGE} .now=${NOW} .dataSource=${src}></credit-daily-chart>`);
      const chart = chartOf(el);
      const drawn = chart.data.datasets.map((_, i) => colors(chart, i)[0]);
      expect(drawn).to.deep.equal(['#4f46e5', '#0284c7', '#d97706', '#059669', '#ec4899', '#8b5cf6', '#ef4444', 'rgb(149, 144, 239)', '#64748b']);
      // The legend's swatch of the eighth (a CSS color-mix of the same tokens) shows the same colour.
      const swatch = getComputedStyle($$(el, '.legend-item .swatch')[7]).backgroundColor;
      const channels = (/color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)\)/.exec(swatch) ?? /rgb\((\d+), (\d+), (\d+)\)/.exec(swatch))!
        .slice(1)
        .map((v) => (v.includes('.') || Number(v) <= 1 ? Math.round(Number(v) * 255) : Number(v)));
      channels.forEach((c, i) => expect(c).to.be.closeTo([149, 144, 239][i], 1));
    });

    it('animates only without prefers-reduced-motion', async () => {
      const still = await daily(html`<credit-daily-chart range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`);
      expect(chartOf(still).options.animation).to.equal(false);
      await emulateMedia({ reducedMotion: 'no-preference' });
      try {
        const moving = await daily(html`<credit-daily-chart range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`);
        expect(chartOf(moving).options.animation).not.to.equal(false);
      } finally {
        await emulateMedia({ reducedMotion: 'reduce' });
      }
    });
  });

  describe('resizing', () => {
    it('comes back at once from a moment at zero width, without animating the bars again', async () => {
      await emulateMedia({ reducedMotion: 'no-preference' });
      try {
        const el = await daily(html`<credit-daily-chart range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`);
        const chart = chartOf(el);
        await waitUntil(() => !animator.running(chart), 'the first animation done', { timeout: 3000 });
        const box = $(el, '[part="chart"]');
        const width = chart.width;
        box.style.width = '0px';
        await waitUntil(() => chart.width === 0, 'squeezed');
        box.style.width = '';
        await waitUntil(() => chart.width === width, 'back');
        expect(animator.running(chart)).to.equal(false);
        expect(values(chart)).to.deep.equal([WEEK_TOTALS]);
      } finally {
        await emulateMedia({ reducedMotion: 'reduce' });
      }
    });
  });

  describe('in a dashboard', () => {
    async function inDashboard(src: CreditDataSource) {
      const dashboard = await fixture<CreditDashboard>(
        html`<credit-dashboard locale="en-US" range=${RANGE} .now=${NOW} .dataSource=${src}>
          <credit-daily-chart group-by="member" top="1"></credit-daily-chart>
        </credit-dashboard>`,
      );
      const el = dashboard.querySelector('credit-daily-chart')!;
      await settled(el);
      return { dashboard, el };
    }

    it('makes the selected day the dashboard’s focus and shows the dashboard’s focus', async () => {
      const { dashboard, el } = await inDashboard(source());
      setTimeout(() => clickDay(chartOf(el), 1));
      const change = await oneEvent(dashboard, 'selection-change');
      expect(change.detail).to.deep.equal({ day: '2026-10-02' });
      await el.updateComplete;
      expect(colors(chartOf(el), 0).map(alphaOf)).to.deep.equal([0.4, 1, 0.4, 0.4, 0.4, 0.4, 0.4]);
      // Cleared from the dashboard (its chip): the highlight goes.
      dashboard.selection = {};
      await dashboard.updateComplete;
      await el.updateComplete;
      expect(colors(chartOf(el), 0).map(alphaOf)).to.deep.equal([1, 1, 1, 1, 1, 1, 1]);
      // Focused from outside: shown.
      dashboard.selection = { day: '2026-10-07' };
      await dashboard.updateComplete;
      await el.updateComplete;
      expect(colors(chartOf(el), 0).map(alphaOf)).to.deep.equal([0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 1]);
      // Clicking the focused day clears it.
      setTimeout(() => clickDay(chartOf(el), 6));
      expect((await oneEvent(dashboard, 'selection-change')).detail).to.deep.equal({});
    });

    it('filters to the focused workspace or reason', async () => {
      const { dashboard, el } = await inDashboard(source(WEEK, { dailyLimit: 15 }));
      expect(text($(el, '[part="legend-limit"]'))).to.equal('Daily limit: 15 credits');
      dashboard.selection = { workspace: 'b' };
      await waitUntil(() => labels(chartOf(el))[0] === '#m3abcdef' && !el.loading, 'filtered to workspace b');
      expect(labels(chartOf(el))).to.deep.equal(['#m3abcdef', 'Others']);
      expect(values(chartOf(el))).to.deep.equal([
        [0, 0, 0, 2, 0, 0, 0],
        [0, 0, 0, 0, 1, 0, 0],
      ]);
      // The account-wide limit does not apply to one workspace.
      expect($(el, '[part="legend-limit"]')).to.equal(null);
      dashboard.selection = { reason: 'speech' };
      await waitUntil(() => values(chartOf(el))[0]?.[6] === 4 && !el.loading, 'filtered to speech');
      expect(values(chartOf(el))).to.deep.equal([[0, 0, 0, 0, 0, 0, 4]]);
      dashboard.selection = { reason: 'speech', workspace: 'b' };
      await waitUntil(() => el.state === 'empty', 'nothing in speech on workspace b');
      expect(text($(el, '.message'))).to.equal('No usage data for the selected period.');
      dashboard.selection = {};
      await waitUntil(() => el.state === 'ready', 'unfiltered');
      expect(values(chartOf(el))[0]).to.deep.equal([5, 0, 0, 30, 0, 0, 0]);
      expect(controllerOf(el).created).to.equal(2); // once before the empty state, once after
    });

    it('follows the dashboard’s unit and range', async () => {
      const { dashboard, el } = await inDashboard(source());
      dashboard.unit = 'conversation';
      dashboard.range = '2026-10-04/2026-10-04';
      await waitUntil(() => chartOf(el).data.labels?.length === 1 && !el.loading, 'one day');
      expect(values(chartOf(el))).to.deep.equal([[18000], [1200]]);
      expect(controllerOf(el).created).to.equal(1);
    });
  });

  describe('states', () => {
    const pending = (src: MemoryDataSource): CreditDataSource => ({
      getAccount: (signal) => src.getAccount(signal),
      queryUsage: () => new Promise(() => {}),
      getAllocation: (signal) => src.getAllocation(signal),
      queryMembers: (q, signal) => src.queryMembers(q, signal),
    });

    it('loading: a skeleton, accessible', async () => {
      const el = await fixture<CreditDailyChart>(html`<credit-daily-chart range=${RANGE} .now=${NOW} .dataSource=${pending(source())}></credit-daily-chart>`);
      await el.updateComplete;
      expect(el.state).to.equal('loading');
      expect(el.hasAttribute('loading')).to.equal(true);
      expect($(el, '[part="skeleton"]').getAttribute('aria-label')).to.equal('Loading…');
      await expect(el).to.be.accessible();
    });

    it('empty: the message, accessible, no chart', async () => {
      const el = await daily(html`<credit-daily-chart range=${RANGE} .now=${NOW} .dataSource=${source([])}></credit-daily-chart>`);
      expect(el.state).to.equal('empty');
      expect(text($(el, '.message'))).to.equal('No usage data for the selected period.');
      expect(controllerOf(el).chart).to.equal(undefined);
      await expect(el).to.be.accessible();
    });

    it('error: the message and Retry, which loads again', async () => {
      const src = source();
      let calls = 0;
      const failing: CreditDataSource = {
        ...pending(src),
        queryUsage: async (q, signal) => {
          calls++;
          if (calls === 1) throw new Error('The usage service is down.');
          return src.queryUsage(q, signal);
        },
      };
      const el = await daily(html`<credit-daily-chart range=${RANGE} .now=${NOW} .dataSource=${failing}></credit-daily-chart>`);
      expect(el.state).to.equal('error');
      expect(text($(el, '.message'))).to.equal('The data could not be loaded. The usage service is down. Retry');
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[part="retry"]').click();
      await waitUntil(() => el.state === 'ready', 'loaded on retry');
      expect(calls).to.equal(2);
      expect(values(chartOf(el))).to.deep.equal([WEEK_TOTALS]);
    });

    for (const theme of ['light', 'dark'] as const) {
      it(`data (${theme}): accessible, legend and limit included`, async () => {
        const el = await daily(
          html`<credit-daily-chart theme=${theme} group-by="member" top="2" limit="20" range=${RANGE} .now=${NOW} .dataSource=${source()}></credit-daily-chart>`,
        );
        expect(el.state).to.equal('ready');
        await tableRows(el);
        await expect(el).to.be.accessible();
        $(el, '[part="chart"]').focus();
        await sendKeys({ press: 'ArrowRight' });
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
        $<HTMLButtonElement>(el, '.legend-item').click();
        $<HTMLButtonElement>(el, '[part="table-toggle"]').click();
        await el.updateComplete;
        expect(el.selectedDay).to.equal('2026-10-02');
        await expect(el).to.be.accessible();
      });

      it(`empty and error (${theme}): accessible`, async () => {
        const empty = await daily(html`<credit-daily-chart theme=${theme} range=${RANGE} .now=${NOW} .dataSource=${source([])}></credit-daily-chart>`);
        await expect(empty).to.be.accessible();
        const broken: CreditDataSource = { ...pending(source()), queryUsage: () => Promise.reject(new Error('Nope.')) };
        const error = await daily(html`<credit-daily-chart theme=${theme} range=${RANGE} .now=${NOW} .dataSource=${broken}></credit-daily-chart>`);
        expect(error.state).to.equal('error');
        await expect(error).to.be.accessible();
      });
    }
  });
});
