import { nodeResolve } from '@rollup/plugin-node-resolve';
import { existsSync, readdirSync } from 'node:fs';
import esbuild from 'rollup-plugin-esbuild';

/**
 * The npm build: ES modules with lit, Chart.js and msw left to the host's
 * bundler; chunks shared between entry points are split out once.
 */
const external = [/^lit(\/|$)/, /^@lit\//, /^chart\.js(\/|$)/, /^msw(\/|$)/];

/** One entry point per element: `credit-usage-elements/<tag>` registers just that element. */
const elements = Object.fromEntries(
  readdirSync('src/elements')
    .filter((tag) => existsSync(`src/elements/${tag}/define.ts`))
    .map((tag) => [`elements/${tag}`, `src/elements/${tag}/define.ts`]),
);

export default {
  input: {
    index: 'src/index.ts',
    data: 'src/data/index.ts',
    mocks: 'src/mocks/index.ts',
    register: 'src/register.ts',
    ...elements,
  },
  external: (id) => external.some((re) => re.test(id)),
  output: {
    dir: 'dist',
    format: 'es',
    sourcemap: true,
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
  plugins: [nodeResolve(), esbuild({ target: 'es2022', tsconfig: 'tsconfig.build.json' })],
};
