#!/usr/bin/env node
// Keeps package.json's per-element entry points and side-effect list in step
// with src/elements/*: `credit-usage-elements/<tag>` registers that element.
// `credit-usage-elements/react` (the React wrappers) registers every element;
// `credit-usage-elements/jsx` holds the JSX tag types.
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
  './react': { types: './dist/types/react/index.d.ts', default: './dist/react.js' },
};
// Types only: the JSX tag types generated into src/jsx.d.ts (the build copies them).
if (existsSync('src/jsx.d.ts')) exports['./jsx'] = { types: './dist/types/jsx.d.ts' };
if (existsSync('src/jsx-react.d.ts')) exports['./jsx/react'] = { types: './dist/types/jsx-react.d.ts' };
for (const tag of tags) {
  exports[`./${tag}`] = { types: `./dist/types/elements/${tag}/define.d.ts`, default: `./dist/elements/${tag}.js` };
}
exports['./custom-elements.json'] = './custom-elements.json';
exports['./package.json'] = './package.json';
// The published define modules register elements; so do their sources, which
// the build itself resolves through this same list (else it drops them).
const sideEffects = [
  './dist/index.js',
  './dist/react.js',
  ...tags.map((t) => `./dist/elements/${t}.js`),
  './src/index.ts',
  './src/react/index.ts',
  './src/elements/*/define.ts',
];
const next = { ...pkg, exports, sideEffects, customElements: 'custom-elements.json' };
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
