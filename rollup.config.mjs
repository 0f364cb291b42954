import { nodeResolve } from '@rollup/plugin-node-resolve';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplatesRollup } from './scripts/minify-templates.mjs';

/**
 * The npm build: ES modules with lit, Chart.js, msw and React left to the
 * host's bundler; chunks shared between entry points are split out once.
 */
const external = [/^lit(\/|$)/, /^@lit\//, /^@lit-labs\//, /^chart\.js(\/|$)/, /^msw(\/|$)/, /^react(-dom)?(\/|$)/];

/** One entry point per element: `credit-usage-elements/<tag>` registers just that element. */
const elements = Object.fromEntries(
  readdirSync('src/elements')
    .filter((tag) => existsSync(`src/elements/${tag}/define.ts`))
    .map((tag) => [`elements/${tag}`, `src/elements/${tag}/define.ts`]),
);

/**
 * `credit-usage-elements/jsx`: the generated JSX types (src/jsx.d.ts), put
 * beside the declarations tsc writes — tsc does not copy .d.ts files.
 */
const jsxTypes = {
  name: 'jsx-types',
  writeBundle({ dir = 'dist' }) {
    if (!existsSync('src/jsx.d.ts')) return;
    mkdirSync(`${dir}/types`, { recursive: true });
    copyFileSync('src/jsx.d.ts', `${dir}/types/jsx.d.ts`);
    if (existsSync('src/jsx-react.d.ts')) copyFileSync('src/jsx-react.d.ts', `${dir}/types/jsx-react.d.ts`);
  },
};

export default {
  input: {
    index: 'src/index.ts',
    data: 'src/data/index.ts',
    mocks: 'src/mocks/index.ts',
    register: 'src/register.ts',
    react: 'src/react/index.ts',
    ...elements,
  },
  external: (id) => external.some((re) => re.test(id)),
  output: {
    dir: 'dist',
    format: 'es',
    sourcemap: true,
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
  plugins: [nodeResolve(), minifyTemplatesRollup(), esbuild({ target: 'es2022', tsconfig: 'tsconfig.build.json' }), jsxTypes],
};
