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

/** The React component for one element: its tag, class, display name and `on…` props. */
const wrap = <I extends HTMLElement, E extends Record<string, EventName | string>>(
  tagName: string,
  elementClass: new () => I,
  displayName: string,
  events: E,
) => createComponent({ react: React, tagName, elementClass, displayName, events });

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
export const CreditDashboard = wrap('credit-dashboard', CreditDashboardElement, 'CreditDashboard', {
  onSelectionChange: event<SelectionChangeDetail>('selection-change'),
  ...rangeEvents,
  ...summaryEvents,
  ...selectEvents,
  ...allocationEvents,
  ...memberEvents,
});

/** `<range-picker>`: `onRangeChange` when a range is applied. */
export const RangePicker = wrap('range-picker', RangePickerElement, 'RangePicker', rangeEvents);

/** `<credit-summary>`: `onCreditThreshold` when the share used reaches a threshold. */
export const CreditSummary = wrap('credit-summary', CreditSummaryElement, 'CreditSummary', summaryEvents);

/** `<credit-daily-chart>`: `onDaySelect` when a day is selected or the selection cleared. */
export const CreditDailyChart = wrap('credit-daily-chart', CreditDailyChartElement, 'CreditDailyChart', { onDaySelect: selectEvents.onDaySelect });

/** `<credit-monthly-chart>`. */
export const CreditMonthlyChart = wrap('credit-monthly-chart', CreditMonthlyChartElement, 'CreditMonthlyChart', {});

/** `<credit-by-reason>`: `onReasonSelect` when a reason is selected or the selection cleared. */
export const CreditByReason = wrap('credit-by-reason', CreditByReasonElement, 'CreditByReason', { onReasonSelect: selectEvents.onReasonSelect });

/** `<credit-by-workspace>`: `onWorkspaceSelect` when a workspace is selected or the selection cleared. */
export const CreditByWorkspace = wrap('credit-by-workspace', CreditByWorkspaceElement, 'CreditByWorkspace', { onWorkspaceSelect: selectEvents.onWorkspaceSelect });

/** `<credit-team-split>`. */
export const CreditTeamSplit = wrap('credit-team-split', CreditTeamSplitElement, 'CreditTeamSplit', {});

/**
 * `<workspace-allocation-table>`. The `onModeChange`, `onTransferRequest` and
 * `onWorkspaceDelete` events are cancelable: `event.preventDefault()` sends nothing.
 */
export const WorkspaceAllocationTable = wrap('workspace-allocation-table', WorkspaceAllocationTableElement, 'WorkspaceAllocationTable', allocationEvents);

/** `<member-usage-table>`: `onMemberLimitChange`, and the select events when a focus chip is cleared. */
export const MemberUsageTable = wrap('member-usage-table', MemberUsageTableElement, 'MemberUsageTable', { ...memberEvents, ...selectEvents });
