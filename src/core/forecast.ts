/**
 * Burn rate and projections for a billing period: how fast credits are
 * being used, what the period will total at that pace, and when the
 * balance runs out.
 */

import { formatDay, parseDay } from './time.js';

/** Run-out dates further away than this (about 100 years) are reported as `null`. */
const MAX_RUN_OUT_DAYS = 36_500;

export interface ForecastInput {
  /** First day of the period (`YYYY-MM-DD`, inclusive). */
  periodStart: string;
  /** Last day of the period (`YYYY-MM-DD`, inclusive). */
  periodEnd: string;
  /** Today in the account time zone. */
  today: string;
  /** Credits used in the period so far (today included). Takes precedence over `dailyTotals`. */
  usedSoFar?: number;
  /**
   * Credits per day from `periodStart` on (index 0 = `periodStart`); days
   * after today are ignored, so a zero-filled whole-period series works.
   */
  dailyTotals?: readonly number[];
  /** Credits left to spend now. */
  remaining: number;
  /** Credits available for the whole period, for percentages. */
  total?: number;
}

/** Where today lies relative to the period. */
export type PeriodStatus = 'upcoming' | 'in-progress' | 'complete';

export interface Forecast {
  status: PeriodStatus;
  daysInPeriod: number;
  /** Days of the period up to and including today (0 before it starts, all after it ends). */
  daysElapsed: number;
  /** Days of the period after today. */
  daysLeft: number;
  /** Credits used so far. */
  used: number;
  /** Credits per day over the elapsed days, today included (0 before any day has elapsed). */
  burnRate: number;
  /** `used + burnRate × daysLeft`: what the period totals at this pace (just `used` once complete). */
  projectedTotal: number;
  /** Credits left now. */
  remaining: number;
  /** True when nothing is left (`remaining ≤ 0`). */
  exhausted: boolean;
  /**
   * The day the balance reaches zero at this burn rate: today when it
   * already has; otherwise `today + ⌈remaining / burnRate⌉`, even beyond
   * the period. `null` when the burn rate is 0, the period is complete,
   * or the date is more than a century away.
   */
  projectedRunOut: string | null;
  /** True when `projectedRunOut` falls on or before the period's last day. */
  runsOutInPeriod: boolean;
  /** `used / total`, or `null` without a positive total. */
  usedRatio: number | null;
  /** `projectedTotal / total`, or `null` without a positive total. */
  projectedRatio: number | null;
}

interface Elapsed {
  status: PeriodStatus;
  daysInPeriod: number;
  daysElapsed: number;
  daysLeft: number;
  used: number;
  burnRate: number;
  projectedTotal: number;
  today: number;
  end: number;
}

/** The shared part of every projection: where today is and the pace so far. */
function measure(input: Pick<ForecastInput, 'periodStart' | 'periodEnd' | 'today' | 'usedSoFar' | 'dailyTotals'>): Elapsed {
  const start = parseDay(input.periodStart, 'periodStart');
  const end = parseDay(input.periodEnd, 'periodEnd');
  const today = parseDay(input.today, 'today');
  if (start > end) throw new RangeError(`periodStart ${input.periodStart} is after periodEnd ${input.periodEnd}`);

  const daysInPeriod = end - start + 1;
  const daysElapsed = Math.min(Math.max(today - start + 1, 0), daysInPeriod);
  const daysLeft = daysInPeriod - daysElapsed;
  const status: PeriodStatus = today < start ? 'upcoming' : today > end ? 'complete' : 'in-progress';
  const used = usedOf(input, daysElapsed);
  const burnRate = daysElapsed > 0 ? used / daysElapsed : 0;
  // Once complete there is nothing left to project.
  const projectedTotal = status === 'complete' ? used : used + burnRate * daysLeft;
  return { status, daysInPeriod, daysElapsed, daysLeft, used, burnRate, projectedTotal, today, end };
}

function usedOf(input: Pick<ForecastInput, 'usedSoFar' | 'dailyTotals'>, daysElapsed: number): number {
  if (input.usedSoFar !== undefined) return finite(input.usedSoFar, 'usedSoFar');
  if (!input.dailyTotals) throw new RangeError('a forecast needs usedSoFar or dailyTotals');
  let used = 0;
  const n = Math.min(daysElapsed, input.dailyTotals.length);
  for (let i = 0; i < n; i++) used += finite(input.dailyTotals[i], `dailyTotals[${i}]`);
  return used;
}

function finite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${what} must be a finite number, got ${String(value)}`);
  return value;
}

/**
 * Burn rate, projected period total and projected run-out date for a
 * billing period, given today's date in the account time zone.
 *
 * - Before the period starts: nothing elapsed, burn rate 0, no run-out
 *   (unless the balance is already exhausted).
 * - During it: the burn rate is the average per elapsed day, today
 *   included (today is counted as a whole day, so early in the day the
 *   pace reads a little low).
 * - After it ends: the burn rate is the period's daily average,
 *   `projectedTotal` is what was used, and there is no run-out projection.
 * - `remaining ≤ 0`: exhausted; the run-out date is today.
 */
export function forecast(input: ForecastInput): Forecast {
  const m = measure(input);
  const remaining = finite(input.remaining, 'remaining');
  const total = input.total === undefined ? undefined : finite(input.total, 'total');
  const exhausted = remaining <= 0;

  let runOut: number | null = null;
  if (m.status !== 'complete') {
    if (exhausted) runOut = m.today;
    else if (m.burnRate > 0) {
      const days = Math.ceil(remaining / m.burnRate);
      if (days <= MAX_RUN_OUT_DAYS) runOut = m.today + days;
    }
  }

  return {
    status: m.status,
    daysInPeriod: m.daysInPeriod,
    daysElapsed: m.daysElapsed,
    daysLeft: m.daysLeft,
    used: m.used,
    burnRate: m.burnRate,
    projectedTotal: m.projectedTotal,
    remaining,
    exhausted,
    projectedRunOut: runOut === null ? null : formatDay(runOut),
    runsOutInPeriod: runOut !== null && runOut <= m.end,
    usedRatio: total !== undefined && total > 0 ? m.used / total : null,
    projectedRatio: total !== undefined && total > 0 ? m.projectedTotal / total : null,
  };
}

export interface MonthProjection {
  status: PeriodStatus;
  /** Credits used so far. */
  used: number;
  /** Credits expected in the rest of the period at the current pace (0 unless in progress). */
  projectedRemainder: number;
  /** `used + projectedRemainder`. */
  projectedTotal: number;
}

/**
 * The current month's bar on the monthly chart: what is used so far plus
 * the projected remainder at the current burn rate, drawn as a second
 * (lighter) segment. Only a period in progress has a remainder.
 */
export function monthProjection(
  input: Pick<ForecastInput, 'periodStart' | 'periodEnd' | 'today' | 'usedSoFar' | 'dailyTotals'>,
): MonthProjection {
  const m = measure(input);
  const projectedRemainder = m.status === 'in-progress' ? m.burnRate * m.daysLeft : 0;
  return { status: m.status, used: m.used, projectedRemainder, projectedTotal: m.used + projectedRemainder };
}
