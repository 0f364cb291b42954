/**
 * Display units and `Intl` formatting. Formatters are cached per locale
 * and options: creating an `Intl` formatter costs far more than using one,
 * and a table of 10,000 members formats tens of thousands of numbers.
 */

import { MS_PER_DAY, parseDay } from './time.js';

/** A display unit: `perCredit` of them make one credit (1 credit = 600 conversations). */
export interface UnitLike {
  perCredit: number;
  /** Plural label, e.g. "conversations". */
  label?: string;
  /** Label for exactly one, e.g. "conversation"; defaults to `label`. */
  labelOne?: string;
}

/** The unit every amount is metered in. */
export const CREDITS_UNIT: Required<UnitLike> = { perCredit: 1, label: 'credits', labelOne: 'credit' };

/** Converts credits to a display unit (credits themselves without one). */
export function toUnit(credits: number, unit?: Pick<UnitLike, 'perCredit'>): number {
  if (!unit) return credits;
  if (typeof unit.perCredit !== 'number' || !Number.isFinite(unit.perCredit) || unit.perCredit <= 0) {
    throw new RangeError(`a unit's perCredit must be a positive number, got ${String(unit.perCredit)}`);
  }
  return credits * unit.perCredit;
}

// ------------------------------------------------------------------ caching

type CachedFormatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules | Intl.ListFormat;

const cache = new Map<string, CachedFormatter>();

const canonical = new Map<string, string | undefined>();

/** A valid BCP 47 tag, or `undefined` (the runtime's default) for a missing or malformed one. */
function usableLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  if (canonical.has(locale)) return canonical.get(locale);
  let tag: string | undefined;
  try {
    tag = Intl.getCanonicalLocales(locale)[0];
  } catch {
    // A malformed tag (e.g. "en_US") must not take a panel down; fall back to the default.
    tag = undefined;
  }
  canonical.set(locale, tag);
  return tag;
}

function cached<T extends CachedFormatter>(
  kind: string,
  locale: string | undefined,
  options: object,
  create: (locale: string | undefined) => T,
): T {
  const tag = usableLocale(locale);
  const key = `${kind}|${tag ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = create(tag);
    cache.set(key, f);
  }
  return f;
}

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached('n', locale, options, (tag) => new Intl.NumberFormat(tag, options));
}

function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  // Dates are calendar dates stored as UTC midnight: format them in UTC so they never shift a day.
  const withZone = { ...options, timeZone: 'UTC' };
  return cached('d', locale, withZone, (tag) => new Intl.DateTimeFormat(tag, withZone));
}

// ------------------------------------------------------------------ numbers

export interface NumberOptions {
  /** Default 2 (credits can be fractional; whole numbers show no decimals). */
  maximumFractionDigits?: number;
  minimumFractionDigits?: number;
  /** `compact` gives "1.2K" for axis ticks. */
  notation?: 'standard' | 'compact';
}

/** Formats a number for a locale with grouping ("48,210", "48.210", "48 210"). */
export function formatNumber(value: number, locale?: string, options: NumberOptions = {}): string {
  const { maximumFractionDigits = 2, minimumFractionDigits, notation } = options;
  return numberFormat(locale, {
    maximumFractionDigits: Math.max(maximumFractionDigits, minimumFractionDigits ?? 0),
    ...(minimumFractionDigits === undefined ? {} : { minimumFractionDigits }),
    ...(notation === undefined ? {} : { notation }),
  }).format(value);
}

export interface CreditsFormatOptions extends NumberOptions {
  locale?: string;
  /** Display unit; credits when absent. */
  unit?: UnitLike;
}

const separatorCache = new Map<string, { decimal: string; group: string }>();

/**
 * A locale's decimal mark and grouping separator, for reading numbers people
 * type ("1.000,5" in de-DE); a space-like separator (narrow or no-break) is
 * given as a plain space.
 */
export function numberSeparators(locale?: string): { decimal: string; group: string } {
  const key = locale ?? '';
  let found = separatorCache.get(key);
  if (!found) {
    const parts = numberFormat(locale, {}).formatToParts(12345.5);
    const group = parts.find((p) => p.type === 'group')?.value ?? ',';
    found = { decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.', group: /\s/.test(group) ? ' ' : group };
    separatorCache.set(key, found);
  }
  return found;
}

/**
 * Formats an amount of credits in a display unit with its label:
 * "48,210 credits", "1 credit", "28,926,000 conversations". The singular
 * label is used when plural rules say "one" for the number as shown (the
 * locale's rules for a unit's labels, English rules for the built-in ones).
 */
export function formatCredits(credits: number, options: CreditsFormatOptions = {}): string {
  const { locale, unit, ...numberOptions } = options;
  const value = toUnit(credits, unit);
  const plural = unit ? (unit.label ?? '') : CREDITS_UNIT.label;
  const one = unit ? (unit.labelOne ?? plural) : CREDITS_UNIT.labelOne;
  const text = formatNumber(value, locale, numberOptions);
  // The built-in labels are English, so English plural rules pick between
  // them; a host's unit labels follow the locale's rules.
  const label = isOne(value, unit ? locale : 'en', numberOptions) ? one : plural;
  return label ? `${text} ${label}` : text;
}

/** Whether the locale's plural rules pick "one" for the number as displayed. */
function isOne(value: number, locale: string | undefined, options: NumberOptions): boolean {
  const maximumFractionDigits = options.maximumFractionDigits ?? 2;
  const rules = cached('p', locale, { maximumFractionDigits }, (tag) => new Intl.PluralRules(tag, { maximumFractionDigits }));
  return rules.select(value) === 'one';
}

/** Formats a ratio as a percentage: `formatPercent(0.256, 'en')` → "25.6%". */
export function formatPercent(ratio: number, locale?: string, options: { maximumFractionDigits?: number } = {}): string {
  const { maximumFractionDigits = 1 } = options;
  return numberFormat(locale, { style: 'percent', maximumFractionDigits }).format(ratio);
}

// -------------------------------------------------------------------- dates

/** `short` "11/22/26", `medium` "Nov 22, 2026", `long` "November 22, 2026", `day-month` "Nov 22" (en-US). */
export type DateStyle = 'short' | 'medium' | 'long' | 'day-month';

const DATE_STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  short: { dateStyle: 'short' },
  medium: { dateStyle: 'medium' },
  long: { dateStyle: 'long' },
  'day-month': { month: 'short', day: 'numeric' },
};

/** The instant a calendar date's UTC midnight stands for (used only with the UTC zone). */
function dayInstant(iso: string, what = 'date'): number {
  return parseDay(iso, what) * MS_PER_DAY;
}

/** Formats a `YYYY-MM-DD` calendar date; it shows the same date in every time zone. */
export function formatDate(iso: string, locale?: string, style: DateStyle = 'medium'): string {
  const options = DATE_STYLES[style];
  if (!options) throw new RangeError(`date style must be one of ${Object.keys(DATE_STYLES).join(', ')}, got ${JSON.stringify(style)}`);
  return dateFormat(locale, options).format(dayInstant(iso));
}

/**
 * Formats an inclusive date range compactly with the locale's own range
 * pattern: "Nov 1 – 30, 2026" (en-US), "1 – 30 Nov 2026" (en-GB; the spaces
 * around the dash are thin spaces in recent CLDR); a single day formats as
 * that date. `year: false` leaves the year out ("1 – 30 Nov").
 */
export function formatDateRange(start: string, end: string, locale?: string, options: { year?: boolean } = {}): string {
  const from = dayInstant(start, 'start');
  const to = dayInstant(end, 'end');
  if (from > to) throw new RangeError(`start ${start} is after end ${end}`);
  const f = dateFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(options.year === false ? {} : { year: 'numeric' }),
  });
  return f.formatRange(from, to);
}

/**
 * Formats a month key (`YYYY-MM`, e.g. a billing period's key): "Nov 2026"
 * (`short`, the default) or "November 2026" (`long`).
 */
export function formatMonth(key: string, locale?: string, style: 'short' | 'long' = 'short'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m || +m[2] < 1 || +m[2] > 12) throw new RangeError(`month must be YYYY-MM, got ${JSON.stringify(key)}`);
  return dateFormat(locale, { month: style, year: 'numeric' }).format(dayInstant(`${key}-01`, 'month'));
}

// ------------------------------------------------------------------ members

/**
 * How a member is shown: the email, else the name, else `#` and the first
 * 8 characters of the id ("#a1b2c3d4"), so members without contact details
 * stay distinguishable without printing a long opaque id.
 */
export function memberLabel(member: { id: string; email?: string | null; name?: string | null }): string {
  const email = member.email?.trim();
  if (email) return email;
  const name = member.name?.trim();
  if (name) return name;
  return `#${String(member.id).slice(0, 8)}`;
}

// --------------------------------------------------------------------- bidi

/** U+2068 FIRST STRONG ISOLATE. */
const FSI = '\u2068';
/** U+2069 POP DIRECTIONAL ISOLATE. */
const PDI = '\u2069';

/**
 * Wraps user-supplied text (a member's email or name, a workspace name, a
 * reason label) in U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL
 * ISOLATE before it goes into a sentence. Inside the isolate the text takes
 * its direction from its own first strong character, and whatever it holds
 * — right-to-left letters, a U+202E RIGHT-TO-LEFT OVERRIDE, an unbalanced
 * embedding — cannot reorder the text around it: without it, an Arabic
 * workspace name reverses the numbers after it in "most in {top} with
 * {topValue}", an override reverses the rest of the sentence, and in a
 * right-to-left locale an id like `#u_7e1fb9` shows as `u_7e1fb9#`.
 * (The same isolation as `<bdi>` or `dir="auto"` in markup, for places that
 * only take a string: `fill()` sentences, `aria-label`s, Chart.js labels.)
 *
 * For display only: exports carry the raw names, never this.
 */
export function isolate(text: string): string {
  return `${FSI}${text}${PDI}`;
}

// ------------------------------------------------------------------ shared by the panels

/** "Chat and Workspace A", in the locale's words. */
export function formatList(items: readonly string[], locale?: string): string {
  try {
    const options = { type: 'conjunction' } as const;
    return cached('l', locale, options, (tag) => new Intl.ListFormat(tag, options)).format(items);
  } catch {
    return items.join(', ');
  }
}

/** A heading word for amounts: "Credits", or the display unit's label ("Conversations"). */
export function unitHeading(unit: { label: string } | undefined, credits: string, locale?: string): string {
  const label = unit?.label ?? credits;
  return label.charAt(0).toLocaleUpperCase(usableLocale(locale)) + label.slice(1);
}

/** Amounts in exports: no binary noise from unit conversion (0.1 × 3 → 0.3). */
export function roundForExport(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A share in percent with two decimals, for exports (0 of nothing is 0). */
export function percentOf(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 10_000) / 100 : 0;
}
