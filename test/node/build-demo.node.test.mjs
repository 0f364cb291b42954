// `npm run build:demo` makes a static site: built into a temporary folder,
// served by a plain static file server under a sub-path (as a host that
// publishes it in a folder would), and opened in headless Chromium. The
// dashboard renders on the memory adapter and on the REST adapter (msw's
// service worker from the site itself), and no page reports an error.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { buildDemo } from '../../scripts/build-demo.mjs';
import { chromeArgs, chromePath } from '../../scripts/chrome.mjs';

const PREFIX = '/published/credit-usage/';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

let dir;
let files;
let server;
let base;
let browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'demo-site-'));
  files = await buildDemo(dir);
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(PREFIX)) return res.writeHead(404).end();
    let file = normalize(join(dir, path.slice(PREFIX.length)));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://localhost:${server.address().port}${PREFIX}`;
  browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a page of the static site; resolves once it says it has rendered, with the errors it reported. */
async function open(path) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && r.url().startsWith(base) && errors.push(`${r.status()} ${r.url()}`));
  await page.goto(base + path);
  await page.waitForSelector('html[data-rendered]', { timeout: 60_000 });
  return { page, errors };
}

/** The state of every panel of the page's dashboard. */
const panelStates = (page) =>
  page.evaluate(() => {
    const dashboard = document.querySelector('credit-dashboard');
    const panels = [...(dashboard?.shadowRoot?.querySelectorAll('[state]') ?? []), ...document.querySelectorAll('credit-dashboard > [state]')];
    return panels.map((p) => `${p.localName}:${p.getAttribute('state')}`);
  });

describe('npm run build:demo', () => {
  it('writes the pages, their scripts, the manifest and the mock worker, with relative links only', () => {
    for (const file of ['index.html', 'demo/index.html', 'demo/panel.html', 'demo/main.js', 'demo/generate.worker.js', 'custom-elements.json', 'mockServiceWorker.js']) {
      assert.ok(files.includes(file), `${file} is missing from ${files.join(', ')}`);
    }
    for (const page of files.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(dir, page), 'utf8');
      assert.doesNotMatch(html, /(?:src|href)=["']\/(?!\/)/, `${page} has a root-relative link`);
      assert.doesNotMatch(html, /src="[^"]*\.ts"/, `${page} still loads TypeScript`);
    }
  });

  it('refuses to empty the project, a folder holding it, or a folder it did not write', async () => {
    await assert.rejects(buildDemo('.'), /holds the project/);
    await assert.rejects(buildDemo('..'), /holds the project/);
    const other = mkdtempSync(join(tmpdir(), 'not-a-site-'));
    try {
      writeFileSync(join(other, 'keep.txt'), 'mine');
      await assert.rejects(buildDemo(other), /not written by build:demo/);
      assert.equal(readFileSync(join(other, 'keep.txt'), 'utf8'), 'mine');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    // Its own output it replaces.
    assert.ok(readdirSync(dir).includes('.demo-site'));
  });

  it('the landing page sends visitors to the demo', async () => {
    const { page, errors } = await open('');
    assert.match(page.url(), /\/demo\/$/);
    assert.ok((await panelStates(page)).length >= 8);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the dashboard renders every panel on the memory adapter', async () => {
    const { page, errors } = await open('demo/index.html');
    const states = await panelStates(page);
    assert.ok(states.length >= 8, states.join(' '));
    assert.deepEqual(states.filter((s) => !s.endsWith(':ready')), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a brand colour repaints the charts at once, without reloading', async () => {
    const { page, errors } = await open('demo/index.html');
    const pixels = () =>
      page.evaluate(() => {
        const chart = document.querySelector('credit-dashboard').shadowRoot.querySelector('credit-daily-chart');
        return { image: chart.shadowRoot.querySelector('canvas').toDataURL(), state: chart.getAttribute('state') };
      });
    const before = await pixels();
    await page.selectOption('select[name="brand"]', 'crimson');
    await page.waitForFunction(() => document.querySelector('#brand-tokens')?.textContent.includes('--credit-color-1: #be123c'));
    await page.waitForTimeout(300);
    const after = await pixels();
    assert.equal(after.state, 'ready');
    assert.notEqual(after.image, before.image, 'the daily chart kept its old colours');
    assert.match(page.url(), /[?&]brand=crimson/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the dashboard renders every panel on the REST adapter through the mock server', async () => {
    const { page, errors } = await open('demo/index.html?adapter=rest');
    const states = await panelStates(page);
    assert.ok(states.length >= 8, states.join(' '));
    assert.deepEqual(states.filter((s) => !s.endsWith(':ready')), []);
    const worker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    assert.equal(worker, `${base}mockServiceWorker.js`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the playground renders an element with its controls from the manifest', async () => {
    const { page, errors } = await open('demo/playground.html?tag=credit-by-reason');
    assert.equal(await page.evaluate(() => document.querySelector('credit-by-reason')?.getAttribute('state')), 'ready');
    assert.ok(await page.evaluate(() => document.querySelectorAll('select, input').length) > 3);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
