/**
 * The library's elements, written out here (not read from the sources) so
 * that a tag that goes missing from the code fails the tests that use them.
 */

/** The panels of the dashboard's default layout, in the order it lays them out. */
export const DEFAULT_LAYOUT = [
  'credit-summary',
  'credit-daily-chart',
  'credit-monthly-chart',
  'credit-by-reason',
  'credit-by-workspace',
  'credit-team-split',
  'workspace-allocation-table',
  'member-usage-table',
];

/** Every element: the dashboard, the range picker and the panels. */
export const ELEMENTS = ['credit-dashboard', 'range-picker', ...DEFAULT_LAYOUT];
