// `credit-usage-elements/data` must run in Node 20 as it is: no DOM, no Lit,
// no msw. Bundled from source with platform=node so a stray browser-only
// import fails here.
import { build } from 'esbuild';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

let data;
let dir;

before(async () => {
  const out = await build({
    entryPoints: ['src/data/index.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    external: [],
    logLevel: 'silent',
  });
  dir = mkdtempSync(join(tmpdir(), 'cue-node-'));
  const file = join(dir, 'data.mjs');
  writeFileSync(file, out.outputFiles[0].text);
  data = await import(pathToFileURL(file).href);
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('credit-usage-elements/data in Node', () => {
  it('pulls in no DOM, Lit, Chart.js or msw', async () => {
    const out = await build({ entryPoints: ['src/data/index.ts'], bundle: true, platform: 'node', format: 'esm', write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(out.metafile.inputs);
    assert.deepEqual(inputs.filter((p) => /node_modules|src\/(base|elements|mocks)\//.test(p)), []);
  });

  it('answers usage and allocation questions from generated data', async () => {
    const options = data.generateDemoData({ seed: 3, members: 25, workspaces: 5, months: 2, now: Date.UTC(2026, 10, 20, 12) });
    const source = new data.MemoryDataSource(options);
    const total = options.events.reduce((s, e) => s + e.credits, 0);
    const result = await source.queryUsage({ start: '2026-01-01', end: '2026-12-31', granularity: 'total' });
    assert.equal(result.rows[0].credits, total);
    const allocation = await source.getAllocation();
    const accounted = allocation.workspaces.reduce((s, w) => s + w.used + w.remaining, 0) + allocation.usedByDeleted;
    assert.equal(accounted, options.totalCredits);
  });

  it('reports bad input as a DataSourceError naming the field', () => {
    const options = data.generateDemoData({ seed: 3, members: 5, workspaces: 2, months: 1, now: Date.UTC(2026, 10, 20) });
    options.events[4] = { ...options.events[4], credits: Number.NaN };
    assert.throws(() => new data.MemoryDataSource(options), (error) => {
      assert.ok(error instanceof data.DataSourceError);
      assert.equal(error.code, 'invalid-input');
      assert.match(error.message, /events\[4\]\.credits must be a finite number ≥ 0, got NaN/);
      return true;
    });
  });
});
