/**
 * `MemoryDataSource`: the embedded default adapter. It holds usage events in
 * columns (typed arrays) sorted by local day, so a million events cost ~18
 * bytes each and a 90-day query is one tight loop over contiguous memory.
 *
 * It also enforces the allocation rules of the products modelled:
 * - the primary workspace holds every credit not allocated elsewhere;
 * - a transfer never exceeds the source's remaining credits, and is refused
 *   in shared-pool mode;
 * - credits are conserved: remaining of every workspace + everything used
 *   (deleted workspaces included) = total credits;
 * - deleting a workspace returns its remaining credits to the primary, which
 *   cannot be deleted;
 * - switching mode leaves every credit not yet used on the primary.
 */
import { memberLabel } from '../core/format.js';
import { billingPeriodOf, createDayBucketer, formatDay, parseDay, parseInstant } from '../core/time.js';
import { DataSourceError, throwIfAborted } from './errors.js';
import {
  OTHERS_KEY,
  type AccountInfo,
  type Allocation,
  type CreditDataSource,
  type CreditMode,
  type Dimension,
  type Member,
  type MemberPage,
  type MemberQuery,
  type MemberUsage,
  type TransferRequest,
  type UsageEvent,
  type UsageFilter,
  type UsageQuery,
  type UsageResult,
  type UsageRow,
  type Workspace,
  type WorkspaceAllocation,
} from './types.js';
import {
  CREDIT_MODES,
  checker,
  describeValue,
  MAX_CREDITS,
  validateAccount,
  validateMemberQuery,
  validateUsageQuery,
  WORKSPACE_KINDS,
} from './validate.js';

export interface MemoryDataSourceOptions {
  account: AccountInfo;
  members: Member[];
  workspaces: Workspace[];
  events: UsageEvent[];
  /** Every credit the organisation holds: used, allocated or on the primary. */
  totalCredits: number;
  /** Defaults to `workspace-budget`. */
  mode?: CreditMode;
  /**
   * What to do with an invalid event: `throw` (default) refuses the whole
   * input with an error naming the event; `skip` leaves it out and counts it
   * in {@link MemoryDataSource.skippedEvents}.
   */
  invalidEvents?: 'throw' | 'skip';
  /** The clock, for `refreshedAt` (tests pin it). */
  now?: () => number;
}

const KIND_LABELS = { team: 'Team', personal: 'Personal' } as const;
/** Roles that may move credits, switch mode and delete workspaces. */
const ALLOCATION_ROLES = new Set(['owner', 'admin']);
/** Roles that may set member limits. */
const LIMIT_ROLES = new Set(['owner', 'admin', 'manager']);
/** Largest (period × group) grid summed densely: 4M cells, 32 MB. */
const DENSE_CELLS = 1 << 22;
/** Tolerance for comparing sums of fractional credits. */
const EPSILON = 1e-9;

interface EventColumns {
  /** `dayStart[d - firstDay]` is the first event of epoch day `d`; one entry past the last day. */
  dayStart: Int32Array;
  firstDay: number;
  credits: Float64Array;
  member: Uint32Array;
  workspace: Uint32Array;
  reason: Uint16Array;
}

/** A member query's answer before paging, kept for the next page. */
interface MemberRanking {
  key: string;
  /** The event columns it was computed from: new events make it stale. */
  columns: EventColumns;
  order: number[];
  totals: Float64Array;
  byReason: Float64Array;
  peak: Float64Array;
}

interface IdempotentTransfer {
  fingerprint: string;
}

export class MemoryDataSource implements CreditDataSource {
  /** Events left out because they were invalid (with `invalidEvents: 'skip'`). */
  skippedEvents = 0;

  readonly #account: AccountInfo;
  readonly #members: Member[];
  readonly #memberIndex = new Map<string, number>();
  readonly #memberLabels: string[];
  readonly #memberSearch: string[];
  readonly #memberRank: Uint32Array;
  readonly #workspaces: Workspace[];
  readonly #workspaceIndex = new Map<string, number>();
  readonly #reasonIndex = new Map<string, number>();
  readonly #now: () => number;
  readonly #invalidEvents: 'throw' | 'skip';

  #columns: EventColumns;
  #bucket?: (instant: number) => number;
  #ranking?: MemberRanking;
  /** Credits allocated to each non-primary workspace (budget mode). */
  #allocated: Float64Array;
  #deleted: Uint8Array;
  #used: Float64Array;
  #usedByReason: Float64Array;
  #mode: CreditMode;
  #totalCredits: number;
  readonly #primary: number;
  readonly #transfers = new Map<string, IdempotentTransfer>();
  readonly #listeners = new Set<() => void>();

  constructor(options: MemoryDataSourceOptions) {
    const c = checker({ where: 'MemoryDataSource', code: 'invalid-input' });
    c.object(options, 'options', ['account', 'members', 'workspaces', 'events', 'totalCredits', 'mode', 'invalidEvents', 'now']);
    this.#account = structuredClone(validateAccount(options.account, { where: 'MemoryDataSource', code: 'invalid-input' }));
    this.#account.reasons.forEach((r, i) => this.#reasonIndex.set(r.id, i));
    this.#now = options.now ?? Date.now;
    this.#invalidEvents = options.invalidEvents ?? 'throw';
    if (this.#invalidEvents !== 'throw' && this.#invalidEvents !== 'skip') {
      c.oneOf(options.invalidEvents, 'options.invalidEvents', ['throw', 'skip'] as const);
    }
    this.#mode = options.mode === undefined ? 'workspace-budget' : c.oneOf(options.mode, 'options.mode', CREDIT_MODES);
    this.#totalCredits = c.amount(options.totalCredits, 'options.totalCredits');

    this.#members = c.array(options.members, 'members').map((m, i) => {
      const p = `members[${i}]`;
      const o = c.object(m, p, ['id', 'email', 'name', 'dailyLimit']);
      const id = c.string(o.id, `${p}.id`);
      if (this.#memberIndex.has(id)) c.fail(`${p}.id`, '', id, `${p}.id repeats ${describeValue(id)}`);
      this.#memberIndex.set(id, i);
      const member: Member = { id };
      const email = c.optString(o.email, `${p}.email`);
      const name = c.optString(o.name, `${p}.name`);
      const limit = c.optAmount(o.dailyLimit, `${p}.dailyLimit`, { exclusiveMin: true });
      if (email) member.email = email;
      if (name) member.name = name;
      if (limit !== undefined) member.dailyLimit = limit;
      return member;
    });
    this.#memberLabels = this.#members.map(memberLabel);
    // Alphabetical order of the labels, case- and accent-insensitive, computed once.
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    const order = this.#members.map((_, i) => i).sort((a, b) => collator.compare(this.#memberLabels[a], this.#memberLabels[b]) || a - b);
    this.#memberRank = new Uint32Array(order.length);
    order.forEach((m, rank) => (this.#memberRank[m] = rank));
    this.#memberSearch = this.#members.map((m) => [m.email, m.name, m.id].filter(Boolean).join('\n').toLowerCase());

    let primary = -1;
    this.#workspaces = c.array(options.workspaces, 'workspaces').map((w, i) => {
      const p = `workspaces[${i}]`;
      const o = c.object(w, p, ['id', 'name', 'kind', 'primary', 'allocated']);
      const id = c.string(o.id, `${p}.id`);
      if (this.#workspaceIndex.has(id)) c.fail(`${p}.id`, '', id, `${p}.id repeats ${describeValue(id)}`);
      this.#workspaceIndex.set(id, i);
      const isPrimary = o.primary === undefined ? false : c.boolean(o.primary, `${p}.primary`);
      if (isPrimary) {
        if (primary >= 0) c.fail(`${p}.primary`, '', true, `${p} is a second primary workspace; there must be exactly one`);
        primary = i;
      }
      return {
        id,
        name: c.string(o.name, `${p}.name`, { empty: true }),
        kind: c.oneOf(o.kind, `${p}.kind`, WORKSPACE_KINDS),
        primary: isPrimary,
        allocated: c.optAmount(o.allocated, `${p}.allocated`) ?? 0,
      };
    });
    if (primary < 0) c.fail('workspaces', '', undefined, 'workspaces must include one primary workspace (primary: true)');
    this.#primary = primary;
    const n = this.#workspaces.length;
    this.#allocated = Float64Array.from(this.#workspaces, (w, i) => (i === primary ? 0 : w.allocated ?? 0));
    this.#deleted = new Uint8Array(n);

    this.#columns = this.#ingest(c.array(options.events, 'events'), 'events');
    this.#used = new Float64Array(n);
    this.#usedByReason = new Float64Array(n * this.#account.reasons.length);
    this.#accumulateWorkspaceUsage(this.#columns);

    if (this.#mode === 'shared-pool') this.#resetAllocations();
    const primaryAllocated = this.#allocatedOf(primary);
    if (primaryAllocated < -EPSILON) {
      c.fail('totalCredits', '', this.#totalCredits,
        `workspaces are allocated ${this.#totalCredits - primaryAllocated} credits, more than totalCredits (${this.#totalCredits})`);
    }
  }

  // ------------------------------------------------------------ ingestion

  /**
   * Validates events and lays them out in columns sorted by local day. Input
   * already in time order (the usual case) is taken as it is; anything else
   * is put in order with a counting sort by day.
   */
  #ingest(events: readonly unknown[], path: string): EventColumns {
    const n = events.length;
    const days = new Int32Array(n);
    const credits = new Float64Array(n);
    const member = new Uint32Array(n);
    const workspace = new Uint32Array(n);
    const reason = new Uint16Array(n);
    const members = this.#memberIndex;
    const workspaces = this.#workspaceIndex;
    const reasons = this.#reasonIndex;
    if (!this.#bucket) {
      const first = n > 0 ? parseInstant((events[0] as UsageEvent | null)?.time) : NaN;
      this.#bucket = createDayBucketer(this.#account.timeZone, Number.isFinite(first) ? first : this.#now());
    }
    const bucket = this.#bucket;
    let kept = 0;
    let firstDay = Infinity;
    let lastDay = -Infinity;
    let sorted = true;

    for (let i = 0; i < n; i++) {
      const e = events[i] as UsageEvent;
      let fault: string | undefined;
      let field = '';
      let m: number | undefined;
      let w: number | undefined;
      let r: number | undefined;
      let t = NaN;
      if (typeof e !== 'object' || e === null) {
        fault = `must be an object, got ${describeValue(e)}`;
      } else if (!Number.isFinite((t = typeof e.time === 'number' ? e.time : parseInstant(e.time)))) {
        field = '.time';
        fault = `must be an ISO 8601 instant with a time zone or epoch milliseconds, got ${describeValue(e.time)}`;
      } else if (typeof e.credits !== 'number' || !(e.credits >= 0) || e.credits > MAX_CREDITS) {
        field = '.credits';
        fault = `must be a finite number ≥ 0, got ${describeValue(e.credits)}`;
      } else if ((m = members.get(e.memberId)) === undefined) {
        field = '.memberId';
        fault = `names an unknown member ${describeValue(e.memberId)}`;
      } else if ((w = workspaces.get(e.workspaceId)) === undefined) {
        field = '.workspaceId';
        fault = `names an unknown workspace ${describeValue(e.workspaceId)}`;
      } else if ((r = reasons.get(e.reason)) === undefined) {
        field = '.reason';
        fault = `names an unknown reason ${describeValue(e.reason)} (not in account.reasons)`;
      }
      if (fault !== undefined) {
        if (this.#invalidEvents === 'skip') {
          this.skippedEvents++;
          continue;
        }
        throw new DataSourceError('invalid-input', `MemoryDataSource: ${path}[${i}]${field} ${fault}`, {
          field: `${path}[${i}]${field}`,
        });
      }
      const d = bucket(t);
      if (d < lastDay) sorted = false;
      if (d < firstDay) firstDay = d;
      if (d > lastDay) lastDay = d;
      days[kept] = d;
      credits[kept] = e.credits;
      member[kept] = m!;
      workspace[kept] = w!;
      reason[kept] = r!;
      kept++;
    }
    if (kept === 0) {
      return { dayStart: new Int32Array(1), firstDay: 0, credits: new Float64Array(0), member: new Uint32Array(0), workspace: new Uint32Array(0), reason: new Uint16Array(0) };
    }

    const span = lastDay - firstDay + 1;
    const dayStart = new Int32Array(span + 1);
    for (let i = 0; i < kept; i++) dayStart[days[i] - firstDay + 1]++;
    for (let d = 1; d <= span; d++) dayStart[d] += dayStart[d - 1];
    const trim = <T extends Float64Array | Uint32Array | Uint16Array>(a: T): T => (kept === n ? a : (a.slice(0, kept) as T));
    if (sorted) {
      return { dayStart, firstDay, credits: trim(credits), member: trim(member), workspace: trim(workspace), reason: trim(reason) };
    }
    const cursor = dayStart.slice(0, span);
    const out: EventColumns = {
      dayStart,
      firstDay,
      credits: new Float64Array(kept),
      member: new Uint32Array(kept),
      workspace: new Uint32Array(kept),
      reason: new Uint16Array(kept),
    };
    for (let i = 0; i < kept; i++) {
      const j = cursor[days[i] - firstDay]++;
      out.credits[j] = credits[i];
      out.member[j] = member[i];
      out.workspace[j] = workspace[i];
      out.reason[j] = reason[i];
    }
    return out;
  }

  #accumulateWorkspaceUsage(cols: EventColumns): void {
    const reasons = this.#account.reasons.length;
    for (let i = 0; i < cols.credits.length; i++) {
      const w = cols.workspace[i];
      this.#used[w] += cols.credits[i];
      this.#usedByReason[w * reasons + cols.reason[i]] += cols.credits[i];
    }
  }

  /**
   * Adds events (e.g. live usage in the demo) and notifies subscribers.
   * Validated like the constructor's events; the columns are rebuilt.
   */
  addEvents(events: UsageEvent[]): void {
    const added = this.#ingest(events, 'addEvents');
    this.#columns = this.#merge(this.#columns, added);
    this.#accumulateWorkspaceUsage(added);
    this.#notify();
  }

  #merge(a: EventColumns, b: EventColumns): EventColumns {
    if (b.credits.length === 0) return a;
    if (a.credits.length === 0) return b;
    const aLast = a.firstDay + a.dayStart.length - 2;
    const bLast = b.firstDay + b.dayStart.length - 2;
    const firstDay = Math.min(a.firstDay, b.firstDay);
    const span = Math.max(aLast, bLast) - firstDay + 1;
    const n = a.credits.length + b.credits.length;
    const out: EventColumns = {
      dayStart: new Int32Array(span + 1),
      firstDay,
      credits: new Float64Array(n),
      member: new Uint32Array(n),
      workspace: new Uint32Array(n),
      reason: new Uint16Array(n),
    };
    let j = 0;
    for (let d = firstDay; d < firstDay + span; d++) {
      out.dayStart[d - firstDay] = j;
      for (const src of [a, b]) {
        const k = d - src.firstDay;
        if (k < 0 || k >= src.dayStart.length - 1) continue;
        for (let i = src.dayStart[k]; i < src.dayStart[k + 1]; i++, j++) {
          out.credits[j] = src.credits[i];
          out.member[j] = src.member[i];
          out.workspace[j] = src.workspace[i];
          out.reason[j] = src.reason[i];
        }
      }
    }
    out.dayStart[span] = j;
    return out;
  }

  /** Bytes held for the events (the columns). */
  get retainedBytes(): number {
    const c = this.#columns;
    return c.dayStart.byteLength + c.credits.byteLength + c.member.byteLength + c.workspace.byteLength + c.reason.byteLength;
  }

  /** How many events the source holds. */
  get eventCount(): number {
    return this.#columns.credits.length;
  }

  // ------------------------------------------------------------ reads

  async getAccount(signal?: AbortSignal): Promise<AccountInfo> {
    throwIfAborted(signal);
    return structuredClone(this.#account);
  }

  async queryUsage(query: UsageQuery, signal?: AbortSignal): Promise<UsageResult> {
    throwIfAborted(signal);
    validateUsageQuery(query);
    const start = parseDay(query.start);
    const end = parseDay(query.end);
    const keep = this.#filterMasks(query.filter, 'queryUsage');

    // Buckets: one per day, per billing month or one in all.
    const days = end - start + 1;
    const bucketOfDay = new Int32Array(days);
    const periods: string[] = [];
    if (query.granularity === 'day') {
      for (let d = 0; d < days; d++) {
        bucketOfDay[d] = d;
        periods.push(formatDay(start + d));
      }
    } else if (query.granularity === 'month') {
      for (let d = 0; d < days; d++) {
        const key = billingPeriodOf(start + d, this.#account.billingCycleDay).key;
        if (periods[periods.length - 1] !== key) periods.push(key);
        bucketOfDay[d] = periods.length - 1;
      }
    } else {
      periods.push('total');
    }

    // One pass adds every event into a (period × group) grid; workspace kinds
    // are grouped by workspace first and folded after. `top` then keeps the
    // largest groups and folds the rest into Others.
    const groupBy = query.groupBy;
    const column = this.#groupColumn(groupBy);
    const groups = this.#groupCount(groupBy);
    const grid = this.#accumulate(start, end, bucketOfDay, periods.length, column, groups, keep);
    // Workspace kinds: fold each workspace's cell into its kind's.
    const kindOf = groupBy === 'workspaceKind' ? Uint8Array.from(this.#workspaces, (w) => (w.kind === 'team' ? 0 : 1)) : undefined;
    const width = kindOf ? 2 : groups;
    const groupOfCell = (cell: number) => (kindOf ? kindOf[cell % groups] : cell % groups);

    const totals = new Float64Array(width);
    grid.forEach((cell, credits) => (totals[groupOfCell(cell)] += credits));
    const ranked = rankGroups(totals);
    const shown = query.top === undefined ? ranked : ranked.slice(0, query.top);
    const othersSlot = shown.length;
    const slotOf = new Int32Array(width).fill(othersSlot);
    shown.forEach((g, slot) => (slotOf[g] = slot));
    const slots = othersSlot + 1;
    const out = new Float64Array(periods.length * slots);
    grid.forEach((cell, credits) => (out[Math.floor(cell / groups) * slots + slotOf[groupOfCell(cell)]] += credits));

    const keys = shown.map((g) => (groupBy === undefined ? null : this.#groupKey(groupBy, g)));
    const labels: Record<string, string> = {};
    shown.forEach((g, slot) => {
      if (keys[slot] !== null) labels[keys[slot]!] = this.#groupLabel(groupBy!, g);
    });
    if (shown.length < ranked.length) labels[OTHERS_KEY] = 'Others';
    const rows: UsageRow[] = [];
    for (let p = 0; p < periods.length; p++) {
      for (let slot = 0; slot < slots; slot++) {
        const credits = out[p * slots + slot];
        if (credits > 0) rows.push({ period: periods[p], key: slot === othersSlot ? OTHERS_KEY : keys[slot], credits });
      }
    }
    throwIfAborted(signal);
    return { rows, labels, refreshedAt: new Date(this.#now()).toISOString() };
  }

  async queryMembers(query: MemberQuery, signal?: AbortSignal): Promise<MemberPage> {
    throwIfAborted(signal);
    validateMemberQuery(query);
    const reasonIds = this.#account.reasons.map((r) => r.id);
    const sortReason = this.#reasonIndex.get(query.sort);
    if (query.sort !== 'total' && query.sort !== 'member' && sortReason === undefined) {
      throw new DataSourceError('invalid-query', `queryMembers: query.sort must be "total", "member" or a reason id, got ${describeValue(query.sort)}`, { field: 'query.sort' });
    }
    const ranking = this.#rankMembers(query, sortReason);
    const { totals, byReason, peak } = ranking;
    const r = reasonIds.length;
    const total = ranking.order.length;
    const matches = ranking.order.slice(query.offset, query.offset + query.limit);

    const members = matches.map((i): MemberUsage => {
      const src = this.#members[i];
      const row: MemberUsage = { id: src.id, byReason: {}, total: totals[i] };
      if (src.email !== undefined) row.email = src.email;
      if (src.name !== undefined) row.name = src.name;
      reasonIds.forEach((id, j) => (row.byReason[id] = byReason[i * r + j]));
      if (src.dailyLimit !== undefined) row.dailyLimit = src.dailyLimit;
      row.peakDaily = peak[i];
      return row;
    });
    throwIfAborted(signal);
    return { members, total };
  }

  /**
   * Members matching a query, in order, with their sums. The last ranking is
   * kept: paging through it (a virtualized table scrolling) costs a slice,
   * not another scan and sort.
   */
  #rankMembers(query: MemberQuery, sortReason: number | undefined): MemberRanking {
    const needle = query.search?.trim().toLowerCase() ?? '';
    const key = JSON.stringify([query.start, query.end, query.filter ?? null, needle, query.sort, query.direction]);
    if (this.#ranking?.key === key && this.#ranking.columns === this.#columns) return this.#ranking;
    const start = parseDay(query.start);
    const end = parseDay(query.end);
    const keep = this.#filterMasks(query.filter, 'queryMembers');
    const cols = this.#columns;
    const m = this.#members.length;
    const r = this.#account.reasons.length;
    const totals = new Float64Array(m);
    const byReason = new Float64Array(m * r);
    const peak = new Float64Array(m);
    const today = new Float64Array(m);
    const touched: number[] = [];

    for (let d = Math.max(start, cols.firstDay); d <= end; d++) {
      const k = d - cols.firstDay;
      if (k >= cols.dayStart.length - 1) break;
      for (let i = cols.dayStart[k]; i < cols.dayStart[k + 1]; i++) {
        if (keep && !keep(i)) continue;
        const who = cols.member[i];
        const credits = cols.credits[i];
        totals[who] += credits;
        byReason[who * r + cols.reason[i]] += credits;
        if (today[who] === 0) touched.push(who);
        today[who] += credits;
      }
      for (const who of touched) {
        if (today[who] > peak[who]) peak[who] = today[who];
        today[who] = 0;
      }
      touched.length = 0;
    }

    const order: number[] = [];
    for (let i = 0; i < m; i++) {
      if (totals[i] > 0 && (needle === '' || this.#memberSearch[i].includes(needle))) order.push(i);
    }
    const rank = this.#memberRank;
    const byLabel = (a: number, b: number) => rank[a] - rank[b];
    const value = query.sort === 'total' ? (i: number) => totals[i] : query.sort === 'member' ? undefined : (i: number) => byReason[i * r + sortReason!];
    const dir = query.direction === 'asc' ? 1 : -1;
    order.sort(value ? (a, b) => (value(a) - value(b)) * dir || byLabel(a, b) : (a, b) => byLabel(a, b) * dir);
    this.#ranking = { key, columns: cols, order, totals, byReason, peak };
    return this.#ranking;
  }

  async getAllocation(signal?: AbortSignal): Promise<Allocation> {
    throwIfAborted(signal);
    return this.#allocation();
  }

  // ------------------------------------------------------------ writes

  async transferCredits(transfer: TransferRequest, signal?: AbortSignal): Promise<Allocation> {
    throwIfAborted(signal);
    this.#requireRole(ALLOCATION_ROLES, 'transfer credits');
    const t = transfer ?? ({} as TransferRequest);
    const fingerprint = JSON.stringify([t.fromWorkspaceId, t.toWorkspaceId, t.amount]);
    if (t.idempotencyKey !== undefined) {
      const seen = this.#transfers.get(t.idempotencyKey);
      if (seen) {
        if (seen.fingerprint !== fingerprint) {
          throw new DataSourceError('idempotency-conflict', `Idempotency key ${describeValue(t.idempotencyKey)} was already used for a different transfer.`, { field: 'idempotencyKey' });
        }
        return this.#allocation();
      }
    }
    if (this.#mode === 'shared-pool') {
      throw new DataSourceError('shared-pool-mode', 'Credits cannot be transferred in shared-pool mode: every workspace draws on the primary workspace. Switch to workspace budgets first.');
    }
    if (typeof t.amount !== 'number' || !Number.isFinite(t.amount) || t.amount <= 0) {
      throw new DataSourceError('invalid-amount', `The amount must be a positive number of credits, got ${describeValue(t.amount)}.`, { field: 'amount' });
    }
    const from = this.#liveWorkspace(t.fromWorkspaceId, 'fromWorkspaceId');
    const to = this.#liveWorkspace(t.toWorkspaceId, 'toWorkspaceId');
    if (from === to) {
      throw new DataSourceError('same-workspace', 'The source and target workspace must be different.', { field: 'toWorkspaceId' });
    }
    const available = this.#remaining(from);
    if (t.amount > available + EPSILON) {
      throw new DataSourceError(
        'insufficient-credits',
        `${this.#workspaces[from].name} has ${Math.max(0, available)} credits available; cannot transfer ${t.amount}.`,
        { field: 'amount' },
      );
    }
    if (from !== this.#primary) this.#allocated[from] -= t.amount;
    if (to !== this.#primary) this.#allocated[to] += t.amount;
    if (t.idempotencyKey !== undefined) this.#transfers.set(t.idempotencyKey, { fingerprint });
    this.#notify();
    return this.#allocation();
  }

  async setCreditMode(mode: CreditMode, signal?: AbortSignal): Promise<Allocation> {
    throwIfAborted(signal);
    this.#requireRole(ALLOCATION_ROLES, 'change the credit mode');
    if (!CREDIT_MODES.includes(mode)) {
      throw new DataSourceError('invalid-mode', `The mode must be "shared-pool" or "workspace-budget", got ${describeValue(mode)}.`, { field: 'mode' });
    }
    if (mode !== this.#mode) {
      this.#mode = mode;
      this.#resetAllocations();
      this.#notify();
    }
    return this.#allocation();
  }

  async deleteWorkspace(workspaceId: string, signal?: AbortSignal): Promise<Allocation> {
    throwIfAborted(signal);
    this.#requireRole(ALLOCATION_ROLES, 'delete workspaces');
    const w = this.#liveWorkspace(workspaceId, 'workspaceId');
    if (w === this.#primary) {
      throw new DataSourceError('primary-undeletable', 'The primary workspace cannot be deleted.', { field: 'workspaceId' });
    }
    // What it used stays used; what it had left goes back to the primary.
    this.#deleted[w] = 1;
    this.#allocated[w] = 0;
    this.#notify();
    return this.#allocation();
  }

  async setMemberLimit(memberId: string, limit: number | null, signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    this.#requireRole(LIMIT_ROLES, 'set member limits');
    const i = this.#memberIndex.get(memberId);
    if (i === undefined) {
      throw new DataSourceError('unknown-member', `There is no member ${describeValue(memberId)}.`, { field: 'memberId' });
    }
    if (limit !== null && (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0)) {
      throw new DataSourceError('invalid-limit', `A daily limit must be a positive number of credits or null, got ${describeValue(limit)}.`, { field: 'limit' });
    }
    if (limit === null) delete this.#members[i].dailyLimit;
    else this.#members[i].dailyLimit = limit;
    this.#notify();
  }

  subscribe(onChange: () => void): () => void {
    this.#listeners.add(onChange);
    return () => this.#listeners.delete(onChange);
  }

  // ------------------------------------------------------------ allocation internals

  /**
   * What a workspace may spend in all (used + remaining). The primary holds
   * everything not allocated elsewhere; a deleted workspace keeps only what it
   * used; in shared-pool mode no other workspace holds a balance of its own.
   */
  #allocatedOf(w: number): number {
    if (w === this.#primary) {
      let elsewhere = 0;
      for (let o = 0; o < this.#workspaces.length; o++) if (o !== w) elsewhere += this.#allocatedOf(o);
      return this.#totalCredits - elsewhere;
    }
    if (this.#deleted[w] || this.#mode === 'shared-pool') return this.#used[w];
    return this.#allocated[w];
  }

  #remaining(w: number): number {
    return this.#allocatedOf(w) - this.#used[w];
  }

  /** Every workspace keeps exactly what it has used; the rest sits on the primary. */
  #resetAllocations(): void {
    for (let w = 0; w < this.#workspaces.length; w++) {
      if (w !== this.#primary && !this.#deleted[w]) this.#allocated[w] = this.#used[w];
    }
  }

  #allocation(): Allocation {
    const reasons = this.#account.reasons;
    const pool = this.#remaining(this.#primary);
    const workspaces: WorkspaceAllocation[] = [];
    let usedByDeleted = 0;
    this.#workspaces.forEach((ws, w) => {
      if (this.#deleted[w]) {
        usedByDeleted += this.#used[w];
        return;
      }
      const primary = w === this.#primary;
      const allocated = this.#allocatedOf(w);
      const remaining = allocated - this.#used[w];
      const usedByReason: Record<string, number> = {};
      reasons.forEach((r, j) => (usedByReason[r.id] = this.#usedByReason[w * reasons.length + j]));
      workspaces.push({
        id: ws.id,
        name: ws.name,
        kind: ws.kind,
        primary,
        allocated,
        used: this.#used[w],
        remaining,
        usedByReason,
        blocked: this.#mode === 'shared-pool' ? pool <= EPSILON : remaining <= EPSILON,
      });
    });
    return {
      mode: this.#mode,
      totalCredits: this.#totalCredits,
      primaryWorkspaceId: this.#workspaces[this.#primary].id,
      workspaces,
      usedByDeleted,
    };
  }

  #liveWorkspace(id: unknown, field: string): number {
    const w = typeof id === 'string' ? this.#workspaceIndex.get(id) : undefined;
    if (w === undefined || this.#deleted[w]) {
      throw new DataSourceError('unknown-workspace', `There is no workspace ${describeValue(id)}.`, { field });
    }
    return w;
  }

  #requireRole(roles: Set<string>, action: string): void {
    if (!roles.has(this.#account.role)) {
      throw new DataSourceError('forbidden', `The ${this.#account.role} role may not ${action}.`);
    }
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) {
      queueMicrotask(listener);
    }
  }

  // ------------------------------------------------------------ query internals

  /** A predicate over event indices for the filter, or `undefined` when it keeps everything. */
  #filterMasks(filter: UsageFilter | undefined, where: string): ((i: number) => boolean) | undefined {
    if (!filter) return undefined;
    const cols = this.#columns;
    const mask = (dim: Dimension, size: number, index: (id: string) => number | undefined) => {
      const ids = filter[dim];
      if (!ids) return undefined;
      const m = new Uint8Array(size);
      ids.forEach((id, j) => {
        const i = index(id);
        if (i === undefined) {
          throw new DataSourceError('invalid-query', `${where}: query.filter.${dim}[${j}] names an unknown ${dim === 'workspaceKind' ? 'workspace kind' : dim} ${describeValue(id)}`, { field: `query.filter.${dim}[${j}]` });
        }
        m[i] = 1;
      });
      return m;
    };
    const memberMask = mask('member', this.#members.length, (id) => this.#memberIndex.get(id));
    const reasonMask = mask('reason', this.#account.reasons.length, (id) => this.#reasonIndex.get(id));
    let workspaceMask = mask('workspace', this.#workspaces.length, (id) => this.#workspaceIndex.get(id));
    const kindIds = filter.workspaceKind;
    if (kindIds) {
      const kinds = new Set(kindIds);
      const byKind = Uint8Array.from(this.#workspaces, (w) => (kinds.has(w.kind) ? 1 : 0));
      workspaceMask = workspaceMask ? workspaceMask.map((v, i) => v & byKind[i]) : byKind;
    }
    if (!memberMask && !reasonMask && !workspaceMask) return undefined;
    return (i) =>
      (!memberMask || memberMask[cols.member[i]] === 1) &&
      (!reasonMask || reasonMask[cols.reason[i]] === 1) &&
      (!workspaceMask || workspaceMask[cols.workspace[i]] === 1);
  }

  /** The event column a grouping reads (workspace kinds read the workspace). */
  #groupColumn(groupBy: Dimension | undefined): Uint32Array | Uint16Array | undefined {
    const cols = this.#columns;
    switch (groupBy) {
      case undefined: return undefined;
      case 'member': return cols.member;
      case 'reason': return cols.reason;
      case 'workspace':
      case 'workspaceKind': return cols.workspace;
    }
  }

  /**
   * Sums credits into a (bucket × group) grid: dense while it stays small,
   * sparse beyond (100,000 members × 90 days would be 72 MB dense).
   */
  #accumulate(
    start: number,
    end: number,
    bucketOfDay: Int32Array,
    buckets: number,
    column: Uint32Array | Uint16Array | undefined,
    groups: number,
    keep: ((i: number) => boolean) | undefined,
  ): { forEach(visit: (cell: number, credits: number) => void): void } {
    const cols = this.#columns;
    const credits = cols.credits;
    const first = Math.max(start, cols.firstDay);
    const last = Math.min(end, cols.firstDay + cols.dayStart.length - 2);
    if (buckets * groups <= DENSE_CELLS) {
      const sums = new Float64Array(buckets * groups);
      for (let d = first; d <= last; d++) {
        const base = bucketOfDay[d - start] * groups;
        const to = cols.dayStart[d - cols.firstDay + 1];
        let i = cols.dayStart[d - cols.firstDay];
        if (column === undefined) {
          for (; i < to; i++) if (keep === undefined || keep(i)) sums[base] += credits[i];
        } else if (keep === undefined) {
          for (; i < to; i++) sums[base + column[i]] += credits[i];
        } else {
          for (; i < to; i++) if (keep(i)) sums[base + column[i]] += credits[i];
        }
      }
      return {
        forEach(visit) {
          for (let cell = 0; cell < sums.length; cell++) if (sums[cell] !== 0) visit(cell, sums[cell]);
        },
      };
    }
    const sparse = new Map<number, number>();
    for (let d = first; d <= last; d++) {
      const base = bucketOfDay[d - start] * groups;
      for (let i = cols.dayStart[d - cols.firstDay]; i < cols.dayStart[d - cols.firstDay + 1]; i++) {
        if (keep !== undefined && !keep(i)) continue;
        const cell = base + (column === undefined ? 0 : column[i]);
        sparse.set(cell, (sparse.get(cell) ?? 0) + credits[i]);
      }
    }
    return { forEach: (visit) => sparse.forEach((credits, cell) => visit(cell, credits)) };
  }

  /** How many values the grouping's column holds (workspace kinds: one per workspace, folded after). */
  #groupCount(groupBy: Dimension | undefined): number {
    switch (groupBy) {
      case undefined: return 1;
      case 'member': return this.#members.length;
      case 'reason': return this.#account.reasons.length;
      case 'workspace':
      case 'workspaceKind': return this.#workspaces.length;
    }
  }

  #groupKey(groupBy: Dimension, g: number): string {
    switch (groupBy) {
      case 'member': return this.#members[g].id;
      case 'workspace': return this.#workspaces[g].id;
      case 'reason': return this.#account.reasons[g].id;
      case 'workspaceKind': return WORKSPACE_KINDS[g];
    }
  }

  #groupLabel(groupBy: Dimension, g: number): string {
    switch (groupBy) {
      case 'member': return this.#memberLabels[g];
      case 'workspace': return this.#workspaces[g].name;
      case 'reason': return this.#account.reasons[g].label;
      case 'workspaceKind': return KIND_LABELS[WORKSPACE_KINDS[g]];
    }
  }
}

/** Indices of the groups with usage, largest total first (ties by index, so answers are stable). */
function rankGroups(totals: Float64Array): number[] {
  const order: number[] = [];
  for (let g = 0; g < totals.length; g++) if (totals[g] > 0) order.push(g);
  return order.sort((a, b) => totals[b] - totals[a] || a - b);
}
