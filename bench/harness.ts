import { generateDemoData } from '../src/data/demo-data.js';
import type { MemoryDataSourceOptions } from '../src/data/memory.js';

/** What a benchmark reports: one figure, with its target where the issue sets one. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ok?: boolean;
  note?: string;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Plain-text table, one row per figure. */
export function report(title: string, rows: BenchRow[]): string {
  const fmt = (r: BenchRow) => (r.unit === '' ? r.value.toLocaleString('en-US') : `${r.value.toFixed(r.value < 10 ? 2 : 1)} ${r.unit}`.trim());
  const w = Math.max(...rows.map((r) => r.name.length));
  const lines = [title, '-'.repeat(title.length)];
  for (const r of rows) {
    const verdict = r.ok === undefined ? '' : r.ok ? '  ok' : '  MISSED';
    lines.push(`${r.name.padEnd(w)}  ${fmt(r).padStart(12)}${r.target ? `  (target ${r.target})` : ''}${verdict}${r.note ? `  — ${r.note}` : ''}`);
  }
  return lines.join('\n');
}

/** "Today" in every benchmark: the generated data ends here. */
export const NOW = Date.UTC(2026, 10, 20, 18);

/** The organisation the data, daily-chart and dashboard benchmarks share: 12 workspaces, 90 days up to {@link NOW}. */
export function ninetyDays(options: { members: number; events: number }): MemoryDataSourceOptions {
  return generateDemoData({ seed: 42, members: options.members, workspaces: 12, months: 90 / 30.44, events: options.events, now: NOW });
}

/** A full garbage collection where the page may force one (scripts/chrome.mjs starts Chromium with `--expose-gc`). */
export const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * `runs` measurements of each side, taken back to back and alternating which
 * goes first, so neither always runs on a warmer machine; before each, a
 * garbage collection and `settle()`.
 */
export async function alternately(
  runs: number,
  settle: () => Promise<void>,
  measure: { plain: () => Promise<number>; element: () => Promise<number> },
): Promise<{ plain: number[]; element: number[] }> {
  const plain: number[] = [];
  const element: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const which of i % 2 ? (['element', 'plain'] as const) : (['plain', 'element'] as const)) {
      gc();
      await settle();
      (which === 'plain' ? plain : element).push(await measure[which]());
    }
  }
  return { plain, element };
}
