/**
 * Calendar dates and time zones without a date library.
 *
 * A calendar date is handled as an **epoch day**: the whole number of days
 * from 1970-01-01 to it (proleptic Gregorian). That makes ranges, zero
 * filling and bucketing plain integer arithmetic; only the step from an
 * instant to the local date in a time zone needs `Intl`.
 */

export const MS_PER_DAY = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** `Date.UTC`, except that years 0–99 stay years 0–99 (`Date.UTC` maps them to 1900–1999). */
function utcMs(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const t = Date.UTC(year, monthIndex, day, hour, minute, second, ms);
  return year >= 0 && year < 100 ? new Date(t).setUTCFullYear(year, monthIndex, day) : t;
}

/** Epoch day of a calendar date (month 1–12; out-of-range days/months roll over). */
export function epochDay(year: number, month: number, day: number): number {
  return Math.floor(utcMs(year, month - 1, day) / MS_PER_DAY);
}

export function dayToParts(epochDayNumber: number): DateParts {
  const d = new Date(epochDayNumber * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
// Years below 1000 still print four digits, so the output parses back.
const pad4 = (n: number) => (n >= 0 && n < 1000 ? String(n).padStart(4, '0') : String(n));

/** `YYYY-MM-DD` of an epoch day. */
export function formatDay(epochDayNumber: number): string {
  const { year, month, day } = dayToParts(epochDayNumber);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** `YYYY-MM` of a year and month. */
export function monthKey(year: number, month: number): string {
  return `${pad4(year)}-${pad2(month)}`;
}

/** The epoch day of a `YYYY-MM-DD` date, or `undefined` when it is not a real date. */
export function tryParseDay(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_RE.exec(value);
  if (!m) return undefined;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return epochDay(year, month, day);
}

/** The epoch day of a `YYYY-MM-DD` date; a `RangeError` naming the value otherwise. */
export function parseDay(value: unknown, what = 'date'): number {
  const day = tryParseDay(value);
  if (day === undefined) {
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    throw new RangeError(
      typeof value === 'string' && DATE_RE.test(value)
        ? `${what} ${shown} is not a real calendar date`
        : `${what} must be a YYYY-MM-DD date, got ${shown}`,
    );
  }
  return day;
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return formatDay(parseDay(date) + days);
}

/** Inclusive count of days from `start` to `end`. */
export function dayCount(start: string, end: string): number {
  return parseDay(end) - parseDay(start) + 1;
}

/** Every date from `start` to `end`, inclusive. */
export function eachDay(start: string, end: string): string[] {
  const from = parseDay(start);
  const to = parseDay(end);
  const out: string[] = [];
  for (let d = from; d <= to; d++) out.push(formatDay(d));
  return out;
}

// ---------------------------------------------------------------- time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `Intl` knows the IANA time zone. */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Throws a `RangeError` naming the zone when it is not a valid IANA time zone. */
export function assertTimeZone(timeZone: unknown): asserts timeZone is string {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(`time zone ${JSON.stringify(timeZone)} is not a valid IANA time zone`);
  }
}

/** The zone's offset from UTC at an instant, in milliseconds (local = UTC + offset). */
export function timeZoneOffset(timeZone: string, instant: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of parts) {
    switch (p.type) {
      case 'year': year = +p.value; break;
      case 'month': month = +p.value; break;
      case 'day': day = +p.value; break;
      case 'hour': hour = +p.value; break;
      case 'minute': minute = +p.value; break;
      case 'second': second = +p.value; break;
      case 'era': bc = p.value === 'BC' || p.value === 'B'; break;
    }
  }
  if (bc) year = 1 - year;
  const local = utcMs(year, month - 1, day, hour, minute, second);
  return local - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The calendar date (epoch day) an instant falls on in a time zone. */
export function zonedDay(instant: number, timeZone: string): number {
  return Math.floor((instant + timeZoneOffset(timeZone, instant)) / MS_PER_DAY);
}

/** Today's date (`YYYY-MM-DD`) in a time zone. */
export function todayIn(timeZone: string, now: number = Date.now()): string {
  return formatDay(zonedDay(now, timeZone));
}

/**
 * The first instant of a local calendar day. Where midnight does not exist
 * (a DST gap at 00:00) the day starts at the transition.
 */
export function startOfZonedDay(epochDayNumber: number, timeZone: string): number {
  const wallMidnight = epochDayNumber * MS_PER_DAY;
  // Try the offsets in force around that midnight; keep the earliest instant
  // whose local date is this day.
  const candidates = [
    wallMidnight - timeZoneOffset(timeZone, wallMidnight - MS_PER_DAY / 2),
    wallMidnight - timeZoneOffset(timeZone, wallMidnight),
    wallMidnight - timeZoneOffset(timeZone, wallMidnight + MS_PER_DAY / 2),
  ];
  let best = Infinity;
  for (const t of candidates) {
    if (zonedDay(t, timeZone) === epochDayNumber && t < best) best = t;
  }
  if (best !== Infinity) {
    // The day may have started earlier than midnight-by-offset only in a gap;
    // walk back minute by minute is never needed: a gap moves the start later.
    return best;
  }
  // Midnight fell in a gap under every nearby offset: the day starts at the
  // transition, which lies between the candidates; find it by bisection.
  let lo = Math.min(...candidates) - MS_PER_DAY / 2;
  let hi = Math.max(...candidates) + MS_PER_DAY / 2;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (zonedDay(mid, timeZone) >= epochDayNumber) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** How far beyond its span the bucketer's table grows in one step (10 years). */
const MAX_GROWTH_DAYS = 3660;

/**
 * A fast instant → local epoch day mapping.
 *
 * It reads the zone's offset once per UTC day (and finds the exact instant
 * of any change within that day), so bucketing a million events costs a
 * table lookup each instead of an `Intl` call each. The table starts at
 * `[from, to]` and grows to cover whatever instants it is asked about.
 */
export function createDayBucketer(timeZone: string, from = Date.now(), to = from): (instant: number) => number {
  assertTimeZone(timeZone);
  let firstUtcDay = Math.floor(Math.min(from, to) / MS_PER_DAY);
  let span = 0;
  let offsetAtStart = new Float64Array(0);
  let changeAt = new Float64Array(0);
  let offsetAfter = new Float64Array(0);

  /** Fills table entries for UTC days `first … first + count - 1` into the arrays at `at`. */
  const fill = (first: number, count: number, at: number) => {
    for (let i = 0; i < count; i++) {
      const dayStart = (first + i) * MS_PER_DAY;
      const before = timeZoneOffset(timeZone, dayStart);
      const after = timeZoneOffset(timeZone, dayStart + MS_PER_DAY);
      offsetAtStart[at + i] = before;
      offsetAfter[at + i] = after;
      changeAt[at + i] = Infinity;
      if (before === after) continue;
      // The offset changed during this UTC day: bisect to the millisecond.
      let lo = dayStart;
      let hi = dayStart + MS_PER_DAY;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (timeZoneOffset(timeZone, mid) === before) lo = mid;
        else hi = mid;
      }
      changeAt[at + i] = hi;
    }
  };

  /** Grows the table (at least doubling) so it covers UTC day `day`. */
  const cover = (day: number) => {
    const newFirst = Math.min(firstUtcDay, day - (day < firstUtcDay ? span : 0));
    const newLast = Math.max(firstUtcDay + span - 1, day + (day >= firstUtcDay + span ? span : 0));
    const newSpan = newLast - newFirst + 1;
    const grow = (old: Float64Array) => {
      const next = new Float64Array(newSpan);
      next.set(old, firstUtcDay - newFirst);
      return next;
    };
    const shift = firstUtcDay - newFirst;
    const oldSpan = span;
    offsetAtStart = grow(offsetAtStart);
    changeAt = grow(changeAt);
    offsetAfter = grow(offsetAfter);
    if (oldSpan === 0) fill(newFirst, newSpan, 0);
    else {
      fill(newFirst, shift, 0);
      fill(newFirst + shift + oldSpan, newSpan - shift - oldSpan, shift + oldSpan);
    }
    firstUtcDay = newFirst;
    span = newSpan;
  };

  cover(firstUtcDay);
  cover(Math.floor(Math.max(from, to) / MS_PER_DAY));

  return (instant: number) => {
    let i = Math.floor(instant / MS_PER_DAY) - firstUtcDay;
    if (i < 0 || i >= span) {
      if (!Number.isFinite(instant)) return NaN;
      // Far outliers are answered one by one rather than growing the table to them.
      if (i < -MAX_GROWTH_DAYS || i >= span + MAX_GROWTH_DAYS) return zonedDay(instant, timeZone);
      cover(i + firstUtcDay);
      i = Math.floor(instant / MS_PER_DAY) - firstUtcDay;
    }
    const offset = instant >= changeAt[i] ? offsetAfter[i] : offsetAtStart[i];
    return Math.floor((instant + offset) / MS_PER_DAY);
  };
}

/**
 * Parses an instant: epoch milliseconds, or an ISO 8601 date-time with `Z`
 * or an explicit offset. Returns `NaN` when it is neither. A date-time
 * without a zone is refused: it would mean different instants on different
 * machines.
 */
export function parseInstant(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  const fast = parseIsoInstantFast(value);
  if (fast === fast) return fast; // not NaN
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(value) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return NaN;
  // Some engines roll impossible dates over (02-30 → 03-02); refuse them everywhere.
  if (tryParseDay(value.slice(0, 10)) === undefined) return NaN;
  return Date.parse(value);
}

/** `YYYY-MM-DDTHH:MM(:SS(.sss)?)?(Z|±HH:MM)` by character codes: ~10× `Date.parse`. */
function parseIsoInstantFast(s: string): number {
  const n = s.length;
  if (n < 17 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58) {
    return NaN;
  }
  const num = (from: number, len: number) => {
    let v = 0;
    for (let i = from; i < from + len; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return NaN;
      v = v * 10 + c;
    }
    return v;
  };
  const year = num(0, 4);
  const month = num(5, 2);
  const day = num(8, 2);
  const hour = num(11, 2);
  const minute = num(14, 2);
  let i = 16;
  let second = 0;
  let ms = 0;
  if (s.charCodeAt(i) === 58) {
    second = num(17, 2);
    i = 19;
    if (s.charCodeAt(i) === 46) {
      let j = i + 1;
      let frac = 0;
      let scale = 100;
      while (j < n) {
        const c = s.charCodeAt(j) - 48;
        if (c < 0 || c > 9) break;
        frac += c * scale;
        scale /= 10;
        j++;
      }
      if (j === i + 1) return NaN;
      ms = Math.floor(frac);
      i = j;
    }
  }
  let offset: number;
  const z = s.charCodeAt(i);
  if ((z === 90 || z === 122) && i === n - 1) offset = 0;
  else if ((z === 43 || z === 45) && (i + 6 === n || i + 5 === n)) {
    const oh = num(i + 1, 2);
    const om = i + 6 === n ? (s.charCodeAt(i + 3) === 58 ? num(i + 4, 2) : NaN) : num(i + 3, 2);
    if (!(oh <= 23 && om <= 59)) return NaN;
    offset = (z === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
  } else return NaN;
  if (
    !(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59)
  ) {
    return NaN;
  }
  return utcMs(year, month - 1, day, hour, minute, second, ms) - offset;
}

// ------------------------------------------------------------ billing months

/** The day a billing period starts in a month: the cycle day, clamped to the month's last day. */
export function billingStartInMonth(year: number, month: number, billingCycleDay: number): number {
  return epochDay(year, month, Math.min(billingCycleDay, daysInMonth(year, month)));
}

export interface BillingPeriod {
  /** Epoch day of the first day. */
  start: number;
  /** Epoch day of the last day. */
  end: number;
  /** `YYYY-MM` of the month the period starts in. */
  key: string;
}

/** The billing period (month starting on the cycle day) that contains an epoch day. */
export function billingPeriodOf(epochDayNumber: number, billingCycleDay: number): BillingPeriod {
  const { year, month } = dayToParts(epochDayNumber);
  let y = year;
  let m = month;
  let start = billingStartInMonth(y, m, billingCycleDay);
  if (epochDayNumber < start) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
    start = billingStartInMonth(y, m, billingCycleDay);
  }
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return { start, end: billingStartInMonth(ny, nm, billingCycleDay) - 1, key: monthKey(y, m) };
}

/** Shifts a billing period by whole months (negative for earlier ones). */
export function shiftBillingPeriod(period: BillingPeriod, months: number, billingCycleDay: number): BillingPeriod {
  const [y, m] = period.key.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return billingPeriodOf(billingStartInMonth(year, month, billingCycleDay), billingCycleDay);
}
