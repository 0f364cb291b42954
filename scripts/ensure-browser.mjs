// Makes sure a Chrome/Chromium is there before the browser tests start.
// Where none is found and we are root on a Debian-like system, installs
// Debian's chromium; otherwise says so in one line with the fix.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromePath } from './chrome.mjs';

const found = chromePath();
if (found && existsSync(found)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get') && !process.env.CHROME_PATH) {
  console.log('No Chrome/Chromium found: installing Debian\'s chromium (apt-get install chromium)…');
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (chromePath()) process.exit(0);
  } catch {
    // fall through to the message below
  }
}
console.error(
  'No Chrome/Chromium found for the browser tests: set CHROME_PATH=/path/to/chrome, or install one (e.g. `apt-get install chromium`).',
);
process.exit(1);
