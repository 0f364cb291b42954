import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { reactEsmPlugin } from './examples/react-esm-plugin.mjs';
import { bundleMiddleware } from './scripts/bundle.mjs';
import { mswWorkerMiddleware } from './scripts/msw-worker.mjs';

/** `npm start`: the demo on the built-in memory adapter. */
export default {
  rootDir: '.',
  appIndex: 'demo/index.html',
  // Open a browser where there is a desktop to open it on; always print the URL.
  open: !process.env.CI && (process.platform !== 'linux' || !!process.env.DISPLAY) ? '/demo/' : false,
  port: Number(process.env.PORT ?? 8000),
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, tsx: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }), reactEsmPlugin()],
  middleware: [mswWorkerMiddleware, bundleMiddleware],
};
