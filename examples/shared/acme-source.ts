/**
 * A custom data-source adapter, written against the documented interface
 * (docs/adapters.md): the imaginary Acme Robotics backend keeps one record
 * per member, workspace, reason and day, and this adapter answers every
 * query by aggregating those records itself.
 *
 * In an application the imports come from `credit-usage-elements/data`.
 */
import {
  OTHERS_KEY,
  type AccountInfo,
  type Allocation,
  type CreditDataSource,
  type Dimension,
  type MemberPage,
  type MemberQuery,
  type MemberUsage,
  type UsageFilter,
  type UsageQuery,
  type UsageResult,
  type WorkspaceKind,
} from '../../src/data/index.js';

/** One row of Acme's usage table: credits a member spent in a workspace on one day, for one reason. */
export interface AcmeUsageRecord {
  /** The day, in the account time zone (Europe/Berlin). */
  date: string;
  member: string;
  workspace: string;
  reason: string;
  credits: number;
}

interface AcmeMember {
  id: string;
  name: string;
  email: string;
  dailyLimit?: number;
}

interface AcmeWorkspace {
  id: string;
  name: string;
  kind: WorkspaceKind;
  primary?: boolean;
  /** Credits given to the workspace; the primary holds everything not given elsewhere. */
  allocated?: number;
}

/**
 * "Today" for the examples: noon on 20 October 2026 in Berlin, the last day
 * with data. The pages pin the dashboard's `now` to it so the data set is
 * always in range; an application leaves `now` unset.
 */
export const ACME_NOW = Date.parse('2026-10-20T10:00:00Z');

export const ACME_ACCOUNT: AccountInfo = {
  name: 'Acme Robotics',
  timeZone: 'Europe/Berlin',
  billingCycleDay: 1,
  monthlyAllowance: 600,
  units: [],
  reasons: [
    { id: 'chat', label: 'Chat' },
    { id: 'image', label: 'Image generation' },
    { id: 'speech', label: 'Speech' },
  ],
  role: 'admin',
};

/** Credits the organisation bought: used + remaining over all workspaces. */
export const ACME_TOTAL_CREDITS = 3000;

export const ACME_MEMBERS: readonly AcmeMember[] = [
  { id: 'm-ana', name: 'Ana Ruiz', email: 'ana@acme.test' },
  { id: 'm-ben', name: 'Ben Okafor', email: 'ben@acme.test', dailyLimit: 60 },
  { id: 'm-chen', name: 'Chen Wei', email: 'chen@acme.test' },
  { id: 'm-dana', name: 'Dana Kim', email: 'dana@acme.test' },
];

export const ACME_WORKSPACES: readonly AcmeWorkspace[] = [
  { id: 'ws-hq', name: 'Acme HQ', kind: 'team', primary: true },
  { id: 'ws-research', name: 'Research', kind: 'team', allocated: 700 },
  { id: 'ws-ana', name: "Ana's sandbox", kind: 'personal', allocated: 150 },
];

const r = (date: string, member: string, workspace: string, reason: string, credits: number): AcmeUsageRecord => ({
  date,
  member: `m-${member}`,
  workspace: `ws-${workspace}`,
  reason,
  credits,
});

/** August 310 credits, September 380, October (to the 20th) 495. */
export const ACME_USAGE: readonly AcmeUsageRecord[] = [
  r('2026-08-05', 'ana', 'hq', 'chat', 70),
  r('2026-08-12', 'ben', 'research', 'image', 90),
  r('2026-08-19', 'chen', 'research', 'chat', 60),
  r('2026-08-26', 'dana', 'hq', 'speech', 40),
  r('2026-08-28', 'ana', 'ana', 'chat', 50),
  r('2026-09-02', 'ana', 'hq', 'chat', 80),
  r('2026-09-09', 'ben', 'research', 'chat', 65),
  r('2026-09-15', 'chen', 'hq', 'image', 75),
  r('2026-09-22', 'dana', 'research', 'speech', 45),
  r('2026-09-25', 'ana', 'ana', 'image', 30),
  r('2026-09-29', 'ben', 'hq', 'chat', 85),
  r('2026-10-01', 'ana', 'hq', 'chat', 40),
  r('2026-10-02', 'ben', 'research', 'image', 25),
  r('2026-10-03', 'ana', 'hq', 'speech', 10),
  r('2026-10-05', 'chen', 'research', 'chat', 55),
  r('2026-10-06', 'ana', 'ana', 'chat', 15),
  r('2026-10-08', 'ben', 'hq', 'chat', 30),
  r('2026-10-09', 'dana', 'research', 'image', 45),
  r('2026-10-12', 'ana', 'hq', 'chat', 60),
  r('2026-10-12', 'ben', 'research', 'speech', 20),
  r('2026-10-13', 'chen', 'hq', 'image', 35),
  r('2026-10-14', 'dana', 'hq', 'chat', 25),
  r('2026-10-15', 'ana', 'ana', 'image', 12),
  r('2026-10-16', 'ben', 'research', 'chat', 50),
  r('2026-10-17', 'chen', 'research', 'chat', 18),
  r('2026-10-19', 'dana', 'hq', 'speech', 22),
  r('2026-10-20', 'ana', 'hq', 'chat', 33),
];

const KIND_LABELS: Record<WorkspaceKind, string> = { team: 'Team', personal: 'Personal' };

export class AcmeSource implements CreditDataSource {
  readonly #usage: readonly AcmeUsageRecord[];
  readonly #members = new Map(ACME_MEMBERS.map((m) => [m.id, m]));
  readonly #workspaces = new Map(ACME_WORKSPACES.map((w) => [w.id, w]));

  constructor(usage: readonly AcmeUsageRecord[] = ACME_USAGE) {
    this.#usage = usage;
  }

  async getAccount(signal?: AbortSignal): Promise<AccountInfo> {
    signal?.throwIfAborted();
    return structuredClone(ACME_ACCOUNT);
  }

  async queryUsage(q: UsageQuery, signal?: AbortSignal): Promise<UsageResult> {
    signal?.throwIfAborted();
    const records = this.#select(q.start, q.end, q.filter);
    const keyOf = (rec: AcmeUsageRecord) => (q.groupBy ? this.#key(rec, q.groupBy) : null);

    // `top`: the N groups with the most credits over the whole range keep their key, the rest become Others.
    let kept: Set<string> | undefined;
    if (q.groupBy && q.top !== undefined) {
      const totals = sumBy(records, (rec) => keyOf(rec)!);
      const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      kept = new Set(ranked.slice(0, q.top).map(([key]) => key));
    }

    const cells = new Map<string, { period: string; key: string | null; credits: number }>();
    for (const rec of records) {
      // Acme's billing months start on the 1st: a billing month is the calendar month.
      const period = q.granularity === 'day' ? rec.date : q.granularity === 'month' ? rec.date.slice(0, 7) : 'total';
      let key = keyOf(rec);
      if (key !== null && kept && !kept.has(key)) key = OTHERS_KEY;
      const id = `${period}|${key}`;
      const cell = cells.get(id) ?? { period, key, credits: 0 };
      cell.credits += rec.credits;
      cells.set(id, cell);
    }
    const rows = [...cells.values()];
    const labels: Record<string, string> = {};
    for (const { key } of rows) {
      if (key !== null) labels[key] = key === OTHERS_KEY ? 'Others' : this.#label(key, q.groupBy!);
    }
    return { rows, labels, refreshedAt: new Date().toISOString() };
  }

  async getAllocation(signal?: AbortSignal): Promise<Allocation> {
    signal?.throwIfAborted();
    const given = ACME_WORKSPACES.reduce((sum, w) => sum + (w.primary ? 0 : (w.allocated ?? 0)), 0);
    const primary = ACME_WORKSPACES.find((w) => w.primary)!;
    return {
      mode: 'workspace-budget',
      totalCredits: ACME_TOTAL_CREDITS,
      primaryWorkspaceId: primary.id,
      usedByDeleted: 0,
      workspaces: ACME_WORKSPACES.map((w) => {
        const records = this.#usage.filter((rec) => rec.workspace === w.id);
        const used = records.reduce((sum, rec) => sum + rec.credits, 0);
        const allocated = w.primary ? ACME_TOTAL_CREDITS - given : (w.allocated ?? 0);
        return {
          id: w.id,
          name: w.name,
          kind: w.kind,
          primary: !!w.primary,
          allocated,
          used,
          remaining: allocated - used,
          usedByReason: byReason(records),
          blocked: allocated - used <= 0,
        };
      }),
    };
  }

  async queryMembers(q: MemberQuery, signal?: AbortSignal): Promise<MemberPage> {
    signal?.throwIfAborted();
    const records = this.#select(q.start, q.end, q.filter);
    const rows = new Map<string, MemberUsage>();
    for (const [id, memberRecords] of groupBy(records, (rec) => rec.member)) {
      const member = this.#members.get(id);
      const row: MemberUsage = {
        id,
        byReason: byReason(memberRecords),
        total: memberRecords.reduce((sum, rec) => sum + rec.credits, 0),
        peakDaily: Math.max(...sumBy(memberRecords, (rec) => rec.date).values()),
      };
      if (member) {
        row.email = member.email;
        row.name = member.name;
        if (member.dailyLimit !== undefined) row.dailyLimit = member.dailyLimit;
      }
      rows.set(id, row);
    }

    const search = q.search?.trim().toLowerCase();
    const matching = [...rows.values()].filter(
      (m) => !search || [m.id, m.email, m.name].some((text) => text?.toLowerCase().includes(search)),
    );
    // `member` sorts by the label the table shows: email, else name, else `#` and the id's start.
    const value = (m: MemberUsage): number | string =>
      q.sort === 'total' ? m.total : q.sort === 'member' ? (m.email ?? m.name ?? `#${m.id.slice(0, 8)}`) : (m.byReason[q.sort] ?? 0);
    const sign = q.direction === 'asc' ? 1 : -1;
    matching.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { sensitivity: 'base' });
      return sign * order || a.id.localeCompare(b.id);
    });
    return { members: matching.slice(q.offset, q.offset + q.limit), total: matching.length };
  }

  /** The records in the inclusive range that match every listed dimension. */
  #select(start: string, end: string, filter: UsageFilter = {}): AcmeUsageRecord[] {
    const dims = Object.entries(filter) as [Dimension, string[] | undefined][];
    return this.#usage.filter(
      (rec) => rec.date >= start && rec.date <= end && dims.every(([dim, ids]) => !ids || ids.includes(this.#key(rec, dim))),
    );
  }

  #key(rec: AcmeUsageRecord, dim: Dimension): string {
    switch (dim) {
      case 'member':
        return rec.member;
      case 'workspace':
        return rec.workspace;
      case 'workspaceKind':
        return this.#workspaces.get(rec.workspace)?.kind ?? 'team';
      case 'reason':
        return rec.reason;
    }
  }

  #label(key: string, dim: Dimension): string {
    switch (dim) {
      case 'member':
        return this.#members.get(key)?.email ?? key;
      case 'workspace':
        return this.#workspaces.get(key)?.name ?? key;
      case 'workspaceKind':
        return KIND_LABELS[key as WorkspaceKind] ?? key;
      case 'reason':
        return ACME_ACCOUNT.reasons.find((reason) => reason.id === key)?.label ?? key;
    }
  }
}

/** Credits per reason, every reason of the account listed (0 when unused). */
function byReason(records: readonly AcmeUsageRecord[]): Record<string, number> {
  const sums = sumBy(records, (rec) => rec.reason);
  return Object.fromEntries(ACME_ACCOUNT.reasons.map(({ id }) => [id, sums.get(id) ?? 0]));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

function sumBy(records: readonly AcmeUsageRecord[], keyOf: (rec: AcmeUsageRecord) => string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const rec of records) {
    const key = keyOf(rec);
    sums.set(key, (sums.get(key) ?? 0) + rec.credits);
  }
  return sums;
}
