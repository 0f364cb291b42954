// The self-contained single-file bundle (lit and Chart.js inside) that plain
// pages load from a CDN: `dist/credit-usage-elements.bundle.js`.
// Rollup gathers the modules (its tree-shaking drops the Chart.js
// controllers, scales and plugins the panels never register, which esbuild
// keeps), then esbuild minifies the one file.
import nodeResolve from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';
import { resolve } from 'node:path';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplatesRollup } from './minify-templates.mjs';

export const BUNDLE_PATH = '/dist/credit-usage-elements.bundle.js';

/** What the bundle is built from: the main entry point, so it exports what `credit-usage-elements` exports. */
export const BUNDLE_INPUT = 'src/index.ts';

/**
 * The esbuild settings every browser build shares (this bundle, the static
 * demo, the benchmarks): the language level the package ships, the
 * project's TypeScript settings and lit's production mode.
 */
export const BROWSER_BUILD = { target: 'es2022', tsconfig: 'tsconfig.json', define: { 'process.env.NODE_ENV': '"production"' } };

const VIRTUAL = '\0virtual-entry.ts';

/**
 * Builds the bundle in memory; resolves to its bytes. `external` leaves
 * packages out (the size check measures the library's own code that way);
 * `entry`, module source in place of the main entry point (imports resolve
 * from src/), measures a part of it.
 */
export async function buildBundle({ external = [], entry } = {}) {
  const outside = (id) => external.some((pattern) => (pattern.endsWith('/*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern));
  const virtual = {
    name: 'virtual-entry',
    resolveId: (id, importer) => (id === VIRTUAL ? id : importer === VIRTUAL && id.startsWith('.') ? resolve('src', id.replace(/\.js$/, '.ts')) : null),
    load: (id) => (id === VIRTUAL ? entry : null),
  };
  const bundle = await rollup({
    input: entry === undefined ? BUNDLE_INPUT : VIRTUAL,
    external: outside,
    // Assumes reading a property never has a side effect, which lets rollup drop the Chart.js
    // scales and adapters the panels never register. It holds for lit, Chart.js, the virtualizer
    // and src/ (checked by diffing the bundle with and without it). A statement that only reads a
    // property for its effect — `el.offsetWidth;` to force layout — would be dropped: call a
    // method (`el.getBoundingClientRect()`) instead.
    treeshake: { propertyReadSideEffects: false },
    plugins: [
      ...(entry === undefined ? [] : [virtual]),
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      minifyTemplatesRollup(),
      esbuild(BROWSER_BUILD),
    ],
    onwarn(warning, warn) {
      if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
    },
  });
  try {
    const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
    const { code } = await transform(output[0].code, { minify: true, target: BROWSER_BUILD.target, legalComments: 'none', format: 'esm' });
    return new TextEncoder().encode(code);
  } finally {
    await bundle.close();
  }
}

let cached;
/**
 * Dev-server middleware answering the bundle's URL with a fresh build, so
 * tests and the demo can load the real single file without a build step.
 */
export async function bundleMiddleware(ctx, next) {
  if (ctx.path !== BUNDLE_PATH) return next();
  cached ??= buildBundle();
  try {
    ctx.body = Buffer.from(await cached);
    ctx.type = 'application/javascript';
  } finally {
    cached = undefined;
  }
}
