#!/usr/bin/env node
// Screenshots of the demo, light and dark, to look at as a person would.
//   node scripts/screenshot.mjs [outdir] [query…]   e.g. `size=small adapter=rest`
import { startDevServer } from '@web/dev-server';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome.mjs';
import config from '../web-dev-server.config.mjs';

const [outdir = 'screenshots', ...pairs] = process.argv.slice(2);
mkdirSync(outdir, { recursive: true });
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const server = await startDevServer({ config: { ...config, open: false, port }, readCliArgs: false, readFileConfig: false, logStartMessage: false });
const browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
try {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`http://localhost:${port}/demo/`);
    for (const pair of pairs) {
      const [name, value] = pair.split('=');
      await page.selectOption(`[name=${name}]`, value);
    }
    await page.waitForSelector('html[data-rendered]', { timeout: 30000 });
    await page.waitForTimeout(300);
    const file = `${outdir}/demo-${scheme}${pairs.length ? '-' + pairs.join('-').replace(/[^\w-]/g, '_') : ''}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
} finally {
  await browser.close();
  await server.stop();
}
