// Generated from custom-elements.json by `node scripts/generate-api.mjs`; do not edit by hand.
// Typed tags for React 19's JSX: `import type {} from 'credit-usage-elements/jsx/react'` once in your app.
import type { CreditByReason } from './elements/credit-by-reason/credit-by-reason.js';
import type { CreditByWorkspace } from './elements/credit-by-workspace/credit-by-workspace.js';
import type { CreditDailyChart } from './elements/credit-daily-chart/credit-daily-chart.js';
import type { CreditDashboard } from './elements/credit-dashboard/credit-dashboard.js';
import type { CreditMonthlyChart } from './elements/credit-monthly-chart/credit-monthly-chart.js';
import type { CreditSummary } from './elements/credit-summary/credit-summary.js';
import type { CreditTeamSplit } from './elements/credit-team-split/credit-team-split.js';
import type { MemberUsageTable } from './elements/member-usage-table/member-usage-table.js';
import type { RangePicker } from './elements/range-picker/range-picker.js';
import type { WorkspaceAllocationTable } from './elements/workspace-allocation-table/workspace-allocation-table.js';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

/** A tag of this element: React's HTML attributes, then the element's own properties. */
type ElementProps<E> = DetailedHTMLProps<HTMLAttributes<E>, E> & Partial<Omit<E, keyof HTMLElement>>;

export interface CreditElementsReactJSX {
  'credit-by-reason': ElementProps<CreditByReason> & { 'time-zone'?: string; 'onreason-select'?: (event: GlobalEventHandlersEventMap['reason-select']) => void };
  'credit-by-workspace': ElementProps<CreditByWorkspace> & { 'time-zone'?: string; 'onworkspace-select'?: (event: GlobalEventHandlersEventMap['workspace-select']) => void };
  'credit-daily-chart': ElementProps<CreditDailyChart> & { 'group-by'?: 'none' | 'member' | 'workspace' | 'reason'; 'selected-day'?: string; 'time-zone'?: string; 'onday-select'?: (event: GlobalEventHandlersEventMap['day-select']) => void };
  'credit-dashboard': ElementProps<CreditDashboard> & { 'refresh-interval'?: number | string; 'time-zone'?: string; 'onselection-change'?: (event: GlobalEventHandlersEventMap['selection-change']) => void; 'onrange-change'?: (event: GlobalEventHandlersEventMap['range-change']) => void };
  'credit-monthly-chart': ElementProps<CreditMonthlyChart> & { 'time-zone'?: string };
  'credit-summary': ElementProps<CreditSummary> & { 'time-zone'?: string; 'oncredit-threshold'?: (event: GlobalEventHandlersEventMap['credit-threshold']) => void };
  'credit-team-split': ElementProps<CreditTeamSplit> & { 'time-zone'?: string };
  'member-usage-table': ElementProps<MemberUsageTable> & { 'max-rows'?: number | string; 'page-size'?: number | string; 'time-zone'?: string; 'onmember-limit-change'?: (event: GlobalEventHandlersEventMap['member-limit-change']) => void; 'onday-select'?: (event: GlobalEventHandlersEventMap['day-select']) => void; 'onworkspace-select'?: (event: GlobalEventHandlersEventMap['workspace-select']) => void; 'onreason-select'?: (event: GlobalEventHandlersEventMap['reason-select']) => void };
  'range-picker': ElementProps<RangePicker> & { 'max-days'?: number | string; 'billing-cycle-day'?: number | string; 'time-zone'?: string; 'onrange-change'?: (event: GlobalEventHandlersEventMap['range-change']) => void };
  'workspace-allocation-table': ElementProps<WorkspaceAllocationTable> & { 'sort-by'?: 'name' | 'allocated' | 'used' | 'remaining' | 'status' | `reason:${string}`; 'sort-direction'?: 'asc' | 'desc'; 'credit-decimals'?: number | string; 'low-threshold'?: number | string; 'time-zone'?: string; 'onmode-change'?: (event: GlobalEventHandlersEventMap['mode-change']) => void; 'onmode-changed'?: (event: GlobalEventHandlersEventMap['mode-changed']) => void; 'ontransfer-request'?: (event: GlobalEventHandlersEventMap['transfer-request']) => void; 'ontransfer-complete'?: (event: GlobalEventHandlersEventMap['transfer-complete']) => void; 'ontransfer-error'?: (event: GlobalEventHandlersEventMap['transfer-error']) => void; 'onworkspace-delete'?: (event: GlobalEventHandlersEventMap['workspace-delete']) => void; 'onworkspace-deleted'?: (event: GlobalEventHandlersEventMap['workspace-deleted']) => void };
}

declare module 'react' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CreditElementsReactJSX {}
  }
}
