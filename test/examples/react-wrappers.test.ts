/**
 * The React wrappers (`credit-usage-elements/react`): each renders its
 * element, sets properties as properties, and calls each `on…` prop for the
 * event it names.
 */
import { expect } from '@open-wc/testing';
import { createElement, type ComponentType } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import * as wrappers from '../../src/react/index.js';
import { AcmeSource, ACME_NOW } from '../../examples/shared/acme-source.js';

const SELECT = { onDaySelect: 'day-select', onWorkspaceSelect: 'workspace-select', onReasonSelect: 'reason-select' };
const ALLOCATION = {
  onModeChange: 'mode-change',
  onModeChanged: 'mode-changed',
  onTransferRequest: 'transfer-request',
  onTransferComplete: 'transfer-complete',
  onTransferError: 'transfer-error',
  onWorkspaceDelete: 'workspace-delete',
  onWorkspaceDeleted: 'workspace-deleted',
};

/** Each wrapper: the tag it renders and the events its props listen to. */
const WRAPPERS: Record<keyof typeof wrappers, { tag: string; events: Record<string, string> }> = {
  CreditDashboard: {
    tag: 'credit-dashboard',
    events: {
      onSelectionChange: 'selection-change',
      onRangeChange: 'range-change',
      onCreditThreshold: 'credit-threshold',
      ...SELECT,
      ...ALLOCATION,
      onMemberLimitChange: 'member-limit-change',
    },
  },
  RangePicker: { tag: 'range-picker', events: { onRangeChange: 'range-change' } },
  CreditSummary: { tag: 'credit-summary', events: { onCreditThreshold: 'credit-threshold' } },
  CreditDailyChart: { tag: 'credit-daily-chart', events: { onDaySelect: 'day-select' } },
  CreditMonthlyChart: { tag: 'credit-monthly-chart', events: {} },
  CreditByReason: { tag: 'credit-by-reason', events: { onReasonSelect: 'reason-select' } },
  CreditByWorkspace: { tag: 'credit-by-workspace', events: { onWorkspaceSelect: 'workspace-select' } },
  CreditTeamSplit: { tag: 'credit-team-split', events: {} },
  WorkspaceAllocationTable: { tag: 'workspace-allocation-table', events: ALLOCATION },
  MemberUsageTable: { tag: 'member-usage-table', events: { onMemberLimitChange: 'member-limit-change', ...SELECT } },
};

describe('React wrappers', () => {
  let container: HTMLElement;
  let root: Root;

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
  });

  it('wraps every element, and nothing else', () => {
    expect(Object.keys(wrappers).sort()).to.deep.equal(Object.keys(WRAPPERS).sort());
  });

  for (const [name, { tag, events }] of Object.entries(WRAPPERS)) {
    it(`${name} renders <${tag}>, sets properties and calls its event props`, () => {
      const source = new AcmeSource();
      const received: [string, string, unknown][] = [];
      const props: Record<string, unknown> = { dataSource: source, now: ACME_NOW, locale: 'de-DE' };
      for (const prop of Object.keys(events)) {
        props[prop] = (e: CustomEvent) => received.push([prop, e.type, e.detail]);
      }
      const Wrapper = wrappers[name as keyof typeof wrappers] as unknown as ComponentType<Record<string, unknown>>;
      flushSync(() => root.render(createElement(Wrapper, props)));

      const el = container.firstElementChild as HTMLElement & { dataSource?: unknown; now?: number; locale?: string };
      expect(el.localName).to.equal(tag);
      expect(el).to.be.instanceOf(customElements.get(tag)!);
      expect(el.dataSource, 'dataSource is a property').to.equal(source);
      expect(el.hasAttribute('datasource')).to.equal(false);
      expect(el.now).to.equal(ACME_NOW);
      expect(el.locale).to.equal('de-DE');

      for (const event of Object.values(events)) el.dispatchEvent(new CustomEvent(event, { detail: { from: event } }));
      el.dispatchEvent(new CustomEvent('not-an-event', { detail: {} }));
      // Each prop got its event once; no prop got another's. (The dashboard answers the
      // select events with a selection-change of its own, which onSelectionChange receives too.)
      for (const [prop, event] of Object.entries(events)) {
        expect(received.filter(([p, , detail]) => p === prop && (detail as { from?: string }).from === event), prop).to.have.length(1);
      }
      for (const [prop, type] of received) expect(type, prop).to.equal(events[prop]);
    });
  }

  it('follows a changed handler and removes a dropped one', () => {
    const calls: string[] = [];
    const render = (onRangeChange?: (e: CustomEvent) => void) =>
      flushSync(() => root.render(createElement(wrappers.RangePicker, { onRangeChange })));
    render(() => calls.push('first'));
    const el = container.firstElementChild!;
    el.dispatchEvent(new CustomEvent('range-change', { detail: {} }));
    render(() => calls.push('second'));
    el.dispatchEvent(new CustomEvent('range-change', { detail: {} }));
    render(undefined);
    el.dispatchEvent(new CustomEvent('range-change', { detail: {} }));
    expect(calls).to.deep.equal(['first', 'second']);
  });
});
