/**
 * Every visible string, in English. Hosts replace any of them through an
 * element's `strings` property (or the dashboard's, for every panel).
 * Placeholders are `{name}`.
 */
export const defaultStrings = {
  loading: 'Loading…',
  empty: 'No usage data for the selected period.',
  errorTitle: 'The data could not be loaded.',
  retry: 'Retry',
  noSource: 'No data source: set the dataSource property, or place this element inside <credit-dashboard>.',
  credits: 'credits',
  lastUpdated: 'Updated {time}',
  refresh: 'Refresh',
  clearSelection: 'Clear',
  // range picker
  rangeLabel: 'Date range',
  preset7d: 'Last 7 days',
  preset14d: 'Last 14 days',
  preset30d: 'Last 30 days',
  preset90d: 'Last 90 days',
  presetBillingMonth: 'Current billing month',
  presetPreviousBillingMonth: 'Previous billing month',
  presetCustom: 'Custom range',
  customStart: 'Start date',
  customEnd: 'End date',
  apply: 'Apply',
  rangeStartAfterEnd: 'The start date must be on or before the end date.',
  rangeTooLong: 'The range can be at most {max} days.',
  rangeInFuture: 'The end date can’t be after today ({today}).',
  rangeInvalidDate: 'Enter a real date (YYYY-MM-DD).',
  // summary
  summaryTitle: 'Credits',
  total: 'Total',
  used: 'Used',
  remaining: 'Remaining',
  percentUsed: '{percent} used',
  burnRate: 'Burn rate',
  perDay: '{value} per day',
  projectedTotal: 'Projected for the period',
  runOut: 'At this rate, credits run out on {date}.',
  runOutNever: 'At this rate, credits last beyond the period.',
  runOutExhausted: 'Credits have run out.',
  noUsageYet: 'No credits used in this period yet.',
  thresholdCrossed: '{percent} of the credits for this period are used.',
  // every chart panel
  showTable: 'Show table',
  hideTable: 'Hide table',
  export: 'Export',
  exportCsv: 'Download CSV',
  exportJson: 'Download JSON',
  others: 'Others',
  // credit-daily-chart (strings of that element go here)
  // credit-monthly-chart
  // credit-by-reason
  // credit-by-workspace
  // credit-team-split
  // workspace-allocation-table
  // member-usage-table
  membersTitle: 'Members',
  membersCount: '{count} members',
  membersCountOne: '1 member',
  membersUnit: 'Amounts in {unit}',
  membersColumnMember: 'Member',
  membersColumnTotal: 'Total',
  membersColumnPeak: 'Peak day',
  membersColumnLimit: 'Daily limit',
  membersColumnPercent: '% of limit',
  membersTableLabel: 'Credits per member',
  membersSortHint: 'Sort by {column}',
  membersSearch: 'Search members',
  membersSearchPlaceholder: 'Search by email, name or id',
  membersNoMatch: 'No members match “{search}”.',
  membersShowingTop: 'Showing the top {shown} of {total} members.',
  membersShowingFirst: 'Showing the first {shown} of {total} members.',
  membersSearchHint: 'Search to find the others.',
  membersNoLimit: 'No limit',
  membersOverLimit: 'Over limit',
  membersEditLimit: 'Edit limit',
  membersEditLimitFor: 'Edit the daily limit of {member}',
  membersLimitFor: 'Daily limit of {member}, in {unit}',
  membersLimitHelp: 'Leave empty to remove the limit.',
  membersLimitInvalid: 'Enter a positive number, or leave the field empty to remove the limit.',
  membersLimitSave: 'Save',
  membersLimitCancel: 'Cancel',
  membersLimitSaving: 'Saving…',
  membersRowLoading: 'Loading row {row}…',
  membersPageError: 'Some members could not be loaded.',
  membersExporting: 'Exporting members',
  membersExportProgress: '{done} of {total} members exported',
  membersExportFailed: 'The export failed: {message}',
  // dashboard selection chips
  focusDay: 'Day: {value}',
  focusWorkspace: 'Workspace: {value}',
  focusReason: 'Reason: {value}',
  removeFocus: 'Remove filter {value}',
};

export type CreditStrings = typeof defaultStrings;

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
