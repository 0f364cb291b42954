/**
 * docs/theming.md: its tables list exactly the custom properties (with the
 * defaults in the code) and parts the elements have, and its CSS examples
 * do what the page says — in a page of their own, with a real dashboard.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { Chart } from 'chart.js';
import { blocksUnder, codeBlocks, dashboardReady, mapImports, page, sandbox, sandboxesRemovedAfterEach, source, tableRows, unquote, until, type Sandbox } from './helpers.js';
import { canonicalTags, elementTokens, partsByTag, themeTokens } from './sources.js';

/** State names some parts carry besides their own (see the page). */
const SECOND_NAMES = ['selected', 'over-limit-row', 'error'];

let md: string;
before(async () => {
  md = await page('docs/theming.md');
});
const open = sandboxesRemovedAfterEach();
afterEach(() => emulateMedia({ colorScheme: 'light' }));

/** The CSS block under a heading (the one mentioning `text`, when given). */
const css = (heading: string, text = '') => blocksUnder(md, heading, 'css').find((b) => b.code.includes(text))!.code;

/** A page with a dashboard on demo data (children optional) and `style` applied. */
async function dashboardPage(style: string, attributes = '', children = '', { dashboardFirst = false } = {}): Promise<Sandbox> {
  const s = await sandbox(`<style>${style}</style><credit-dashboard range="30d" ${attributes}>${children}</credit-dashboard>`, [
    mapImports(`${dashboardFirst ? "import 'credit-usage-elements/credit-dashboard';\n" : ''}import 'credit-usage-elements';
import { MemoryDataSource, generateDemoData } from 'credit-usage-elements/data';
document.querySelector('credit-dashboard').dataSource = new MemoryDataSource(generateDemoData({ seed: 2 }));`),
  ]);
  open.push(s);
  const dashboard = s.document.querySelector('credit-dashboard')!;
  await until(() => dashboardReady(dashboard, children ? 1 : 8), 'the dashboard loaded', 15_000);
  return s;
}

const panel = (s: Sandbox, tag: string) =>
  (s.document.querySelector('credit-dashboard')!.shadowRoot!.querySelector(tag) ?? s.document.querySelector(tag))!;
const token = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();
const chartOf = (el: Element) => (el as unknown as { chart: { chart?: Chart } }).chart.chart!;
const firstColour = (el: Element) => (chartOf(el).data.datasets[0].backgroundColor as string[] | string).toString().split(',')[0];

describe('docs: theming.md', () => {
  describe('the tables match the code', () => {
    it('every theme token, with its light and dark defaults', async () => {
      const rows = tableRowsUnder('Every custom property').map(([name, light, dark]) => [unquote(name), unquote(light), unquote(dark)]);
      const expected = [...(await themeTokens())].map(([name, v]) => [name, v.light, v.dark]);
      const byName = (a: string[], b: string[]) => (a[0] < b[0] ? -1 : 1);
      expect(rows.sort(byName)).to.deep.equal(expected.sort(byName));
    });

    it('every element-specific custom property, with its default', async () => {
      const rows = tableRowsUnder('Sizes');
      const expected = await elementTokens();
      expect(rows.map(([name]) => unquote(name)).sort()).to.deep.equal([...expected.keys()].sort());
      for (const [name, value] of rows) expect(value.startsWith(`\`${expected.get(unquote(name))}\``), name).to.equal(true);
    });

    it('every part of every element', async () => {
      const rows = tableRows(md, 'element').filter(([, parts]) => parts.includes('`'));
      const documented = new Map(rows.map(([tag, parts]) => [unquote(tag).slice(1, -1), parts.split(',').map((p) => unquote(p.trim()))]));
      const actual = await partsByTag();
      expect([...documented.keys()].sort()).to.deep.equal((await canonicalTags()).sort());
      for (const [tag, parts] of actual) expect(documented.get(tag), tag).to.have.members(parts);
    });

    it('the CSS examples use only documented properties and parts', async () => {
      const tokens = new Set([...(await themeTokens()).keys(), ...(await elementTokens()).keys()]);
      const parts = await partsByTag();
      for (const block of codeBlocks(md).filter((b) => b.lang === 'css' || b.lang === 'js')) {
        for (const [name] of block.code.matchAll(/--credit-[\w-]+/g)) expect(tokens.has(name), name).to.equal(true);
        for (const m of block.code.matchAll(/([a-z-]+)::part\(([^)]+)\)/g)) {
          const [name, ...states] = m[2].split(/\s+/);
          expect(parts.get(m[1]), `${m[1]}::part(${name})`).to.include(name);
          for (const state of states) expect(SECOND_NAMES, `${m[1]}::part(… ${state})`).to.include(state);
        }
        if (block.lang === 'css') {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(block.code);
          const rules = (block.code.match(/\{/g) ?? []).length;
          let parsed = 0;
          const count = (list: CSSRuleList): void => {
            for (const rule of list) {
              parsed++;
              if ('cssRules' in rule) count((rule as CSSGroupingRule).cssRules);
            }
          };
          count(sheet.cssRules);
          expect(parsed, `every rule of:\n${block.code}`).to.equal(rules);
        }
      }
    });

    it('the second part names it mentions are those the elements set', async () => {
      expect(md).to.contain('`preset selected`');
      expect(await source('src/elements/range-picker/range-picker.ts')).to.contain("'preset selected'");
      expect(md).to.contain('`row over-limit-row`');
      expect(await source('src/elements/member-usage-table/member-usage-table.ts')).to.contain("'row over-limit-row'");
      expect(md).to.contain('`message error`');
      expect(await source('src/base/credit-element.ts')).to.contain('part="message error"');
    });

    it('forced colours: the theme maps the documented tokens to system colours', async () => {
      const text = await source('src/base/theme.styles.ts');
      const forced = text.slice(text.indexOf('@media (forced-colors: active)'));
      const block = forced.slice(0, forced.indexOf('}\n  }'));
      for (const [name, value] of [
        ['text', 'CanvasText'],
        ['muted', 'CanvasText'],
        ['surface', 'Canvas'],
        ['subtle', 'Canvas'],
        ['border', 'CanvasText'],
        ['accent', 'Highlight'],
        ['on-accent', 'HighlightText'],
        ['focus', 'Highlight'],
        ['danger', 'CanvasText'],
        ['warning', 'CanvasText'],
      ]) {
        expect(block, name).to.contain(`--_${name}: ${value};`);
      }
    });
  });

  describe('the examples do what the page says', () => {
    it('brand colours reach every panel of the default layout, charts included', async () => {
      const s = await dashboardPage(css('Brand colours'));
      const summary = panel(s, 'credit-summary');
      expect(token(summary, '--_accent')).to.equal('#0f766e');
      expect(token(summary, '--_radius')).to.equal('4px');
      expect(getComputedStyle(summary).fontFamily).to.contain('Georgia');
      expect(firstColour(panel(s, 'credit-daily-chart'))).to.equal('#0f766e');
      expect(firstColour(panel(s, 'credit-team-split'))).to.equal('#0f766e');
    });

    it('theme="dark" switches every panel; the system scheme does too unless theme="light"', async () => {
      const perTheme = css('Light and dark', '--credit-color-accent');
      const dark = await dashboardPage(perTheme, 'theme="dark"');
      expect(token(panel(dark, 'credit-summary'), '--_surface')).to.equal('#161b22');
      expect(token(panel(dark, 'credit-summary'), '--_accent')).to.equal('#2dd4bf');
      expect(firstColour(panel(dark, 'credit-monthly-chart'))).to.equal('#818cf8');

      await emulateMedia({ colorScheme: 'dark' });
      const system = await dashboardPage(perTheme);
      expect(token(panel(system, 'credit-summary'), '--_surface')).to.equal('#161b22');
      expect(token(panel(system, 'credit-summary'), '--_accent')).to.equal('#2dd4bf');
      const light = await dashboardPage(perTheme, 'theme="light"');
      expect(token(panel(light, 'credit-summary'), '--_surface')).to.equal('#ffffff');
      expect(token(panel(light, 'credit-summary'), '--_accent')).to.equal('#0f766e');
    });

    it('::part rules style panels placed in the dashboard, not those of its default layout', async () => {
      const rules = css('Parts');
      const [children] = blocksUnder(md, 'Parts', 'html');
      // The dashboard is defined before the panels here; see the next test for why.
      const placed = await dashboardPage(rules, '', children.code.replace(/<\/?credit-dashboard>/g, ''), { dashboardFirst: true });
      await until(() => dashboardReady(placed.document.querySelector('credit-dashboard')!, 3), 'the three panels loaded', 15_000);
      const value = placed.document.querySelector('credit-summary')!.shadowRoot!.querySelector('[part~="value"]')!;
      expect(getComputedStyle(value).fontSize).to.equal('32px');
      expect(placed.document.querySelector('credit-dashboard')!.shadowRoot!.querySelector('credit-summary')).to.equal(null);

      const layout = await dashboardPage(rules);
      const inside = panel(layout, 'credit-summary').shadowRoot!.querySelector('[part~="value"]')!;
      expect(getComputedStyle(inside).fontSize).to.not.equal('32px');
    });

    it('panels written in the page inside a dashboard load, whatever order the elements are defined in', async () => {
      // As on the page: static HTML, then `import 'credit-usage-elements'`, which
      // defines <credit-summary> before <credit-dashboard>.
      const [children] = blocksUnder(md, 'Parts', 'html');
      const s = await sandbox(children.code, [
        mapImports(`import 'credit-usage-elements';
import { MemoryDataSource, generateDemoData } from 'credit-usage-elements/data';
document.querySelector('credit-dashboard').dataSource = new MemoryDataSource(generateDemoData({ seed: 2 }));`),
      ]);
      open.push(s);
      const dashboard = s.document.querySelector('credit-dashboard')!;
      await until(() => [...dashboard.children].every((p) => p.getAttribute('state') !== 'loading'), 'the panels settled', 15_000);
      expect([...dashboard.children].map((p) => `${p.localName}: ${p.getAttribute('state')}`)).to.deep.equal([
        'credit-summary: ready',
        'credit-daily-chart: ready',
        'member-usage-table: ready',
      ]);
    });

    it('sizes', async () => {
      const s = await dashboardPage(css('Sizes'));
      const chart = panel(s, 'credit-daily-chart').shadowRoot!.querySelector('.chart')!;
      expect(getComputedStyle(chart).height).to.equal('340px');
      const grid = s.document.querySelector('credit-dashboard')!.shadowRoot!.querySelector('[part="grid"]')!;
      expect(getComputedStyle(grid).gridTemplateColumns.split(' ')).to.have.length(3);
    });

    it('styling by state', async () => {
      const s = await dashboardPage(css('Styling by state'));
      expect(panel(s, 'credit-summary').getAttribute('state')).to.equal('ready');
      expect(panel(s, 'credit-summary').getAttribute('level')).to.be.oneOf(['normal', 'warning', 'danger']);
    });

    it('a chart colour changed at run time shows after refresh()', async () => {
      const s = await dashboardPage('');
      const daily = panel(s, 'credit-daily-chart');
      expect(firstColour(daily)).to.equal('#4f46e5');
      const [snippet] = blocksUnder(md, 'Changing the theme at run time', 'js');
      const url = URL.createObjectURL(new Blob([snippet.code.replace(/\bdocument\b/g, 'window.__doc')], { type: 'text/javascript' }));
      (window as unknown as { __doc: Document }).__doc = s.document;
      await import(url);
      URL.revokeObjectURL(url);
      await until(() => firstColour(daily) === '#0f766e', 'the chart redrawn in the new colour');
    });
  });
});

/** The rows of the table under a heading. */
function tableRowsUnder(heading: string): string[][] {
  const start = md.indexOf(`\n## ${heading}\n`);
  const section = md.slice(start, md.indexOf('\n## ', start + 1));
  return tableRows(section, 'property');
}
