import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import '../../src/index.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import { parseLimit, type MemberUsageTable } from '../../src/elements/member-usage-table/member-usage-table.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDataSource, Member, MemberPage, MemberQuery, UsageEvent } from '../../src/data/types.js';
import { account, ev, readOnly, smallOrg } from '../data/fixtures.js';

const NOW = Date.UTC(2026, 10, 20, 12);
const RANGE = '2026-11-01/2026-11-20';

/**
 * ana (m1): 120.5 credits, peak 100, no limit.
 * Ben (m2): 80 credits, peak 70 on Nov 5, limit 50 → 140 %, over.
 * m3abcdefghij (id only): 5 credits, limit 10 → 50 %.
 * An October event of ana's lies outside the range.
 */
const MEMBERS: Member[] = [
  { id: 'm1', email: 'ana@example.com', name: 'Ana' },
  { id: 'm2', name: 'Ben', dailyLimit: 50 },
  { id: 'm3abcdefghij', dailyLimit: 10 },
];
const EVENTS: UsageEvent[] = [
  ev('2026-10-25T10:00:00Z', 1000, 'm1', 'a', 'chat'),
  ev('2026-11-02T10:00:00Z', 100, 'm1', 'a', 'chat'),
  ev('2026-11-03T10:00:00Z', 20.5, 'm1', 'a', 'image'),
  ev('2026-11-05T09:00:00Z', 30, 'm2', 'b', 'chat'),
  ev('2026-11-05T11:00:00Z', 40, 'm2', 'b', 'speech'),
  ev('2026-11-06T11:00:00Z', 10, 'm2', 'b', 'image'),
  ev('2026-11-10T11:00:00Z', 5, 'm3abcdefghij', 'a', 'chat'),
];

function memory(members: Member[] = MEMBERS, events: UsageEvent[] = EVENTS, role: 'admin' | 'member' = 'admin'): MemoryDataSource {
  return new MemoryDataSource(smallOrg({ members, account: account({ role }) }, events));
}

/** A source that records every member query, and can hold or fail them. */
class SpySource implements CreditDataSource {
  readonly calls: MemberQuery[] = [];
  readonly limits: [string, number | null][] = [];
  /** Return a promise to hold a query until it settles; throw to fail it. */
  gate?: (query: MemberQuery) => Promise<void> | void;

  constructor(readonly inner: MemoryDataSource) {}

  getAccount(signal?: AbortSignal) {
    return this.inner.getAccount(signal);
  }
  queryUsage(...args: Parameters<MemoryDataSource['queryUsage']>) {
    return this.inner.queryUsage(...args);
  }
  getAllocation(signal?: AbortSignal) {
    return this.inner.getAllocation(signal);
  }
  async queryMembers(query: MemberQuery, signal?: AbortSignal): Promise<MemberPage> {
    this.calls.push(structuredClone(query));
    await this.gate?.(query);
    return this.inner.queryMembers(query, signal);
  }
  setMemberLimit(memberId: string, limit: number | null, signal?: AbortSignal) {
    this.limits.push([memberId, limit]);
    return this.inner.setMemberLimit(memberId, limit, signal);
  }
  subscribe(onChange: () => void) {
    return this.inner.subscribe(onChange);
  }
}

const settled = (el: MemberUsageTable) => ['ready', 'empty', 'error'].includes(el.state) && !el.loading;

/** A table on the source, with attributes set before it connects; resolves once it has settled. */
async function table(source: CreditDataSource, attrs: Record<string, string> = {}): Promise<MemberUsageTable> {
  const made = document.createElement('member-usage-table');
  made.dataSource = source;
  made.now = NOW;
  made.setAttribute('range', RANGE);
  for (const [name, value] of Object.entries(attrs)) made.setAttribute(name, value);
  const el = await fixture<MemberUsageTable>(html`${made}`);
  await waitUntil(() => settled(el), 'table settled', { timeout: 5000 });
  await el.updateComplete;
  return el;
}

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector as string)!;
const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];

/** Text as a screen reader reads it: without aria-hidden parts, whitespace collapsed. */
function spoken(node: Element): string {
  const clone = node.cloneNode(true) as Element;
  clone.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The body rows as cell texts. */
const rows = (el: Element) => $$(el, 'tbody tr').map((tr) => [...tr.children].map(spoken));
const labels = (el: Element) => rows(el).map((r) => r[0]);
const header = (el: Element, name: string) => $$(el, 'thead th').find((th) => spoken(th) === name)!;
const rowOf = (el: Element, label: string) => $$(el, 'tbody tr').find((tr) => spoken(tr.children[0]) === label)!;
const lastCall = (source: SpySource) => source.calls[source.calls.length - 1];

/** Waits until the virtualized rows are laid out: some rendered, and the scroll area as tall as all of them. */
async function laidOut(el: MemberUsageTable): Promise<HTMLElement> {
  const grid = () => $<HTMLElement>(el, '[role="table"]');
  await waitUntil(
    () => $$(el, '.rows [role="row"]').length > 0 && grid().scrollHeight > 2 * grid().clientHeight,
    'rows laid out',
    { timeout: 5000 },
  );
  return grid();
}

/** Scrolls to the end, again on every check (as a reader holding End would), until `done`. */
const scrollToEndUntil = (grid: HTMLElement, done: () => boolean, message: string) =>
  waitUntil(
    () => {
      grid.scrollTop = grid.scrollHeight;
      return done();
    },
    message,
    { timeout: 3000 },
  );

describe('member-usage-table', () => {
  describe('rows', () => {
    it('shows one row per member with usage in the range, highest total first, with credits by reason', async () => {
      const source = new SpySource(memory());
      const el = await table(source);
      expect(rows(el)).to.deep.equal([
        ['ana@example.com', '100', '20.5', '0', '120.5', '100', 'No limit', '—'],
        ['Ben', '30', '10', '40', '80', '70', '50', '140% Over limit'],
        ['#m3abcdef', '5', '0', '0', '5', '5', '10', '50%'],
      ]);
      expect($$(el, 'thead th').map(spoken)).to.deep.equal(['Member', 'Chat', 'Image', 'Speech', 'Total', 'Peak day', 'Daily limit', '% of limit']);
      expect(source.calls[0]).to.deep.equal({ start: '2026-11-01', end: '2026-11-20', sort: 'total', direction: 'desc', offset: 0, limit: 200 });
      expect(header(el, 'Total').getAttribute('aria-sort')).to.equal('descending');
      expect($(el, '.sub').textContent).to.contain('3 members').and.contain('Amounts in credits');
    });

    it('labels members by email, else name, else a short id, and keeps the rest in the tooltip', async () => {
      const el = await table(memory());
      expect(labels(el)).to.deep.equal(['ana@example.com', 'Ben', '#m3abcdef']);
      expect(rowOf(el, 'ana@example.com').children[0].getAttribute('title')).to.equal('ana@example.com · Ana · m1');
    });

    it('shows the peak day as a share of the daily limit, and says "Over limit" in words and colour past it', async () => {
      const el = await table(memory());
      const ben = rowOf(el, 'Ben');
      const percent = ben.querySelector('td.percent')!;
      expect(spoken(percent)).to.equal('140% Over limit');
      expect(percent.querySelector('.badge')!.textContent).to.equal('Over limit');
      expect(getComputedStyle(percent).color).to.not.equal(getComputedStyle(rowOf(el, '#m3abcdef').querySelector('td.percent')!).color);
      expect(ben.classList.contains('over-limit')).to.be.true;
      const small = rowOf(el, '#m3abcdef');
      expect(spoken(small.querySelector('td.percent')!)).to.equal('50%');
      expect(small.classList.contains('over-limit')).to.be.false;
      expect(small.querySelector('.badge')).to.equal(null);
    });

    it('formats amounts in the display unit and the locale', async () => {
      const el = await table(memory(), { unit: 'conversation', locale: 'de-DE' });
      await waitUntil(() => labels(el).length === 3 && rows(el)[0][4] === '72.300', 'converted', { timeout: 3000 });
      expect(rows(el)[0].slice(1, 6)).to.deep.equal(['60.000', '12.300', '0', '72.300', '60.000']);
      expect(rows(el)[1][6]).to.equal('30.000');
      expect($(el, '.sub').textContent).to.contain('Amounts in conversations');
    });

    it('renders names and emails as text, never as HTML', async () => {
      (window as unknown as { pwned?: number }).pwned = undefined;
      const members: Member[] = [
        { id: 'x1', email: '<script>window.pwned = 1</script>' },
        { id: 'x2', name: '<img src=x onerror="window.pwned = 2">' },
      ];
      const el = await table(memory(members, [ev('2026-11-02T10:00:00Z', 5, 'x1'), ev('2026-11-02T10:00:00Z', 3, 'x2')]));
      expect(labels(el)).to.deep.equal(['<script>window.pwned = 1</script>', '<img src=x onerror="window.pwned = 2">']);
      expect(el.shadowRoot!.querySelector('script, img')).to.equal(null);
      await aTimeout(50);
      expect((window as unknown as { pwned?: number }).pwned).to.equal(undefined);
    });
  });

  describe('sorting, searching and paging at the source', () => {
    it('sorts by a reason column through the source, and flips the direction on a second click', async () => {
      const source = new SpySource(memory());
      const el = await table(source);
      header(el, 'Speech').querySelector('button')!.click();
      await waitUntil(() => labels(el)[0] === 'Ben', 'sorted by speech', { timeout: 3000 });
      expect(lastCall(source)).to.include({ sort: 'speech', direction: 'desc', offset: 0 });
      expect(header(el, 'Speech').getAttribute('aria-sort')).to.equal('descending');
      expect(header(el, 'Total').hasAttribute('aria-sort')).to.be.false;

      header(el, 'Speech').querySelector('button')!.click();
      await waitUntil(() => lastCall(source).direction === 'asc' && settled(el), 'ascending', { timeout: 3000 });
      await el.updateComplete;
      expect(lastCall(source)).to.include({ sort: 'speech', direction: 'asc' });
      expect(header(el, 'Speech').getAttribute('aria-sort')).to.equal('ascending');
      expect(labels(el)[2]).to.equal('Ben');
    });

    it('sorts by member name A→Z first', async () => {
      const source = new SpySource(memory());
      const el = await table(source);
      header(el, 'Member').querySelector('button')!.click();
      await waitUntil(() => lastCall(source).sort === 'member' && settled(el), 'sorted', { timeout: 3000 });
      await el.updateComplete;
      expect(lastCall(source).direction).to.equal('asc');
      expect(header(el, 'Member').getAttribute('aria-sort')).to.equal('ascending');
      expect(labels(el).slice(0, 2)).to.deep.equal(['#m3abcdef', 'ana@example.com']);
    });

    it('offers no sort button for columns the source cannot sort by', async () => {
      const el = await table(memory());
      for (const name of ['Peak day', 'Daily limit', '% of limit']) expect(header(el, name).querySelector('button')).to.equal(null);
    });

    it('debounces the search and sends it to the source once typing pauses', async () => {
      const source = new SpySource(memory());
      const el = await table(source);
      const input = $<HTMLInputElement>(el, '.search input');
      expect(input.labels![0].textContent!.trim()).to.equal('Search members');
      input.focus();
      await sendKeys({ type: 'ben' });
      expect(source.calls.filter((q) => q.search !== undefined)).to.have.length(0);
      await waitUntil(() => labels(el).length === 1, 'filtered', { timeout: 3000 });
      await aTimeout(300);
      const searches = source.calls.filter((q) => q.search !== undefined);
      expect(searches.map((q) => q.search)).to.deep.equal(['ben']);
      expect(labels(el)).to.deep.equal(['Ben']);
      expect(input.value).to.equal('ben');
    });

    it('keeps the search field and says so when nobody matches', async () => {
      const el = await table(memory());
      const input = $<HTMLInputElement>(el, '.search input');
      input.focus();
      await sendKeys({ type: 'zzz' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => $(el, '.no-match') !== null, 'no match', { timeout: 3000 });
      expect(spoken($(el, '.no-match'))).to.equal('No members match “\u2068zzz\u2069”.');
      expect(el.state).to.equal('ready');
      expect(el.shadowRoot!.activeElement).to.equal(input);
      await expect(el).to.be.accessible();
    });

    it('shows the top max-rows with a note only when there are more members', async () => {
      const source = new SpySource(memory());
      const el = await table(source, { 'max-rows': '2' });
      expect(source.calls.map((q) => [q.offset, q.limit])).to.deep.equal([[0, 2]]);
      expect(labels(el)).to.deep.equal(['ana@example.com', 'Ben']);
      expect(spoken($(el, '.note'))).to.equal('Showing the top 2 of 3 members. Search to find the others.');

      el.maxRows = 3;
      await waitUntil(() => labels(el).length === 3, 'three rows', { timeout: 3000 });
      expect($(el, '.note')).to.equal(null);
    });
  });

  describe('virtualized', () => {
    setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

    const many = (n: number) => {
      const members: Member[] = Array.from({ length: n }, (_, i) => ({ id: `u${i}`, email: `user${String(i).padStart(3, '0')}@example.com` }));
      const events = members.map((m, i) => ev('2026-11-02T10:00:00Z', 1000 - i, m.id));
      return memory(members, events);
    };

    it('scrolls through every member in a table with row indices, fetching pages as they come into view', async () => {
      const source = new SpySource(many(250));
      const el = await fixture<MemberUsageTable>(
        html`<member-usage-table virtualized page-size="50" .dataSource=${source} .now=${NOW} range=${RANGE}></member-usage-table>`,
      );
      const grid = await laidOut(el);
      expect(source.calls[0]).to.include({ offset: 0, limit: 50 });
      expect(grid.getAttribute('aria-rowcount')).to.equal('251');
      const first = $(el, '.rows [role="row"]');
      expect(first.getAttribute('aria-rowindex')).to.equal('2');
      expect(spoken(first.querySelector('[role="rowheader"]')!)).to.equal('user000@example.com');
      // Only what is in view is in the DOM.
      expect($$(el, '.rows [role="row"]').length).to.be.lessThan(60);
      await expect(el).to.be.accessible();

      await scrollToEndUntil(grid, () => source.calls.some((q) => q.offset <= 249 && q.offset + q.limit >= 250), 'last page requested');
      await waitUntil(
        () => $$(el, '.rows [role="row"]').some((r) => r.getAttribute('aria-rowindex') === '251' && spoken(r).startsWith('user249@example.com')),
        'last row shown',
        { timeout: 3000 },
      );
      // Pages flown past are not fetched.
      expect(source.calls.some((q) => q.offset <= 100 && q.offset + q.limit > 100)).to.be.false;
      expect(source.calls.every((q) => q.offset % 50 === 0 && q.limit % 50 === 0 && q.sort === 'total')).to.be.true;
      await expect(el).to.be.accessible();
    });

    it('shows a placeholder for rows whose page has not arrived', async () => {
      const source = new SpySource(many(120));
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      source.gate = (q) => (q.offset > 0 ? held : undefined);
      const el = await fixture<MemberUsageTable>(
        html`<member-usage-table virtualized page-size="50" .dataSource=${source} .now=${NOW} range=${RANGE}></member-usage-table>`,
      );
      const grid = await laidOut(el);
      await scrollToEndUntil(grid, () => source.calls.some((q) => q.offset <= 119 && q.offset + q.limit > 119), 'page requested');
      const last = () => $$(el, '.rows [role="row"]').find((r) => r.getAttribute('aria-rowindex') === '121');
      await waitUntil(() => last() !== undefined, 'last row in view', { timeout: 3000 });
      expect(last()!.getAttribute('part')).to.equal('placeholder');
      expect(spoken(last()!)).to.equal('Loading row 120…');
      release();
      await waitUntil(() => spoken(last()!).startsWith('user119@example.com'), 'row filled', { timeout: 3000 });
    });

    it('edits a limit in a virtualized row', async () => {
      const source = new SpySource(memory());
      const el = await fixture<MemberUsageTable>(
        html`<member-usage-table virtualized .dataSource=${source} .now=${NOW} range=${RANGE}></member-usage-table>`,
      );
      const row = (label: string) => $$(el, '.rows [role="row"]').find((r) => spoken(r.querySelector('[role="rowheader"]')!) === label);
      await waitUntil(() => row('Ben') !== undefined, 'rows rendered', { timeout: 5000 });
      row('Ben')!.querySelector<HTMLButtonElement>('button.edit')!.click();
      await el.updateComplete;
      expect(row('Ben')!.classList.contains('editing')).to.be.true;
      expect(el.shadowRoot!.activeElement).to.equal($(el, '.limit-form input'));
      await expect(el).to.be.accessible();
      await sendKeys({ type: '80' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => spoken(row('Ben')?.querySelector('.cell.limit') ?? el) === '80', 'saved', { timeout: 3000 });
      expect(source.limits).to.deep.equal([['m2', 80]]);
      expect(spoken(row('Ben')!.querySelector('.cell.percent')!)).to.equal('87.5%');
    });

    it('keeps fetching pages after it is moved in the page', async () => {
      const source = new SpySource(many(250));
      const el = await fixture<MemberUsageTable>(
        html`<member-usage-table virtualized page-size="50" .dataSource=${source} .now=${NOW} range=${RANGE}></member-usage-table>`,
      );
      await waitUntil(() => $$(el, '.rows [role="row"]').length > 0, 'rows rendered', { timeout: 5000 });
      const parent = el.parentElement!;
      el.remove();
      parent.append(el);
      await el.updateComplete;
      const grid = await laidOut(el);
      await scrollToEndUntil(grid, () => $$(el, '.rows [role="row"]').some((r) => spoken(r).startsWith('user249@example.com')), 'last row shown after the move');
    });

    it('is accessible in the dark theme', async () => {
      const el = await fixture<MemberUsageTable>(
        html`<member-usage-table virtualized theme="dark" .dataSource=${memory()} .now=${NOW} range=${RANGE}></member-usage-table>`,
      );
      await waitUntil(() => $$(el, '.rows [role="row"]').length === 3, 'rows rendered', { timeout: 5000 });
      expect(getComputedStyle($(el, '.panel')).backgroundColor).to.equal('rgb(22, 27, 34)');
      await expect(el).to.be.accessible();
    });
  });

  describe('export', () => {
    it('exports every matching member as CSV, exactly as the expected file', async () => {
      const expected = await (await fetch(new URL('./fixtures/member-usage.csv', import.meta.url))).text();
      const el = await table(memory(), { 'max-rows': '1' });
      expect(labels(el)).to.have.length(1);
      const csv = await el.exportData('csv');
      expect(csv).to.equal(expected);
      expect(csv.split('\r\n')).to.have.length(5);
    });

    it('exports JSON with the same columns, amounts in the display unit', async () => {
      const el = await table(memory(), { unit: 'conversation' });
      await waitUntil(() => rows(el)[0]?.[4] === '72,300', 'converted', { timeout: 3000 });
      const json = JSON.parse(await el.exportData('json'));
      expect(json).to.have.length(3);
      expect(json[0]).to.deep.equal({
        member_id: 'm1',
        email: 'ana@example.com',
        name: 'Ana',
        label: 'ana@example.com',
        chat: 60000,
        image: 12300,
        speech: 0,
        total: 72300,
        daily_limit: null,
        peak_day: 60000,
        percent_of_limit: null,
      });
      expect(json[1]).to.include({ label: 'Ben', daily_limit: 30000, percent_of_limit: 140 });
    });

    it('neutralises formulas in exported cells', async () => {
      const members: Member[] = [{ id: 'f1', name: '=HYPERLINK("http://evil.example","click")' }, { id: 'f2', email: '@SUM(A1:A2)' }];
      const el = await table(memory(members, [ev('2026-11-02T10:00:00Z', 5, 'f1'), ev('2026-11-02T10:00:00Z', 3, 'f2')]));
      const csv = await el.exportData('csv');
      const lines = csv.split('\r\n');
      expect(lines[1]).to.equal(`f1,,"'=HYPERLINK(""http://evil.example"",""click"")","'=HYPERLINK(""http://evil.example"",""click"")",5,0,0,5,,5,`);
      expect(lines[2]).to.equal("f2,'@SUM(A1:A2),,'@SUM(A1:A2),3,0,0,3,,3,");
      expect(labels(el)).to.include('=HYPERLINK("http://evil.example","click")');
    });

    it('fetches every page and shows progress while a long export runs', async () => {
      const members: Member[] = Array.from({ length: 1500 }, (_, i) => ({ id: `u${i}` }));
      const source = new SpySource(memory(members, members.map((m, i) => ev('2026-11-02T10:00:00Z', 2000 - i, m.id))));
      const el = await table(source);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      source.gate = (q) => (q.offset === 1000 ? held : undefined);
      const exported = el.exportData('csv');
      await waitUntil(() => $(el, '[role="progressbar"]') !== null, 'progress shown', { timeout: 3000 });
      const bar = $(el, '[role="progressbar"]');
      expect(bar.getAttribute('aria-valuenow')).to.equal('1000');
      expect(bar.getAttribute('aria-valuemax')).to.equal('1500');
      expect(bar.getAttribute('aria-valuetext')).to.equal('1,000 of 1,500 members exported');
      expect($<HTMLButtonElement>(el, '[part="export-csv"]').disabled).to.be.true;
      await expect(el).to.be.accessible();
      release();
      const csv = await exported;
      expect(csv.trimEnd().split('\r\n')).to.have.length(1501);
      expect(source.calls.slice(-2).map((q) => [q.offset, q.limit])).to.deep.equal([
        [0, 1000],
        [1000, 1000],
      ]);
      await el.updateComplete;
      expect($(el, '[role="progressbar"]')).to.equal(null);
    });

    it('downloads from the buttons', async () => {
      const el = await table(memory());
      const clicked: HTMLAnchorElement[] = [];
      const blobs: Blob[] = [];
      const click = HTMLAnchorElement.prototype.click;
      const createObjectURL = URL.createObjectURL;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicked.push(this);
      };
      URL.createObjectURL = (blob: Blob) => {
        blobs.push(blob);
        return createObjectURL(blob);
      };
      try {
        $<HTMLButtonElement>(el, '[part="export-csv"]').click();
        await waitUntil(() => clicked.length === 1, 'downloaded', { timeout: 3000 });
      } finally {
        HTMLAnchorElement.prototype.click = click;
        URL.createObjectURL = createObjectURL;
      }
      expect(clicked[0].download).to.equal('member-usage_2026-11-01_2026-11-20.csv');
      expect(blobs[0].type).to.equal('text/csv;charset=utf-8');
      expect(await blobs[0].text()).to.contain('\r\nm2,,Ben,Ben,30,10,40,80,50,70,140\r\n');
    });
  });

  describe('dashboard focus', () => {
    async function inDashboard(source: CreditDataSource) {
      const dashboard = await fixture<CreditDashboard>(
        html`<credit-dashboard .dataSource=${source} .now=${NOW} range=${RANGE}><member-usage-table></member-usage-table></credit-dashboard>`,
      );
      const el = dashboard.querySelector('member-usage-table')!;
      await waitUntil(() => settled(el), 'table settled', { timeout: 5000 });
      return { dashboard, el };
    }

    it('narrows to a selected day, shows it as a chip, and clears it through day-select', async () => {
      const source = new SpySource(memory());
      const { dashboard, el } = await inDashboard(source);
      expect(labels(el)).to.have.length(3);
      dashboard.selection = { day: '2026-11-05' };
      await waitUntil(() => labels(el).length === 1, 'narrowed', { timeout: 3000 });
      expect(lastCall(source)).to.include({ start: '2026-11-05', end: '2026-11-05' });
      expect(rows(el)[0].slice(0, 5)).to.deep.equal(['Ben', '30', '0', '40', '70']);
      const chip = $(el, '[part="chip"]');
      expect(spoken(chip)).to.equal('Day: Nov 5, 2026');
      expect(chip.getAttribute('aria-label')).to.equal('Remove filter Day: Nov 5, 2026');
      await expect(el).to.be.accessible();

      const cleared = oneEvent(el, 'day-select');
      chip.click();
      expect((await cleared).detail).to.deep.equal({ date: null });
      await waitUntil(() => labels(el).length === 3, 'back to the range', { timeout: 3000 });
      expect(dashboard.selection).to.deep.equal({});
      expect(lastCall(source)).to.include({ start: '2026-11-01', end: '2026-11-20' });
      expect($(el, '[part="chip"]')).to.equal(null);
    });

    it('narrows to a workspace and to a reason, each named on its chip', async () => {
      const source = new SpySource(memory());
      const { dashboard, el } = await inDashboard(source);
      dashboard.selection = { workspace: 'b' };
      await waitUntil(() => labels(el).length === 1, 'workspace', { timeout: 3000 });
      expect(lastCall(source).filter).to.deep.equal({ workspace: ['b'] });
      expect(spoken($(el, '[part="chip"]'))).to.equal('Workspace: \u2068Workspace B\u2069');
      const clearWorkspace = oneEvent(el, 'workspace-select');
      $(el, '[part="chip"]').click();
      expect((await clearWorkspace).detail).to.deep.equal({ workspaceId: null });

      await waitUntil(() => labels(el).length === 3, 'cleared', { timeout: 3000 });
      dashboard.selection = { reason: 'image' };
      await waitUntil(() => labels(el).length === 2, 'reason', { timeout: 3000 });
      expect(lastCall(source).filter).to.deep.equal({ reason: ['image'] });
      expect(rows(el).map((r) => [r[0], r[4]])).to.deep.equal([
        ['ana@example.com', '20.5'],
        ['Ben', '10'],
      ]);
      expect(spoken($(el, '[part="chip"]'))).to.equal('Reason: \u2068Image\u2069');
      const clearReason = oneEvent(el, 'reason-select');
      $(el, '[part="chip"]').click();
      expect((await clearReason).detail).to.deep.equal({ reasonId: null });
    });

    it('keeps the chip when the focused day has no usage, so it can be cleared', async () => {
      const { dashboard, el } = await inDashboard(memory());
      dashboard.selection = { day: '2026-11-15' };
      await waitUntil(() => el.state === 'empty', 'empty', { timeout: 3000 });
      expect(spoken($(el, '[part~="message"]'))).to.equal('No usage data for the selected period.');
      expect(spoken($(el, '[part="chip"]'))).to.equal('Day: Nov 15, 2026');
    });
  });

  describe('editing a daily limit', () => {
    const editButton = (el: Element, label: string) => rowOf(el, label).querySelector<HTMLButtonElement>('button.edit')!;
    const input = (el: Element) => $<HTMLInputElement>(el, '.limit-form input');

    it('saves a valid limit, fires member-limit-change and shows the reloaded row', async () => {
      const source = new SpySource(memory());
      const el = await table(source);
      const button = editButton(el, 'ana@example.com');
      expect(button.getAttribute('aria-label')).to.equal('Edit the daily limit of ana@example.com');
      button.click();
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
      expect(input(el).getAttribute('aria-label')).to.equal('Daily limit of ana@example.com, in credits');
      expect(input(el).value).to.equal('');
      await expect(el).to.be.accessible();
      await sendKeys({ type: '75' });
      const changed = oneEvent(el, 'member-limit-change');
      await sendKeys({ press: 'Enter' });
      expect((await changed).detail).to.deep.equal({ memberId: 'm1', limit: 75 });
      expect(source.limits).to.deep.equal([['m1', 75]]);
      await waitUntil(() => rowOf(el, 'ana@example.com')?.querySelector('td.limit')?.textContent?.trim() === '75', 'reloaded', { timeout: 3000 });
      expect(spoken(rowOf(el, 'ana@example.com').querySelector('td.percent')!)).to.equal('133.3% Over limit');
      expect($(el, '.limit-form')).to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal(editButton(el, 'ana@example.com'));
    });

    it('refuses what is not a positive number, with a message next to the field', async () => {
      const source = new SpySource(memory());
      const el = await table(source);
      editButton(el, 'Ben').click();
      await el.updateComplete;
      expect(input(el).value).to.equal('50');
      for (const text of ['abc', '-5', '0', '1,00', '2e3']) {
        input(el).select();
        await sendKeys({ type: text });
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
        const message = $(el, '#limit-message');
        expect(spoken(message), text).to.equal('Enter a positive number, or leave the field empty to remove the limit.');
        expect(message.getAttribute('role')).to.equal('alert');
        expect(input(el).getAttribute('aria-invalid')).to.equal('true');
        expect(input(el).getAttribute('aria-describedby')).to.equal('limit-message');
      }
      expect(source.limits).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it('reads the locale’s decimal mark and grouping in the field', () => {
      expect(parseLimit('1,000.5', 'en-US')).to.equal(1000.5);
      expect(parseLimit(' 75 ', 'en-US')).to.equal(75);
      expect(parseLimit('1.000,5', 'de-DE')).to.equal(1000.5);
      expect(parseLimit('2,5', 'de-DE')).to.equal(2.5);
      expect(parseLimit('2.5', 'de-DE')).to.equal(2.5);
      expect(parseLimit('1 000,5', 'fr-FR')).to.equal(1000.5);
      expect(parseLimit('', 'en-US')).to.equal(null);
      for (const bad of ['12abc', '-1', '0', '0.0', '1,00', '1e3', '∞']) expect(parseLimit(bad, 'en-US'), bad).to.equal(undefined);
    });

    it('clears the limit when the field is emptied', async () => {
      const source = new SpySource(memory());
      const el = await table(source);
      editButton(el, 'Ben').click();
      await el.updateComplete;
      input(el).select();
      await sendKeys({ press: 'Backspace' });
      const changed = oneEvent(el, 'member-limit-change');
      $<HTMLButtonElement>(el, '.limit-form button[type="submit"]').click();
      expect((await changed).detail).to.deep.equal({ memberId: 'm2', limit: null });
      expect(source.limits).to.deep.equal([['m2', null]]);
      await waitUntil(() => spoken(rowOf(el, 'Ben').querySelector('td.limit')!) === 'No limit', 'cleared', { timeout: 3000 });
      expect(spoken(rowOf(el, 'Ben').querySelector('td.percent')!)).to.equal('—');
      expect(rowOf(el, 'Ben').classList.contains('over-limit')).to.be.false;
    });

    it('edits in the display unit and saves credits', async () => {
      const source = new SpySource(memory());
      const el = await table(source, { unit: 'conversation' });
      await waitUntil(() => spoken(rowOf(el, 'Ben')?.querySelector('td.limit') ?? el) === '30,000', 'converted', { timeout: 3000 });
      editButton(el, 'Ben').click();
      await el.updateComplete;
      expect(input(el).value).to.equal('30000');
      expect(input(el).getAttribute('aria-label')).to.equal('Daily limit of Ben, in conversations');
      input(el).select();
      await sendKeys({ type: '60000' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => source.limits.length === 1, 'saved', { timeout: 3000 });
      expect(source.limits).to.deep.equal([['m2', 100]]);
    });

    it('cancels with Escape and returns focus to the edit button', async () => {
      const source = new SpySource(memory());
      const el = await table(source);
      editButton(el, 'Ben').click();
      await el.updateComplete;
      await sendKeys({ type: '999' });
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect($(el, '.limit-form')).to.equal(null);
      expect(source.limits).to.deep.equal([]);
      expect(spoken(rowOf(el, 'Ben').querySelector('td.limit')!)).to.equal('50');
      expect(el.shadowRoot!.activeElement).to.equal(editButton(el, 'Ben'));
    });

    it('shows the source’s refusal next to the field', async () => {
      const source = new SpySource(memory());
      source.setMemberLimit = async () => {
        throw new Error('Limits are managed by your identity provider.');
      };
      const el = await table(source);
      editButton(el, 'Ben').click();
      await el.updateComplete;
      input(el).select();
      await sendKeys({ type: '40' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => spoken($(el, '#limit-message') ?? el) === 'Limits are managed by your identity provider.', 'refused', { timeout: 3000 });
      expect(input(el).value).to.equal('40');
    });

    it('is offered only when the source can set limits and the role may', async () => {
      const viewer = await table(memory(MEMBERS, EVENTS, 'member'));
      expect($$(viewer, 'button.edit')).to.have.length(0);
      const el = await table(readOnly(memory()));
      expect(labels(el)).to.have.length(3);
      expect($$(el, 'button.edit')).to.have.length(0);
    });
  });

  describe('states', () => {
    it('shows a table-shaped skeleton while loading', async () => {
      const source = new SpySource(memory());
      source.gate = () => new Promise<void>(() => {});
      const el = await fixture<MemberUsageTable>(html`<member-usage-table .dataSource=${source} .now=${NOW} range=${RANGE}></member-usage-table>`);
      await waitUntil(() => source.calls.length === 1, 'query sent', { timeout: 3000 });
      await el.updateComplete;
      expect(el.state).to.equal('loading');
      expect(el.hasAttribute('loading')).to.be.true;
      expect($(el, '[part="skeleton"]').getAttribute('aria-label')).to.equal('Loading…');
      expect($$(el, '.skeleton-row')).to.have.length(8);
      await expect(el).to.be.accessible();
    });

    it('says there is no usage when nobody used credits in the range', async () => {
      const el = await table(memory(MEMBERS, [ev('2026-10-25T10:00:00Z', 5)]));
      expect(el.state).to.equal('empty');
      expect(spoken($(el, '[part~="message"]'))).to.equal('No usage data for the selected period.');
      expect($(el, '.search')).to.equal(null);
      expect($(el, '.sub').textContent).to.contain('2026').and.not.contain('members');
      await expect(el).to.be.accessible();
    });

    it('shows the error with a Retry that recovers', async () => {
      const source = new SpySource(memory());
      let fail = true;
      source.gate = () => {
        if (fail) throw new Error('The member service is unavailable.');
      };
      const el = await table(source);
      expect(el.state).to.equal('error');
      expect(spoken($(el, '[role="alert"]'))).to.contain('The data could not be loaded.').and.contain('The member service is unavailable.');
      await expect(el).to.be.accessible();
      fail = false;
      $<HTMLButtonElement>(el, '[part="retry"]').click();
      await waitUntil(() => el.state === 'ready', 'recovered', { timeout: 3000 });
      expect(labels(el)).to.have.length(3);
    });

    it('is accessible with data, in the light and the dark theme', async () => {
      const el = await table(memory());
      await expect(el).to.be.accessible();
      el.theme = 'dark';
      await el.updateComplete;
      expect(getComputedStyle($(el, '.panel')).backgroundColor).to.equal('rgb(22, 27, 34)');
      await expect(el).to.be.accessible();
    });

    it('leaves no timer behind when removed mid-search', async () => {
      const source = new SpySource(memory());
      const el = await table(source);
      const input = $<HTMLInputElement>(el, '.search input');
      input.focus();
      await sendKeys({ type: 'an' });
      const before = source.calls.length;
      el.remove();
      await aTimeout(400);
      expect(source.calls.length).to.equal(before);
    });
  });
});
