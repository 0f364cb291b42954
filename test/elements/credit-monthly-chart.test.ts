import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { Chart } from 'chart.js';
import type { TemplateResult } from 'lit';
import '../../src/index.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { AccountInfo, CreditDataSource, UsageQuery } from '../../src/data/types.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import type { CreditMonthlyChart } from '../../src/elements/credit-monthly-chart/credit-monthly-chart.js';
import { account, ev, readOnly, smallOrg, failingWhile, hangingSource } from '../data/fixtures.js';
import { chartPanel, expectLoading, mountPanel, ready, retry, squash } from './fixtures/panel.js';

/** 2026-11-20 18:00 UTC: day 20 of November's 30-day billing month, 10 days left. */
const NOW = Date.UTC(2026, 10, 20, 18);

const MONTHS = ['Dec 2025', 'Jan 2026', 'Feb 2026', 'Mar 2026', 'Apr 2026', 'May 2026', 'Jun 2026', 'Jul 2026', 'Aug 2026', 'Sep 2026', 'Oct 2026', 'Nov 2026'];

/**
 * Twelve months up to November 2026: Dec 2025 1,000, Sep 4,000, Oct 6,000,
 * Nov 2,000 so far (1,200 chat in a + 800 image in b) — 100 a day over 20
 * days, so the 10 days left add 1,000: 3,000 projected. November 2025
 * (9,999) is the 13th month back and not shown.
 */
function year(overrides: Partial<AccountInfo> = { monthlyAllowance: 5000 }): MemoryDataSource {
  return new MemoryDataSource(
    smallOrg({ account: account(overrides), totalCredits: 100_000 }, [
      ev('2025-11-15T10:00:00Z', 9999, 'm1', 'p', 'chat'),
      ev('2025-12-10T10:00:00Z', 1000, 'm1', 'p', 'chat'),
      ev('2026-09-05T10:00:00Z', 4000, 'm1', 'p', 'chat'),
      ev('2026-10-10T10:00:00Z', 6000, 'm2', 'p', 'chat'),
      ev('2026-11-02T10:00:00Z', 1200, 'm1', 'a', 'chat'),
      ev('2026-11-19T10:00:00Z', 800, 'm2', 'b', 'image'),
    ]),
  );
}

function harness(el: CreditMonthlyChart) {
  const root = () => el.shadowRoot!;
  return {
    ...chartPanel(el),
    legend: () => [...root().querySelectorAll('[part="legend"] li')].map((li) => squash(li.textContent)),
    used: () => harness(el).chart().data.datasets[0].data,
    projected: () => harness(el).chart().data.datasets[1].data,
  };
}

const panel = (template: TemplateResult) => mountPanel<CreditMonthlyChart>(template);

/** A source that records the usage queries it answers. */
function recording(source: CreditDataSource): { source: CreditDataSource; queries: UsageQuery[] } {
  const queries: UsageQuery[] = [];
  return {
    queries,
    source: { ...readOnly(source), queryUsage: (q, s) => (queries.push(q), source.queryUsage(q, s)) },
  };
}

describe('credit-monthly-chart', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));

  describe('data', () => {
    it('shows the last twelve billing months as bars, the current one last', async () => {
      const el = await panel(html`<credit-monthly-chart .dataSource=${year()} .now=${NOW} locale="en-US"></credit-monthly-chart>`);
      const p = harness(el);
      expect(p.title()).to.equal('Monthly usage');
      expect(p.chart().data.labels).to.deep.equal(MONTHS);
      expect(p.used()).to.deep.equal([1000, 0, 0, 0, 0, 0, 0, 0, 0, 4000, 6000, 2000]);
      expect(p.summary()).to.equal(
        'Credits per billing month, Dec 2025 – Nov 2026: 13,000 credits in total; highest in Oct 2026 with 6,000 credits. ' +
          'Months over the allowance of 5,000 credits: 1. This month so far: 2,000 credits; projected: 3,000 credits.',
      );
    });

    it('mirrors in a right-to-left layout: months run from the right, the value axis on the right', async () => {
      const ltr = await panel(html`<credit-monthly-chart .dataSource=${year()} .now=${NOW} locale="en-US"></credit-monthly-chart>`);
      const ltrScales = harness(ltr).chart().options.scales!;
      expect(ltrScales.x!.reverse).to.equal(false);
      expect((ltrScales.y as { position?: unknown }).position).to.equal('left');

      const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl">
        <credit-monthly-chart .dataSource=${year()} .now=${NOW} locale="ar-EG"></credit-monthly-chart>
      </div>`);
      const el = wrapper.querySelector('credit-monthly-chart')!;
      await ready(el);
      await el.updateComplete;
      const chart = harness(el).chart();
      expect(chart.options.scales!.x!.reverse).to.equal(true);
      expect((chart.options.scales!.y as { position?: unknown }).position).to.equal('right');
      expect(chart.options.plugins!.tooltip!.rtl).to.equal(true);
      // The oldest month is drawn rightmost, the current one leftmost.
      const x = chart.scales.x;
      expect(x.getPixelForValue(0)).to.be.greaterThan(x.getPixelForValue(11));
      expect(chart.scales.y.left).to.be.greaterThan(x.left);
    });

    it('stacks the current month’s projected remainder on what it has used so far', async () => {
      const el = await panel(html`<credit-monthly-chart .dataSource=${year()} .now=${NOW} locale="en-US"></credit-monthly-chart>`);
      const p = harness(el);
      // 2,000 over 20 days is 100 a day; 10 days left add 1,000.
      expect(p.projected()).to.deep.equal([...new Array(11).fill(null), 1000]);
      const scales = p.chart().options.scales as Record<string, { stacked?: boolean }>;
      expect(scales.x.stacked && scales.y.stacked).to.equal(true);
      // Drawn as a pattern (hatched), not a flat colour.
      expect(p.chart().data.datasets[1].backgroundColor).to.be.instanceOf(CanvasPattern);
      expect(p.legend()).to.include('Projected for the rest of the month');
    });

    it('marks the months over the allowance and draws the allowance line', async () => {
      const el = await panel(html`<credit-monthly-chart .dataSource=${year()} .now=${NOW} locale="en-US"></credit-monthly-chart>`);
      const p = harness(el);
      const colours = p.chart().data.datasets[0].backgroundColor as string[];
      expect(colours.map((c, i) => (c === '#c2410c' ? MONTHS[i] : null)).filter(Boolean)).to.deep.equal(['Oct 2026']);
      expect(colours[0]).to.equal('#4f46e5');
      expect((p.chart().options.plugins as { allowanceLine: { value: number } }).allowanceLine.value).to.equal(5000);
      expect(p.legend()).to.deep.equal(['Used', 'Projected for the rest of the month', 'Over allowance', 'Monthly allowance: 5,000 credits']);
    });

    it('marks the current month as projected over the allowance when its projection crosses it', async () => {
      const el = await panel(html`<credit-monthly-chart .dataSource=${year({ monthlyAllowance: 2500 })} .now=${NOW} locale="en-US"></credit-monthly-chart>`);
      const p = harness(el);
      const colours = p.chart().data.datasets[0].backgroundColor as string[];
      // Used so far (2,000) is within 2,500: the used part keeps its colour, the projection turns to danger.
      expect(colours[11]).to.equal('#4f46e5');
      expect(p.chart().data.datasets[1].borderColor).to.equal('#c2410c');
      expect(p.rows()[11]).to.deep.equal(['Nov 2026', '2,000', '3,000', 'Projected over allowance']);
      expect(p.rows().filter((r) => r[3] === 'Over allowance').map((r) => r[0])).to.deep.equal(['Sep 2026', 'Oct 2026']);
      expect(p.summary()).to.contain('Months over the allowance of 2,500 credits: 2.');
    });

    it('hides the allowance line and marks without an allowance', async () => {
      const el = await panel(html`<credit-monthly-chart .dataSource=${year({})} .now=${NOW} locale="en-US"></credit-monthly-chart>`);
      const p = harness(el);
      expect((p.chart().options.plugins as { allowanceLine: unknown }).allowanceLine).to.equal(false);
      expect(p.legend()).to.deep.equal(['Used', 'Projected for the rest of the month']);
      expect(p.headers()).to.deep.equal(['Billing month', 'Credits', 'Projected total']);
      expect(p.summary()).to.not.contain('allowance');
      expect((p.chart().data.datasets[0].backgroundColor as string[]).every((c) => c === '#4f46e5')).to.equal(true);
    });

    it('has a data table with the same numbers as the chart and the over-allowance marks', async () => {
      const el = await panel(html`<credit-monthly-chart .dataSource=${year()} .now=${NOW} locale="en-US"></credit-monthly-chart>`);
      const p = harness(el);
      expect(p.headers()).to.deep.equal(['Billing month', 'Credits', 'Projected total', 'Against allowance']);
      const rows = p.rows();
      expect(rows.map((r) => r[0])).to.deep.equal(MONTHS);
      expect(rows.map((r) => Number(r[1].replace(/,/g, '')))).to.deep.equal(p.used());
      expect(rows[10]).to.deep.equal(['Oct 2026', '6,000', '', 'Over allowance']);
      expect(rows[11]).to.deep.equal(['Nov 2026', '2,000', '3,000', 'Within allowance']);
      expect(rows[9]).to.deep.equal(['Sep 2026', '4,000', '', 'Within allowance']);
    });

    it('exports every month with its period, dates, label, credits, projection and allowance', async () => {
      const el = await panel(html`<credit-monthly-chart .dataSource=${year()} .now=${NOW} locale="en-US"></credit-monthly-chart>`);
      const month = (key: string, start: string, end: string, label: string, credits: number, projected = '', over = 'false') =>
        `${key},${start},${end},${label},${credits},${projected},5000,${over}\r\n`;
      expect(el.export('csv')).to.equal(
        'period,start,end,label,credits,projected_credits,allowance_credits,over_allowance\r\n' +
          month('2025-12', '2025-12-01', '2025-12-31', 'Dec 2025', 1000) +
          month('2026-01', '2026-01-01', '2026-01-31', 'Jan 2026', 0) +
          month('2026-02', '2026-02-01', '2026-02-28', 'Feb 2026', 0) +
          month('2026-03', '2026-03-01', '2026-03-31', 'Mar 2026', 0) +
          month('2026-04', '2026-04-01', '2026-04-30', 'Apr 2026', 0) +
          month('2026-05', '2026-05-01', '2026-05-31', 'May 2026', 0) +
          month('2026-06', '2026-06-01', '2026-06-30', 'Jun 2026', 0) +
          month('2026-07', '2026-07-01', '2026-07-31', 'Jul 2026', 0) +
          month('2026-08', '2026-08-01', '2026-08-31', 'Aug 2026', 0) +
          month('2026-09', '2026-09-01', '2026-09-30', 'Sep 2026', 4000) +
          month('2026-10', '2026-10-01', '2026-10-31', 'Oct 2026', 6000, '', 'true') +
          month('2026-11', '2026-11-01', '2026-11-30', 'Nov 2026', 2000, '3000'),
      );
      el.unit = 'conversation';
      await el.updateComplete;
      const json = JSON.parse(el.export('json'));
      expect(json[11]).to.deep.equal({
        period: '2026-11',
        start: '2026-11-01',
        end: '2026-11-30',
        label: 'Nov 2026',
        conversation: 1_200_000,
        projected_conversation: 1_800_000,
        allowance_conversation: 3_000_000,
        over_allowance: false,
      });
    });

    it('converts to the display unit and formats for the locale', async () => {
      const el = await panel(html`<credit-monthly-chart .dataSource=${year()} .now=${NOW} unit="conversation" locale="de-DE"></credit-monthly-chart>`);
      const p = harness(el);
      expect(p.used()[11]).to.equal(1_200_000);
      expect(p.projected()[11]).to.equal(600_000);
      expect((p.chart().options.plugins as { allowanceLine: { value: number } }).allowanceLine.value).to.equal(3_000_000);
      expect(p.headers()[1]).to.equal('Conversations');
      expect(p.rows()[11].slice(0, 3)).to.deep.equal(['Nov. 2026', '1.200.000', '1.800.000']);
      expect(p.legend()).to.include('Monthly allowance: 3.000.000 conversations');
    });

    it('follows the billing cycle day: months run from the 15th to the 14th', async () => {
      const source = new MemoryDataSource(
        smallOrg({ account: account({ billingCycleDay: 15 }), totalCredits: 100_000 }, [
          ev('2026-11-10T10:00:00Z', 700, 'm1', 'p', 'chat'), // Oct 15 – Nov 14: the "Oct 2026" period
          ev('2026-11-16T10:00:00Z', 60, 'm1', 'p', 'chat'), // the current period, Nov 15 – Dec 14
          ev('2025-12-14T10:00:00Z', 5000, 'm1', 'p', 'chat'), // Nov 15 – Dec 14, 2025: 13 periods back
        ]),
      );
      const { source: spy, queries } = recording(source);
      const el = await panel(html`<credit-monthly-chart .dataSource=${spy} .now=${NOW} locale="en-US"></credit-monthly-chart>`);
      const p = harness(el);
      expect(queries.at(-1)).to.deep.include({ start: '2025-12-15', end: '2026-12-14', granularity: 'month' });
      expect(p.used()).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 700, 60]);
      // 60 in 6 days (15th–20th) is 10 a day; 24 days are left.
      expect(p.projected()[11]).to.equal(240);
      expect(el.export('csv').split('\r\n')[11]).to.equal('2026-10,2026-10-15,2026-11-14,Oct 2026,700,,,');
    });

    it('ignores the range, its own and the dashboard’s', async () => {
      const { source, queries } = recording(year());
      const dash = await fixture<CreditDashboard>(html`<credit-dashboard range="7d" .dataSource=${source} .now=${NOW}>
        <credit-monthly-chart range="2026-11-01/2026-11-05"></credit-monthly-chart>
      </credit-dashboard>`);
      const el = dash.querySelector('credit-monthly-chart')!;
      await ready(el);
      const windows = queries.filter((q) => q.granularity === 'month').map((q) => `${q.start}/${q.end}`);
      expect(windows).to.not.be.empty;
      expect(new Set(windows)).to.deep.equal(new Set(['2025-12-01/2026-11-30']));
      expect(harness(el).chart().data.labels).to.deep.equal(MONTHS);
    });
  });

  describe('inside a dashboard', () => {
    it('follows the focus on a reason and a workspace as filters, projection included', async () => {
      const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${year()} .now=${NOW} locale="en-US">
        <credit-monthly-chart></credit-monthly-chart>
      </credit-dashboard>`);
      const el = dash.querySelector('credit-monthly-chart')!;
      await ready(el);
      const p = harness(el);

      dash.selection = { reason: 'image' };
      await waitUntil(() => p.used()[11] === 800, 'filtered to image', { timeout: 5000 });
      expect(p.used()).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 800]);
      // 800 over 20 days is 40 a day: 400 more in the 10 days left.
      expect(p.projected()[11]).to.equal(400);
      expect(p.summary()).to.contain('Filtered to Image.');
      // The allowance is the whole account's: no line or marks against one reason's usage.
      expect((p.chart().options.plugins as { allowanceLine: unknown }).allowanceLine).to.equal(false);
      expect(p.legend()).to.deep.equal(['Used', 'Projected for the rest of the month']);
      expect(p.summary()).to.not.contain('allowance');

      dash.selection = { workspace: 'a' };
      await waitUntil(() => p.used()[11] === 1200, 'filtered to workspace a', { timeout: 5000 });
      expect(p.projected()[11]).to.equal(600);
      expect(p.summary()).to.contain('Filtered to Workspace A.');
      // The name is isolated from the sentence around it.
      expect(el.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.contain('Filtered to \u2068Workspace A\u2069.');

      dash.selection = { workspace: 'a', reason: 'image' };
      await ready(el, 'empty');
      expect(p.message()).to.equal('No usage data for the selected period.');
    });
  });

  describe('states', () => {
    it('is accessible while loading', async () => {
      const hanging = hangingSource();
      const el = await fixture<CreditMonthlyChart>(html`<credit-monthly-chart .dataSource=${hanging}></credit-monthly-chart>`);
      expectLoading(el);
      await expect(el).to.be.accessible();
    });

    it('says so when the twelve months have no usage, and is accessible', async () => {
      const el = await fixture<CreditMonthlyChart>(html`<credit-monthly-chart .dataSource=${new MemoryDataSource(smallOrg())} .now=${NOW}></credit-monthly-chart>`);
      await ready(el, 'empty');
      expect(harness(el).message()).to.equal('No usage data for the selected period.');
      // Still titled, so a dashboard says which chart has nothing to show.
      expect(harness(el).title()).to.equal('Monthly usage');
      await expect(el).to.be.accessible();
    });

    it('shows an error with Retry, and is accessible', async () => {
      const source = year();
      let fail = true;
      const flaky = failingWhile(source, 'queryUsage', () => fail, () => new Error('Usage service unavailable.'));
      const el = await fixture<CreditMonthlyChart>(html`<credit-monthly-chart .dataSource=${flaky} .now=${NOW}></credit-monthly-chart>`);
      await ready(el, 'error');
      expect(harness(el).message()).to.contain('Usage service unavailable.');
      expect(harness(el).title()).to.equal('Monthly usage');
      await expect(el).to.be.accessible();
      fail = false;
      await retry(el);
      expect(harness(el).used()[10]).to.equal(6000);
    });

    it('is accessible with data, light and dark, with the table shown', async () => {
      for (const theme of ['light', 'dark'] as const) {
        const el = await panel(html`<credit-monthly-chart theme=${theme} .dataSource=${year()} .now=${NOW}></credit-monthly-chart>`);
        await expect(el).to.be.accessible();
        el.shadowRoot!.querySelector<HTMLButtonElement>('[part="table-toggle"]')!.click();
        await el.updateComplete;
        await expect(el).to.be.accessible();
      }
    });

    it('reads its colours from the dark theme', async () => {
      const el = await panel(html`<credit-monthly-chart theme="dark" .dataSource=${year()} .now=${NOW}></credit-monthly-chart>`);
      const colours = harness(el).chart().data.datasets[0].backgroundColor as string[];
      expect(colours[0]).to.equal('#818cf8');
      expect(colours[10]).to.equal('#fb923c');
    });
  });

  describe('lifecycle', () => {
    it('does not animate under reduced motion', async () => {
      const el = await panel(html`<credit-monthly-chart .dataSource=${year()} .now=${NOW}></credit-monthly-chart>`);
      expect(harness(el).chart().options.animation).to.equal(false);
    });

    it('updates the chart in place when the unit changes, and leaves no Chart.js instance behind when removed', async () => {
      const el = await panel(html`<credit-monthly-chart .dataSource=${year()} .now=${NOW}></credit-monthly-chart>`);
      const chart = harness(el).chart();
      el.unit = 'conversation';
      await el.updateComplete;
      expect(harness(el).chart()).to.equal(chart);
      expect(harness(el).used()[10]).to.equal(3_600_000);
      expect(Object.keys(Chart.instances)).to.have.length(1);
      el.remove();
      expect(Object.keys(Chart.instances).length).to.equal(0);
    });
  });
});
