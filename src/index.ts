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
// table panels (define modules)

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
// table panels (classes and event types)
export * from './data/index.js';
export * from './core/index.js';
