// The self-contained single-file bundle (lit and Chart.js inside) that plain
// pages load from a CDN: `dist/credit-usage-elements.bundle.js`.
import { build } from 'esbuild';

export const BUNDLE_PATH = '/dist/credit-usage-elements.bundle.js';

export const bundleOptions = {
  entryPoints: ['src/index.ts'],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  write: false,
  legalComments: 'none',
  tsconfig: 'tsconfig.json',
  define: { 'process.env.NODE_ENV': '"production"' },
  conditions: ['production'],
  logLevel: 'silent',
};

/** Builds the bundle in memory; resolves to its bytes. */
export async function buildBundle(extra = {}) {
  const result = await build({ ...bundleOptions, ...extra });
  return result.outputFiles[0].contents;
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
