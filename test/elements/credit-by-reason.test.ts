import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { Chart } from 'chart.js';
import type { TemplateResult } from 'lit';
import '../../src/index.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDataSource } from '../../src/data/types.js';
import type { CreditByReason } from '../../src/elements/credit-by-reason/credit-by-reason.js';
import type { CreditDashboard, ReasonSelectDetail } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import type { CreditTeamSplit } from '../../src/elements/credit-team-split/credit-team-split.js';
import { ev, smallOrg, failingWhile, hangingSource } from '../data/fixtures.js';
import { chartPanel, clickChart, expectLoading, mountPanel, ready, retry, squash } from './fixtures/panel.js';

/** 2026-11-20 18:00 UTC; the default range is the billing month, 1–30 Nov. */
const NOW = Date.UTC(2026, 10, 20, 18);

/**
 * November: chat 600 (a: 400, b: 200), image 200 (p), speech 0; October's
 * 1,000 chat lies outside the range. Workspaces p and a are team, b personal.
 */
function november(): MemoryDataSource {
  return new MemoryDataSource(
    smallOrg({}, [
      ev('2026-11-02T10:00:00Z', 400, 'm1', 'a', 'chat'),
      ev('2026-11-03T10:00:00Z', 200, 'm2', 'b', 'chat'),
      ev('2026-11-05T10:00:00Z', 200, 'm1', 'p', 'image'),
      ev('2026-10-20T10:00:00Z', 1000, 'm1', 'a', 'chat'),
    ]),
  );
}

/** What a person sees and does with one panel. */
function harness(el: CreditByReason) {
  const root = () => el.shadowRoot!;
  return {
    ...chartPanel(el),
    legend: () => [...root().querySelectorAll('[part="legend-item"]')].map((b) => squash(b.textContent)),
    legendButton: (label: string) => [...root().querySelectorAll<HTMLButtonElement>('[part="legend-item"]')].find((b) => squash(b.textContent).startsWith(label))!,
    pressed: () => [...root().querySelectorAll('[part="legend-item"][aria-pressed="true"]')].map((b) => squash(b.querySelector('.name')?.textContent)),
  };
}

const panel = (template: TemplateResult) => mountPanel<CreditByReason>(template);

describe('credit-by-reason', () => {
  // Interactions hit elements where they end up, not mid-animation.
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));

  describe('data', () => {
    it('shows each reason with usage, largest first, with its credits and share', async () => {
      const el = await panel(html`<credit-by-reason .dataSource=${november()} .now=${NOW} locale="en-US"></credit-by-reason>`);
      const p = harness(el);
      expect(p.title()).to.equal('Usage by reason');
      expect(p.legend()).to.deep.equal(['Chat 600 75%', 'Image 200 25%']);
      expect(p.summary()).to.equal('Credits by reason, Nov 1 – 30, 2026: 800 credits in total; most on Chat with 600 credits (75%).');
      const chart = p.chart();
      expect((chart.config as { type: string }).type).to.equal('doughnut');
      expect(chart.data.labels).to.deep.equal(['Chat', 'Image']);
      expect(chart.data.datasets[0].data).to.deep.equal([600, 200]);
    });

    it('gives each reason its colour by its place among the account reasons, from the theme', async () => {
      const el = await panel(html`<credit-by-reason .dataSource=${november()} .now=${NOW} style="--credit-color-1: #112233; --credit-color-2: #445566"></credit-by-reason>`);
      // chat is the account's first reason, image its second.
      expect(harness(el).chart().data.datasets[0].backgroundColor).to.deep.equal(['#112233', '#445566']);
    });

    it('has a data table with the same numbers as the chart', async () => {
      const el = await panel(html`<credit-by-reason .dataSource=${november()} .now=${NOW} locale="en-US"></credit-by-reason>`);
      const p = harness(el);
      expect(p.headers()).to.deep.equal(['Reason', 'Credits', 'Share']);
      expect(p.rows()).to.deep.equal([
        ['Chat', '600', '75%'],
        ['Image', '200', '25%'],
      ]);
      const values = p.chart().data.datasets[0].data as number[];
      expect(p.rows().map((r) => Number(r[1].replace(/,/g, '')))).to.deep.equal(values);
    });

    it('converts to the display unit and formats for the locale', async () => {
      const el = await panel(html`<credit-by-reason .dataSource=${november()} .now=${NOW} unit="conversation" locale="de-DE"></credit-by-reason>`);
      const p = harness(el);
      expect(p.chart().data.datasets[0].data).to.deep.equal([360_000, 120_000]);
      expect(p.headers()).to.deep.equal(['Reason', 'Conversations', 'Share']);
      expect(p.rows()[0]).to.deep.equal(['Chat', '360.000', '75 %']);
      expect(p.summary()).to.contain('480.000 conversations');
    });

    it('exports CSV and JSON with the range, keys, labels and amounts in the display unit', async () => {
      const el = await panel(html`<credit-by-reason .dataSource=${november()} .now=${NOW} locale="en-US"></credit-by-reason>`);
      expect(el.export('csv')).to.equal(
        'start,end,reason,label,credits,percent\r\n' + '2026-11-01,2026-11-30,chat,Chat,600,75\r\n' + '2026-11-01,2026-11-30,image,Image,200,25\r\n',
      );
      el.unit = 'conversation';
      await el.updateComplete;
      expect(JSON.parse(el.export('json'))).to.deep.equal([
        { start: '2026-11-01', end: '2026-11-30', reason: 'chat', label: 'Chat', conversation: 360000, percent: 75 },
        { start: '2026-11-01', end: '2026-11-30', reason: 'image', label: 'Image', conversation: 120000, percent: 25 },
      ]);
    });

    it('draws one stacked horizontal bar with variant="bar"', async () => {
      const el = await panel(html`<credit-by-reason variant="bar" .dataSource=${november()} .now=${NOW}></credit-by-reason>`);
      const chart = harness(el).chart();
      expect((chart.config as { type: string }).type).to.equal('bar');
      expect(chart.options.indexAxis).to.equal('y');
      expect(chart.data.labels).to.have.length(1);
      expect(chart.data.datasets.map((d) => [d.label, d.data])).to.deep.equal([
        ['Chat', [600]],
        ['Image', [200]],
      ]);
      expect(harness(el).legend()).to.deep.equal(['Chat 600 75%', 'Image 200 25%']);
    });

    it('switches between doughnut and bar on the same element without leaving a chart behind', async () => {
      const el = await panel(html`<credit-by-reason .dataSource=${november()} .now=${NOW}></credit-by-reason>`);
      el.variant = 'bar';
      await el.updateComplete;
      expect((harness(el).chart().config as { type: string }).type).to.equal('bar');
      expect(Object.keys(Chart.instances)).to.have.length(1);
    });
  });

  describe('selection', () => {
    it('fires reason-select when a segment is clicked, and clears it on a second click', async () => {
      const el = await panel(html`<credit-by-reason .dataSource=${november()} .now=${NOW}></credit-by-reason>`);
      const p = harness(el);
      setTimeout(() => clickChart(el, 0, 1));
      const first = (await oneEvent(el, 'reason-select')) as CustomEvent<ReasonSelectDetail>;
      expect(first.detail).to.deep.equal({ reasonId: 'image', label: 'Image' });
      expect(first.bubbles && first.composed).to.equal(true);
      await el.updateComplete;
      expect(p.pressed()).to.deep.equal(['Image']);
      expect(p.summary()).to.contain('Selected: Image.');
      // The others fade; the selected keeps its colour and stands out.
      const dataset = p.chart().data.datasets[0] as unknown as { backgroundColor: string[]; offset: number[] };
      expect(dataset.offset).to.deep.equal([0, 12]);
      expect(dataset.backgroundColor[0]).to.match(/^rgba\(.*0\.3\)$/);

      setTimeout(() => clickChart(el, 0, 1));
      const second = (await oneEvent(el, 'reason-select')) as CustomEvent<ReasonSelectDetail>;
      expect(second.detail).to.deep.equal({ reasonId: null });
      await el.updateComplete;
      expect(p.pressed()).to.deep.equal([]);
    });

    it('selects from the stacked bar too', async () => {
      const el = await panel(html`<credit-by-reason variant="bar" .dataSource=${november()} .now=${NOW}></credit-by-reason>`);
      setTimeout(() => clickChart(el, 0, 0));
      const event = (await oneEvent(el, 'reason-select')) as CustomEvent<ReasonSelectDetail>;
      expect(event.detail).to.deep.equal({ reasonId: 'chat', label: 'Chat' });
    });

    it('is keyboard operable through the legend buttons', async () => {
      const el = await panel(html`<credit-by-reason .dataSource=${november()} .now=${NOW}></credit-by-reason>`);
      const p = harness(el);
      const events: (string | null)[] = [];
      el.addEventListener('reason-select', (e) => events.push(e.detail.reasonId));
      p.legendButton('Chat').focus();
      await sendKeys({ press: 'Tab' });
      expect(squash(el.shadowRoot!.activeElement?.textContent)).to.equal('Image 200 25%');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(p.pressed()).to.deep.equal(['Image']);
      expect(p.legendButton('Image').getAttribute('aria-pressed')).to.equal('true');
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(events).to.deep.equal(['image', null]);
      expect(p.pressed()).to.deep.equal([]);
    });
  });

  describe('inside a dashboard', () => {
    async function dashboard(source: CreditDataSource) {
      const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${source} .now=${NOW} locale="en-US">
        <credit-by-reason></credit-by-reason>
        <credit-team-split></credit-team-split>
      </credit-dashboard>`);
      const byReason = dash.querySelector('credit-by-reason')!;
      const split = dash.querySelector('credit-team-split')!;
      await ready(byReason);
      await ready(split);
      return { dash, byReason, split };
    }

    const splitLegend = (split: CreditTeamSplit) => [...split.shadowRoot!.querySelectorAll('[part="legend"] li')].map((li) => squash(li.textContent));

    it('selecting a reason filters the team split in the same dashboard; this panel still shows every reason', async () => {
      const { dash, byReason, split } = await dashboard(november());
      expect(splitLegend(split)).to.deep.equal(['Team 600 75%', 'Personal 200 25%']);

      harness(byReason).legendButton('Chat').click();
      await waitUntil(() => splitLegend(split)[0] === 'Team 400 66.7%', 'team split filtered to chat', { timeout: 5000 });
      expect(dash.selection).to.deep.equal({ reason: 'chat' });
      expect(splitLegend(split)).to.deep.equal(['Team 400 66.7%', 'Personal 200 33.3%']);
      expect(squash(split.shadowRoot!.querySelector('[part="summary"]')!.textContent)).to.contain('Filtered to Chat.');
      // The chip the dashboard shows carries the label the panel sent.
      expect(squash(dash.shadowRoot!.querySelector('[part="chip"]')!.textContent)).to.contain('Reason: Chat');

      await byReason.updateComplete;
      expect(harness(byReason).legend()).to.deep.equal(['Chat 600 75%', 'Image 200 25%']);
      expect(harness(byReason).pressed()).to.deep.equal(['Chat']);

      // Selecting it again clears the focus everywhere.
      harness(byReason).legendButton('Chat').click();
      await waitUntil(() => splitLegend(split)[0] === 'Team 600 75%', 'team split unfiltered', { timeout: 5000 });
      expect(dash.selection).to.deep.equal({});
      await byReason.updateComplete;
      expect(harness(byReason).pressed()).to.deep.equal([]);
    });

    it('follows the dashboard focus on a workspace as a filter, and highlights a reason focused from outside', async () => {
      const { dash, byReason } = await dashboard(november());
      dash.selection = { workspace: 'a' };
      await waitUntil(() => harness(byReason).legend().length === 1, 'filtered to workspace a', { timeout: 5000 });
      expect(harness(byReason).legend()).to.deep.equal(['Chat 400 100%']);
      expect(harness(byReason).summary()).to.contain('Filtered to Workspace A.');

      dash.selection = { reason: 'image' };
      await waitUntil(() => harness(byReason).legend().length === 2, 'unfiltered again', { timeout: 5000 });
      await byReason.updateComplete;
      expect(harness(byReason).pressed()).to.deep.equal(['Image']);
    });
  });

  describe('states', () => {
    it('shows a skeleton while loading, and is accessible', async () => {
      const hanging = hangingSource();
      const el = await fixture<CreditByReason>(html`<credit-by-reason .dataSource=${hanging}></credit-by-reason>`);
      expectLoading(el);
      await expect(el).to.be.accessible();
    });

    it('says there is no usage in an empty period, and is accessible', async () => {
      const el = await fixture<CreditByReason>(html`<credit-by-reason .dataSource=${new MemoryDataSource(smallOrg())} .now=${NOW}></credit-by-reason>`);
      await ready(el, 'empty');
      expect(harness(el).message()).to.equal('No usage data for the selected period.');
      // Still titled, so a dashboard says which chart has nothing to show.
      expect(harness(el).title()).to.equal('Usage by reason');
      expect(el.shadowRoot!.querySelector('canvas')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('shows the error with a Retry that loads again, and is accessible', async () => {
      const source = november();
      let fail = true;
      const flaky = failingWhile(source, 'queryUsage', () => fail, () => new Error('Usage service unavailable.'));
      const el = await fixture<CreditByReason>(html`<credit-by-reason .dataSource=${flaky} .now=${NOW}></credit-by-reason>`);
      await ready(el, 'error');
      expect(harness(el).message()).to.contain('Usage service unavailable.');
      expect(harness(el).title()).to.equal('Usage by reason');
      await expect(el).to.be.accessible();
      fail = false;
      await retry(el);
      expect(harness(el).legend()).to.deep.equal(['Chat 600 75%', 'Image 200 25%']);
    });

    it('is accessible with data, light and dark, doughnut and bar', async () => {
      for (const variant of ['doughnut', 'bar'] as const) {
        for (const theme of ['light', 'dark'] as const) {
          const el = await panel(html`<credit-by-reason variant=${variant} theme=${theme} .dataSource=${november()} .now=${NOW}></credit-by-reason>`);
          harness(el).legendButton('Chat').click();
          await el.updateComplete;
          await expect(el).to.be.accessible();
        }
      }
    });

    it('reads its colours from the dark theme', async () => {
      const el = await panel(html`<credit-by-reason theme="dark" .dataSource=${november()} .now=${NOW}></credit-by-reason>`);
      expect(harness(el).chart().data.datasets[0].backgroundColor).to.deep.equal(['#818cf8', '#38bdf8']);
    });
  });

  describe('lifecycle', () => {
    it('animates only without reduced motion', async () => {
      const still = await panel(html`<credit-by-reason .dataSource=${november()} .now=${NOW}></credit-by-reason>`);
      expect(harness(still).chart().options.animation).to.equal(false);
      await emulateMedia({ reducedMotion: 'no-preference' });
      try {
        const moving = await panel(html`<credit-by-reason .dataSource=${november()} .now=${NOW}></credit-by-reason>`);
        expect(harness(moving).chart().options.animation).to.not.equal(false);
      } finally {
        await emulateMedia({ reducedMotion: 'reduce' });
      }
    });

    it('leaves no Chart.js instance behind when removed', async () => {
      const el = await panel(html`<credit-by-reason .dataSource=${november()} .now=${NOW}></credit-by-reason>`);
      expect(Object.keys(Chart.instances)).to.have.length(1);
      el.remove();
      expect(Object.keys(Chart.instances).length).to.equal(0);
    });
  });
});
