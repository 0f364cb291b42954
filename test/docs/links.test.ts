/**
 * The pages hang together: every relative link of the README and the docs
 * points at a file that exists and, with an anchor, at a heading of it;
 * the README's table links every page.
 */
import { expect } from '@open-wc/testing';
import { codeless, headings, page, slug } from './helpers.js';

const PAGES = [
  'docs/getting-started.md',
  'docs/adapters.md',
  'docs/rest-contract.md',
  'docs/sql-at-scale.md',
  'docs/theming.md',
  'docs/events.md',
  'docs/localisation.md',
  'docs/accessibility.md',
];

/** GitHub's anchors of a page: slugs of its headings, repeated ones numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const h of headings(markdown)) {
    const base = slug(h);
    const n = seen.get(base) ?? 0;
    out.add(n === 0 ? base : `${base}-${n}`);
    seen.set(base, n + 1);
  }
  return out;
}

const links = (markdown: string) =>
  [...codeless(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/i.test(l));

const resolve = (from: string, link: string) => new URL(link, new URL(`/${from}`, location.origin)).pathname.slice(1);

describe('docs: links', () => {
  // The README's own links outside the docs row belong to other parts of the project.
  const docsRow = (markdown: string) => markdown.split('\n').find((l) => l.startsWith('| `docs/` |'))!;
  for (const file of ['README.md', ...PAGES]) {
    it(`${file}: every relative link and anchor resolves`, async () => {
      const markdown = file === 'README.md' ? docsRow(await page(file)) : await page(file);
      for (const link of links(markdown)) {
        const [path, anchor] = link.split('#');
        const target = path === '' ? file : resolve(file, path);
        const response = await fetch(`/${target}`, { method: 'HEAD' });
        expect(response.ok, `${file} → ${link}`).to.equal(true);
        if (anchor !== undefined && target.endsWith('.md')) {
          expect(anchors(await page(target)).has(anchor), `${file} → ${link}: no heading "#${anchor}"`).to.equal(true);
        }
      }
    });
  }

  it('the README’s table links every page, the OpenAPI document and the API reference', async () => {
    const row = (await page('README.md')).split('\n').find((l) => l.startsWith('| `docs/` |'))!;
    const linked = new Set(links(row));
    for (const file of [...PAGES, 'docs/openapi.json', 'docs/api.md']) expect(linked.has(file), file).to.equal(true);
  });

  it('every page is linked from getting-started’s "Where next" or the README', async () => {
    const next = links(await page('docs/getting-started.md')).map((l) => `docs/${l.split('#')[0]}`);
    for (const file of PAGES.filter((p) => p !== 'docs/getting-started.md' && p !== 'docs/rest-contract.md')) expect(next, file).to.include(file);
  });
});
