/**
 * `defineCreditElements({ prefix })`: registers every element, optionally
 * under a prefix for hosts whose tag names collide (`acme-range-picker`,
 * `acme-credit-dashboard`, …). A prefixed dashboard lays out prefixed panels.
 */
import type { CreditBase } from './base/credit-element.js';
import { defineElement } from './base/define.js';
import { CreditDailyChart } from './elements/credit-daily-chart/credit-daily-chart.js';
import { CreditDashboard } from './elements/credit-dashboard/credit-dashboard.js';
import { CreditMonthlyChart } from './elements/credit-monthly-chart/credit-monthly-chart.js';
import { CreditByReason } from './elements/credit-by-reason/credit-by-reason.js';
import { CreditByWorkspace } from './elements/credit-by-workspace/credit-by-workspace.js';
import { CreditTeamSplit } from './elements/credit-team-split/credit-team-split.js';
import { CreditSummary } from './elements/credit-summary/credit-summary.js';
import { MemberUsageTable } from './elements/member-usage-table/member-usage-table.js';
import { RangePicker } from './elements/range-picker/range-picker.js';
import { WorkspaceAllocationTable } from './elements/workspace-allocation-table/workspace-allocation-table.js';

/** Every element, by its canonical tag. */
export const creditElements: Record<string, typeof CreditBase> = {
  'range-picker': RangePicker,
  'credit-summary': CreditSummary,
  'credit-dashboard': CreditDashboard,
  // chart panels
  'credit-monthly-chart': CreditMonthlyChart,
  'credit-by-reason': CreditByReason,
  'credit-by-workspace': CreditByWorkspace,
  'credit-team-split': CreditTeamSplit,
  'credit-daily-chart': CreditDailyChart,
  // table panels
  'workspace-allocation-table': WorkspaceAllocationTable,
  'member-usage-table': MemberUsageTable,
};

export interface DefineOptions {
  /** `acme` registers `acme-range-picker`, …; without it the canonical tags. */
  prefix?: string;
}

export function defineCreditElements(options: DefineOptions = {}): void {
  const prefix = options.prefix?.trim().toLowerCase() ?? '';
  if (prefix && !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(prefix)) {
    throw new RangeError(`prefix must be lowercase letters, digits and hyphens, starting with a letter; got ${JSON.stringify(options.prefix)}`);
  }
  for (const [name, element] of Object.entries(creditElements)) {
    if (!prefix) {
      defineElement(name, element as unknown as CustomElementConstructor);
      continue;
    }
    const tag = `${prefix}-${name}`;
    if (customElements.get(tag)) continue;
    // A class can be registered once, so each prefix gets its own subclass.
    const Base = element as unknown as typeof CreditDashboard;
    const prefixed = class extends Base {
      static override tagPrefix = prefix;
    };
    defineElement(tag, prefixed);
  }
}
