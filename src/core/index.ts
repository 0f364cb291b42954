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
