#!/usr/bin/env node
// Bundle sizes, gzipped (level 9), against two figures each:
// - the target: the complete single-file bundle (lit and Chart.js inside)
//   ≤ 85 KB, the library's own code (lit and Chart.js external) ≤ 20 KB;
// - the ceiling: the size measured when the ceiling was last set, plus a
//   little room. Nothing may grow past it unnoticed: `--strict` (CI) fails
//   when a bundle is over its ceiling. Lower the ceiling when a change
//   makes a bundle smaller; raise it only in a commit that says why.
// The targets are not met: see bench/RESULTS.md for where the bytes go.
//   node scripts/size.mjs [--strict] [--write dist/credit-usage-elements.bundle.js]
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildBundle } from './bundle.mjs';

const KB = 1024;
const bundles = [
  { name: 'single-file bundle (lit, Chart.js inside)', external: [], target: 85 * KB, ceiling: 138 * KB },
  {
    name: 'own code (lit, Chart.js external)',
    external: ['lit', 'lit/*', '@lit/*', '@lit-labs/*', 'chart.js', 'chart.js/*', 'msw', 'msw/*'],
    target: 20 * KB,
    ceiling: 60.5 * KB,
  },
];

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
let over = false;
let single;
for (const bundle of bundles) {
  const bytes = await buildBundle({ external: bundle.external });
  single ??= bytes;
  const size = gz(bytes);
  const grown = size > bundle.ceiling;
  over ||= grown;
  const target = size <= bundle.target ? 'target met' : `target ${kb(bundle.target)} missed by ${kb(size - bundle.target)}`;
  console.log(`${bundle.name.padEnd(44)} ${kb(size).padStart(9)} gzip  ${grown ? `OVER ITS CEILING of ${kb(bundle.ceiling)}` : `ceiling ${kb(bundle.ceiling)} ok`}; ${target}`);
}
const i = process.argv.indexOf('--write');
if (i > 0) {
  mkdirSync(dirname(process.argv[i + 1]), { recursive: true });
  writeFileSync(process.argv[i + 1], single);
}
if (over && process.argv.includes('--strict')) {
  console.error('A bundle grew past its ceiling: find what grew it, or raise the ceiling in scripts/size.mjs in a commit that says why.');
  process.exit(1);
}
