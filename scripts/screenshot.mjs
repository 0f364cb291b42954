#!/usr/bin/env node
// Screenshots of demo pages, to look at as a person would.
//   node scripts/screenshot.mjs                         the demo, light and dark → screenshots/
//   node scripts/screenshot.mjs --out dir --page 'panel.html?tag=credit-summary' [--name x] [--width 1280]
// Each page is shot in light and dark (colorScheme emulated) once it sets html[data-rendered].
import { startDevServer } from '@web/dev-server';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome.mjs';
import config from '../web-dev-server.config.mjs';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'screenshots' },
    page: { type: 'string', multiple: true, default: ['index.html'] },
    name: { type: 'string' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '900' },
  },
});
mkdirSync(values.out, { recursive: true });
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const server = await startDevServer({ config: { ...config, open: false, port }, readCliArgs: false, readFileConfig: false, logStartMessage: false });
const browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
try {
  for (const path of values.page) {
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width: +values.width, height: +values.height }, colorScheme: scheme });
      page.on('pageerror', (e) => console.error('page error:', e.message));
      page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
      await page.goto(`http://localhost:${port}/demo/${path}`);
      await page.waitForSelector('html[data-rendered]', { timeout: 60000 });
      await page.waitForTimeout(500);
      const base = values.name ?? path.replace(/\.html/, '').replace(/[^\w-]+/g, '_').replace(/^_|_$/g, '');
      const file = `${values.out}/${base}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
