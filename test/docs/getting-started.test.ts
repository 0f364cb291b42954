/**
 * Every snippet of docs/getting-started.md runs as written: each in a page
 * of its own (an iframe, with its own element registry), the package's
 * entry points mapped onto the source tree, the CDN bundle's URL onto the
 * main entry point (and onto the built bundle when there is one).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/index.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import { generateDemoData } from '../../src/data/demo-data.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import { createMockHandlers } from '../../src/mocks/index.js';
import { mockWorker } from '../msw.js';
import {
  blocksUnder,
  codeBlocks,
  dashboardReady,
  entryPoint,
  importedSpecifiers,
  mapImports,
  page,
  panelsOf,
  sandbox,
  sandboxesRemovedAfterEach,
  sandboxPage,
  source,
  tableRows,
  unquote,
  until,
  type Sandbox,
} from './helpers.js';
import { canonicalTags } from './sources.js';

const CDN = 'https://cdn.jsdelivr.net/npm/credit-usage-elements/dist/credit-usage-elements.bundle.js';
const PANELS = 8;

let md: string;
before(async () => {
  md = await page('docs/getting-started.md');
});
const open = sandboxesRemovedAfterEach();

async function run(body: string, modules: string[]): Promise<Sandbox> {
  const s = await sandbox(body, modules.map(mapImports));
  open.push(s);
  return s;
}

describe('docs: getting-started.md', () => {
  it('installs with npm', () => {
    expect(blocksUnder(md, 'Install', 'sh')[0].code).to.equal('npm install credit-usage-elements');
  });

  it('a dashboard in three lines, on the memory adapter', async () => {
    const [markup] = blocksUnder(md, 'A dashboard in three lines', 'html');
    const [three] = blocksUnder(md, 'A dashboard in three lines', 'js');
    expect(three.code.split('\n')).to.have.length(3);
    const s = await run(markup.code, [three.code]);
    const dashboard = s.document.querySelector('credit-dashboard')!;
    await until(() => dashboardReady(dashboard, PANELS), 'every panel loaded', 20_000);
    expect(panelsOf(dashboard).map((p) => p.getAttribute('state'))).to.deep.equal(Array(PANELS).fill('ready'));
    expect(s.errors).to.deep.equal([]);
  });

  it('the memory adapter takes your own events', async () => {
    const own = blocksUnder(md, 'A dashboard in three lines', 'js')[1].code;
    const url = URL.createObjectURL(
      new Blob([mapImports(`import { MemoryDataSource } from 'credit-usage-elements/data';\nexport default ${own}`)], { type: 'text/javascript' }),
    );
    const { default: memory } = (await import(url)) as { default: MemoryDataSource };
    URL.revokeObjectURL(url);
    const { rows } = await memory.queryUsage({ start: '2026-11-01', end: '2026-11-30', granularity: 'total' });
    expect(rows).to.deep.equal([{ period: 'total', key: null, credits: 12 }]);
  });

  describe('the plain HTML page loading the CDN bundle', () => {
    const pageWith = (url: string) => {
      const [block] = blocksUnder(md, 'Without a build step: one file from a CDN', 'html');
      expect(block.code).to.contain(`from '${CDN}'`);
      expect(block.code.match(/<script type="module">/g)).to.have.length(1);
      return block.code.replace(CDN, url);
    };

    async function check(url: string) {
      const s = await sandboxPage(pageWith(url));
      open.push(s);
      const dashboard = s.document.querySelector('credit-dashboard')!;
      await until(() => dashboardReady(dashboard, PANELS), 'every panel loaded', 20_000);
      expect(panelsOf(dashboard).every((p) => p.getAttribute('state') === 'ready')).to.equal(true);
      expect(s.errors).to.deep.equal([]);
    }

    it('works, with the main entry point in place of the bundle', () => check(entryPoint('credit-usage-elements')));

    // The test server builds the bundle on request (scripts/bundle.mjs), as `npm run build` does.
    it('works with the single-file bundle', () => check(new URL('/dist/credit-usage-elements.bundle.js', location.href).href));

    it('the bundle is built from the main entry point, so it exports what the page imports', async () => {
      const script = await source('scripts/bundle.mjs');
      expect(script).to.contain("BUNDLE_INPUT = 'src/index.ts'");
      const main = (await import('../../src/index.js')) as Record<string, unknown>;
      expect(typeof main.MemoryDataSource).to.equal('function');
      expect(typeof main.generateDemoData).to.equal('function');
      expect(typeof main.defineCreditElements).to.equal('function');
    });
  });

  describe('connecting your own data', () => {
    const worker = mockWorker();

    it('RestDataSource with a token callback, against the mock server', async () => {
      const auth: (string | null)[] = [];
      worker.resetHandlers(
        http.get('/session/token', () => HttpResponse.text('token-123')),
        http.all('/api/credits/*', ({ request }) => {
          auth.push(request.headers.get('Authorization'));
        }),
        ...createMockHandlers(new MemoryDataSource(generateDemoData({ seed: 5 })), { baseUrl: '/api/credits' }),
      );
      const dashboard = await fixture<CreditDashboard>(html`<credit-dashboard></credit-dashboard>`);
      const [snippet] = blocksUnder(md, 'Your backend speaks the REST contract', 'js');
      const url = URL.createObjectURL(new Blob([mapImports(snippet.code)], { type: 'text/javascript' }));
      await import(url);
      URL.revokeObjectURL(url);
      await until(() => dashboardReady(dashboard, PANELS), 'every panel loaded over REST', 20_000);
      expect(auth.length).to.be.greaterThan(PANELS);
      expect(new Set(auth)).to.deep.equal(new Set(['Bearer token-123']));
    });
  });

  it('listening to range-change and day-select', async () => {
    const [markup] = blocksUnder(md, 'Listen to the dashboard', 'html');
    const [listen] = blocksUnder(md, 'Listen to the dashboard', 'js');
    const [setup] = blocksUnder(md, 'A dashboard in three lines', 'js');
    const s = await run(`<credit-dashboard></credit-dashboard>${markup.code}`, [`${setup.code}\n${listen.code}`]);
    const dashboard = s.document.querySelector<CreditDashboard>('credit-dashboard')!;
    await until(() => dashboardReady(dashboard, PANELS), 'every panel loaded', 20_000);

    const picker = dashboard.shadowRoot!.querySelector('range-picker')!;
    picker.shadowRoot!.querySelector<HTMLButtonElement>('[data-preset="7d"]')!.click();
    await until(() => s.document.querySelector('#range')!.textContent !== '', 'the range shown');
    expect(s.document.querySelector('#range')!.textContent).to.match(/^\d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2} \(7d\)$/);

    const daily = dashboard.shadowRoot!.querySelector('credit-daily-chart')!;
    await until(() => daily.getAttribute('state') === 'ready', 'the daily chart shows the 7 days');
    const box = daily.shadowRoot!.querySelector('.chart')!;
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await until(() => s.document.querySelector('#day')!.textContent !== '', 'the day shown');
    expect(s.document.querySelector('#day')!.textContent).to.match(/^\d{4}-\d{2}-\d{2}$/);
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await until(() => s.document.querySelector('#day')!.textContent === 'none', 'the day unselected');
    expect(s.errors).to.deep.equal([]);
  });

  it('one element through its own entry point registers only it, without Chart.js', async () => {
    const [load] = blocksUnder(md, 'Only the elements you need', 'js');
    const [markup] = blocksUnder(md, 'Only the elements you need', 'html');
    const s = await run(markup.code, [load.code]);
    await until(() => !!s.window.customElements.get('range-picker'), 'range-picker registered');
    const picker = s.document.querySelector('range-picker')!;
    await until(() => (picker.shadowRoot?.querySelectorAll('[role="radio"]').length ?? 0) > 0, 'presets rendered');
    const presets = [...picker.shadowRoot!.querySelectorAll('[role="radio"]')].map((b) => b.textContent!.trim());
    expect(presets).to.deep.equal(['Last 7 days', 'Last 30 days', 'Current billing month', 'Custom range']);
    expect(s.window.customElements.get('credit-dashboard')).to.equal(undefined);
    const loaded = s.window.performance.getEntriesByType('resource').map((e) => e.name);
    expect(loaded.filter((n) => /chart\.js/.test(n))).to.deep.equal([]);
    expect(s.errors).to.deep.equal([]);
  });

  it('lists one entry point per element, each registering its element', async () => {
    const tags = await canonicalTags();
    const rows = tableRows(md, 'entry point').map(([entry, registers]) => [unquote(entry), unquote(registers)]);
    expect(rows.map(([, tag]) => tag.slice(1, -1)).sort()).to.deep.equal([...tags].sort());
    for (const [entry, tag] of rows) {
      expect(entry).to.equal(`credit-usage-elements/${tag.slice(1, -1)}`);
      expect(await source(`src/elements/${tag.slice(1, -1)}/define.ts`)).to.contain(`defineElement('${tag.slice(1, -1)}'`);
    }
  });

  it('other tag names with defineCreditElements({ prefix })', async () => {
    const [markup] = blocksUnder(md, 'Other tag names', 'html');
    const [snippet] = blocksUnder(md, 'Other tag names', 'js');
    const s = await run(markup.code, [snippet.code]);
    const dashboard = s.document.querySelector('acme-credit-dashboard')!;
    await until(() => dashboardReady(dashboard, PANELS), 'every prefixed panel loaded', 20_000);
    const tags = await canonicalTags();
    for (const tag of tags) {
      expect(s.window.customElements.get(`acme-${tag}`), `acme-${tag}`).to.not.equal(undefined);
      expect(s.window.customElements.get(tag), tag).to.equal(undefined);
    }
    expect(panelsOf(dashboard).every((p) => p.localName.startsWith('acme-'))).to.equal(true);
    expect(dashboard.shadowRoot!.querySelector('acme-range-picker')).to.not.equal(null);
    expect(s.errors).to.deep.equal([]);
  });

  it('imports only entry points the package has', async () => {
    const tags = await canonicalTags();
    const entries = new Set(['credit-usage-elements', 'credit-usage-elements/data', 'credit-usage-elements/mocks', 'credit-usage-elements/register', ...tags.map((t) => `credit-usage-elements/${t}`)]);
    for (const file of ['docs/getting-started.md', 'docs/adapters.md', 'docs/rest-contract.md', 'docs/theming.md', 'docs/events.md', 'docs/localisation.md', 'docs/accessibility.md', 'README.md']) {
      for (const block of codeBlocks(await page(file))) {
        for (const specifier of importedSpecifiers(block.code)) expect(entries.has(specifier), `${file}: ${specifier}`).to.equal(true);
      }
    }
  });
});
