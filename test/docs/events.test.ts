/**
 * docs/events.md lists exactly the events the elements dispatch (name,
 * element, detail fields, cancelable), every one bubbles and is composed,
 * and the page's examples work as written against real elements.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { DataSourceError } from '../../src/data/errors.js';
import { generateDemoData } from '../../src/data/demo-data.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import type { CreditSummary } from '../../src/elements/credit-summary/credit-summary.js';
import type { WorkspaceAllocationTable } from '../../src/elements/workspace-allocation-table/workspace-allocation-table.js';
import { ev, smallOrg } from '../data/fixtures.js';
import { blocksUnder, dashboardReady, page, source, tableRows, unquote, until } from './helpers.js';
import { canonicalTags, elementClasses, emittedEvents, eventsByTag } from './sources.js';

let md: string;
before(async () => {
  md = await page('docs/events.md');
});

/** The page's rows: event, element, detail keys, cancelable. */
function documented() {
  return tableRows(md, 'event').map(([event, tag, detail, cancelable]) => ({
    event: unquote(event),
    tag: unquote(tag).slice(1, -1),
    keys: [...unquote(detail).matchAll(/(\w+)\??(?=[,:}\s])/g)].map((m) => m[1]).filter((k) => k !== 'null'),
    cancelable: cancelable === 'yes',
  }));
}

/** Field names of an exported detail type, read from the sources. */
async function detailFields(type: string): Promise<string[]> {
  const files = [...(await elementClasses()).values()].map((c) => c.text).concat(await source('src/base/context.ts'));
  for (const text of files) {
    const alias = new RegExp(`export type ${type} = (\\w+);`).exec(text);
    if (alias) return detailFields(alias[1]);
    const body = new RegExp(`export interface ${type} \\{([\\s\\S]*?)\\n\\}`).exec(text);
    if (body) return [...body[1].matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]);
  }
  throw new Error(`no detail type ${type}`);
}

/** Runs a snippet of the page in this page (it uses `document`, `analytics` and `confirm`). */
async function runSnippet(code: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  try {
    await import(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

const tracked: [string, unknown][] = [];
const globals = window as unknown as { analytics: { track(name: string, data: unknown): void }; confirm: (message?: string) => boolean };
before(() => {
  globals.analytics = { track: (name, data) => tracked.push([name, data]) };
});
beforeEach(() => {
  tracked.length = 0;
});

describe('docs: events.md', () => {
  describe('the table matches the code', () => {
    it('every event each element dispatches, and no other', async () => {
      const rows = documented().map((r) => `${r.tag} ${r.event}`);
      const emitted = await emittedEvents();
      const actual = [...emitted].flatMap(([tag, events]) => [...events.keys()].map((e) => `${tag} ${e}`));
      expect(rows.sort()).to.deep.equal(actual.sort());
      // The silent ones are named as such.
      const silent = (await canonicalTags()).filter((t) => (emitted.get(t)?.size ?? 0) === 0);
      const said = /^(.*) fire no events\.$/m.exec(md)?.[1] ?? '';
      expect([...said.matchAll(/`<([a-z-]+)>`/g)].map((m) => m[1]).sort()).to.deep.equal(silent.sort());
    });

    it('exactly the cancelable ones are marked cancelable', async () => {
      const emitted = await emittedEvents();
      for (const row of documented()) expect(row.cancelable, `${row.tag} ${row.event}`).to.equal(emitted.get(row.tag)!.get(row.event));
    });

    it('the detail fields are those of the exported detail types', async () => {
      for (const [tag, c] of await elementClasses()) {
        for (const m of c.text.matchAll(/this\.emit<(\w+)>\('([\w-]+)'/g)) {
          const row = documented().find((r) => r.tag === tag && r.event === m[2])!;
          expect(row.keys, `${tag} ${m[2]}`).to.have.members(await detailFields(m[1]));
        }
      }
    });

    it('every event bubbles and is composed: elements dispatch only through emit()', async () => {
      const base = await source('src/base/credit-element.ts');
      expect(base).to.contain('new CustomEvent<D>(name, { detail, bubbles: true, composed: true, cancelable })');
      for (const [tag, c] of await elementClasses()) {
        expect(/dispatchEvent\(|new CustomEvent|new Event\(/.test(c.text), `${tag} dispatches an event itself`).to.equal(false);
      }
    });

    it('agrees with the elements’ own @fires documentation', async () => {
      const fires = await eventsByTag();
      const emitted = await emittedEvents();
      for (const [tag, events] of emitted) {
        for (const name of events.keys()) expect(fires.get(tag)!.map(([n]) => n), `${tag} documents ${name}`).to.include(name);
      }
    });
  });

  describe('the examples work', () => {
    it('listening on document: a day-select from inside the dashboard, retargeted', async () => {
      const dashboard = await fixture<CreditDashboard>(html`<credit-dashboard range="30d" .dataSource=${new MemoryDataSource(generateDemoData({ seed: 4 }))}></credit-dashboard>`);
      await until(() => dashboardReady(dashboard, 8), 'the dashboard loaded', 15_000);
      let target: EventTarget | null = null;
      const onDay = (e: Event) => (target = e.target);
      document.addEventListener('day-select', onDay);
      await runSnippet(blocksUnder(md, 'Where to listen', 'js')[0].code);
      const daily = dashboard.shadowRoot!.querySelector('credit-daily-chart')!;
      daily.shadowRoot!.querySelector('.chart')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      await until(() => tracked.length > 0, 'tracked');
      document.removeEventListener('day-select', onDay);
      expect(target).to.equal(dashboard);
      expect(tracked[0][0]).to.equal('day-selected');
      expect(tracked[0][1]).to.deep.include({ panel: 'credit-daily-chart' });
      expect((tracked[0][1] as { date: string }).date).to.match(/^\d{4}-\d{2}-\d{2}$/);
      dashboard.remove();
    });

    it('selection-change from the dashboard', async () => {
      const dashboard = await fixture<CreditDashboard>(html`<credit-dashboard range="30d" .dataSource=${new MemoryDataSource(generateDemoData({ seed: 4 }))}></credit-dashboard>`);
      await until(() => dashboardReady(dashboard, 8), 'the dashboard loaded', 15_000);
      await runSnippet(blocksUnder(md, 'Range and focus', 'js')[0].code);
      const byWorkspace = dashboard.shadowRoot!.querySelector('credit-by-workspace')!;
      byWorkspace.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="list-item"]')!.click();
      await until(() => tracked.length > 0, 'tracked');
      expect(tracked[0][0]).to.equal('credit-dashboard-focus');
      expect(Object.keys(dashboard.selection)).to.deep.equal(['workspace']);
      expect(tracked[0][1]).to.deep.equal({ day: undefined, workspace: dashboard.selection.workspace, reason: undefined });
      dashboard.remove();
    });

    it('credit-threshold from a summary', async () => {
      const el = await fixture<CreditSummary>(html`<credit-summary .now=${Date.UTC(2026, 10, 10, 12)}></credit-summary>`);
      await runSnippet(blocksUnder(md, 'Thresholds', 'js')[0].code);
      el.dataSource = new MemoryDataSource(
        smallOrg({}, [ev('2026-11-02T10:00:00Z', 2000, 'm1', 'a'), ev('2026-11-04T10:00:00Z', 3000, 'm2', 'b'), ev('2026-11-08T10:00:00Z', 3500, 'm1', 'p')]),
      );
      await until(() => tracked.length > 0, 'tracked');
      expect(tracked).to.deep.equal([['credit-threshold', { threshold: 80, used: 8500, total: 10000 }]]);
      el.remove();
    });

    it('transfer-request cancelled by the host, then transfer-complete and transfer-error', async () => {
      const memory = new MemoryDataSource(smallOrg());
      let failNext = false;
      const original = memory.transferCredits.bind(memory);
      const calls: unknown[] = [];
      memory.transferCredits = async (t, s) => {
        calls.push(t);
        if (failNext) throw new DataSourceError('server', 'The ledger is down.');
        return original(t, s);
      };
      const el = await fixture<WorkspaceAllocationTable>(html`<workspace-allocation-table .dataSource=${memory}></workspace-allocation-table>`);
      await waitUntil(() => el.state === 'ready', 'the table loaded');
      await runSnippet(blocksUnder(md, 'Allocation changes', 'js')[0].code);

      const root = el.shadowRoot!;
      const dialog = () => root.querySelector('dialog')!;
      const transfer = async (amount: string) => {
        if (!dialog().open) {
          [...root.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Manage credits for Workspace B')!.click();
          await waitUntil(() => dialog().open, 'dialog open');
        }
        const select = dialog().querySelector<HTMLSelectElement>('#transfer-source')!;
        select.value = [...select.options].find((o) => o.textContent!.replace(/[\u2068\u2069]/g, '').trim().startsWith('Primary ('))!.value;
        select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
        const input = dialog().querySelector<HTMLInputElement>('#transfer-amount')!;
        input.value = amount;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        await el.updateComplete;
        [...dialog().querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Transfer')!.click();
        await el.updateComplete;
        await aTimeout(20);
      };

      const asked: string[] = [];
      globals.confirm = (message) => {
        asked.push(message ?? '');
        return false;
      };
      await transfer('1500');
      expect(asked).to.deep.equal(['Move 1500 credits from p to b?']);
      expect(calls).to.have.length(0);
      expect(dialog().open).to.equal(true);

      globals.confirm = () => true;
      await transfer('1500');
      await until(() => tracked.length > 0, 'tracked');
      expect(tracked).to.deep.equal([['credits-moved', { amount: 1500, mode: 'workspace-budget' }]]);

      tracked.length = 0;
      failNext = true;
      await transfer('200');
      await until(() => tracked.length > 0, 'tracked');
      expect(tracked).to.deep.equal([['credits-move-failed', { code: 'server' }]]);
      el.remove();
    });
  });
});
