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
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { minifyTemplatesEsbuild } from './minify-templates.mjs';

const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { out: { type: 'string', default: 'demo-dist' } } });

/** Builds the static demo into `out`; resolves to the files written, relative to it. */
export async function buildDemo(out = values.out) {
  const site = resolve(out);
  const pages = join(site, 'demo');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(pages, { recursive: true });

  // The pages, their scripts pointed at the built .js.
  const htmlFiles = readdirSync('demo').filter((f) => f.endsWith('.html'));
  const entries = new Set(['demo/generate.worker.ts']);
  for (const file of htmlFiles) {
    const source = readFileSync(join('demo', file), 'utf8');
    for (const [, src] of source.matchAll(/<script type="module" src="\.\/([\w.-]+)\.ts"><\/script>/g)) entries.add(`demo/${src}.ts`);
    const unresolved = [...source.matchAll(/(?:src|href)="(?!\.\/[\w.-]+\.(?:ts|css|html)(?:[?#][^"]*)?"|data:|https?:|#)([^"]*)"/g)].map((m) => m[1]);
    if (unresolved.length > 0) throw new Error(`demo/${file} links to ${unresolved.join(', ')}, which the static site does not have`);
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
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    tsconfig: 'tsconfig.json',
    define: { 'process.env.NODE_ENV': '"production"' },
    conditions: ['production'],
    metafile: true,
    logLevel: 'warning',
    plugins: [workerUrl, minifyTemplatesEsbuild],
  });

  copyFileSync('custom-elements.json', join(site, 'custom-elements.json'));
  copyFileSync(require.resolve('msw/mockServiceWorker.js'), join(site, 'mockServiceWorker.js'));
  writeFileSync(
    join(site, 'index.html'),
    '<!doctype html>\n<html lang="en">\n<meta charset="utf-8">\n<link rel="icon" href="data:,">\n<title>credit-usage-elements — demo</title>\n<meta http-equiv="refresh" content="0; url=demo/">\n<p><a href="demo/">Open the demo</a></p>\n</html>\n',
  );

  const written = ['index.html', 'custom-elements.json', 'mockServiceWorker.js', ...htmlFiles.map((f) => `demo/${f}`)];
  written.push(...Object.keys(result.metafile.outputs).map((p) => resolve(p).slice(site.length + 1)));
  for (const file of written) if (!existsSync(join(site, file))) throw new Error(`build:demo did not write ${file}`);
  return written.sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await buildDemo();
  console.log(`Static demo in ${values.out}/ (${files.length} files). Serve the folder with any static file server and open /demo/.`);
}
