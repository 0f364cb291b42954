#!/usr/bin/env node
// Bundle sizes, gzipped (level 9), against two figures each:
// - the target: the complete single-file bundle (lit and Chart.js inside)
//   ≤ 85 KB, the library's own code (lit and Chart.js external) ≤ 20 KB;
// - the ceiling: the size measured when the ceiling was last set, plus a
//   little room. Nothing may grow past it unnoticed: `--strict` (CI) fails
//   when a bundle is over its ceiling. Lower the ceiling when a change
//   makes a bundle smaller; raise it only in a commit that says why.
// The targets are not met: see bench/RESULTS.md for where the bytes go.
//   node scripts/size.mjs [--strict] [--write dist/credit-usage-elements.bundle.js] [--breakdown]
// --breakdown adds where the bytes go: the packages on their own, and each
// element as the own-code bundle with and without it.
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
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
if (process.argv.includes('--breakdown')) await breakdown();

async function breakdown() {
  const own = bundles[1].external;
  const size = async (entry, external = own) => gz(await buildBundle({ entry, external }));
  const rows = [];
  const chartJs = `import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Filler, Legend, LinearScale, LineController, LineElement, PieController, PointElement, Tooltip } from 'chart.js';
    import { color } from 'chart.js/helpers';
    Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Filler, Legend, LinearScale, LineController, LineElement, PieController, PointElement, Tooltip);
    export { Chart, color };`;
  const lit = "export * from 'lit'; export * from 'lit/decorators.js'; export * from '@lit/context'; export * from '@lit/task';";
  rows.push(['Chart.js, the parts the panels register', await size(chartJs, [])]);
  rows.push(['lit, @lit/context, @lit/task', await size(lit, [])]);
  rows.push(['@lit-labs/virtualizer (lit external)', await size("export * from '@lit-labs/virtualizer/virtualize.js';", ['lit', 'lit/*', '@lit/*'])]);
  const tags = readdirSync('src/elements').sort();
  const imports = tags.map((t) => `import './elements/${t}/define.js';`);
  const elements = await size(imports.join('\n'));
  rows.push(['base: CreditElement, ChartPanel, validation, strings, core', await size("export * from './base/credit-element.js'; export * from './base/chart-panel.js'; export * from './data/guard.js';")]);
  for (const tag of tags) rows.push([`<${tag}>`, elements - (await size(imports.filter((line) => !line.includes(`/${tag}/`)).join('\n')))]);
  rows.push(['main entry re-exports (adapters, demo data, helpers)', gz(await buildBundle({ external: own })) - elements]);
  console.log('\nwhere the bytes go (gzip -9)');
  for (const [name, bytes] of rows) console.log(`  ${name.padEnd(58)} ${kb(bytes).padStart(9)}`);
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
