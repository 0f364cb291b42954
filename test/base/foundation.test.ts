import { aTimeout, expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { Chart } from 'chart.js';
import { html as litHtml } from 'lit';
import '../../src/index.js';
import { contrast } from '../wcag.js';
import { ChartPanel, type PanelTable } from '../../src/base/chart-panel.js';
import type { ChartTheme } from '../../src/base/chart-controller.js';
import type { LoadContext } from '../../src/base/credit-element.js';
import { defineElement } from '../../src/base/define.js';
import { defineCreditElements } from '../../src/register.js';
import { DataSourceError } from '../../src/data/errors.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDataSource, UsageQuery, UsageResult } from '../../src/data/types.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import type { CreditSummary } from '../../src/elements/credit-summary/credit-summary.js';
import type { RangePicker } from '../../src/elements/range-picker/range-picker.js';
import { ev, smallOrg } from '../data/fixtures.js';
import { DEFAULT_LAYOUT, ELEMENTS } from '../tags.js';

const NOW = Date.UTC(2026, 9, 10, 12); // 2026-10-10, in the middle of October's billing month

/** A small org with usage on 1–3 October: 100, 20, 3 credits. */
function source(): MemoryDataSource {
  return new MemoryDataSource(
    smallOrg({}, [ev('2026-10-01T10:00:00Z', 100), ev('2026-10-02T10:00:00Z', 20), ev('2026-10-03T10:00:00Z', 3)]),
  );
}

const settled = (el: Element) => waitUntil(() => ['ready', 'empty', 'error'].includes(el.getAttribute('state') ?? ''), `${el.localName} settled`, { timeout: 5000 });
const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

/** A chart panel as small as possible, for the base's own tests. */
class TestBars extends ChartPanel<{ rows: UsageResult['rows'] }> {
  loads = 0;
  protected override async load({ source, range, signal }: LoadContext) {
    this.loads++;
    return source.queryUsage({ start: range.start, end: range.end, granularity: 'day' }, signal);
  }
  protected override isEmpty(data: { rows: UsageResult['rows'] }) {
    return data.rows.length === 0;
  }
  protected override panelTitle() {
    return 'Test bars';
  }
  protected override chartConfig(data: { rows: UsageResult['rows'] }, theme: ChartTheme) {
    return {
      type: 'bar' as const,
      data: { labels: data.rows.map((r) => r.period), datasets: [{ label: 'Credits', data: data.rows.map((r) => r.credits), backgroundColor: theme.series[0] }] },
      options: { animation: false as const, responsive: true, maintainAspectRatio: false },
    };
  }
  protected override textSummary(data: { rows: UsageResult['rows'] }) {
    return `${data.rows.length} days`;
  }
  protected override table(data: { rows: UsageResult['rows'] }): PanelTable {
    return {
      columns: ['Day', 'Credits'],
      rows: data.rows.map((r) => [r.period, String(r.credits)]),
      raw: { header: ['date', 'credits'], rows: data.rows.map((r) => [r.period, r.credits]) },
    };
  }
  protected override exportName() {
    return 'test';
  }
  protected override exportRange() {
    return { start: '2026-10-01', end: '2026-10-31' };
  }
  /** The controller, for lifecycle assertions. */
  get controller() {
    return this.chart;
  }
}
customElements.define('test-bars', TestBars);

describe('context: the dashboard shares its inputs; an element’s own property wins', () => {
  it('gives panels inside it the data source, range and locale', async () => {
    const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${source()} .now=${NOW} range="2026-10-01/2026-10-02" locale="de-DE">
      <credit-summary></credit-summary>
    </credit-dashboard>`);
    const summary = dash.querySelector('credit-summary')!;
    await settled(summary);
    expect(summary.state).to.equal('ready');
    // 120 credits used in 1–2 Oct, in German number format.
    expect(text(summary)).to.contain('120 credits').and.contain('Used');
    expect(text(summary)).to.contain('9.877 credits'); // remaining, with the de-DE thousands separator
  });

  it('lets an element’s own range, locale and data source win over the dashboard’s', async () => {
    const other = new MemoryDataSource(smallOrg({}, [ev('2026-10-05T10:00:00Z', 7)]));
    const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${source()} .now=${NOW} range="2026-10-01/2026-10-02" locale="de-DE">
      <credit-summary range="2026-10-01/2026-10-03" locale="en-US"></credit-summary>
      <credit-summary .dataSource=${other} range="2026-10-05/2026-10-05"></credit-summary>
    </credit-dashboard>`);
    const [own, foreign] = dash.querySelectorAll('credit-summary');
    await settled(own);
    await settled(foreign);
    expect(text(own)).to.contain('123 credits').and.contain('10,000');
    expect(text(foreign)).to.contain('7 credits');
  });

  it('works outside a dashboard whether the data source is set before or after connecting', async () => {
    const before = document.createElement('credit-summary') as CreditSummary;
    before.dataSource = source();
    before.now = NOW;
    before.range = '2026-10-01/2026-10-03';
    const after = document.createElement('credit-summary') as CreditSummary;
    const host = await fixture(html`<div></div>`);
    host.append(before, after);
    await nextFrame();
    expect(text(after)).to.contain('No data source');
    after.now = NOW;
    after.range = '2026-10-01/2026-10-03';
    after.dataSource = source();
    await after.updateComplete;
    await settled(before);
    await settled(after);
    expect(text(before)).to.contain('123 credits');
    expect(text(after)).to.contain('123 credits');
  });

  it('follows the dashboard live: a new range reaches every panel', async () => {
    const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${source()} .now=${NOW} range="2026-10-01/2026-10-01">
      <credit-summary></credit-summary>
    </credit-dashboard>`);
    const summary = dash.querySelector('credit-summary')!;
    await settled(summary);
    expect(text(summary)).to.contain('100 credits');
    dash.range = '2026-10-02/2026-10-03';
    await waitUntil(() => text(summary).includes('23 credits'), 'summary shows the new range');
  });

  it('replaces strings from the dashboard and from the element', async () => {
    const empty = new MemoryDataSource(smallOrg({ totalCredits: 0, workspaces: [{ id: 'p', name: 'P', kind: 'team', primary: true }] }));
    const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${empty} .now=${NOW} .strings=${{ empty: 'Nichts verbraucht.' }}>
      <credit-summary></credit-summary>
      <credit-summary .strings=${{ empty: 'Own words.' }}></credit-summary>
    </credit-dashboard>`);
    const [a, b] = dash.querySelectorAll('credit-summary');
    await settled(a);
    await settled(b);
    expect(a.state).to.equal('empty');
    expect(text(a)).to.contain('Nichts verbraucht.');
    expect(text(b)).to.contain('Own words.');
  });
});

describe('loading: a newer request always wins', () => {
  /** Delays each usage answer until the test releases it. */
  function controlled(inner: CreditDataSource) {
    const pending: { query: UsageQuery; signal?: AbortSignal; release: () => void }[] = [];
    const wrapped: CreditDataSource = {
      getAccount: (s) => inner.getAccount(s),
      getAllocation: (s) => inner.getAllocation(s),
      queryMembers: (q, s) => inner.queryMembers(q, s),
      queryUsage: (query, signal) =>
        new Promise((resolve, reject) => {
          pending.push({ query, signal, release: () => inner.queryUsage(query).then(resolve, reject) });
        }),
    };
    return { wrapped, pending };
  }

  it('shows the second range when the first answer arrives last, and aborts the first request', async () => {
    const { wrapped, pending } = controlled(source());
    const el = await fixture<CreditSummary>(html`<credit-summary .dataSource=${wrapped} .now=${NOW} range="2026-10-01/2026-10-01"></credit-summary>`);
    await waitUntil(() => pending.length === 1);
    el.range = '2026-10-02/2026-10-03';
    await waitUntil(() => pending.length === 2);
    expect(pending[0].signal?.aborted).to.equal(true);
    expect(pending[1].signal?.aborted).to.equal(false);
    pending[1].release();
    await waitUntil(() => el.state === 'ready');
    pending[0].release(); // the stale answer lands last
    await aTimeout(50);
    expect(text(el)).to.contain('23 credits');
    expect(text(el)).not.to.contain('100 credits');
  });

  it('shows the adapter’s message with a Retry that works once the source recovers', async () => {
    let failing = true;
    const inner = source();
    const flaky: CreditDataSource = {
      getAccount: (s) => inner.getAccount(s),
      getAllocation: (s) => inner.getAllocation(s),
      queryMembers: (q, s) => inner.queryMembers(q, s),
      queryUsage: (q, s) => (failing ? Promise.reject(new DataSourceError('server', 'The usage service is down.')) : inner.queryUsage(q, s)),
    };
    const el = await fixture<CreditSummary>(html`<credit-summary .dataSource=${flaky} .now=${NOW} range="2026-10-01/2026-10-03"></credit-summary>`);
    await settled(el);
    expect(el.state).to.equal('error');
    expect(el.hasAttribute('loading')).to.equal(false);
    expect(text(el)).to.contain('The usage service is down.');
    await expect(el).to.be.accessible();
    failing = false;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]')!.click();
    await waitUntil(() => el.state === 'ready', 'ready after retry');
    expect(text(el)).to.contain('123 credits');
  });

  it('names a bad field of a host adapter’s answer in the panel', async () => {
    const inner = source();
    const broken: CreditDataSource = {
      getAccount: (s) => inner.getAccount(s),
      getAllocation: (s) => inner.getAllocation(s),
      queryMembers: (q, s) => inner.queryMembers(q, s),
      queryUsage: async () => ({ rows: [{ period: '2026-10-01', key: null, credits: '12a' as unknown as number }], labels: {}, refreshedAt: new Date().toISOString() }),
    };
    const el = await fixture<CreditSummary>(html`<credit-summary .dataSource=${broken} .now=${NOW} range="2026-10-01/2026-10-03"></credit-summary>`);
    await settled(el);
    expect(el.state).to.equal('error');
    expect(text(el)).to.contain('queryUsage: rows[0].credits must be a finite number ≥ 0, got "12a"');
  });

  it('reflects loading and state while a load is in flight', async () => {
    const { wrapped, pending } = controlled(source());
    const el = await fixture<CreditSummary>(html`<credit-summary .dataSource=${wrapped} .now=${NOW} range="2026-10-01/2026-10-01"></credit-summary>`);
    await waitUntil(() => pending.length === 1);
    expect(el.hasAttribute('loading')).to.equal(true);
    expect(el.getAttribute('state')).to.equal('loading');
    const skeleton = el.shadowRoot!.querySelector('[part=skeleton]');
    expect(skeleton?.getAttribute('role'), 'the skeleton is a status').to.equal('status');
    expect(skeleton?.getAttribute('aria-label'), 'what the skeleton announces').to.equal('Loading…');
    await expect(el).to.be.accessible();
    pending[0].release();
    await waitUntil(() => el.getAttribute('state') === 'ready');
    expect(el.hasAttribute('loading')).to.equal(false);
  });
});

describe('chart controller: one Chart.js instance per panel, for its lifetime in the document', () => {
  afterEach(() => expect(Object.keys(Chart.instances)).to.have.length(0));

  it('creates the chart once, updates it in place on new data, destroys it on removal and restores it on re-attach', async () => {
    const el = await fixture<TestBars>(html`<test-bars .dataSource=${source()} .now=${NOW} range="2026-10-01/2026-10-03"></test-bars>`);
    await settled(el);
    await nextFrame();
    expect(el.controller.created).to.equal(1);
    const chart = el.controller.chart!;
    expect(chart.data.datasets[0].data).to.deep.equal([100, 20, 3]);
    el.range = '2026-10-02/2026-10-03';
    await waitUntil(() => el.controller.chart?.data.datasets[0].data.length === 2, 'updated');
    expect(el.controller.created).to.equal(1);
    expect(el.controller.chart).to.equal(chart);
    const parent = el.parentElement!;
    el.remove();
    expect(el.controller.chart).to.equal(undefined);
    expect(Object.keys(Chart.instances)).to.have.length(0);
    parent.append(el);
    await waitUntil(() => el.controller.chart !== undefined, 're-created on re-attach');
    expect(el.controller.chart!.data.datasets[0].data).to.deep.equal([20, 3]);
    el.remove();
  });

  it('leaves no Chart.js instance after 100 mount/unmount cycles', async () => {
    const src = source();
    const host = await fixture<HTMLDivElement>(html`<div style="width:400px"></div>`);
    for (let i = 0; i < 100; i++) {
      const el = document.createElement('test-bars') as TestBars;
      el.dataSource = src;
      el.now = NOW;
      el.range = '2026-10-01/2026-10-03';
      host.append(el);
      if (i % 10 === 0) await settled(el).then(() => waitUntil(() => el.controller.chart !== undefined));
      el.remove();
    }
    await aTimeout(50);
    expect(Object.keys(Chart.instances)).to.have.length(0);
  });

  it('renders the data table alternative with the chart’s numbers, and exports them', async () => {
    const el = await fixture<TestBars>(html`<test-bars .dataSource=${source()} .now=${NOW} range="2026-10-01/2026-10-03"></test-bars>`);
    await settled(el);
    const cells = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
    expect(cells).to.deep.equal([['2026-10-01', '100'], ['2026-10-02', '20'], ['2026-10-03', '3']]);
    expect(el.shadowRoot!.querySelector('canvas')!.getAttribute('aria-label')).to.equal('3 days');
    expect(el.export('csv')).to.equal('date,credits\r\n2026-10-01,100\r\n2026-10-02,20\r\n2026-10-03,3\r\n');
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=table-toggle]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=table]')!.classList.contains('visually-hidden')).to.equal(false);
    await expect(el).to.be.accessible();
    el.remove();
  });
});

describe('registration', () => {
  it('registers every tag on import, and importing again does not throw', async () => {
    for (const tag of ELEMENTS) {
      expect(customElements.get(tag), tag).to.be.a('function');
      // A host creating the tag gets the element, not a plain HTMLElement.
      expect(document.createElement(tag).constructor, tag).to.equal(customElements.get(tag));
    }
    // A second copy of the library defines the same tags with other classes: no throw, the first wins.
    const first = customElements.get('credit-summary');
    expect(() => defineElement('credit-summary', class extends (first as typeof HTMLElement) {})).not.to.throw();
    expect(customElements.get('credit-summary')).to.equal(first);
    expect(() => defineCreditElements()).not.to.throw();
  });

  it('registers prefixed tags whose dashboard lays out prefixed panels', async () => {
    defineCreditElements({ prefix: 'acme' });
    defineCreditElements({ prefix: 'acme' }); // twice is fine
    for (const tag of ELEMENTS) expect(customElements.get(`acme-${tag}`), `acme-${tag}`).to.be.a('function');
    const dash = await fixture(litHtml`<acme-credit-dashboard .dataSource=${source()} .now=${NOW}></acme-credit-dashboard>`);
    await waitUntil(() => dash.shadowRoot!.querySelector('acme-credit-summary'), 'prefixed summary');
    // The prefixed panels work: the summary shows October's 123 credits, the picker its presets.
    const summary = dash.shadowRoot!.querySelector('acme-credit-summary')!;
    await settled(summary);
    expect(text(summary)).to.contain('123 credits');
    const picker = dash.shadowRoot!.querySelector('acme-range-picker');
    await waitUntil(() => picker?.shadowRoot?.querySelector('[data-preset="30d"]'), 'prefixed picker rendered');
    expect(picker!.shadowRoot!.querySelector('[data-preset="30d"]')!.textContent!.trim()).to.equal('Last 30 days');
    expect(dash.shadowRoot!.querySelector('credit-summary')).to.equal(null);
    expect(() => defineCreditElements({ prefix: 'Not OK!' })).to.throw(RangeError, 'prefix must be');
  });
});

describe('<credit-dashboard>', () => {
  it('lays out the default dashboard when it has no children, and none when it has', async () => {
    const bare = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${source()} .now=${NOW}></credit-dashboard>`);
    await waitUntil(() => bare.shadowRoot!.querySelector('credit-summary'));
    expect([...bare.shadowRoot!.querySelectorAll('[part=grid] > *')].map((p) => p.localName)).to.deep.equal(DEFAULT_LAYOUT);
    // What the dashboard says it lays out is what it lays out.
    expect(customElements.get('credit-dashboard')).to.have.property('defaultPanels').that.deep.equals(DEFAULT_LAYOUT);
    const filled = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${source()} .now=${NOW}><credit-summary></credit-summary></credit-dashboard>`);
    await nextFrame();
    expect(filled.shadowRoot!.querySelector('[part=grid]')).to.equal(null);
  });

  it('takes the range from its picker, and says when the data was updated', async () => {
    const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${source()} .now=${NOW} range="2026-10-01/2026-10-01"><credit-summary></credit-summary></credit-dashboard>`);
    const summary = dash.querySelector('credit-summary')!;
    await settled(summary);
    const picker = dash.shadowRoot!.querySelector<RangePicker>('range-picker')!;
    await waitUntil(() => picker.shadowRoot?.querySelector('[data-preset="30d"]'));
    picker.shadowRoot!.querySelector<HTMLButtonElement>('[data-preset="30d"]')!.click();
    expect(dash.range).to.equal('30d');
    await waitUntil(() => text(summary).includes('123 credits'), 'summary follows the picker');
    expect(dash.shadowRoot!.querySelector('[part=updated]')!.textContent).to.match(/^Updated /);
    await expect(dash).to.be.accessible();
  });

  it('refreshes every panel on refresh(), on the source’s change notifications and on its interval; stops when removed', async () => {
    const src = source();
    const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${src} .now=${NOW} range="2026-10-01/2026-10-31"><test-bars></test-bars></credit-dashboard>`);
    const bars = dash.querySelector<TestBars>('test-bars')!;
    await settled(bars);
    const loads = bars.loads;
    dash.refresh();
    await waitUntil(() => bars.loads === loads + 1, 'refresh reloads');
    src.addEvents([ev('2026-10-04T10:00:00Z', 9)]);
    await waitUntil(() => bars.controller.chart?.data.datasets[0].data.length === 4, 'a new event appears');
    dash.refreshInterval = 0.05;
    await waitUntil(() => bars.loads >= loads + 4, 'the interval reloads');
    dash.remove();
    const after = bars.loads;
    await aTimeout(200);
    expect(bars.loads).to.equal(after);
  });

  it('keeps the focus from day, workspace and reason events, shows it as chips that clear it', async () => {
    const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${source()} .now=${NOW}><credit-summary></credit-summary></credit-dashboard>`);
    const child = dash.querySelector('credit-summary')!;
    const changes: unknown[] = [];
    dash.addEventListener('selection-change', (e) => changes.push(e.detail));
    child.dispatchEvent(new CustomEvent('day-select', { detail: { date: '2026-10-02' }, bubbles: true, composed: true }));
    child.dispatchEvent(new CustomEvent('reason-select', { detail: { reasonId: 'chat', label: 'Chat' }, bubbles: true, composed: true }));
    await dash.updateComplete;
    expect(dash.selection).to.deep.equal({ day: '2026-10-02', reason: 'chat' });
    const chips = [...dash.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=chip]')];
    expect(chips.map((c) => c.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Day: Oct 2, 2026×', 'Reason: \u2068Chat\u2069×']);
    await expect(dash).to.be.accessible();
    chips[0].click();
    await dash.updateComplete;
    expect(dash.selection).to.deep.equal({ reason: 'chat' });
    expect(changes).to.deep.equal([{ day: '2026-10-02' }, { day: '2026-10-02', reason: 'chat' }, { reason: 'chat' }]);
  });

  it('forces its theme on every panel inside', async () => {
    const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${source()} .now=${NOW} theme="dark"><credit-summary></credit-summary></credit-dashboard>`);
    const summary = dash.querySelector('credit-summary')!;
    await settled(summary);
    expect(summary.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(summary).getPropertyValue('--_surface').trim()).to.equal('#161b22');
    await expect(summary).to.be.accessible();
  });
});

describe('theme tokens', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`every default series colour keeps 3:1 against the ${theme} surface (WCAG 1.4.11, non-text contrast)`, async () => {
      const el = await fixture<RangePicker>(html`<range-picker theme=${theme}></range-picker>`);
      const style = getComputedStyle(el);
      const token = (name: string) => style.getPropertyValue(name).trim();
      const surface = token('--_surface');
      expect(surface).to.match(/^#[0-9a-f]{6}$/i);
      for (let i = 1; i <= 8; i++) {
        const colour = token(`--_c${i}`);
        expect(colour, `--credit-color-${i}`).to.match(/^#[0-9a-f]{6}$/i);
        expect(contrast(colour, surface), `--credit-color-${i} ${colour} on ${surface}`).to.be.at.least(3);
      }
    });
  }
});
