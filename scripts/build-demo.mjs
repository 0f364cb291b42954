#!/usr/bin/env node
// `npm run build:demo`: the demo as a static site that any file host serves
// (no dev server, no build step on the host), under any path:
//   demo-dist/
//     index.html              → sends visitors on to demo/
//     demo/                   the pages, their styles and minified scripts
//     custom-elements.json    the manifest the playground builds its controls from
//     mockServiceWorker.js    msw's worker, for the REST adapter on the mock server
// Every URL in it is relative, so `demo-dist/` can be published at a site's
// root or in a folder (`https://example.com/credit-usage/`).
//   node scripts/build-demo.mjs [--out demo-dist]
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BROWSER_BUILD } from './bundle.mjs';
import { minifyTemplatesEsbuild } from './minify-templates.mjs';

const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { out: { type: 'string', default: 'demo-dist' } } });

/** The file that marks a folder as a build of the demo, which the next build may replace. */
const MARKER = '.demo-site';

/**
 * Empties the output folder — only when it is one this script wrote (or is
 * new or empty), and never the project itself or a folder holding it.
 */
function clearOutput(site) {
  // From the output to the project: '' or a path down into it when the output is the project or holds it.
  const toProject = relative(site, process.cwd());
  if (toProject === '' || (!toProject.startsWith('..') && !isAbsolute(toProject))) {
    throw new Error(`build:demo: refusing to write into ${site}, which holds the project; pass --out with a folder of its own`);
  }
  if (existsSync(site) && readdirSync(site).length > 0 && !existsSync(join(site, MARKER))) {
    throw new Error(`build:demo: ${site} is not empty and was not written by build:demo; pass --out with a new or empty folder`);
  }
  rmSync(site, { recursive: true, force: true });
}

/**
 * Every `src`/`href` of a written page must work wherever the folder is
 * published: another site, a data: URL, a fragment, or a relative path to a
 * file the site has — never a root-relative path.
 */
function checkLinks(site, page) {
  const html = readFileSync(join(site, page), 'utf8');
  for (const [, , url] of html.matchAll(/\s(?:src|href)\s*=\s*(["'])(.*?)\1/g)) {
    if (/^(?:[a-z][a-z\d+.-]*:|#)/i.test(url)) continue;
    if (url.startsWith('/')) throw new Error(`build:demo: ${page} links to ${url}, which breaks when the site is published in a folder`);
    const path = decodeURIComponent(url.replace(/[?#].*$/, ''));
    const target = resolve(site, dirname(page), path || '.');
    const served = existsSync(target) && statSync(target).isDirectory() ? join(target, 'index.html') : target;
    if (!existsSync(served)) {
      throw new Error(`build:demo: ${page} links to ${url}, which the static site does not have`);
    }
  }
}

/** Builds the static demo into `out`; resolves to the files written, relative to it. */
export async function buildDemo(out = values.out) {
  const site = resolve(out);
  const pages = join(site, 'demo');
  clearOutput(site);
  mkdirSync(pages, { recursive: true });

  // The pages, their scripts pointed at the built .js.
  const htmlFiles = readdirSync('demo').filter((f) => f.endsWith('.html'));
  const entries = new Set(['demo/generate.worker.ts']);
  for (const file of htmlFiles) {
    const source = readFileSync(join('demo', file), 'utf8');
    for (const [, src] of source.matchAll(/<script type="module" src="\.\/([\w.-]+)\.ts"><\/script>/g)) entries.add(`demo/${src}.ts`);
    writeFileSync(join(pages, file), source.replace(/(<script type="module" src="\.\/[\w.-]+)\.ts(")/g, '$1.js$2'));
  }
  for (const file of readdirSync('demo').filter((f) => f.endsWith('.css'))) copyFileSync(join('demo', file), join(pages, file));

  // The scripts: one module per page plus the generator worker; shared code in chunks beside them,
  // so `new URL('./generate.worker.js', import.meta.url)` resolves wherever it ends up.
  const workerUrl = {
    name: 'worker-url',
    setup(b) {
      b.onLoad({ filter: /[\\/]demo[\\/][\w.-]+\.ts$/ }, ({ path }) => {
        const source = readFileSync(path, 'utf8');
        if (!source.includes("'./generate.worker.ts'")) return undefined;
        return { contents: source.replaceAll("'./generate.worker.ts'", "'./generate.worker.js'"), loader: 'ts' };
      });
    },
  };
  const result = await build({
    entryPoints: [...entries],
    outdir: pages,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    ...BROWSER_BUILD,
    minify: true,
    legalComments: 'none',
    conditions: ['production'],
    metafile: true,
    logLevel: 'warning',
    plugins: [workerUrl, minifyTemplatesEsbuild],
  });

  writeFileSync(join(site, MARKER), 'Written by `npm run build:demo`; the next build replaces this folder.\n');
  copyFileSync('custom-elements.json', join(site, 'custom-elements.json'));
  copyFileSync(require.resolve('msw/mockServiceWorker.js'), join(site, 'mockServiceWorker.js'));
  writeFileSync(
    join(site, 'index.html'),
    '<!doctype html>\n<html lang="en">\n<meta charset="utf-8">\n<link rel="icon" href="data:,">\n<title>credit-usage-elements — demo</title>\n<meta http-equiv="refresh" content="0; url=demo/">\n<p><a href="demo/">Open the demo</a></p>\n</html>\n',
  );

  const written = ['index.html', 'custom-elements.json', 'mockServiceWorker.js', ...htmlFiles.map((f) => `demo/${f}`)];
  written.push(...Object.keys(result.metafile.outputs).map((p) => resolve(p).slice(site.length + 1)));
  for (const file of written) if (!existsSync(join(site, file))) throw new Error(`build:demo did not write ${file}`);
  for (const file of written.filter((f) => f.endsWith('.html'))) checkLinks(site, file);
  return written.sort();
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  try {
    const files = await buildDemo();
    console.log(`Static demo in ${values.out}/ (${files.length} files). Serve the folder with any static file server and open /demo/.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
