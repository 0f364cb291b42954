/**
 * The demo page: the whole data layer at work on generated data, through
 * the memory adapter directly or through the REST adapter and the mock
 * server (msw) — the same network path a real backend takes.
 */
import { html, nothing, render } from 'lit';
import { eachDay } from '../src/core/time.js';
import { formatDate, formatNumber, formatPercent, memberLabel } from '../src/core/format.js';
import { resolvePreset, type NamedRangePreset } from '../src/core/ranges.js';
import { generateDemoData, MemoryDataSource, RestDataSource, type CreditDataSource } from '../src/data/index.js';

const SIZES = {
  small: { members: 8, workspaces: 3 },
  standard: { members: 60, workspaces: 8 },
  large: { members: 10_000, workspaces: 24, events: 400_000 },
  empty: { members: 8, workspaces: 3, empty: true },
} as const;

const app = document.querySelector<HTMLElement>('#app')!;
const form = document.querySelector<HTMLFormElement>('#controls')!;
const locale = navigator.language || 'en-US';
let worker: { start(o?: object): Promise<unknown>; resetHandlers(...h: unknown[]): void; use(...h: unknown[]): void } | undefined;
let generation = 0;

async function sourceFor(adapter: string, size: keyof typeof SIZES): Promise<CreditDataSource> {
  const memory = new MemoryDataSource(generateDemoData({ seed: 2026, months: 13, ...SIZES[size] }));
  if (adapter !== 'rest') return memory;
  // Load msw only for the REST path: the memory path needs no network at all.
  const [{ setupWorker }, { createMockHandlers }] = await Promise.all([import('msw/browser'), import('../src/mocks/index.js')]);
  const handlers = createMockHandlers(memory, { baseUrl: '/api', latencyMs: 120 });
  if (!worker) {
    worker = setupWorker(...handlers);
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  } else {
    worker.resetHandlers(...handlers);
  }
  return new RestDataSource({ baseUrl: '/api' });
}

async function show(): Promise<void> {
  const mine = ++generation;
  const data = new FormData(form);
  const size = data.get('size') as keyof typeof SIZES;
  const preset = data.get('range') as NamedRangePreset;
  render(html`<p class="note">Loading…</p>`, app);
  try {
    const source = await sourceFor(String(data.get('adapter')), size);
    const account = await source.getAccount();
    const range = resolvePreset(preset, { timeZone: account.timeZone, billingCycleDay: account.billingCycleDay });
    const [daily, reasons, allocation, members] = await Promise.all([
      source.queryUsage({ start: range.start, end: range.end, granularity: 'day' }),
      source.queryUsage({ start: range.start, end: range.end, granularity: 'total', groupBy: 'reason' }),
      source.getAllocation(),
      source.queryMembers({ start: range.start, end: range.end, sort: 'total', direction: 'desc', offset: 0, limit: 15 }),
    ]);
    if (mine !== generation) return; // a newer choice won
    const byDay = new Map(daily.rows.map((r) => [r.period, r.credits]));
    const days = eachDay(range.start, range.end);
    const used = daily.rows.reduce((s, r) => s + r.credits, 0);
    const peak = Math.max(1, ...byDay.values());
    const n = (v: number) => formatNumber(v, locale, { maximumFractionDigits: 0 });
    const primary = allocation.workspaces.find((w) => w.primary)!;
    const remaining = allocation.workspaces.reduce((s, w) => s + Math.max(0, w.remaining), 0);

    render(
      html`
        <div class="stats">
          <div class="stat"><b>${n(used)}</b><span>credits used, ${formatDate(range.start, locale, 'day-month')} – ${formatDate(range.end, locale, 'day-month')}</span></div>
          <div class="stat"><b>${n(remaining)}</b><span>credits remaining of ${n(allocation.totalCredits)}</span></div>
          <div class="stat"><b>${n(primary.remaining)}</b><span>on the primary workspace</span></div>
          <div class="stat"><b>${n(members.total)}</b><span>members with usage</span></div>
        </div>
        <section aria-labelledby="daily-h">
          <h2 id="daily-h">Daily usage</h2>
          <p class="sub">${account.name} · days in ${account.timeZone}</p>
          ${used === 0
            ? html`<p class="note">No usage data for the selected period.</p>`
            : html`<div class="scroll"><table>
                <thead><tr><th scope="col">Day</th><th scope="col" class="num">Credits</th><th scope="col"><span class="visually-hidden">Share of peak</span></th></tr></thead>
                <tbody>${days.map((d) => html`<tr><td>${formatDate(d, locale, 'medium')}</td><td class="num">${n(byDay.get(d) ?? 0)}</td>
                  <td><span class="meter" style="width:${((byDay.get(d) ?? 0) / peak) * 8}rem"></span></td></tr>`)}</tbody>
              </table></div>`}
        </section>
        <section aria-labelledby="reason-h">
          <h2 id="reason-h">Usage by reason</h2>
          <p class="sub">What the credits were spent on</p>
          <table>
            <thead><tr><th scope="col">Reason</th><th scope="col" class="num">Credits</th><th scope="col" class="num">Share</th></tr></thead>
            <tbody>${reasons.rows.map((r) => html`<tr><td>${reasons.labels[r.key!]}</td><td class="num">${n(r.credits)}</td><td class="num">${formatPercent(r.credits / used, locale)}</td></tr>`)}</tbody>
          </table>
        </section>
        <section aria-labelledby="alloc-h">
          <h2 id="alloc-h">Workspace allocation</h2>
          <p class="sub">${allocation.mode === 'shared-pool' ? 'Shared pool: every workspace draws on the primary' : 'Workspace budgets'}</p>
          <div class="scroll"><table>
            <thead><tr><th scope="col">Workspace</th><th scope="col" class="num">Allocated</th><th scope="col" class="num">Used</th><th scope="col" class="num">Remaining</th></tr></thead>
            <tbody>${allocation.workspaces.map((w) => html`<tr>
              <td>${w.name}${w.primary ? html`<span class="badge">Primary</span>` : nothing}<span class="badge">${w.kind}</span></td>
              <td class="num">${n(w.allocated)}</td><td class="num">${n(w.used)}</td>
              <td class="num">${w.blocked ? html`<span class="blocked">Usage blocked</span>` : n(w.remaining)}</td></tr>`)}</tbody>
          </table></div>
        </section>
        <section aria-labelledby="members-h">
          <h2 id="members-h">Top members</h2>
          <p class="sub">${members.total > members.members.length ? `Showing the top ${members.members.length} of ${n(members.total)} members` : 'Sorted by credits used'}</p>
          <div class="scroll"><table>
            <thead><tr><th scope="col">Member</th>${account.reasons.map((r) => html`<th scope="col" class="num">${r.label}</th>`)}<th scope="col" class="num">Total</th></tr></thead>
            <tbody>${members.members.map((m) => html`<tr><td>${memberLabel(m)}</td>${account.reasons.map((r) => html`<td class="num">${n(m.byReason[r.id] ?? 0)}</td>`)}<td class="num">${n(m.total)}</td></tr>`)}</tbody>
          </table></div>
        </section>
      `,
      app,
    );
  } catch (error) {
    if (mine !== generation) return;
    render(html`<p class="error" role="alert">${(error as Error).message}</p>`, app);
  }
  document.documentElement.dataset.rendered = String(mine);
}

form.addEventListener('change', () => void show());
void show();
