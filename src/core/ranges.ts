/**
 * Date-range presets resolved in the account time zone.
 *
 * Every range is a pair of inclusive calendar dates (`YYYY-MM-DD`) in the
 * account time zone; "today" is today in that zone, not on the viewer's
 * machine.
 */

import { assertTimeZone, billingPeriodOf, formatDay, shiftBillingPeriod, tryParseDay, zonedDay } from './time.js';

/** The ranges a range picker offers; `custom` is any other start/end pair. */
export type RangePreset = '7d' | '14d' | '30d' | '90d' | 'billing-month' | 'previous-billing-month' | 'custom';

/** The presets that resolve from "now" alone (everything but `custom`). */
export type NamedRangePreset = Exclude<RangePreset, 'custom'>;

/** The named presets, in the order a picker lists them. */
export const RANGE_PRESETS: readonly NamedRangePreset[] = ['7d', '14d', '30d', '90d', 'billing-month', 'previous-billing-month'];

/** The default range of every panel: the current billing month. */
export const DEFAULT_RANGE_PRESET: NamedRangePreset = 'billing-month';

/** The longest range accepted anywhere (ten years and change). */
export const MAX_RANGE_DAYS = 3660;

/** Inclusive calendar dates in the account time zone. */
export interface DateRange {
  start: string;
  end: string;
}

export interface ResolvedRange extends DateRange {
  /** The preset the range came from; `custom` for explicit dates and non-preset `Nd` values. */
  preset: RangePreset;
}

export interface RangeContext {
  /** IANA time zone that defines "today" and every day boundary. */
  timeZone: string;
  /** Day of the month billing periods start (1–31, clamped to short months). */
  billingCycleDay: number;
  /** The current instant in epoch ms; defaults to `Date.now()` (tests pin it). */
  now?: number;
}

const LAST_DAYS_RE = /^(\d{1,4})d$/;
const CUSTOM_RE = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/;

function assertBillingCycleDay(day: unknown): asserts day is number {
  if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > 31) {
    throw new RangeError(`billingCycleDay must be a whole number from 1 to 31, got ${String(day)}`);
  }
}

/** Today's epoch day in the zone, after checking the zone is real. */
function todayEpochDay(timeZone: string, now: number | undefined): number {
  assertTimeZone(timeZone);
  return zonedDay(now ?? Date.now(), timeZone);
}

/**
 * The last `days` days ending today in the time zone, today included
 * (`lastDays(7, …)` on 2026-11-22 is 2026-11-16 … 2026-11-22).
 */
export function lastDays(days: number, ctx: { timeZone: string; now?: number }): DateRange {
  if (!Number.isInteger(days) || days < 1 || days > MAX_RANGE_DAYS) {
    throw new RangeError(`the number of days must be a whole number from 1 to ${MAX_RANGE_DAYS}, got ${days}`);
  }
  const today = todayEpochDay(ctx.timeZone, ctx.now);
  return { start: formatDay(today - days + 1), end: formatDay(today) };
}

/**
 * Resolves a named preset to dates in the account time zone.
 *
 * - `7d`, `14d`, `30d`, `90d`: that many days ending today (today included).
 * - `billing-month`: the billing period containing today, **to its last
 *   day** even though those days are still ahead, so a daily chart shows
 *   the whole month with the future days empty.
 * - `previous-billing-month`: the billing period before that.
 *
 * Throws a `RangeError` for `custom` (it has no dates of its own), an
 * unknown preset, an invalid time zone or billing cycle day.
 */
export function resolvePreset(preset: NamedRangePreset, ctx: RangeContext): ResolvedRange {
  switch (preset) {
    case '7d':
    case '14d':
    case '30d':
    case '90d':
      return { ...lastDays(parseInt(preset, 10), ctx), preset };
    case 'billing-month':
    case 'previous-billing-month': {
      assertBillingCycleDay(ctx.billingCycleDay);
      const current = billingPeriodOf(todayEpochDay(ctx.timeZone, ctx.now), ctx.billingCycleDay);
      const period = preset === 'billing-month' ? current : shiftBillingPeriod(current, -1, ctx.billingCycleDay);
      return { start: formatDay(period.start), end: formatDay(period.end), preset };
    }
    default:
      throw new RangeError(
        `range preset ${JSON.stringify(preset)} is not one of ${RANGE_PRESETS.join(', ')}` +
          ((preset as string) === 'custom' ? ' (a custom range needs explicit dates)' : ''),
      );
  }
}

/**
 * Parses a range as written in an attribute or URL and resolves it:
 * a named preset, any `Nd` with 1 ≤ N ≤ {@link MAX_RANGE_DAYS} (N days
 * ending today; preset `custom` unless N is 7, 14, 30 or 90), or
 * `YYYY-MM-DD/YYYY-MM-DD` (inclusive; preset `custom`). Surrounding
 * whitespace is ignored. Anything else throws a `RangeError` saying what
 * is accepted.
 */
export function parseRangeValue(value: string, ctx: RangeContext): ResolvedRange {
  const text = typeof value === 'string' ? value.trim() : value;
  if (typeof text !== 'string') throw new RangeError(`a range must be a string, got ${String(value)}`);
  if ((RANGE_PRESETS as readonly string[]).includes(text)) return resolvePreset(text as NamedRangePreset, ctx);

  const days = LAST_DAYS_RE.exec(text);
  if (days) {
    const n = Number(days[1]);
    if (n < 1 || n > MAX_RANGE_DAYS) {
      throw new RangeError(`range "${text}" must cover 1 to ${MAX_RANGE_DAYS} days`);
    }
    return { ...lastDays(n, ctx), preset: 'custom' };
  }

  const custom = CUSTOM_RE.exec(text);
  if (custom) {
    const [, start, end] = custom;
    const from = tryParseDay(start);
    const to = tryParseDay(end);
    if (from === undefined) throw new RangeError(`range "${text}": start ${start} is not a real calendar date`);
    if (to === undefined) throw new RangeError(`range "${text}": end ${end} is not a real calendar date`);
    if (from > to) throw new RangeError(`range "${text}": the start date is after the end date`);
    if (to - from + 1 > MAX_RANGE_DAYS) throw new RangeError(`range "${text}" is longer than ${MAX_RANGE_DAYS} days`);
    return { start, end, preset: 'custom' };
  }

  throw new RangeError(
    `range ${JSON.stringify(value)} is not valid: use ${RANGE_PRESETS.join(', ')}, ` +
      `a number of days such as "45d", or "YYYY-MM-DD/YYYY-MM-DD"`,
  );
}

/** The attribute form of a range: the preset name, or `start/end` for a custom range. */
export function formatRangeValue(range: ResolvedRange): string {
  return range.preset === 'custom' ? `${range.start}/${range.end}` : range.preset;
}

export type CustomRangeError = 'invalid-start' | 'invalid-end' | 'start-after-end' | 'too-long' | 'in-future';

export type CustomRangeResult =
  | { ok: true; range: ResolvedRange }
  | { ok: false; error: CustomRangeError; message: string };

export interface CustomRangeOptions {
  /** Decides what "today" is. */
  timeZone: string;
  /** The longest range allowed, in days (inclusive). Default {@link MAX_RANGE_DAYS}. */
  maxDays?: number;
  /** The current instant in epoch ms; defaults to `Date.now()`. */
  now?: number;
}

/**
 * Checks a custom range typed by a user. Problems are reported in this
 * order: an invalid start, an invalid end, start after end, an end after
 * today (in the time zone), a range longer than `maxDays`. The message is
 * a short English sentence fit to show next to the inputs.
 */
export function validateCustomRange(start: string, end: string, options: CustomRangeOptions): CustomRangeResult {
  const maxDays = options.maxDays ?? MAX_RANGE_DAYS;
  const from = tryParseDay(start);
  if (from === undefined) {
    return { ok: false, error: 'invalid-start', message: `The start date ${describeInput(start)} isn't a valid date.` };
  }
  const to = tryParseDay(end);
  if (to === undefined) {
    return { ok: false, error: 'invalid-end', message: `The end date ${describeInput(end)} isn't a valid date.` };
  }
  if (from > to) {
    return { ok: false, error: 'start-after-end', message: 'The start date must be on or before the end date.' };
  }
  const today = todayEpochDay(options.timeZone, options.now);
  if (to > today) {
    return { ok: false, error: 'in-future', message: `The end date can't be after today (${formatDay(today)}).` };
  }
  if (to - from + 1 > maxDays) {
    return {
      ok: false,
      error: 'too-long',
      message: `The range can be at most ${maxDays} ${maxDays === 1 ? 'day' : 'days'}.`,
    };
  }
  return { ok: true, range: { start, end, preset: 'custom' } };
}

/** How an input value appears inside a message: quoted, or "(empty)". */
function describeInput(value: unknown): string {
  return typeof value === 'string' && value.trim() !== '' ? `"${value}"` : '(empty)';
}
