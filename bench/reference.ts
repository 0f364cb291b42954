/**
 * The straightforward way to answer a usage query: format every event's
 * instant with `Intl` in the account time zone and add it into a `Map`.
 * Slow, obviously right. The benchmark measures `MemoryDataSource` against
 * it, and the tests check both give the same answers.
 */
import type { MemoryDataSourceOptions } from '../src/data/memory.js';
import { OTHERS_KEY, type UsageQuery, type UsageRow, type Workspace } from '../src/data/types.js';

interface DatedEvent {
  day: string;
  credits: number;
  memberId: string;
  workspaceId: string;
  reason: string;
}

export class ReferenceSource {
  readonly #events: DatedEvent[] = [];
  readonly #workspaces: Map<string, Workspace>;
  readonly #cycleDay: number;

  constructor(options: MemoryDataSourceOptions) {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: options.account.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    for (const e of options.events) {
      const parts = format.formatToParts(new Date(e.time));
      const get = (type: string) => parts.find((p) => p.type === type)!.value;
      this.#events.push({ ...e, day: `${get('year')}-${get('month')}-${get('day')}` });
    }
    this.#workspaces = new Map(options.workspaces.map((w) => [w.id, w]));
    this.#cycleDay = options.account.billingCycleDay;
  }

  /** The billing month (named by the month it starts in) a date falls in. */
  #month(day: string): string {
    const [y, m, d] = day.split('-').map(Number);
    const clamp = (yy: number, mm: number) => Math.min(this.#cycleDay, new Date(Date.UTC(yy, mm, 0)).getUTCDate());
    if (d >= clamp(y, m)) return day.slice(0, 7);
    const py = m === 1 ? y - 1 : y;
    const pm = m === 1 ? 12 : m - 1;
    return `${py}-${String(pm).padStart(2, '0')}`;
  }

  queryUsage(query: UsageQuery): UsageRow[] {
    const keyOf = (e: DatedEvent): string | null => {
      switch (query.groupBy) {
        case 'member': return e.memberId;
        case 'workspace': return e.workspaceId;
        case 'reason': return e.reason;
        case 'workspaceKind': return this.#workspaces.get(e.workspaceId)!.kind;
        default: return null;
      }
    };
    const f = query.filter ?? {};
    const sums = new Map<string, Map<string | null, number>>();
    const totals = new Map<string | null, number>();
    for (const e of this.#events) {
      if (e.day < query.start || e.day > query.end) continue;
      if (f.member && !f.member.includes(e.memberId)) continue;
      if (f.workspace && !f.workspace.includes(e.workspaceId)) continue;
      if (f.reason && !f.reason.includes(e.reason)) continue;
      if (f.workspaceKind && !f.workspaceKind.includes(this.#workspaces.get(e.workspaceId)!.kind)) continue;
      const period = query.granularity === 'day' ? e.day : query.granularity === 'month' ? this.#month(e.day) : 'total';
      const key = keyOf(e);
      const byKey = sums.get(period) ?? new Map<string | null, number>();
      sums.set(period, byKey);
      byKey.set(key, (byKey.get(key) ?? 0) + e.credits);
      totals.set(key, (totals.get(key) ?? 0) + e.credits);
    }
    let keep: Set<string | null> | undefined;
    if (query.top !== undefined) {
      const ranked = [...totals].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
      keep = new Set(ranked.slice(0, query.top).map(([k]) => k));
    }
    const rows: UsageRow[] = [];
    for (const [period, byKey] of [...sums].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      let others = 0;
      for (const [key, credits] of byKey) {
        if (credits <= 0) continue;
        if (keep && !keep.has(key)) others += credits;
        else rows.push({ period, key, credits });
      }
      if (others > 0) rows.push({ period, key: OTHERS_KEY, credits: others });
    }
    return rows;
  }
}
