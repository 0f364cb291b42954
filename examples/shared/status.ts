/**
 * The status line every example page shows: the last `range-change` and
 * `day-select` the page received from the dashboard.
 */
import type { DaySelectDetail, RangeChangeDetail } from '../../src/index.js';

/** `Range: 2026-10-14 → 2026-10-20 (7d)`, or a dash before the first change. */
export function describeRange(detail: RangeChangeDetail | undefined): string {
  return detail ? `Range: ${detail.start} → ${detail.end} (${detail.preset})` : 'Range: —';
}

/** `Day: 2026-10-20`, `Day: none` once the selection is cleared, or a dash before the first selection. */
export function describeDay(detail: DaySelectDetail | undefined): string {
  return detail ? `Day: ${detail.date ?? 'none'}` : 'Day: —';
}
