import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromeArgs, chromePath } from './scripts/chrome.mjs';
import { reactEsmPlugin } from './examples/react-esm-plugin.mjs';
import { bundleMiddleware } from './scripts/bundle.mjs';
import { mswWorkerMiddleware } from './scripts/msw-worker.mjs';

/** The whole suite runs in real headless Chromium. */
export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, tsx: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }), reactEsmPlugin()],
  middleware: [mswWorkerMiddleware, bundleMiddleware],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromePath(), args: chromeArgs },
    }),
  ],
  // One page at a time: Chromium does not render a page that is not the
  // foreground tab (no animation frames, no resize observations), and the
  // charts and the virtualized table need both.
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  browserStartTimeout: 60000,
  testsFinishTimeout: 600000,
};
