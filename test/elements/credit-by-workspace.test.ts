import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { Chart } from 'chart.js';
import type { TemplateResult } from 'lit';
import '../../src/index.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditByWorkspace } from '../../src/elements/credit-by-workspace/credit-by-workspace.js';
import type { CreditDashboard, WorkspaceSelectDetail } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import { ev, smallOrg, failingWhile, hangingSource } from '../data/fixtures.js';
import { chartPanel, clickChart, expectLoading, mountPanel, ready, retry, squash } from './fixtures/panel.js';

/** 2026-11-20 18:00 UTC; the default range is the billing month, 1–30 Nov. */
const NOW = Date.UTC(2026, 10, 20, 18);

/**
 * Five workspaces, November: Sales 500 (400 chat + 100 image), Research 300
 * (chat), Primary 200 (image), Legal 100 (chat), Design 50 (speech).
 * Total 1,150. October's 9,000 in Design is outside the range.
 */
function fiveWorkspaces(): MemoryDataSource {
  return new MemoryDataSource(
    smallOrg(
      {
        workspaces: [
          { id: 'p', name: 'Primary', kind: 'team', primary: true },
          { id: 'sales', name: 'Sales', kind: 'team', allocated: 1000 },
          { id: 'research', name: 'Research', kind: 'team', allocated: 1000 },
          { id: 'legal', name: 'Legal', kind: 'team', allocated: 1000 },
          { id: 'design', name: 'Design', kind: 'personal', allocated: 1000 },
        ],
      },
      [
        ev('2026-11-02T10:00:00Z', 400, 'm1', 'sales', 'chat'),
        ev('2026-11-03T10:00:00Z', 100, 'm2', 'sales', 'image'),
        ev('2026-11-04T10:00:00Z', 300, 'm1', 'research', 'chat'),
        ev('2026-11-05T10:00:00Z', 200, 'm2', 'p', 'image'),
        ev('2026-11-06T10:00:00Z', 100, 'm1', 'legal', 'chat'),
        ev('2026-11-07T10:00:00Z', 50, 'm3abcdefghij', 'design', 'speech'),
        ev('2026-10-07T10:00:00Z', 9000, 'm1', 'design', 'chat'),
      ],
    ),
  );
}

function harness(el: CreditByWorkspace) {
  const root = () => el.shadowRoot!;
  return {
    ...chartPanel(el),
    list: () => [...root().querySelectorAll('[part="list-item"]')].map((b) => squash(b.textContent)),
    buttons: () => [...root().querySelectorAll<HTMLButtonElement>('button[part="list-item"]')].map((b) => squash(b.querySelector('.name')!.textContent)),
    button: (name: string) => [...root().querySelectorAll<HTMLButtonElement>('button[part="list-item"]')].find((b) => squash(b.querySelector('.name')!.textContent) === name)!,
    pressed: () => [...root().querySelectorAll('[part="list-item"][aria-pressed="true"]')].map((b) => squash(b.querySelector('.name')!.textContent)),
  };
}

const panel = (template: TemplateResult) => mountPanel<CreditByWorkspace>(template);
const clickBar = (el: CreditByWorkspace, index: number) => clickChart(el, 0, index);

describe('credit-by-workspace', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));

  describe('data', () => {
    it('draws one horizontal bar per workspace, most credits first', async () => {
      const el = await panel(html`<credit-by-workspace .dataSource=${fiveWorkspaces()} .now=${NOW} locale="en-US"></credit-by-workspace>`);
      const p = harness(el);
      expect(p.title()).to.equal('Usage by workspace');
      const chart = p.chart();
      expect(chart.options.indexAxis).to.equal('y');
      expect(chart.data.labels).to.deep.equal(['Sales', 'Research', 'Primary', 'Legal', 'Design']);
      expect(chart.data.datasets[0].data).to.deep.equal([500, 300, 200, 100, 50]);
      expect(p.list()).to.deep.equal(['Sales 500 43.5%', 'Research 300 26.1%', 'Primary 200 17.4%', 'Legal 100 8.7%', 'Design 50 4.3%']);
      expect(p.summary()).to.equal('Credits by workspace, Nov 1 – 30, 2026: 1,150 credits in total; most in Sales with 500 credits (43.5%).');
      // The name is isolated from the sentence around it; the list isolates it in markup.
      expect(el.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.contain('most in \u2068Sales\u2069 with');
      expect(el.shadowRoot!.querySelector('[part="list-item"] .name')!.getAttribute('dir')).to.equal('auto');
    });

    it('mirrors in a right-to-left layout: bars grow from the right, names on the right', async () => {
      const ltr = await panel(html`<credit-by-workspace .dataSource=${fiveWorkspaces()} .now=${NOW} locale="en-US"></credit-by-workspace>`);
      expect(harness(ltr).chart().options.scales!.x!.reverse).to.equal(false);
      expect((harness(ltr).chart().options.scales!.y as { position?: unknown }).position).to.equal('left');

      const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl">
        <credit-by-workspace .dataSource=${fiveWorkspaces()} .now=${NOW} locale="ar-EG"></credit-by-workspace>
      </div>`);
      const el = wrapper.querySelector('credit-by-workspace')!;
      await ready(el);
      await el.updateComplete;
      const chart = harness(el).chart();
      expect(chart.options.scales!.x!.reverse).to.equal(true);
      expect((chart.options.scales!.y as { position?: unknown }).position).to.equal('right');
      expect(chart.options.plugins!.tooltip!.rtl).to.equal(true);
      // Zero is on the right: a bar's end lies left of its base, and the names sit right of the plot.
      const x = chart.scales.x;
      expect(x.getPixelForValue(0)).to.be.greaterThan(x.getPixelForValue(500));
      expect(chart.scales.y.left).to.be.greaterThan(x.left);
      // The axis labels are isolated, so an RTL or overriding name cannot spill over its neighbours.
      expect(chart.scales.y.ticks.map((t) => t.label)).to.deep.equal(['Sales', 'Research', 'Primary', 'Legal', 'Design'].map((n) => `\u2068${n}\u2069`));
    });

    it('keeps the top workspaces and sums the rest into Others, which cannot be selected', async () => {
      const el = await panel(html`<credit-by-workspace top="2" .dataSource=${fiveWorkspaces()} .now=${NOW} locale="en-US"></credit-by-workspace>`);
      const p = harness(el);
      expect(p.chart().data.labels).to.deep.equal(['Sales', 'Research', 'Others']);
      expect(p.chart().data.datasets[0].data).to.deep.equal([500, 300, 350]);
      expect(p.list()).to.deep.equal(['Sales 500 43.5%', 'Research 300 26.1%', 'Others 350 30.4%']);
      expect(p.buttons()).to.deep.equal(['Sales', 'Research']);
      // Others is grey (the theme's last series colour); the workspaces share the first.
      expect(p.chart().data.datasets[0].backgroundColor).to.deep.equal(['#4f46e5', '#4f46e5', '#64748b']);

      el.top = 8;
      await waitUntil(() => p.chart().data.labels!.length === 5, 'reloaded with top 8', { timeout: 5000 });
      expect(p.list()).to.have.length(5);
    });

    it('defaults to the top 8', async () => {
      const workspaces = [{ id: 'p', name: 'Primary', kind: 'team' as const, primary: true }];
      const events = [];
      for (let i = 1; i <= 10; i++) {
        workspaces.push({ id: `w${i}`, name: `Workspace ${i}`, kind: 'team', primary: false });
        events.push(ev('2026-11-02T10:00:00Z', 100 + i, 'm1', `w${i}`, 'chat'));
      }
      const el = await panel(html`<credit-by-workspace .dataSource=${new MemoryDataSource(smallOrg({ workspaces }, events))} .now=${NOW}></credit-by-workspace>`);
      const labels = harness(el).chart().data.labels;
      expect(labels).to.have.length(9);
      expect(labels![0]).to.equal('Workspace 10');
      expect(labels![8]).to.equal('Others');
      expect(harness(el).chart().data.datasets[0].data[8]).to.equal(101 + 102);
    });

    it('has a data table with the same numbers as the chart', async () => {
      const el = await panel(html`<credit-by-workspace top="3" .dataSource=${fiveWorkspaces()} .now=${NOW} locale="en-US"></credit-by-workspace>`);
      const p = harness(el);
      expect(p.headers()).to.deep.equal(['Workspace', 'Credits', 'Share']);
      expect(p.rows()).to.deep.equal([
        ['Sales', '500', '43.5%'],
        ['Research', '300', '26.1%'],
        ['Primary', '200', '17.4%'],
        ['Others', '150', '13%'],
      ]);
      expect(p.rows().map((r) => r[0])).to.deep.equal(p.chart().data.labels);
      expect(p.rows().map((r) => Number(r[1]))).to.deep.equal(p.chart().data.datasets[0].data);
    });

    it('converts to the display unit', async () => {
      const el = await panel(html`<credit-by-workspace top="1" unit="conversation" .dataSource=${fiveWorkspaces()} .now=${NOW} locale="en-US"></credit-by-workspace>`);
      expect(harness(el).chart().data.datasets[0].data).to.deep.equal([300_000, 390_000]);
      expect(harness(el).rows()).to.deep.equal([
        ['Sales', '300,000', '43.5%'],
        ['Others', '390,000', '56.5%'],
      ]);
      expect(harness(el).headers()[1]).to.equal('Conversations');
    });

    it('exports CSV with ids, names and credits', async () => {
      const el = await panel(html`<credit-by-workspace top="2" .dataSource=${fiveWorkspaces()} .now=${NOW}></credit-by-workspace>`);
      expect(el.export('csv')).to.equal(
        'start,end,workspace,label,credits,percent\r\n' +
          '2026-11-01,2026-11-30,sales,Sales,500,43.48\r\n' +
          '2026-11-01,2026-11-30,research,Research,300,26.09\r\n' +
          '2026-11-01,2026-11-30,__others__,Others,350,30.43\r\n',
      );
    });

    it('renders workspace names as text and protects the CSV against formulas', async () => {
      const source = new MemoryDataSource(
        smallOrg(
          {
            workspaces: [
              { id: 'p', name: '<img src=x onerror=alert(1)>', kind: 'team', primary: true },
              { id: 'f', name: '=HYPERLINK("http://x")', kind: 'team', allocated: 10 },
            ],
          },
          [ev('2026-11-02T10:00:00Z', 10, 'm1', 'p', 'chat'), ev('2026-11-02T10:00:00Z', 5, 'm1', 'f', 'chat')],
        ),
      );
      const el = await panel(html`<credit-by-workspace .dataSource=${source} .now=${NOW}></credit-by-workspace>`);
      expect(harness(el).buttons()).to.deep.equal(['<img src=x onerror=alert(1)>', '=HYPERLINK("http://x")']);
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect(el.export('csv')).to.contain(`2026-11-01,2026-11-30,f,"'=HYPERLINK(""http://x"")",5,33.33`);
    });
  });

  describe('selection', () => {
    it('fires workspace-select when a bar is clicked, and clears it on a second click', async () => {
      const el = await panel(html`<credit-by-workspace .dataSource=${fiveWorkspaces()} .now=${NOW}></credit-by-workspace>`);
      const p = harness(el);
      setTimeout(() => clickBar(el, 1));
      const first = (await oneEvent(el, 'workspace-select')) as CustomEvent<WorkspaceSelectDetail>;
      expect(first.detail).to.deep.equal({ workspaceId: 'research', label: 'Research' });
      await el.updateComplete;
      expect(p.pressed()).to.deep.equal(['Research']);
      expect(p.summary()).to.contain('Selected: Research.');
      const colours = p.chart().data.datasets[0].backgroundColor as string[];
      expect(colours[1]).to.equal('#4f46e5');
      expect(colours[0]).to.match(/^rgba\(.*0\.3\)$/);

      setTimeout(() => clickBar(el, 1));
      const second = (await oneEvent(el, 'workspace-select')) as CustomEvent<WorkspaceSelectDetail>;
      expect(second.detail).to.deep.equal({ workspaceId: null });
    });

    it('does not select Others when its bar is clicked', async () => {
      const el = await panel(html`<credit-by-workspace top="1" .dataSource=${fiveWorkspaces()} .now=${NOW}></credit-by-workspace>`);
      const events: unknown[] = [];
      el.addEventListener('workspace-select', (e) => events.push(e.detail));
      await clickBar(el, 1);
      await clickBar(el, 0);
      expect(events).to.deep.equal([{ workspaceId: 'sales', label: 'Sales' }]);
    });

    it('is keyboard operable through the list of workspaces', async () => {
      const el = await panel(html`<credit-by-workspace .dataSource=${fiveWorkspaces()} .now=${NOW}></credit-by-workspace>`);
      const p = harness(el);
      const events: (string | null)[] = [];
      el.addEventListener('workspace-select', (e) => events.push(e.detail.workspaceId));
      p.button('Sales').focus();
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(squash(el.shadowRoot!.activeElement?.querySelector('.name')?.textContent)).to.equal('Primary');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(p.button('Primary').getAttribute('aria-pressed')).to.equal('true');
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(events).to.deep.equal(['p', null]);
      expect(p.pressed()).to.deep.equal([]);
    });
  });

  describe('inside a dashboard', () => {
    it('selecting a workspace focuses the dashboard on it; this panel keeps every workspace and follows a reason focus', async () => {
      const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${fiveWorkspaces()} .now=${NOW} locale="en-US">
        <credit-by-workspace></credit-by-workspace>
        <credit-by-reason></credit-by-reason>
      </credit-dashboard>`);
      const el = dash.querySelector('credit-by-workspace')!;
      const byReason = dash.querySelector('credit-by-reason')!;
      await ready(el);
      await ready(byReason);
      const reasons = () => [...byReason.shadowRoot!.querySelectorAll('[part="legend-item"]')].map((b) => squash(b.textContent));
      expect(reasons()).to.deep.equal(['Chat 800 69.6%', 'Image 300 26.1%', 'Speech 50 4.3%']);

      harness(el).button('Sales').click();
      await waitUntil(() => reasons().length === 2, 'by-reason filtered to Sales', { timeout: 5000 });
      expect(dash.selection).to.deep.equal({ workspace: 'sales' });
      expect(reasons()).to.deep.equal(['Chat 400 80%', 'Image 100 20%']);
      await el.updateComplete;
      expect(harness(el).list()).to.have.length(5);
      expect(harness(el).pressed()).to.deep.equal(['Sales']);

      // A reason focus filters the workspaces.
      dash.selection = { reason: 'image' };
      await waitUntil(() => harness(el).list().length === 2, 'filtered to image', { timeout: 5000 });
      expect(harness(el).list()).to.deep.equal(['Primary 200 66.7%', 'Sales 100 33.3%']);
      expect(harness(el).summary()).to.contain('Filtered to Image.');
    });
  });

  describe('states', () => {
    it('is accessible while loading', async () => {
      const hanging = hangingSource();
      const el = await fixture<CreditByWorkspace>(html`<credit-by-workspace .dataSource=${hanging}></credit-by-workspace>`);
      expectLoading(el);
      await expect(el).to.be.accessible();
    });

    it('says so when the period has no usage, and is accessible', async () => {
      const el = await fixture<CreditByWorkspace>(html`<credit-by-workspace .dataSource=${new MemoryDataSource(smallOrg())} .now=${NOW}></credit-by-workspace>`);
      await ready(el, 'empty');
      expect(harness(el).message()).to.equal('No usage data for the selected period.');
      // Still titled, so a dashboard says which chart has nothing to show.
      expect(harness(el).title()).to.equal('Usage by workspace');
      await expect(el).to.be.accessible();
    });

    it('shows an error with Retry, and is accessible', async () => {
      const source = fiveWorkspaces();
      let fail = true;
      const flaky = failingWhile(source, 'queryUsage', () => fail, () => new Error('Usage service unavailable.'));
      const el = await fixture<CreditByWorkspace>(html`<credit-by-workspace .dataSource=${flaky} .now=${NOW}></credit-by-workspace>`);
      await ready(el, 'error');
      expect(harness(el).message()).to.contain('Usage service unavailable.');
      expect(harness(el).title()).to.equal('Usage by workspace');
      await expect(el).to.be.accessible();
      fail = false;
      await retry(el);
      expect(harness(el).list()).to.have.length(5);
    });

    it('is accessible with data and a selection, light and dark', async () => {
      for (const theme of ['light', 'dark'] as const) {
        const el = await panel(html`<credit-by-workspace top="2" theme=${theme} .dataSource=${fiveWorkspaces()} .now=${NOW}></credit-by-workspace>`);
        harness(el).button('Research').click();
        await el.updateComplete;
        await expect(el).to.be.accessible();
      }
    });

    it('reads its colours from the dark theme', async () => {
      const el = await panel(html`<credit-by-workspace top="1" theme="dark" .dataSource=${fiveWorkspaces()} .now=${NOW}></credit-by-workspace>`);
      expect(harness(el).chart().data.datasets[0].backgroundColor).to.deep.equal(['#818cf8', '#94a3b8']);
    });
  });

  describe('lifecycle', () => {
    it('does not animate under reduced motion', async () => {
      const el = await panel(html`<credit-by-workspace .dataSource=${fiveWorkspaces()} .now=${NOW}></credit-by-workspace>`);
      expect(harness(el).chart().options.animation).to.equal(false);
    });

    it('leaves no Chart.js instance behind when removed', async () => {
      const el = await panel(html`<credit-by-workspace .dataSource=${fiveWorkspaces()} .now=${NOW}></credit-by-workspace>`);
      expect(Object.keys(Chart.instances)).to.have.length(1);
      el.remove();
      expect(Object.keys(Chart.instances).length).to.equal(0);
    });
  });
});
