/**
 * Names, emails, workspace names and reason labels are data, never markup:
 * HTML, `<script>`, SVG, bidi overrides and 10,000-character names are shown
 * as text, nothing is injected or run, the layout holds, and CSV exports
 * neutralise spreadsheet formulas.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { ChartPanel } from '../../src/base/chart-panel.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import type { MemberUsageTable } from '../../src/elements/member-usage-table/member-usage-table.js';
import { account, ev } from '../data/fixtures.js';
import { NOW, RANGE, shadowText, stateOf, watchWindow } from './helpers.js';

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=2</script>';
const SVG = '<svg onload=window.__pwned=3><circle r=9></circle></svg>';
const BIDI = '\u202Egnp.exe Mallory';
const LONG = 'L'.repeat(10_000);
const LONG_WORDS = 'word '.repeat(2_000).trim();
const FORMULA = '=HYPERLINK("http://x")';

declare global {
  interface Window {
    __pwned?: number;
  }
}

function hostileSource(): MemoryDataSource {
  const day = (d: number) => `2026-10-0${d}T10:00:00Z`;
  return new MemoryDataSource({
    account: account({
      name: `${SCRIPT} Org`,
      reasons: [
        { id: 'chat', label: SCRIPT },
        { id: 'image', label: FORMULA },
        { id: 'speech', label: LONG },
        { id: 'ocr', label: BIDI },
      ],
    }),
    members: [
      { id: 'm1', email: `${IMG}@example.com`, name: IMG },
      { id: 'm2', name: FORMULA },
      { id: 'm3', name: LONG },
      { id: 'm4', name: BIDI, email: 'bidi@example.com' },
      { id: 'm5', name: SVG },
      { id: 'm6', name: LONG_WORDS },
    ],
    workspaces: [
      { id: 'p', name: SVG, kind: 'team', primary: true },
      { id: 'a', name: FORMULA, kind: 'team', allocated: 2000 },
      { id: 'b', name: LONG, kind: 'personal', allocated: 3000 },
      { id: 'c', name: IMG, kind: 'personal', allocated: 1000 },
      { id: 'd', name: BIDI, kind: 'team', allocated: 500 },
    ],
    events: [
      ev(day(1), 100, 'm1', 'a', 'chat'),
      ev(day(1), 90, 'm2', 'b', 'image'),
      ev(day(2), 80, 'm3', 'p', 'speech'),
      ev(day(2), 70, 'm4', 'c', 'ocr'),
      ev(day(3), 60, 'm5', 'd', 'chat'),
      ev(day(4), 50, 'm6', 'a', 'image'),
    ],
    totalCredits: 10_000,
  });
}

/** Every shadow root under `root`, recursively. */
function shadowRoots(root: ParentNode): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) found.push(el.shadowRoot, ...shadowRoots(el.shadowRoot));
  }
  return found;
}

/** Elements a hostile string would have created if it had been parsed as markup. */
function injected(root: ParentNode): string[] {
  const bad: string[] = [];
  for (const scope of [root, ...shadowRoots(root)]) {
    for (const el of scope.querySelectorAll('*')) {
      const tag = el.localName;
      if (tag === 'script' || tag === 'img' || tag === 'circle' || (tag === 'svg' && el.getAttribute('onload') !== null)) bad.push(tag);
      for (const attr of el.getAttributeNames()) if (attr.startsWith('on')) bad.push(`${tag}[${attr}]`);
    }
  }
  return bad;
}

/** The CSV fields of a document (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function csvFields(csv: string): string[] {
  const fields: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n|$)/g;
  for (let m = re.exec(csv); m && m.index < csv.length; m = re.exec(csv)) {
    const raw = m[1];
    fields.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (m[0] === '') re.lastIndex++;
  }
  return fields;
}

/** No CSV field starts with a character a spreadsheet reads as a formula; the formula name is there, escaped. */
function expectNeutralised(csv: string, what: string): void {
  const fields = csvFields(csv);
  const dangerous = fields.filter((f) => /^[=+\-@\t\r]/.test(f) && !/^-?\d/.test(f));
  expect(dangerous, `${what}: fields a spreadsheet would run`).to.deep.equal([]);
  expect(fields, `${what} holds the name as text`).to.include(`'${FORMULA}`);
}

describe('hostile strings', function () {
  this.timeout(30_000);
  let watch: ReturnType<typeof watchWindow>;
  beforeEach(() => {
    delete window.__pwned;
    watch = watchWindow();
  });
  afterEach(() => watch.stop());

  it('are shown as text in the whole dashboard and in grouped charts; nothing is injected or run; the layout holds', async () => {
    const source = hostileSource();
    const box = await fixture<HTMLDivElement>(html`<div style="width: 720px">
      <credit-dashboard .dataSource=${source} .now=${NOW} range=${RANGE} locale="en-US"></credit-dashboard>
      <credit-daily-chart .dataSource=${source} .now=${NOW} range=${RANGE} group-by="member"></credit-daily-chart>
      <credit-daily-chart .dataSource=${source} .now=${NOW} range=${RANGE} group-by="workspace"></credit-daily-chart>
      <credit-daily-chart .dataSource=${source} .now=${NOW} range=${RANGE} group-by="reason"></credit-daily-chart>
    </div>`);
    const dash = box.querySelector<CreditDashboard>('credit-dashboard')!;
    await waitUntil(() => dash.shadowRoot!.querySelectorAll('[state]').length === 8, 'default layout');
    const panels = [...dash.shadowRoot!.querySelectorAll('[state]'), ...box.querySelectorAll('credit-daily-chart')];
    await waitUntil(() => panels.every((p) => stateOf(p) === 'ready'), `every panel ready: ${panels.map((p) => `${p.localName}=${stateOf(p)}`).join(' ')}`, {
      timeout: 10_000,
    });
    // Shown as text where a person reads them (checked by inclusion: the long names would flood a diff).
    const byTag = (tag: string) => dash.shadowRoot!.querySelector(tag)!;
    const shows = (el: Element, names: string[]) => {
      const text = shadowText(el);
      for (const name of names) expect(text.includes(name), `${el.localName} shows ${JSON.stringify(name.slice(0, 40))} as text`).to.equal(true);
    };
    shows(dash, [SCRIPT]);
    shows(byTag('workspace-allocation-table'), [SVG, FORMULA, LONG, BIDI, IMG]);
    shows(byTag('member-usage-table'), [IMG, FORMULA, SVG, BIDI, LONG, LONG_WORDS]);
    shows(byTag('credit-by-reason'), [SCRIPT, FORMULA, BIDI]);
    shows(byTag('credit-by-workspace'), [IMG, FORMULA]);

    // Focus a hostile workspace: the dashboard's chip shows its name, the panels reload with it.
    byTag('credit-by-workspace').dispatchEvent(
      new CustomEvent('workspace-select', { detail: { workspaceId: 'c', label: IMG }, bubbles: true, composed: true }),
    );
    await waitUntil(() => panels.every((p) => stateOf(p) === 'ready' && !p.hasAttribute('loading')), 'reloaded for the focus', { timeout: 10_000 });
    expect(dash.shadowRoot!.querySelector('[part="chip"]')?.textContent).to.contain(IMG);
    await aTimeout(200);

    expect(window.__pwned, 'no handler ran').to.equal(undefined);
    expect(injected(box), 'no element created from a name').to.deep.equal([]);
    // The page's own scripts (the test runner's) are there; none came from a name.
    expect([...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__pwned'))).to.deep.equal([]);

    // Layout: no panel is wider than the box it sits in.
    const limit = box.getBoundingClientRect().right + 3;
    expect(dash.getBoundingClientRect().right, 'the dashboard stays within its container').to.be.at.most(limit);
    for (const p of panels) {
      expect(p.getBoundingClientRect().right, `${p.localName} stays within its container`).to.be.at.most(limit);
      const card = p.shadowRoot!.querySelector('[part~="panel"]');
      expect(card, `${p.localName}'s card`).to.not.equal(null);
      expect(card!.getBoundingClientRect().right, `${p.localName}'s card`).to.be.at.most(limit);
    }
    expect(document.documentElement.scrollWidth, 'the page does not scroll sideways').to.be.at.most(window.innerWidth + 3);
    expect(watch.seen).to.deep.equal([]);
  });

  it('are neutralised in CSV exports: the member table and the charts', async () => {
    const source = hostileSource();
    const box = await fixture<HTMLDivElement>(html`<div style="width: 720px">
      <member-usage-table .dataSource=${source} .now=${NOW} range=${RANGE}></member-usage-table>
      <credit-by-workspace .dataSource=${source} .now=${NOW} range=${RANGE}></credit-by-workspace>
      <credit-by-reason .dataSource=${source} .now=${NOW} range=${RANGE}></credit-by-reason>
      <credit-daily-chart .dataSource=${source} .now=${NOW} range=${RANGE} group-by="member"></credit-daily-chart>
      <credit-daily-chart .dataSource=${source} .now=${NOW} range=${RANGE} group-by="reason" top="8"></credit-daily-chart>
    </div>`);
    const all = [...box.children];
    await waitUntil(() => all.every((p) => stateOf(p) === 'ready'), 'ready', { timeout: 10_000 });

    const table = box.querySelector<MemberUsageTable>('member-usage-table')!;
    expectNeutralised(await table.exportData('csv'), 'member table CSV');
    const charts = [...box.querySelectorAll<ChartPanel<unknown> & Element>('credit-by-workspace, credit-by-reason, credit-daily-chart')];
    expect(charts, 'the four charts').to.have.length(4);
    for (const chart of charts) expectNeutralised(chart.export('csv'), `${chart.localName}${chart.getAttribute('group-by') ? ` by ${chart.getAttribute('group-by')}` : ''} CSV`);
    // JSON keeps the names as they are: it is data, not a spreadsheet.
    expect(JSON.parse(await table.exportData('json')).map((r: { name: string }) => r.name)).to.include(FORMULA);
    expect(watch.seen).to.deep.equal([]);
  });

  it('are isolated inside sentences, so a right-to-left override cannot reverse the text after them; exports keep them raw', async () => {
    // The override's workspace, reason and member are the largest, so each panel's sentence names them.
    const day = (d: number) => `2026-10-0${d}T10:00:00Z`;
    const source = new MemoryDataSource({
      account: account({ reasons: [{ id: 'chat', label: 'Chat' }, { id: 'ocr', label: BIDI }] }),
      members: [
        { id: 'm1', name: BIDI },
        { id: 'm2', name: 'Ben' },
      ],
      workspaces: [
        { id: 'p', name: 'Primary', kind: 'team', primary: true },
        { id: 'd', name: BIDI, kind: 'team', allocated: 500 },
      ],
      events: [ev(day(1), 90, 'm1', 'd', 'ocr'), ev(day(2), 10, 'm2', 'p', 'chat')],
      totalCredits: 10_000,
    });
    const box = await fixture<HTMLDivElement>(html`<div>
      <credit-by-workspace .dataSource=${source} .now=${NOW} range=${RANGE} locale="en-US"></credit-by-workspace>
      <credit-by-reason .dataSource=${source} .now=${NOW} range=${RANGE} locale="en-US"></credit-by-reason>
      <credit-daily-chart .dataSource=${source} .now=${NOW} range=${RANGE} locale="en-US" group-by="member"></credit-daily-chart>
    </div>`);
    const all = [...box.querySelectorAll<ChartPanel<unknown> & Element>('credit-by-workspace, credit-by-reason, credit-daily-chart')];
    expect(all, 'the three charts').to.have.length(3);
    await waitUntil(() => all.every((p) => stateOf(p) === 'ready'), 'ready', { timeout: 10_000 });
    const summary = (tag: string) => box.querySelector(tag)!.shadowRoot!.querySelector('[part="summary"]')!.textContent!;
    const isolated = `\u2068${BIDI}\u2069`;
    // The name sits in an isolate; what follows it is outside, in the sentence's own direction.
    expect(summary('credit-by-workspace')).to.contain(`most in ${isolated} with 90 credits (90%).`);
    expect(summary('credit-by-reason')).to.contain(`most on ${isolated} with 90 credits (90%).`);
    expect(summary('credit-daily-chart')).to.contain(`Largest: ${isolated} with 90.`);
    // The override is closed with the isolate: every U+202E is followed by a U+2069 before the sentence goes on.
    for (const tag of ['credit-by-workspace', 'credit-by-reason', 'credit-daily-chart']) {
      const text = summary(tag);
      expect(text.split('\u202E').length - 1, `${tag}: one override`).to.equal(1);
      expect(text.indexOf('\u2069', text.indexOf('\u202E')), `${tag}: the override is inside an isolate`).to.be.greaterThan(text.indexOf('\u202E'));
    }
    // Exports carry the raw names: no isolates in CSV or JSON.
    for (const panel of all) {
      for (const format of ['csv', 'json'] as const) {
        const out = panel.export(format);
        expect(out, `${panel.localName} ${format} holds the raw name`).to.contain(format === 'csv' ? BIDI : JSON.stringify(BIDI).slice(1, -1));
        expect(/[\u2068\u2069]/.test(out), `${panel.localName} ${format} has no isolates`).to.equal(false);
      }
    }
    expect(watch.seen).to.deep.equal([]);
  });
});
