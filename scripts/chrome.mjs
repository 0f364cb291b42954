import { existsSync } from 'node:fs';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The Chrome/Chromium to drive: `CHROME_PATH`, else the first one found. */
export function chromePath() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  return candidates.find((p) => existsSync(p));
}

/** Flags for a quiet headless Chromium on a closed network (and as root). */
export const chromeArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Test pages run side by side: none of them may be throttled as a background tab
  // (no requestAnimationFrame, slowed timers) or tests time out.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // The leak suite measures the heap: exact sizes (not bucketed) and a gc() it can force.
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
];
