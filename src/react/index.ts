/**
 * `credit-usage-elements/react`: React components for every element, made
 * with `@lit/react`. Properties (`dataSource`, `now`, `strings`, …) are set
 * as element properties, and every event the element fires has a typed
 * `on…` prop:
 *
 * ```tsx
 * import { CreditDashboard } from 'credit-usage-elements/react';
 *
 * <CreditDashboard dataSource={source} onRangeChange={(e) => console.log(e.detail.start, e.detail.end)} />
 * ```
 *
 * Importing this module registers every element under its canonical tag.
 * `react` (18 or later) is an optional peer dependency of the package: only
 * this entry point needs it. The elements need a browser: with server
 * rendering, load this module on the client only (Next.js: `next/dynamic`
 * with `ssr: false`).
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import {
  CreditByReason as CreditByReasonElement,
  CreditByWorkspace as CreditByWorkspaceElement,
  CreditDailyChart as CreditDailyChartElement,
  CreditDashboard as CreditDashboardElement,
  CreditMonthlyChart as CreditMonthlyChartElement,
  CreditSummary as CreditSummaryElement,
  CreditTeamSplit as CreditTeamSplitElement,
  MemberUsageTable as MemberUsageTableElement,
  RangePicker as RangePickerElement,
  WorkspaceAllocationTable as WorkspaceAllocationTableElement,
  defineCreditElements,
  type CreditThresholdDetail,
  type DaySelectDetail,
  type MemberLimitChangeDetail,
  type ModeChangeDetail,
  type ModeChangedDetail,
  type RangeChangeDetail,
  type ReasonSelectDetail,
  type SelectionChangeDetail,
  type TransferCompleteDetail,
  type TransferErrorDetail,
  type TransferRequestDetail,
  type WorkspaceDeleteDetail,
  type WorkspaceDeletedDetail,
  type WorkspaceSelectDetail,
} from '../index.js';

export type {
  CreditThresholdDetail,
  DaySelectDetail,
  MemberLimitChangeDetail,
  ModeChangeDetail,
  ModeChangedDetail,
  RangeChangeDetail,
  ReasonSelectDetail,
  SelectionChangeDetail,
  TransferCompleteDetail,
  TransferErrorDetail,
  TransferRequestDetail,
  WorkspaceDeleteDetail,
  WorkspaceDeletedDetail,
  WorkspaceSelectDetail,
};

// A call rather than relying on the side effects of importing the element
// modules, so a bundler's tree shaking cannot drop the registration.
defineCreditElements();

/** An event name typed with its `CustomEvent` detail, for the `on…` props. */
const event = <D>(name: string) => name as EventName<CustomEvent<D>>;

const rangeEvents = {
  onRangeChange: event<RangeChangeDetail>('range-change'),
};

const summaryEvents = {
  onCreditThreshold: event<CreditThresholdDetail>('credit-threshold'),
};

const selectEvents = {
  onDaySelect: event<DaySelectDetail>('day-select'),
  onWorkspaceSelect: event<WorkspaceSelectDetail>('workspace-select'),
  onReasonSelect: event<ReasonSelectDetail>('reason-select'),
};

const allocationEvents = {
  onModeChange: event<ModeChangeDetail>('mode-change'),
  onModeChanged: event<ModeChangedDetail>('mode-changed'),
  onTransferRequest: event<TransferRequestDetail>('transfer-request'),
  onTransferComplete: event<TransferCompleteDetail>('transfer-complete'),
  onTransferError: event<TransferErrorDetail>('transfer-error'),
  onWorkspaceDelete: event<WorkspaceDeleteDetail>('workspace-delete'),
  onWorkspaceDeleted: event<WorkspaceDeletedDetail>('workspace-deleted'),
};

const memberEvents = {
  onMemberLimitChange: event<MemberLimitChangeDetail>('member-limit-change'),
};

/**
 * `<credit-dashboard>`. Besides its own `selection-change` and `range-change`,
 * every event of the panels inside it bubbles out of it, so each has a prop
 * here too (`onDaySelect`, `onTransferComplete`, …).
 */
export const CreditDashboard = createComponent({
  react: React,
  tagName: 'credit-dashboard',
  elementClass: CreditDashboardElement,
  displayName: 'CreditDashboard',
  events: {
    onSelectionChange: event<SelectionChangeDetail>('selection-change'),
    ...rangeEvents,
    ...summaryEvents,
    ...selectEvents,
    ...allocationEvents,
    ...memberEvents,
  },
});

/** `<range-picker>`: `onRangeChange` when a range is applied. */
export const RangePicker = createComponent({
  react: React,
  tagName: 'range-picker',
  elementClass: RangePickerElement,
  displayName: 'RangePicker',
  events: rangeEvents,
});

/** `<credit-summary>`: `onCreditThreshold` when the share used reaches a threshold. */
export const CreditSummary = createComponent({
  react: React,
  tagName: 'credit-summary',
  elementClass: CreditSummaryElement,
  displayName: 'CreditSummary',
  events: summaryEvents,
});

/** `<credit-daily-chart>`: `onDaySelect` when a day is selected or the selection cleared. */
export const CreditDailyChart = createComponent({
  react: React,
  tagName: 'credit-daily-chart',
  elementClass: CreditDailyChartElement,
  displayName: 'CreditDailyChart',
  events: { onDaySelect: selectEvents.onDaySelect },
});

/** `<credit-monthly-chart>`. */
export const CreditMonthlyChart = createComponent({
  react: React,
  tagName: 'credit-monthly-chart',
  elementClass: CreditMonthlyChartElement,
  displayName: 'CreditMonthlyChart',
});

/** `<credit-by-reason>`: `onReasonSelect` when a reason is selected or the selection cleared. */
export const CreditByReason = createComponent({
  react: React,
  tagName: 'credit-by-reason',
  elementClass: CreditByReasonElement,
  displayName: 'CreditByReason',
  events: { onReasonSelect: selectEvents.onReasonSelect },
});

/** `<credit-by-workspace>`: `onWorkspaceSelect` when a workspace is selected or the selection cleared. */
export const CreditByWorkspace = createComponent({
  react: React,
  tagName: 'credit-by-workspace',
  elementClass: CreditByWorkspaceElement,
  displayName: 'CreditByWorkspace',
  events: { onWorkspaceSelect: selectEvents.onWorkspaceSelect },
});

/** `<credit-team-split>`. */
export const CreditTeamSplit = createComponent({
  react: React,
  tagName: 'credit-team-split',
  elementClass: CreditTeamSplitElement,
  displayName: 'CreditTeamSplit',
});

/**
 * `<workspace-allocation-table>`. The `onModeChange`, `onTransferRequest` and
 * `onWorkspaceDelete` events are cancelable: `event.preventDefault()` sends nothing.
 */
export const WorkspaceAllocationTable = createComponent({
  react: React,
  tagName: 'workspace-allocation-table',
  elementClass: WorkspaceAllocationTableElement,
  displayName: 'WorkspaceAllocationTable',
  events: allocationEvents,
});

/** `<member-usage-table>`: `onMemberLimitChange`, and the select events when a focus chip is cleared. */
export const MemberUsageTable = createComponent({
  react: React,
  tagName: 'member-usage-table',
  elementClass: MemberUsageTableElement,
  displayName: 'MemberUsageTable',
  events: { ...memberEvents, ...selectEvents },
});
