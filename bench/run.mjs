#!/usr/bin/env node
// Runs benchmarks in headless Chromium and prints their tables.
//   node bench/run.mjs                 every benchmark, full size (npm run bench)
//   node bench/run.mjs data            one of them (data, daily, members, dashboard, size)
//   node bench/run.mjs all --smoke     a short run of each that proves they work (CI)
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { BROWSER_BUILD } from '../scripts/bundle.mjs';
import { chromeArgs, chromePath } from '../scripts/chrome.mjs';

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const name = args.find((a) => !a.startsWith('--')) ?? 'all';
const smoke = flags.includes('--smoke');
const suites = {
  data: { entry: 'bench/data.bench.ts', title: 'bench:data — memory adapter vs reference', options: smoke ? { events: 50_000, members: 200, runs: 2 } : { events: 1_000_000, members: 2000, runs: 5 } },
  daily: { entry: 'bench/daily-chart.bench.ts', title: 'bench:daily — <credit-daily-chart> vs a plain Chart.js page', options: smoke ? { events: 50_000, members: 200, runs: 3, warmup: 1 } : { events: 1_000_000, members: 2000, runs: 21, warmup: 6 } },
  members: { entry: 'bench/member-table.bench.ts', title: 'bench:members — <member-usage-table virtualized> vs a plain Lit template of every row', options: smoke ? { members: 1000, events: 40_000, runs: 3, frames: 60 } : { members: 10_000, events: 400_000, runs: 9, frames: 240 } },
  dashboard: { entry: 'bench/dashboard.bench.ts', title: 'bench:dashboard — the default dashboard: first render and range changes', options: smoke ? { events: 50_000, members: 200, runs: 1 } : { events: 1_000_000, members: 2000, runs: 5 } },
};
const names = name === 'all' ? [...Object.keys(suites), 'size'] : [name];
for (const n of names) {
  if (n !== 'size' && !suites[n]) {
    console.error(`Unknown benchmark "${n}". Known: ${Object.keys(suites).join(', ')}, size, all`);
    process.exit(2);
  }
}

const executablePath = chromePath();
if (!executablePath) {
  console.error('No Chrome/Chromium found: set CHROME_PATH, or `apt-get install chromium`.');
  process.exit(1);
}

for (const n of names) {
  if (n === 'size') {
    console.log('\nbench:size — gzipped bundles against their budgets\n-------------------------------------------------');
    execFileSync(process.execPath, ['scripts/size.mjs'], { stdio: 'inherit' });
    continue;
  }
  await runSuite(suites[n]);
}

async function runSuite(suite) {
  const bundle = await build({
    entryPoints: [suite.entry],
    bundle: true,
    format: 'esm',
    ...BROWSER_BUILD,
    write: false,
    minify: true,
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
  const browser = await chromium.launch({
    executablePath,
    args: chromeArgs,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
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
    console.log('\n' + table);
    const ua = await page.evaluate(() => navigator.userAgent);
    console.log(`${ua.match(/Chrome\/[\d.]+/)?.[0] ?? ua}, ${(Date.now() - started) / 1000}s`);
  } finally {
    await browser.close();
    server.close();
  }
}
