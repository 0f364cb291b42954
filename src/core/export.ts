/**
 * CSV and JSON export. CSV follows RFC 4180 and is protected against
 * formula injection: a member named `=HYPERLINK(…)` must open in a
 * spreadsheet as text, not run.
 */

import { tryParseDay } from './time.js';

/** Characters that make a spreadsheet treat a cell as a formula (or strip into one). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field. Numbers are written as numbers (a negative number stays
 * `-5`); `null`, `undefined` and non-finite numbers are empty; dates are ISO
 * instants; other objects are JSON. A string starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return gets a leading `'` so spreadsheets show
 * it as text. A field containing `"`, `,`, CR or LF is quoted, with quotes
 * doubled.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  const text = textOf(value);
  const safe = text !== '' && FORMULA_TRIGGERS.has(text[0]) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value) ?? '';
  return String(value);
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel reads non-ASCII names correctly. Default false. */
  bom?: boolean;
}

/**
 * A CSV document (RFC 4180): a header line, then one line per row, each
 * ended by CRLF. Every row must have as many fields as the header.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], options: CsvOptions = {}): string {
  const lines = [header.map(csvCell).join(',')];
  rows.forEach((row, i) => {
    if (row.length !== header.length) {
      throw new RangeError(`CSV row ${i} has ${row.length} fields, the header has ${header.length}`);
    }
    lines.push(row.map(csvCell).join(','));
  });
  return (options.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}

/** Pretty-printed JSON (two-space indent) ending in a newline. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * A file name safe on every OS: `prefix_start_end.ext`, or `prefix_start.ext`
 * for a one-day range ("credit-usage_2026-11-01_2026-11-30.csv"). The
 * prefix keeps letters, digits, `.`, `_` and `-`; any other run of
 * characters becomes one `-`.
 */
export function downloadName(prefix: string, start: string, end: string, ext: string): string {
  if (tryParseDay(start) === undefined) throw new RangeError(`start must be a YYYY-MM-DD date, got ${JSON.stringify(start)}`);
  if (tryParseDay(end) === undefined) throw new RangeError(`end must be a YYYY-MM-DD date, got ${JSON.stringify(end)}`);
  const safePrefix =
    String(prefix)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '') // "usage-é" → "usage-e"
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .slice(0, 80)
      .replace(/^[-._]+|[-._]+$/g, '') || 'export';
  const safeExt = String(ext).replace(/^\.+/, '').replace(/[^A-Za-z0-9]/g, '').toLowerCase() || 'txt';
  const dates = start === end ? start : `${start}_${end}`;
  return `${safePrefix}_${dates}.${safeExt}`;
}
