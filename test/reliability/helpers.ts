/**
 * Shared harness of the reliability suites: a small organisation with usage,
 * the panels and which adapter methods each one reads, a watch on what reaches
 * `window` uncaught, and the usual waits.
 */
import { waitUntil } from '@open-wc/testing';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDataSource, UsageEvent } from '../../src/data/types.js';
import { ev, smallOrg } from '../data/fixtures.js';

/** 2026-10-10, in the middle of October's billing month. */
export const NOW = Date.UTC(2026, 9, 10, 12);
export const RANGE = '2026-10-01/2026-10-31';

/** Usage in October on every member, workspace and reason, and some in September. */
export function usageEvents(): UsageEvent[] {
  return [
    ev('2026-09-20T10:00:00Z', 40, 'm2', 'p', 'speech'),
    ev('2026-10-01T10:00:00Z', 100, 'm1', 'a', 'chat'),
    ev('2026-10-02T10:00:00Z', 20, 'm2', 'b', 'image'),
    ev('2026-10-03T10:00:00Z', 3, 'm3abcdefghij', 'p', 'speech'),
    ev('2026-10-05T10:00:00Z', 7, 'm1', 'b', 'chat'),
  ];
}

export function goodSource(): MemoryDataSource {
  return new MemoryDataSource(smallOrg({}, usageEvents()));
}

export type Method = 'getAccount' | 'queryUsage' | 'getAllocation' | 'queryMembers';

/** Every panel with a `state`, and the adapter methods its default load reads. */
export const PANELS: Record<string, Method[]> = {
  'credit-summary': ['getAccount', 'queryUsage', 'getAllocation'],
  'credit-daily-chart': ['getAccount', 'queryUsage'],
  'credit-monthly-chart': ['getAccount', 'queryUsage'],
  'credit-by-reason': ['getAccount', 'queryUsage'],
  'credit-by-workspace': ['getAccount', 'queryUsage'],
  'credit-team-split': ['getAccount', 'queryUsage', 'getAllocation'],
  'workspace-allocation-table': ['getAccount', 'getAllocation'],
  'member-usage-table': ['getAccount', 'queryMembers'],
};

export const panelsUsing = (method: Method): string[] => Object.keys(PANELS).filter((tag) => PANELS[tag].includes(method));

export type Panel = HTMLElement & { state: string; reload(): Promise<void>; updateComplete: Promise<boolean> };

export const stateOf = (el: Element) => el.getAttribute('state') ?? '';
export const settled = (el: Element, timeout = 5000) =>
  waitUntil(() => ['ready', 'empty', 'error'].includes(stateOf(el)), `${el.localName} settled (is ${stateOf(el)})`, { timeout });
export const reached = (el: Element, state: string, timeout = 5000) =>
  waitUntil(() => stateOf(el) === state, `${el.localName} reaches ${state} (is ${stateOf(el)})`, { timeout });

/** What a person reads in the panel (its shadow root), whitespace collapsed. */
export const shadowText = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

/** The panel's error message line. */
export const errorText = (el: Element) => (el.shadowRoot?.querySelector('[part~="error"]')?.textContent ?? '').replace(/\s+/g, ' ');

export const retryButton = (el: Element) => el.shadowRoot?.querySelector<HTMLButtonElement>('[part="retry"]') ?? null;

/** Records every uncaught error and unhandled rejection that reaches `window` until `stop()`. */
export function watchWindow() {
  const seen: string[] = [];
  const onError = (e: ErrorEvent) => seen.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) => seen.push(`unhandledrejection: ${String((e.reason as Error)?.message ?? e.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    seen,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/** Mounts one element per tag into `host`, standalone, on `source`. */
export function mountPanels(host: HTMLElement, tags: string[], source: CreditDataSource, attrs: Record<string, string> = {}): Panel[] {
  return tags.map((tag) => {
    const el = document.createElement(tag) as Panel & { dataSource?: CreditDataSource; now?: number };
    el.setAttribute('range', RANGE);
    el.setAttribute('locale', 'en-US');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.now = NOW;
    el.dataSource = source;
    host.append(el);
    return el;
  });
}
