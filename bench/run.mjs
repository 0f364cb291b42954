#!/usr/bin/env node
// Runs a benchmark in headless Chromium and prints its table.
//   node bench/run.mjs data            the full run (1,000,000 events)
//   node bench/run.mjs data --smoke    a short run that proves it works (CI)
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from '../scripts/chrome.mjs';

const [name = 'data', ...flags] = process.argv.slice(2);
const smoke = flags.includes('--smoke');
const suites = {
  data: { entry: 'bench/data.bench.ts', title: 'bench:data — memory adapter vs reference', options: smoke ? { events: 50_000, members: 200, runs: 2 } : { events: 1_000_000, members: 2000, runs: 5 } },
};
const suite = suites[name];
if (!suite) {
  console.error(`Unknown benchmark "${name}". Known: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}

const bundle = await build({
  entryPoints: [suite.entry],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
});
const code = bundle.outputFiles[0].text;
const server = createServer((req, res) => {
  if (req.url === '/bench.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(code);
  } else {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>bench</title>');
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const executablePath = chromePath();
if (!executablePath) {
  console.error('No Chrome/Chromium found: set CHROME_PATH, or `apt-get install chromium`.');
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath,
  args: [...chromeArgs, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(e));
  await page.goto(url);
  const started = Date.now();
  const table = await page.evaluate(
    async ({ options, title }) => {
      const mod = await import('/bench.js');
      return mod.report(title, await mod.run(options));
    },
    { options: suite.options, title: suite.title + (smoke ? ' (smoke run, small data)' : '') },
  );
  console.log(table);
  const ua = await page.evaluate(() => navigator.userAgent);
  console.log(`\n${ua.match(/Chrome\/[\d.]+/)?.[0] ?? ua}, ${(Date.now() - started) / 1000}s`);
} finally {
  await browser.close();
  server.close();
}
