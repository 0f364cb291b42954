// Fails when the committed custom-elements.json differs from a freshly
// generated one: the manifest is part of the public API and must not drift.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const committed = readFileSync('custom-elements.json', 'utf8');
// The analyzer resolves --outdir against the working directory: keep it inside.
const dir = '.cache/cem-check';
mkdirSync(dir, { recursive: true });
try {
  execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
  if (JSON.stringify(JSON.parse(fresh)) !== JSON.stringify(JSON.parse(committed))) {
    console.error('custom-elements.json is out of date: run `npm run analyze` and commit the result.');
    process.exit(1);
  }
  console.log('custom-elements.json is current.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
