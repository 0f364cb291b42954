import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let worker;

/**
 * Serves msw's service worker from the site root, so its scope covers every
 * page of the demo and the tests.
 */
export function mswWorkerMiddleware(ctx, next) {
  if (ctx.path !== '/mockServiceWorker.js') return next();
  worker ??= readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');
  ctx.type = 'application/javascript';
  ctx.set('Service-Worker-Allowed', '/');
  ctx.body = worker;
}
