#!/usr/bin/env node
// Bundle sizes against the budgets, gzipped:
// - the complete single-file bundle (lit and Chart.js inside) ≤ 85 KB;
// - the library's own code with lit and Chart.js external ≤ 20 KB.
//   node scripts/size.mjs [--write dist/credit-usage-elements.bundle.js]
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildBundle } from './bundle.mjs';

const budgets = { bundle: 85 * 1024, own: 20 * 1024 };
const single = await buildBundle();
const own = await buildBundle({ external: ['lit', 'lit/*', '@lit/*', '@lit-labs/*', 'chart.js', 'chart.js/*', 'msw', 'msw/*'] });
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const rows = [
  ['single-file bundle (lit, Chart.js inside)', gz(single), budgets.bundle],
  ['own code (lit, Chart.js external)', gz(own), budgets.own],
];
let failed = false;
for (const [name, size, budget] of rows) {
  const ok = size <= budget;
  failed ||= !ok;
  console.log(`${name.padEnd(44)} ${(size / 1024).toFixed(1).padStart(6)} KB gzip  (budget ${budget / 1024} KB)  ${ok ? 'ok' : 'OVER BUDGET'}`);
}
const i = process.argv.indexOf('--write');
if (i > 0) {
  mkdirSync(dirname(process.argv[i + 1]), { recursive: true });
  writeFileSync(process.argv[i + 1], single);
}
process.exit(failed && process.argv.includes('--strict') ? 1 : 0);
