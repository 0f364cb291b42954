/**
 * Pure logic shared by the data layer and the elements: calendar dates and
 * time zones, ranges, series, forecasts, formatting and export. No DOM.
 */

export * from './time.js';
export * from './ranges.js';
export * from './series.js';
export * from './forecast.js';
export * from './format.js';
export * from './export.js';

// time.ts and format.ts both have a `formatMonth`. The display one
// ("Nov 2026") is the one hosts want by that name; the `YYYY-MM` key
// builder stays available as `formatMonthKey`.
export { formatMonth } from './format.js';
export { formatMonth as formatMonthKey } from './time.js';
