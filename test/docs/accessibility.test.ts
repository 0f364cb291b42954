/**
 * docs/accessibility.md stays true: the checks it says CI runs exist for
 * every element, a whole dashboard passes axe in both themes, the charts'
 * text alternatives are there, reduced motion stops animation, and every
 * default chart colour reaches the 3:1 the page promises.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { Chart } from 'chart.js';
import '../../src/index.js';
import { generateDemoData } from '../../src/data/demo-data.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDataSource } from '../../src/data/types.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import { dashboardReady, page, source, tableRows, until } from './helpers.js';
import { canonicalTags, classDocs, elementClasses, themeTokens } from './sources.js';
import { contrast } from '../wcag.js';

let md: string;
before(async () => {
  md = await page('docs/accessibility.md');
});

/** A dashboard; a dark one on a dark page background, as the page asks hosts to do. */
async function dashboard(theme?: 'dark'): Promise<CreditDashboard> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style=${theme === 'dark' ? 'background: #0d1117' : ''}>
      <credit-dashboard range="30d" theme=${theme ?? 'light'} .dataSource=${new MemoryDataSource(generateDemoData({ seed: 6 }))}></credit-dashboard>
    </div>`,
  );
  const el = wrapper.querySelector<CreditDashboard>('credit-dashboard')!;
  await until(() => dashboardReady(el, 8), 'the dashboard loaded', 15_000);
  return el;
}

/** The panels that are chart panels (they extend ChartPanel). */
async function chartTags(): Promise<string[]> {
  return [...(await elementClasses())].filter(([, c]) => c.base === 'ChartPanel').map(([tag]) => tag);
}

describe('docs: accessibility.md', () => {
  describe('the checks it describes exist', () => {
    it('every element’s tests run axe; every panel’s in the loading, empty, error and data states and in the dark theme', async () => {
      const classes = await classDocs();
      const isPanel = (name: string): boolean => name === 'CreditElement' || (classes.has(name) && isPanel(classes.get(name)!.base));
      for (const [tag, c] of await elementClasses()) {
        const file = tag === 'credit-dashboard' ? 'test/base/foundation.test.ts' : `test/elements/${tag}.test.ts`;
        const tests = await source(file);
        expect(tests, `${file} runs axe`).to.contain('to.be.accessible()');
        if (!isPanel(c.base)) continue;
        expect((tests.match(/to\.be\.accessible\(\)/g) ?? []).length, `${file}: axe in several states`).to.be.at.least(4);
        for (const word of ['loading', 'empty', 'error', 'dark']) expect(tests.toLowerCase(), `${file} covers ${word}`).to.contain(word);
      }
    });

    it('the keyboard table covers every element', async () => {
      const covered = tableRows(md, 'element').flatMap(([cell]) => [...cell.matchAll(/`<([a-z-]+)>`/g)].map((m) => m[1]));
      const charts = await chartTags();
      for (const tag of await canonicalTags()) {
        if (charts.includes(tag) && tag !== 'credit-daily-chart' && tag !== 'credit-by-reason' && tag !== 'credit-by-workspace') continue; // "every chart panel"
        expect(covered, tag).to.include(tag);
      }
    });
  });

  describe('what it says is covered', () => {
    for (const theme of [undefined, 'dark'] as const) {
      it(`a whole default dashboard passes axe (${theme ?? 'light'})`, async () => {
        const el = await dashboard(theme);
        await expect(el).to.be.accessible();
        el.remove();
      });
    }

    it('every chart has a text summary and a data table in the accessibility tree', async () => {
      const el = await dashboard();
      for (const tag of await chartTags()) {
        const panel = el.shadowRoot!.querySelector(tag)!;
        const root = panel.shadowRoot!;
        expect((root.querySelector('[part="summary"]')?.textContent ?? '').trim().length, `${tag} summary`).to.be.greaterThan(20);
        const table = root.querySelector('table')!;
        expect(table, `${tag} table`).to.not.equal(null);
        expect(table.querySelector('caption, th'), `${tag} table headers`).to.not.equal(null);
        for (let node: Element | null = table; node && node !== root.host; node = node.parentElement) {
          expect(node.getAttribute('aria-hidden'), `${tag}: table hidden from assistive technology`).to.not.equal('true');
          expect(getComputedStyle(node).display, `${tag}: table not rendered`).to.not.equal('none');
        }
        expect(root.querySelector('[part="table-toggle"]')!.getAttribute('aria-pressed')).to.equal('false');
      }
      el.remove();
    });

    it('reduced motion: no chart animation, no shimmer', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      try {
        const el = await dashboard();
        const daily = el.shadowRoot!.querySelector('credit-daily-chart') as unknown as { chart: { chart: Chart } };
        expect(daily.chart.chart.options.animation).to.equal(false);
        const memory = new MemoryDataSource(generateDemoData({ seed: 6 }));
        const pending: CreditDataSource = {
          getAccount: (s) => memory.getAccount(s),
          queryUsage: () => new Promise(() => {}),
          getAllocation: () => new Promise(() => {}),
          queryMembers: () => new Promise(() => {}),
        };
        const loading = await fixture(html`<credit-daily-chart .dataSource=${pending}></credit-daily-chart>`);
        await until(() => !!loading.shadowRoot!.querySelector('.skeleton'), 'the skeleton shows');
        expect(getComputedStyle(loading.shadowRoot!.querySelector('.skeleton')!).animationName).to.equal('none');
        el.remove();
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    });
  });

  it('every default series colour reaches 3:1 against the surface in both themes, as the page says', async () => {
    const tokens = await themeTokens();
    const surface = tokens.get('--credit-color-surface')!;
    const below = (which: 'light' | 'dark') =>
      [1, 2, 3, 4, 5, 6, 7, 8].filter((i) => contrast(tokens.get(`--credit-color-${i}`)![which], surface[which]) < 3).map((i) => `--credit-color-${i}`);
    expect(below('light')).to.deep.equal([]);
    expect(below('dark')).to.deep.equal([]);
    expect(md).to.contain('**Chart colours reach 3:1**');
    expect(md).to.not.contain('below 3:1 against the surface');
    // Text colours meet 4.5:1 in both themes.
    for (const which of ['light', 'dark'] as const) {
      for (const name of ['--credit-color-text', '--credit-color-muted']) expect(contrast(tokens.get(name)![which], surface[which]), `${name} ${which}`).to.be.at.least(4.5);
    }
  });
});
