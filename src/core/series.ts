/**
 * Pivoting flat usage rows (`{ period, key, credits }`, the shape every
 * metering API and SQL `GROUP BY` returns) into chart series, and folding
 * small series into "Others".
 */

import { billingPeriodOf, formatDay, parseDay, shiftBillingPeriod } from './time.js';

/** The key of the series that sums every group beyond the top N. */
export const OTHERS_KEY = '__others__';

export type PeriodGranularity = 'day' | 'month';

/** One usage row: credits for one group in one period. */
export interface SeriesRow {
  /** `YYYY-MM-DD` for days, `YYYY-MM` for billing months. */
  period: string;
  /** The group's id, or `null` when usage is not grouped. */
  key: string | null;
  credits: number;
}

/** Credits summed per group (rows without a group are left out) or per period. */
export function creditsBy(rows: readonly SeriesRow[], by: 'key' | 'period'): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) {
    const at = row[by];
    if (at !== null) sums.set(at, (sums.get(at) ?? 0) + row.credits);
  }
  return sums;
}

/** One group's credits per period. */
export interface Series {
  key: string | null;
  /** One value per period, aligned with {@link Pivot.periods}. */
  values: number[];
  /** The sum of `values`. */
  total: number;
}

export interface Pivot {
  periods: string[];
  /** Largest total first; the Others series, when present, last. */
  series: Series[];
  /** Per period, the sum of every series' value (summed in series order). */
  totals: number[];
}

/**
 * Every period key from `start` to `end` (inclusive dates), in order.
 * Days are `YYYY-MM-DD`; months are billing periods named by the month
 * they start in (`billingPeriodOf(…).key`), from the period containing
 * `start` to the one containing `end`. `billingCycleDay` only matters for
 * months (default 1: calendar months).
 */
export function periodsOf(start: string, end: string, granularity: PeriodGranularity, billingCycleDay = 1): string[] {
  const from = parseDay(start, 'start');
  const to = parseDay(end, 'end');
  if (from > to) throw new RangeError(`start ${start} is after end ${end}`);
  const out: string[] = [];
  if (granularity === 'day') {
    for (let d = from; d <= to; d++) out.push(formatDay(d));
    return out;
  }
  if (granularity !== 'month') throw new RangeError(`granularity must be "day" or "month", got ${JSON.stringify(granularity)}`);
  if (!Number.isInteger(billingCycleDay) || billingCycleDay < 1 || billingCycleDay > 31) {
    throw new RangeError(`billingCycleDay must be a whole number from 1 to 31, got ${billingCycleDay}`);
  }
  for (let p = billingPeriodOf(from, billingCycleDay); p.start <= to; p = shiftBillingPeriod(p, 1, billingCycleDay)) {
    out.push(p.key);
  }
  return out;
}

export interface PivotOptions {
  /**
   * Keys that get a series even without rows (all zeros), e.g. every
   * reason the account declares, so a legend stays stable. Rows with other
   * keys still get their own series. Among equal totals, these keys keep
   * this order, ahead of keys first seen in rows.
   */
  keys?: readonly (string | null)[];
}

/**
 * Pivots flat rows into one series per key, aligned to `periods` with
 * zeros where a key has no row. Rows for the same period and key are
 * added up. Series are ordered by total, largest first (ties keep first-seen
 * order), with the {@link OTHERS_KEY} series always last.
 *
 * Strict: a row whose period is not in `periods`, or whose credits are not
 * a finite number, throws a `RangeError` naming the row (the data layer
 * validates; a mismatch here is a bug, not data to drop).
 */
export function pivot(rows: readonly SeriesRow[], periods: readonly string[], options: PivotOptions = {}): Pivot {
  const index = new Map<string, number>();
  periods.forEach((p, i) => {
    if (index.has(p)) throw new RangeError(`period "${p}" is listed twice`);
    index.set(p, i);
  });

  const byKey = new Map<string | null, number[]>();
  const valuesFor = (key: string | null) => {
    let values = byKey.get(key);
    if (!values) {
      values = new Array<number>(periods.length).fill(0);
      byKey.set(key, values);
    }
    return values;
  };
  for (const key of options.keys ?? []) valuesFor(key);

  rows.forEach((row, r) => {
    const i = index.get(row.period);
    if (i === undefined) {
      throw new RangeError(
        `row ${r} (period ${JSON.stringify(row.period)}, key ${JSON.stringify(row.key)}) is outside the periods ` +
          (periods.length ? `${periods[0]} … ${periods[periods.length - 1]}` : '(none)'),
      );
    }
    if (typeof row.credits !== 'number' || !Number.isFinite(row.credits)) {
      throw new RangeError(`row ${r} (period ${row.period}, key ${JSON.stringify(row.key)}) has credits ${String(row.credits)}, not a finite number`);
    }
    valuesFor(row.key)[i] += row.credits;
  });

  const series = orderSeries([...byKey].map(([key, values]) => ({ key, values, total: sum(values) })));
  return { periods: [...periods], series, totals: sumSeries(series, periods.length) };
}

/**
 * Keeps the `n` largest series (by total) and sums the rest, per period,
 * into one Others series placed last. An Others series already in the
 * input is merged into it rather than ranked. Without anything to fold
 * (and no Others in the input) no Others series is added.
 *
 * Per period, the Others value is the folded values added in their
 * ranked order, so with whole-number credits every period's stack adds up
 * to exactly the same total as before.
 */
export function topN(series: readonly Series[], n: number, othersKey: string = OTHERS_KEY): Series[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`topN needs a whole number n ≥ 0, got ${n}`);
  const ranked = orderSeries(series.filter((s) => s.key !== othersKey), othersKey);
  const kept = ranked.slice(0, n).map(copySeries);
  const folded = ranked.slice(n);
  const existingOthers = series.filter((s) => s.key === othersKey);
  if (folded.length === 0 && existingOthers.length === 0) return kept;

  const length = series[0]?.values.length ?? 0;
  const values = new Array<number>(length).fill(0);
  for (const s of [...folded, ...existingOthers]) {
    if (s.values.length !== length) {
      throw new RangeError(`series ${JSON.stringify(s.key)} has ${s.values.length} values, expected ${length}`);
    }
    for (let i = 0; i < length; i++) values[i] += s.values[i];
  }
  return [...kept, { key: othersKey, values, total: sum(values) }];
}

/**
 * Per period, the sum of every series' value, added in series order (the
 * order a stacked chart adds them). `length` is the number of periods when
 * there may be no series.
 */
export function sumSeries(series: readonly Series[], length = series[0]?.values.length ?? 0): number[] {
  const totals = new Array<number>(length).fill(0);
  for (const s of series) {
    for (let i = 0; i < length; i++) totals[i] += s.values[i];
  }
  return totals;
}

/** Largest total first; stable for ties; the Others key last. */
function orderSeries(series: Series[], othersKey: string = OTHERS_KEY): Series[] {
  return series
    .map((s, i) => ({ s, i }))
    .sort((a, b) => {
      const ao = a.s.key === othersKey;
      const bo = b.s.key === othersKey;
      if (ao !== bo) return ao ? 1 : -1;
      return b.s.total - a.s.total || a.i - b.i;
    })
    .map(({ s }) => s);
}

function copySeries(s: Series): Series {
  return { key: s.key, values: [...s.values], total: s.total };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
