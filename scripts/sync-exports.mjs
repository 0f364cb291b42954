#!/usr/bin/env node
// Keeps package.json's per-element entry points and side-effect list in step
// with src/elements/*: `credit-usage-elements/<tag>` registers that element.
//   node scripts/sync-exports.mjs          write package.json
//   node scripts/sync-exports.mjs --check  fail if it is out of date (CI)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const tags = readdirSync('src/elements', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`src/elements/${d.name}/define.ts`))
  .map((d) => d.name)
  .sort();
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const exports = {
  '.': { types: './dist/types/index.d.ts', default: './dist/index.js' },
  './data': { types: './dist/types/data/index.d.ts', default: './dist/data.js' },
  './mocks': { types: './dist/types/mocks/index.d.ts', default: './dist/mocks.js' },
  './register': { types: './dist/types/register.d.ts', default: './dist/register.js' },
};
for (const tag of tags) {
  exports[`./${tag}`] = { types: `./dist/types/elements/${tag}/define.d.ts`, default: `./dist/elements/${tag}.js` };
}
exports['./custom-elements.json'] = './custom-elements.json';
exports['./package.json'] = './package.json';
const sideEffects = ['./dist/index.js', ...tags.map((t) => `./dist/elements/${t}.js`)];
const next = { ...pkg, exports, sideEffects };
const text = JSON.stringify(next, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (text !== readFileSync('package.json', 'utf8')) {
    console.error('package.json exports are out of date: run `node scripts/sync-exports.mjs` and commit.');
    process.exit(1);
  }
  console.log(`package.json exports cover ${tags.length} elements.`);
} else {
  writeFileSync('package.json', text);
  console.log(`package.json exports: ${tags.join(', ')}`);
}
