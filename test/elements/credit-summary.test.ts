import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { DataSourceError } from '../../src/data/errors.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDataSource, UsageEvent } from '../../src/data/types.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import type { CreditSummary, CreditThresholdDetail } from '../../src/elements/credit-summary/credit-summary.js';
import { ev, smallOrg } from '../data/fixtures.js';

/** 2026-11-10 12:00 UTC: day 10 of November's billing month (1–30), 20 days left. */
const NOW = Date.UTC(2026, 10, 10, 12);

/**
 * 10,000 credits (A 2,000, B 3,000, the primary 5,000). 500 used in October
 * and 3,000 in November so far: 3,000 used in the period, 6,500 left, so
 * 9,500 at hand for it.
 */
const november = (): UsageEvent[] => [
  ev('2026-10-20T10:00:00Z', 500, 'm1', 'a'),
  ev('2026-11-01T10:00:00Z', 1000, 'm1', 'a'),
  ev('2026-11-05T10:00:00Z', 1200, 'm2', 'b'),
  ev('2026-11-10T09:00:00Z', 800, 'm3abcdefghij', 'p'),
];

/** 8,500 of the 10,000 credits used in November by the 8th: 85 %. */
const heavy = (): UsageEvent[] => [
  ev('2026-11-02T10:00:00Z', 2000, 'm1', 'a'),
  ev('2026-11-04T10:00:00Z', 3000, 'm2', 'b'),
  ev('2026-11-08T10:00:00Z', 3500, 'm1', 'p'),
];

const source = (events: UsageEvent[]) => new MemoryDataSource(smallOrg({}, events));

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const settled = (el: CreditSummary) => waitUntil(() => ['ready', 'empty', 'error'].includes(el.state) && !el.loading, `${el.localName} settled`, { timeout: 5000 });

/** What the summary shows, as read on screen. */
function read(el: CreditSummary) {
  const root = el.shadowRoot!;
  const stat = (id: string) => squash(root.querySelector(`[data-stat="${id}"] dd`)?.textContent) || undefined;
  return {
    total: stat('total'),
    used: stat('used'),
    remaining: stat('remaining'),
    burnRate: stat('burn-rate'),
    projected: stat('projected'),
    period: squash(root.querySelector('.period')?.textContent),
    meter: squash(root.querySelector('.meter-label')?.textContent),
    forecast: squash(root.querySelector('[part="forecast"]')?.textContent) || undefined,
    alert: squash(root.querySelector('[part="alert"]')?.textContent) || undefined,
  };
}

async function summary(template: ReturnType<typeof html>): Promise<CreditSummary> {
  const el = await fixture<CreditSummary>(template);
  await settled(el);
  return el;
}

/** Records `credit-threshold` events on an element. */
function thresholdsOf(el: CreditSummary): CreditThresholdDetail[] {
  const seen: CreditThresholdDetail[] = [];
  el.addEventListener('credit-threshold', (e) => seen.push(e.detail));
  return seen;
}

describe('credit-summary', () => {
  describe('figures', () => {
    it('shows total, used, remaining, burn rate, projected total and run-out date for the billing month', async () => {
      const el = await summary(html`<credit-summary .dataSource=${source(november())} .now=${NOW} locale="en-US"></credit-summary>`);
      expect(el.state).to.equal('ready');
      expect(read(el)).to.deep.equal({
        total: '9,500 credits',
        used: '3,000 credits',
        remaining: '6,500 credits',
        // 3,000 over the 10 days of November so far
        burnRate: '300 credits per day',
        // 3,000 + 300 × 20 days left
        projected: '9,000 credits',
        period: 'Nov 1 – 30, 2026',
        meter: '31.6% used 94.7% projected',
        // 6,500 / 300 = 21.7 → 22 days after 10 November, beyond the period: with the year
        forecast: 'At this rate, credits run out on Dec 2, 2026.',
        alert: undefined,
      });
      const meter = el.shadowRoot!.querySelector('[role="meter"]')!;
      expect(meter.getAttribute('aria-valuenow')).to.equal('32');
      expect(meter.getAttribute('aria-valuetext')).to.equal('31.6% used');
      expect(el.getAttribute('level')).to.equal('normal');
    });

    it('converts to a display unit: 1 credit = 600 conversations', async () => {
      const el = await summary(html`<credit-summary .dataSource=${source(november())} .now=${NOW} unit="conversation" locale="en-US"></credit-summary>`);
      const shown = read(el);
      expect([shown.total, shown.used, shown.remaining, shown.burnRate, shown.projected]).to.deep.equal([
        '5,700,000 conversations',
        '1,800,000 conversations',
        '3,900,000 conversations',
        '180,000 conversations per day',
        '5,400,000 conversations',
      ]);
      // Shares do not depend on the unit.
      expect(shown.meter).to.equal('31.6% used 94.7% projected');
    });

    it('formats numbers, percentages and dates for the locale', async () => {
      const el = await summary(html`<credit-summary .dataSource=${source(november())} .now=${NOW} locale="de-DE"></credit-summary>`);
      expect(read(el)).to.deep.include({
        total: '9.500 credits',
        used: '3.000 credits',
        remaining: '6.500 credits',
        projected: '9.000 credits',
        period: '1.–30. Nov. 2026',
        meter: '31,6 % used 94,7 % projected',
        forecast: 'At this rate, credits run out on 02.12.2026.',
      });
    });

    it('names a run-out inside the period by day and month, as urgent', async () => {
      const el = await summary(html`<credit-summary .dataSource=${source(heavy())} .now=${NOW} locale="en-GB"></credit-summary>`);
      // 8,500 over 10 days = 850 a day; 1,500 left lasts 2 more days.
      expect(read(el)).to.deep.include({
        burnRate: '850 credits per day',
        projected: '25,500 credits',
        meter: '85% used 255% projected',
        forecast: 'At this rate, credits run out on 12 Nov.',
      });
      expect(el.shadowRoot!.querySelector('[part="forecast"]')!.classList.contains('urgent')).to.equal(true);
    });

    it('shows a past range without projections: its daily average, no run-out', async () => {
      const el = await summary(html`<credit-summary .dataSource=${source(november())} .now=${NOW} range="previous-billing-month"></credit-summary>`);
      expect(read(el)).to.deep.equal({
        // 500 used in October + 6,500 left now
        total: '7,000 credits',
        used: '500 credits',
        remaining: '6,500 credits',
        // 500 / 31 days, with a decimal below 100
        burnRate: '16.1 credits per day',
        projected: undefined,
        period: 'Oct 1 – 31, 2026',
        meter: '7.1% used',
        forecast: undefined,
        alert: undefined,
      });
    });

    it('says when nothing is used yet', async () => {
      const el = await summary(html`<credit-summary .dataSource=${source([])} .now=${NOW}></credit-summary>`);
      expect(read(el)).to.deep.include({
        total: '10,000 credits',
        used: '0 credits',
        burnRate: '0 credits per day',
        meter: '0% used',
        forecast: 'No credits used in this period yet.',
      });
    });

    it('takes the range, time zone, locale and unit from a dashboard', async () => {
      const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${source(november())} .now=${NOW} range="2026-11-01/2026-11-05" locale="en-US" unit="conversation">
        <credit-summary></credit-summary>
      </credit-dashboard>`);
      const el = dash.querySelector('credit-summary')!;
      await settled(el);
      expect(read(el)).to.deep.include({ used: '1,320,000 conversations', period: 'Nov 1 – 5, 2026' });
    });
  });

  describe('thresholds', () => {
    it('fires credit-threshold once when 80 % is crossed, not again on reload or new data at the same level', async () => {
      const src = source(heavy());
      const el = await fixture<CreditSummary>(html`<credit-summary .dataSource=${src} .now=${NOW}></credit-summary>`);
      const seen = thresholdsOf(el);
      const first = await oneEvent(el, 'credit-threshold');
      await settled(el);
      expect(first.detail).to.deep.equal({ threshold: 80, used: 8500, total: 10000 });
      expect(first.bubbles && first.composed).to.equal(true);
      expect(el.getAttribute('level')).to.equal('warning');
      expect(read(el).alert).to.equal('80% of the credits for this period are used.');

      await el.reload();
      await settled(el);
      src.addEvents([ev('2026-11-10T10:00:00Z', 100, 'm1', 'p')]);
      await waitUntil(() => read(el).used === '8,600 credits', 'the new usage shows');
      await aTimeout(50);
      expect(seen).to.deep.equal([{ threshold: 80, used: 8500, total: 10000 }]);
      expect(el.getAttribute('level')).to.equal('warning');
    });

    it('fires again after the share drops below and crosses again; 100 % is danger', async () => {
      const src = source(heavy());
      const el = await fixture<CreditSummary>(html`<credit-summary .dataSource=${src} .now=${NOW}></credit-summary>`);
      const seen = thresholdsOf(el);
      await settled(el);
      await waitUntil(() => seen.length === 1);

      // 1–3 November: 2,000 used of 2,000 + 1,500 left = 57 %.
      el.range = '2026-11-01/2026-11-03';
      await waitUntil(() => read(el).used === '2,000 credits', 'the shorter range shows');
      expect(el.getAttribute('level')).to.equal('normal');
      expect(read(el).alert).to.equal(undefined);

      el.range = undefined;
      await waitUntil(() => read(el).used === '8,500 credits', 'the billing month shows again');
      expect(el.getAttribute('level')).to.equal('warning');

      src.addEvents([ev('2026-11-10T10:00:00Z', 1500, 'm1', 'p')]);
      await waitUntil(() => read(el).remaining === '0 credits', 'everything is used');
      expect(seen).to.deep.equal([
        { threshold: 80, used: 8500, total: 10000 },
        { threshold: 80, used: 8500, total: 10000 },
        { threshold: 100, used: 10000, total: 10000 },
      ]);
      expect(el.getAttribute('level')).to.equal('danger');
      // Nothing left: no projection beyond what was used.
      expect(read(el)).to.deep.include({
        alert: '100% of the credits for this period are used.',
        forecast: 'Credits have run out.',
        meter: '100% used',
        projected: undefined,
      });
      await expect(el).to.be.accessible();
    });

    it('does not fire again when a dashboard refreshes', async () => {
      const src = source(heavy());
      let queries = 0;
      const counted: CreditDataSource = {
        getAccount: (s) => src.getAccount(s),
        getAllocation: (s) => src.getAllocation(s),
        queryMembers: (q, s) => src.queryMembers(q, s),
        queryUsage: (q, s) => (queries++, src.queryUsage(q, s)),
      };
      const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${counted} .now=${NOW}><credit-summary></credit-summary></credit-dashboard>`);
      const el = dash.querySelector('credit-summary')!;
      const seen = thresholdsOf(el);
      await settled(el);
      await waitUntil(() => seen.length === 1);
      const before = queries;
      dash.refresh();
      await waitUntil(() => queries > before, 'the refresh reloads the summary');
      await settled(el);
      await aTimeout(50);
      expect(seen).to.have.length(1);
    });

    it('reads its own thresholds, and fires each one crossed, lowest first', async () => {
      const el = await fixture<CreditSummary>(html`<credit-summary .dataSource=${source(november())} .now=${NOW} thresholds="25, 50 75%"></credit-summary>`);
      const seen = thresholdsOf(el);
      await settled(el);
      await waitUntil(() => seen.length === 1);
      // 31.6 % used: past 25 only.
      expect(seen.map((d) => d.threshold)).to.deep.equal([25]);
      expect(el.getAttribute('level')).to.equal('warning');

      // New thresholds, all below the share: each fires, and the last one reached is danger.
      el.thresholds = '10 20 30';
      await waitUntil(() => seen.length === 4);
      expect(seen.map((d) => d.threshold)).to.deep.equal([25, 10, 20, 30]);
      expect(el.getAttribute('level')).to.equal('danger');
      expect(read(el).alert).to.equal('30% of the credits for this period are used.');
    });
  });

  describe('states', () => {
    it('shows a skeleton while loading, then the figures', async () => {
      const src = source(november());
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const slow: CreditDataSource = {
        getAccount: (s) => src.getAccount(s),
        getAllocation: (s) => src.getAllocation(s),
        queryMembers: (q, s) => src.queryMembers(q, s),
        queryUsage: async (q, s) => (await gate, src.queryUsage(q, s)),
      };
      const el = await fixture<CreditSummary>(html`<credit-summary .dataSource=${slow} .now=${NOW}></credit-summary>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[part="skeleton"]'), 'the skeleton shows');
      expect(el.state).to.equal('loading');
      expect(el.hasAttribute('loading')).to.equal(true);
      expect(el.shadowRoot!.querySelector('[part="skeleton"]')!.getAttribute('aria-label')).to.equal('Loading…');
      expect(el.shadowRoot!.querySelector('.panel')!.getAttribute('aria-busy')).to.equal('true');
      await expect(el).to.be.accessible();
      release();
      await settled(el);
      expect(read(el).used).to.equal('3,000 credits');
      expect(el.hasAttribute('loading')).to.equal(false);
    });

    it('shows the empty state when the organisation has no credits', async () => {
      const empty = new MemoryDataSource(smallOrg({ totalCredits: 0, workspaces: [{ id: 'p', name: 'Primary', kind: 'team', primary: true }] }));
      const el = await summary(html`<credit-summary .dataSource=${empty} .now=${NOW}></credit-summary>`);
      expect(el.state).to.equal('empty');
      expect(squash(el.shadowRoot!.querySelector('[part="message"]')!.textContent)).to.equal('No usage data for the selected period.');
      await expect(el).to.be.accessible();
    });

    it('shows the error with a Retry that recovers once the source does', async () => {
      const src = source(november());
      let down = true;
      const flaky: CreditDataSource = {
        getAccount: (s) => src.getAccount(s),
        getAllocation: (s) => (down ? Promise.reject(new DataSourceError('network', 'The credit service is unavailable.')) : src.getAllocation(s)),
        queryMembers: (q, s) => src.queryMembers(q, s),
        queryUsage: (q, s) => src.queryUsage(q, s),
      };
      const el = await summary(html`<credit-summary .dataSource=${flaky} .now=${NOW}></credit-summary>`);
      expect(el.state).to.equal('error');
      const alert = () => el.shadowRoot!.querySelector('[role="alert"]');
      expect(squash(alert()!.textContent)).to.equal('The data could not be loaded. The credit service is unavailable. Retry');
      await expect(el).to.be.accessible();

      const retry = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!;
      retry().click();
      await el.updateComplete;
      await settled(el);
      expect(el.state).to.equal('error');

      down = false;
      retry().click();
      await el.updateComplete;
      await settled(el);
      expect(el.state).to.equal('ready');
      expect(read(el).remaining).to.equal('6,500 credits');
    });

    it('passes axe with data, light and dark, and past a threshold', async () => {
      const light = await summary(html`<credit-summary .dataSource=${source(november())} .now=${NOW}></credit-summary>`);
      await expect(light).to.be.accessible();
      const dark = await summary(html`<credit-summary .dataSource=${source(heavy())} .now=${NOW} theme="dark"></credit-summary>`);
      expect(dark.getAttribute('level')).to.equal('warning');
      expect(getComputedStyle(dark).getPropertyValue('--_surface').trim()).to.equal('#161b22');
      await expect(dark).to.be.accessible();
    });

    it('passes axe in the empty and error states in the dark theme', async () => {
      const empty = new MemoryDataSource(smallOrg({ totalCredits: 0, workspaces: [{ id: 'p', name: 'Primary', kind: 'team', primary: true }] }));
      await expect(await summary(html`<credit-summary theme="dark" .dataSource=${empty} .now=${NOW}></credit-summary>`)).to.be.accessible();
      const failing: CreditDataSource = {
        getAccount: () => Promise.reject(new Error('Network down.')),
        getAllocation: () => Promise.reject(new Error('Network down.')),
        queryMembers: () => Promise.reject(new Error('Network down.')),
        queryUsage: () => Promise.reject(new Error('Network down.')),
      };
      const broken = await summary(html`<credit-summary theme="dark" .dataSource=${failing} .now=${NOW}></credit-summary>`);
      expect(broken.state).to.equal('error');
      await expect(broken).to.be.accessible();
    });

    it('follows the dashboard’s theme when it changes', async () => {
      const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${source(november())} .now=${NOW} theme="dark"><credit-summary></credit-summary></credit-dashboard>`);
      const el = dash.querySelector('credit-summary')!;
      await settled(el);
      expect(el.getAttribute('theme')).to.equal('dark');
      dash.theme = 'light';
      await dash.updateComplete;
      await el.updateComplete;
      expect(el.getAttribute('theme')).to.equal('light');
      expect(getComputedStyle(el).getPropertyValue('--_surface').trim()).to.equal('#ffffff');
      dash.theme = undefined;
      await dash.updateComplete;
      await el.updateComplete;
      expect(el.hasAttribute('theme')).to.equal(false);
      // Its own theme still wins.
      el.theme = 'dark';
      dash.theme = 'light';
      await dash.updateComplete;
      await el.updateComplete;
      expect(el.getAttribute('theme')).to.equal('dark');
    });
  });
});
