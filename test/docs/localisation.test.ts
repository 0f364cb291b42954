/**
 * docs/localisation.md: the locale chain, the formatting table (as this
 * browser's Intl formats it), replacing strings, the unit-label workaround,
 * right-to-left and the two time zones — each checked on real elements.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { Chart } from 'chart.js';
import '../../src/index.js';
import { defaultStrings } from '../../src/base/strings.js';
import { formatDate, formatDateRange, formatMonth, formatNumber, formatPercent } from '../../src/core/format.js';
import { generateDemoData } from '../../src/data/demo-data.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import type { CreditSummary } from '../../src/elements/credit-summary/credit-summary.js';
import { account, ev, smallOrg } from '../data/fixtures.js';
import { blocksUnder, dashboardReady, mapImports, page, sandbox, sandboxesRemovedAfterEach, sandboxPage, tableRows, unquote, until } from './helpers.js';

let md: string;
before(async () => {
  md = await page('docs/localisation.md');
});
const open = sandboxesRemovedAfterEach();

/** Intl's spaces (no-break, narrow no-break, thin) as plain spaces. */
const spaces = (s: string) => s.replace(/[\u00a0\u202f\u2009]/g, ' ');
const squash = (s: string | null | undefined) => spaces(s ?? '').replace(/\s+/g, ' ').trim();
const DEMO = `import 'credit-usage-elements';
import { MemoryDataSource, generateDemoData } from 'credit-usage-elements/data';
const source = new MemoryDataSource(generateDemoData({ seed: 2 }));
for (const el of document.querySelectorAll('credit-dashboard, credit-summary')) el.dataSource = source;`;

describe('docs: localisation.md', () => {
  describe('locale', () => {
    it('an element’s own locale, else the dashboard’s, else the page’s lang', async () => {
      const s = await sandboxPage(`<!doctype html><html lang="de-DE"><head></head><body>
        <credit-dashboard range="30d" locale="fr-FR"><credit-summary></credit-summary><credit-summary locale="en-GB"></credit-summary></credit-dashboard>
        <credit-summary range="30d"></credit-summary>
        <script type="module">${mapImports(`import 'credit-usage-elements/credit-dashboard';\n${DEMO}`)}</script></body></html>`);
      open.push(s);
      const summaries = [...s.document.querySelectorAll<CreditSummary>('credit-summary')];
      await until(() => summaries.every((x) => x.state === 'ready'), 'the summaries loaded', 15_000);
      expect(summaries.map((x) => x.resolvedLocale)).to.deep.equal(['fr-FR', 'en-GB', 'de-DE']);
      expect(squash(summaries[2].shadowRoot!.textContent)).to.match(/\d+\.\d{3} credits/);
    });

    it('the page’s lang reaches the panels of the dashboard’s default layout', async () => {
      const s = await sandboxPage(`<!doctype html><html lang="de-DE"><head></head><body><credit-dashboard range="30d"></credit-dashboard>
        <script type="module">${mapImports(DEMO)}</script></body></html>`);
      open.push(s);
      const dashboard = s.document.querySelector('credit-dashboard')!;
      await until(() => dashboardReady(dashboard, 8), 'the dashboard loaded', 15_000);
      const summary = dashboard.shadowRoot!.querySelector<CreditSummary>('credit-summary')!;
      expect(summary.resolvedLocale).to.equal('de-DE');
    });

    it('the dashboard’s locale attribute, as in the example', async () => {
      const [markup] = blocksUnder(md, 'Locale', 'html');
      const s = await sandbox(markup.code.replace('<credit-dashboard ', '<credit-dashboard range="30d" '), [mapImports(DEMO)]);
      open.push(s);
      const dashboard = s.document.querySelector('credit-dashboard')!;
      await until(() => dashboardReady(dashboard, 8), 'the dashboard loaded', 15_000);
      const summary = dashboard.shadowRoot!.querySelector('credit-summary')!;
      expect(squash(summary.shadowRoot!.textContent)).to.match(/\d+\.\d{3} credits/);
      expect(squash(summary.shadowRoot!.textContent)).to.match(/\d+,\d %/);
    });
  });

  it('the formatting table is what Intl gives', () => {
    const rows = new Map(tableRows(md, 'what').map(([what, , en, de]) => [what, [spaces(unquote(en)), spaces(unquote(de.replace(/ \(.*\)$/, '')))]]));
    const both = (f: (locale: string) => string) => ['en-US', 'de-DE'].map((l) => spaces(f(l)));
    expect(rows.get('amounts')).to.deep.equal(both((l) => formatNumber(48210.5, l)));
    expect(rows.get('percentages')).to.deep.equal(both((l) => formatPercent(0.191, l)));
    expect(rows.get('chart axes')).to.deep.equal(both((l) => formatNumber(12000, l, { notation: 'compact' })));
    expect(rows.get('dates')).to.deep.equal(both((l) => formatDate('2026-11-04', l)));
    expect(rows.get('date ranges')).to.deep.equal(both((l) => formatDateRange('2026-11-01', '2026-11-30', l)));
    expect(rows.get('months')).to.deep.equal(both((l) => formatMonth('2026-11', l)));
    expect(rows.get('lists in sentences')).to.deep.equal(both((l) => new Intl.ListFormat(l, { type: 'conjunction' }).format(['Chat', 'Image'])));
  });

  describe('strings', () => {
    it('the example’s keys exist, keep their placeholders, and show', async () => {
      const [snippet] = blocksUnder(md, 'Replacing strings', 'js');
      const keys = [...snippet.code.matchAll(/^ {2}(\w+): '(.*)',$/gm)];
      expect(keys.length).to.be.greaterThan(5);
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [, key, value] of keys) {
        expect(defaultStrings, key).to.have.property(key);
        expect(placeholders(value), key).to.deep.equal(placeholders(defaultStrings[key as keyof typeof defaultStrings]));
      }
      const dashboard = await fixture<CreditDashboard>(html`<credit-dashboard range="30d" .dataSource=${new MemoryDataSource(generateDemoData({ seed: 2 }))}></credit-dashboard>`);
      const url = URL.createObjectURL(new Blob([snippet.code], { type: 'text/javascript' }));
      await import(url);
      URL.revokeObjectURL(url);
      await until(() => dashboardReady(dashboard, 8), 'the dashboard loaded', 15_000);
      const summary = dashboard.shadowRoot!.querySelector('credit-summary')!;
      await until(() => squash(summary.shadowRoot!.textContent).includes('Verbraucht'), 'the German strings show');
      const text = squash(summary.shadowRoot!.textContent);
      expect(text).to.contain('Guthaben');
      expect(text).to.match(/\d+,\d % verbraucht/);
      expect(squash(dashboard.shadowRoot!.querySelector('[part="refresh"]')!.textContent)).to.equal('Aktualisieren');
      dashboard.remove();
    });

    it('a display unit of factor 1 gives amounts a label in your language', async () => {
      const data = smallOrg({ account: account({ units: [{ id: 'guthaben', label: 'Guthaben', perCredit: 1 }] }) }, [ev('2026-11-02T10:00:00Z', 48210, 'm1', 'p')]);
      data.totalCredits = 100_000;
      const el = await fixture<CreditSummary>(
        html`<credit-summary locale="de-DE" unit="guthaben" range="2026-11-01/2026-11-30" .now=${Date.UTC(2026, 10, 20)} .dataSource=${new MemoryDataSource(data)}></credit-summary>`,
      );
      await until(() => el.state === 'ready', 'loaded');
      expect(squash(el.shadowRoot!.textContent)).to.contain('48.210 Guthaben');
      expect(md).to.contain('`48.210 Guthaben`');
    });
  });

  it('right-to-left: the daily and monthly charts run right to left, the workspace bars grow from the right', async () => {
    const s = await sandboxPage(`<!doctype html><html lang="ar" dir="rtl"><head></head><body><credit-dashboard range="30d" locale="en-US"></credit-dashboard>
      <script type="module">${mapImports(DEMO)}</script></body></html>`);
    open.push(s);
    const dashboard = s.document.querySelector('credit-dashboard')!;
    await until(() => dashboardReady(dashboard, 8), 'the dashboard loaded', 15_000);
    const chart = (tag: string) => (dashboard.shadowRoot!.querySelector(tag) as unknown as { chart: { chart: Chart } }).chart.chart;
    const daily = chart('credit-daily-chart').options.scales!;
    expect((daily.x as { reverse?: boolean }).reverse).to.equal(true);
    expect((daily.y as { position?: string }).position).to.equal('right');
    const monthly = chart('credit-monthly-chart').options.scales!;
    expect((monthly.x as { reverse?: boolean }).reverse).to.equal(true);
    expect((monthly.y as { position?: string }).position).to.equal('right');
    const byWorkspace = chart('credit-by-workspace').options.scales!;
    expect((byWorkspace.x as { reverse?: boolean }).reverse).to.equal(true);
    expect((byWorkspace.y as { position?: string }).position).to.equal('right');
  });

  describe('time zones', () => {
    // 30 Nov 2026 12:00 UTC is already 1 December at UTC+14 and still 30 November at UTC−11.
    const NOW = Date.UTC(2026, 10, 30, 12);
    const source = () =>
      new MemoryDataSource(smallOrg({ account: account({ timeZone: 'Pacific/Kiritimati' }) }, [ev(NOW, 7, 'm1', 'a'), ev('2026-11-29T12:00:00Z', 5, 'm1', 'a')]));
    const resolved = (dashboard: CreditDashboard) =>
      squash(dashboard.shadowRoot!.querySelector('range-picker')!.shadowRoot!.querySelector('[part="resolved"]')!.textContent);

    it('"today" is the account zone’s today; usage is bucketed in the account zone', async () => {
      const dashboard = await fixture<CreditDashboard>(html`<credit-dashboard locale="en-US" .now=${NOW} .dataSource=${source()}></credit-dashboard>`);
      await until(() => dashboardReady(dashboard, 8), 'the dashboard loaded', 15_000);
      expect(resolved(dashboard)).to.equal('Dec 1 – 31, 2026');
      const { rows } = await source().queryUsage({ start: '2026-11-29', end: '2026-12-01', granularity: 'day' });
      expect(rows).to.deep.equal([
        { period: '2026-11-30', key: null, credits: 5 },
        { period: '2026-12-01', key: null, credits: 7 },
      ]);
      dashboard.remove();
    });

    it('time-zone moves "today" for the presets, not the days usage counts on', async () => {
      const src = source();
      const dashboard = await fixture<CreditDashboard>(html`<credit-dashboard locale="en-US" time-zone="Pacific/Pago_Pago" .now=${NOW} .dataSource=${src}></credit-dashboard>`);
      await until(() => dashboardReady(dashboard, 8), 'the dashboard loaded', 15_000);
      expect(resolved(dashboard)).to.equal('Nov 1 – 30, 2026');
      const daily = dashboard.shadowRoot!.querySelector('credit-daily-chart') as unknown as { chart: { chart: Chart } };
      const labels = daily.chart.chart.data.labels as string[];
      const values = daily.chart.chart.data.datasets[0].data as number[];
      // 12:00 UTC on 29 November is the 30th for the account; 12:00 UTC on the 30th is already 1 December: not in November.
      expect(labels).to.have.length(30);
      expect(values[29]).to.equal(5);
      expect(values.reduce((a, b) => a + b, 0)).to.equal(5);
      dashboard.remove();
    });
  });
});
