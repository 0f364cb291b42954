import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

/**
 * The npm build: ES modules with lit, Chart.js and msw left to the host's
 * bundler; chunks shared between entry points are split out once.
 */
const external = [/^lit(\/|$)/, /^@lit\//, /^chart\.js(\/|$)/, /^msw(\/|$)/];

export default {
  input: {
    index: 'src/index.ts',
    data: 'src/data/index.ts',
    mocks: 'src/mocks/index.ts',
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
