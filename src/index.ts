/**
 * `credit-usage-elements`: importing it registers every element under its
 * canonical tag. For other tags use `defineCreditElements({ prefix })` from
 * `credit-usage-elements/register`; for one element, its own entry point
 * (`credit-usage-elements/range-picker`, …).
 */
import './elements/range-picker/define.js';
import './elements/credit-summary/define.js';
import './elements/credit-dashboard/define.js';
// chart panels (define modules)
import './elements/credit-monthly-chart/define.js';
import './elements/credit-by-reason/define.js';
import './elements/credit-by-workspace/define.js';
import './elements/credit-team-split/define.js';
import './elements/credit-daily-chart/define.js';
// table panels (define modules)
import './elements/workspace-allocation-table/define.js';
import './elements/member-usage-table/define.js';

export { defineCreditElements, creditElements, type DefineOptions } from './register.js';
export { CreditBase, CreditElement, type LoadContext, type LoadState } from './base/credit-element.js';
export { dashboardContext, type DashboardState, type Selection } from './base/context.js';
export { defaultStrings, type CreditStrings } from './base/strings.js';
export { RangePicker, type RangeChangeDetail } from './elements/range-picker/range-picker.js';
export { CreditSummary, type CreditThresholdDetail, type SummaryData } from './elements/credit-summary/credit-summary.js';
export {
  CreditDashboard,
  type DaySelectDetail,
  type ReasonSelectDetail,
  type SelectionChangeDetail,
  type WorkspaceSelectDetail,
} from './elements/credit-dashboard/credit-dashboard.js';
// chart panels (classes and event types)
export { CreditMonthlyChart, type MonthlyBar, type MonthlyData } from './elements/credit-monthly-chart/credit-monthly-chart.js';
export { CreditByReason, type ByReasonData, type ReasonSlice } from './elements/credit-by-reason/credit-by-reason.js';
export { CreditByWorkspace, type ByWorkspaceData, type WorkspaceBar } from './elements/credit-by-workspace/credit-by-workspace.js';
export { CreditTeamSplit, type KindSlice, type TeamSplitData } from './elements/credit-team-split/credit-team-split.js';
export { CreditDailyChart, type DailyChartData, type DailyGroupBy, type DailySeries } from './elements/credit-daily-chart/credit-daily-chart.js';
// table panels (classes and event types)
export {
  WorkspaceAllocationTable,
  parseCreditAmount,
  type AllocationSortKey,
  type AllocationStatus,
  type AllocationTableData,
  type AmountProblem,
  type ModeChangeDetail,
  type ModeChangedDetail,
  type ParsedAmount,
  type TransferCompleteDetail,
  type TransferErrorDetail,
  type TransferRequestDetail,
  type WorkspaceDeleteDetail,
  type WorkspaceDeletedDetail,
} from './elements/workspace-allocation-table/workspace-allocation-table.js';
export {
  MemberUsageTable,
  MEMBER_EXPORT_COLUMNS,
  type MemberLimitChangeDetail,
  type MemberTableData,
} from './elements/member-usage-table/member-usage-table.js';
export * from './data/index.js';
export * from './core/index.js';
