/**
 * A dev-server plugin that serves React to the browser as ES modules.
 *
 * React and React DOM are published as CommonJS only, which a browser cannot
 * import; a bundler (Vite, webpack, …) converts them, the dev server does not.
 * This plugin bundles them once, into one module (so there is one React), and
 * answers each specifier the examples import (`react`, `react-dom/client`,
 * `react/jsx-runtime`, …) with a module re-exporting its part of it.
 */
import { execFile } from 'node:child_process';
import process from 'node:process';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const SPECIFIERS = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime'];
const BASE = '/__react-esm__/';
const BUNDLE = `${BASE}bundle.js`;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const urlOf = (specifier) => `${BASE}${specifier}.js`;

/** One ES module holding every specifier's CommonJS exports, React bundled once. */
async function bundle() {
  const contents = [
    ...SPECIFIERS.map((s, i) => `import * as m${i} from '${s}';`),
    `export const modules = { ${SPECIFIERS.map((s, i) => `'${s}': m${i}`).join(', ')} };`,
  ].join('\n');
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/**
 * The names a CommonJS module exports. Read in a separate Node process: React
 * in development mode calls console methods as it loads, and the test
 * runner's console replacement does not have them all.
 */
async function exportNames(specifier) {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', 'console.log(JSON.stringify(Object.keys(require(process.argv[1]))))', specifier], {
    cwd: process.cwd(),
  });
  return JSON.parse(stdout).filter((n) => n !== 'default' && IDENTIFIER.test(n));
}

/** The module answering one specifier: its default export and every named one. */
async function facade(specifier) {
  const names = await exportNames(specifier);
  return [
    `import { modules } from '${BUNDLE}';`,
    `const m = modules[${JSON.stringify(specifier)}];`,
    'export default m.default;',
    names.length ? `export const { ${names.join(', ')} } = m;` : '',
  ].join('\n');
}

export function reactEsmPlugin() {
  let bundled;
  const facades = new Map();
  return {
    name: 'react-esm',
    resolveImport({ source }) {
      if (SPECIFIERS.includes(source)) return urlOf(source);
    },
    async serve(context) {
      if (!context.path.startsWith(BASE)) return;
      if (context.path === BUNDLE) {
        bundled ??= bundle();
        return { body: await bundled, type: 'js' };
      }
      const specifier = SPECIFIERS.find((s) => context.path === urlOf(s));
      if (!specifier) return;
      if (!facades.has(specifier)) facades.set(specifier, facade(specifier));
      return { body: await facades.get(specifier), type: 'js' };
    },
  };
}
