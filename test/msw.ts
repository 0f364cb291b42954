/**
 * msw in the test page: a service worker (served at /mockServiceWorker.js by
 * the test server) that answers the requests a suite gives handlers for and
 * lets every other request through to the network.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';

/**
 * A worker for the suite this is called in (or the whole file, at its top
 * level): started before its tests, stopped after them. Add handlers with
 * `worker.use` or `worker.resetHandlers`.
 */
export function mockWorker(): SetupWorker {
  const worker = setupWorker();
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } }));
  after(() => worker.stop());
  return worker;
}
