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
