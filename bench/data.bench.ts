/**
 * `npm run bench:data`: the memory adapter against the straightforward
 * reference (per-event `Intl` formatting into a `Map`), in one Chromium run.
 * Prints ratios (reference time ÷ memory time) — absolute times on shared
 * machines are noise, ratios measured side by side are not.
 */
import { lastDays } from '../src/core/ranges.js';
import { MemoryDataSource } from '../src/data/memory.js';
import type { UsageQuery } from '../src/data/types.js';
import { ReferenceSource } from './reference.js';
import { gc, median, NOW, ninetyDays, report, type BenchRow } from './harness.js';

export async function run(options: { events: number; members: number; runs: number }): Promise<BenchRow[]> {
  const data = ninetyDays(options);
  const n = data.events.length;
  const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;

  // Ingest: the memory adapter, several times; the reference once (it is slow).
  const ingest: number[] = [];
  let source!: MemoryDataSource;
  for (let i = 0; i < options.runs; i++) {
    gc();
    const t0 = performance.now();
    source = new MemoryDataSource(data);
    ingest.push(performance.now() - t0);
  }
  gc();
  const heapBefore = heap();
  const kept = new MemoryDataSource(data);
  gc();
  const heapAfter = heap();
  const referenceIngests: number[] = [];
  let reference!: ReferenceSource;
  for (let i = 0; i < Math.max(1, Math.floor(options.runs / 2)); i++) {
    const t1 = performance.now();
    reference = new ReferenceSource(data);
    referenceIngests.push(performance.now() - t1);
  }

  // The daily chart's query: 90 days × member, top 10 + Others.
  const { start, end } = lastDays(90, { timeZone: data.account.timeZone, now: NOW });
  const query: UsageQuery = { start, end, granularity: 'day', groupBy: 'member', top: 10 };
  const queries: number[] = [];
  for (let i = 0; i < options.runs * 3; i++) {
    const t = performance.now();
    await source.queryUsage(query);
    queries.push(performance.now() - t);
  }
  const referenceQueries: number[] = [];
  for (let i = 0; i < Math.max(1, Math.floor(options.runs / 2)); i++) {
    const t = performance.now();
    reference.queryUsage(query);
    referenceQueries.push(performance.now() - t);
  }
  const memberPage: number[] = [];
  for (let i = 0; i < options.runs * 3; i++) {
    const t = performance.now();
    await source.queryMembers({ start, end, sort: 'total', direction: 'desc', offset: 0, limit: 200 });
    memberPage.push(performance.now() - t);
  }

  const ingestMs = median(ingest);
  const queryMs = median(queries);
  const refIngest = median(referenceIngests);
  const refQuery = median(referenceQueries);
  void kept;
  return [
    { name: `events`, value: n, unit: '', note: `${options.members} members, 90 days` },
    { name: 'ingest: memory adapter', value: ingestMs, unit: 'ms', target: '≤ 300 ms', ok: ingestMs <= 300 },
    { name: 'ingest: reference', value: refIngest, unit: 'ms' },
    { name: 'query 90d × member top 10: memory adapter', value: queryMs, unit: 'ms', target: '≤ 30 ms', ok: queryMs <= 30 },
    { name: 'query 90d × member top 10: reference', value: refQuery, unit: 'ms' },
    { name: 'speed-up, ingest + query (reference ÷ memory)', value: (refIngest + refQuery) / (ingestMs + queryMs), unit: '×', target: '≥ 20×', ok: (refIngest + refQuery) / (ingestMs + queryMs) >= 20 },
    { name: 'speed-up, query alone', value: refQuery / queryMs, unit: '×' },
    { name: 'member page (200 of all, sorted)', value: median(memberPage), unit: 'ms' },
    { name: 'retained: columns per event', value: source.retainedBytes / n, unit: 'B', target: '≤ 40 B', ok: source.retainedBytes / n <= 40 },
    { name: 'retained: JS heap per event', value: (heapAfter - heapBefore) / n, unit: 'B', note: 'typed-array stores are off-heap' },
  ];
}

export { report };
