/**
 * `AcmeDataSource`: a complete adapter over the (imaginary) Acme metering
 * API, which knows nothing about this library. It has its own JSON shapes,
 * counts in millicredits, calls workspaces "spaces", has no "top N" and
 * answers errors as `{ "fault": { kind, detail } }`. The adapter maps all of
 * that onto `CreditDataSource`.
 */
import {
  DataSourceError,
  OTHERS_KEY,
  throwIfAborted,
  type AccountInfo,
  type Allocation,
  type CreditDataSource,
  type DataSourceErrorCode,
  type DisplayUnit,
  type MemberPage,
  type MemberQuery,
  type MemberUsage,
  type Role,
  type TransferRequest,
  type UsageFilter,
  type UsageQuery,
  type UsageResult,
  type UsageRow,
} from '../../src/data/index.js';

// ---------------------------------------------------------------- the Acme API

/** `GET /org` */
export interface AcmeOrg {
  display_name: string;
  /** IANA time zone the org's days are counted in. */
  tz: string;
  /** Day of the month the billing period starts. */
  billing_anchor_day: number;
  included_mc_per_month: number | null;
  daily_cap_mc: number | null;
  meters: { code: string; title: string }[];
  viewer_role: 'OWNER' | 'ADMIN' | 'SPACE_MANAGER' | 'MEMBER' | 'READ_ONLY';
}

export type AcmeSpaceType = 'SHARED' | 'PRIVATE';

/** Filters of a usage request; an empty array means "no filter" to Acme. */
export interface AcmeWhere {
  user_ids?: string[];
  space_ids?: string[];
  space_types?: AcmeSpaceType[];
  meter_codes?: string[];
}

/** `POST /usage/aggregate` request body. */
export interface AcmeAggregateRequest {
  from: string;
  to: string;
  interval: 'DAY' | 'BILLING_MONTH' | 'ALL';
  split_by?: 'user' | 'space' | 'space_type' | 'meter';
  where?: AcmeWhere;
}

/** `POST /usage/aggregate` answer. */
export interface AcmeAggregate {
  /** `start` is the bucket's first day: the day, the billing period's first day, or `from` for `ALL`. */
  buckets: { start: string; group: string | null; mc: number }[];
  /** Display names of the groups (users, spaces, meters). */
  names: Record<string, string>;
  /** Epoch seconds. */
  computed_at: number;
}

/** `GET /usage/users` answer. */
export interface AcmeUserPage {
  users: {
    user_id: string;
    email: string | null;
    full_name: string | null;
    per_meter_mc: Record<string, number>;
    total_mc: number;
    peak_day_mc: number;
    daily_cap_mc: number | null;
  }[];
  matched: number;
}

/** `GET /spaces` answer. */
export interface AcmeSpaces {
  pooling: 'POOLED' | 'SPLIT';
  org_total_mc: number;
  retired_consumed_mc: number;
  spaces: {
    id: string;
    label: string;
    type: AcmeSpaceType;
    is_default: boolean;
    budget_mc: number;
    consumed_mc: number;
    consumed_by_meter_mc: Record<string, number>;
    state: 'ACTIVE' | 'BLOCKED';
  }[];
}

/** `POST /budget-moves` request body (with an `Idempotency-Key` header). */
export interface AcmeBudgetMove {
  from_space: string;
  to_space: string;
  mc: number;
}

export type AcmeFaultKind =
  | 'BAD_REQUEST'
  | 'NOT_AUTHENTICATED'
  | 'NOT_ALLOWED'
  | 'NO_SUCH_SPACE'
  | 'NO_SUCH_USER'
  | 'SAME_SPACE'
  | 'BAD_AMOUNT'
  | 'BALANCE_TOO_LOW'
  | 'POOLED'
  | 'KEY_REUSED'
  | 'SLOW_DOWN'
  | 'INTERNAL';

/** Every non-2xx answer. */
export interface AcmeFault {
  fault: { kind: AcmeFaultKind; detail: string };
}

// ---------------------------------------------------------------- mapping tables

const ROLES: Record<AcmeOrg['viewer_role'], Role> = {
  OWNER: 'owner',
  ADMIN: 'admin',
  SPACE_MANAGER: 'manager',
  MEMBER: 'member',
  READ_ONLY: 'viewer',
};

const SPLIT_BY = { member: 'user', workspace: 'space', workspaceKind: 'space_type', reason: 'meter' } as const;
const INTERVAL = { day: 'DAY', month: 'BILLING_MONTH', total: 'ALL' } as const;
const SPACE_TYPE: Record<'team' | 'personal', AcmeSpaceType> = { team: 'SHARED', personal: 'PRIVATE' };
const KIND_OF: Record<AcmeSpaceType, { key: string; label: string }> = {
  SHARED: { key: 'team', label: 'Team' },
  PRIVATE: { key: 'personal', label: 'Personal' },
};

const FAULTS: Record<AcmeFaultKind, DataSourceErrorCode> = {
  BAD_REQUEST: 'invalid-query',
  NOT_AUTHENTICATED: 'unauthorized',
  NOT_ALLOWED: 'forbidden',
  NO_SUCH_SPACE: 'unknown-workspace',
  NO_SUCH_USER: 'unknown-member',
  SAME_SPACE: 'same-workspace',
  BAD_AMOUNT: 'invalid-amount',
  BALANCE_TOO_LOW: 'insufficient-credits',
  POOLED: 'shared-pool-mode',
  KEY_REUSED: 'idempotency-conflict',
  SLOW_DOWN: 'rate-limited',
  INTERNAL: 'server',
};

/** Acme counts in millicredits. */
const credits = (mc: number) => mc / 1000;

// ---------------------------------------------------------------- the adapter

export interface AcmeDataSourceOptions {
  /** Where the Acme API lives, e.g. `https://metering.acme.example/v2`. */
  baseUrl: string;
  /** The signed-in user's API token; called before every request. */
  getToken: () => string | Promise<string>;
  /** Display units to offer (Acme itself only knows credits). */
  units?: DisplayUnit[];
  /** The `fetch` to use; the global one by default. */
  fetch?: typeof fetch;
}

export class AcmeDataSource implements CreditDataSource {
  readonly #options: AcmeDataSourceOptions;

  constructor(options: AcmeDataSourceOptions) {
    this.#options = options;
  }

  async getAccount(signal?: AbortSignal): Promise<AccountInfo> {
    const org = await this.#request<AcmeOrg>('GET', '/org', { signal });
    const account: AccountInfo = {
      name: org.display_name,
      timeZone: org.tz,
      billingCycleDay: org.billing_anchor_day,
      units: this.#options.units ?? [],
      reasons: org.meters.map((m) => ({ id: m.code, label: m.title })),
      role: ROLES[org.viewer_role] ?? 'viewer',
    };
    // Optional fields are left out, never null.
    if (org.included_mc_per_month !== null) account.monthlyAllowance = credits(org.included_mc_per_month);
    if (org.daily_cap_mc !== null) account.dailyLimit = credits(org.daily_cap_mc);
    return account;
  }

  async queryUsage(query: UsageQuery, signal?: AbortSignal): Promise<UsageResult> {
    const where = toWhere(query.filter);
    // An empty list matches nothing; Acme would read it as "no filter".
    if (where === 'nothing') return { rows: [], labels: {}, refreshedAt: new Date().toISOString() };
    const body: AcmeAggregateRequest = { from: query.start, to: query.end, interval: INTERVAL[query.granularity] };
    if (query.groupBy) body.split_by = SPLIT_BY[query.groupBy];
    if (where) body.where = where;
    const answer = await this.#request<AcmeAggregate>('POST', '/usage/aggregate', { body, signal });

    const labels: Record<string, string> = {};
    let rows: UsageRow[] = answer.buckets.map((b) => {
      let key = b.group;
      if (key !== null && query.groupBy === 'workspaceKind') {
        const kind = KIND_OF[key as AcmeSpaceType];
        key = kind.key;
        labels[key] = kind.label;
      } else if (key !== null) {
        labels[key] = answer.names[key] ?? key;
      }
      return { period: periodOf(b.start, query.granularity), key, credits: credits(b.mc) };
    });
    // Acme has no "top N": keep the largest groups, fold the rest into Others.
    if (query.top !== undefined) rows = foldTop(rows, query.top, labels);
    return { rows, labels, refreshedAt: new Date(answer.computed_at * 1000).toISOString() };
  }

  async queryMembers(query: MemberQuery, signal?: AbortSignal): Promise<MemberPage> {
    const where = toWhere(query.filter);
    if (where === 'nothing') return { members: [], total: 0 };
    const params = new URLSearchParams({
      from: query.start,
      to: query.end,
      order_by: query.sort === 'total' ? 'total' : query.sort === 'member' ? 'name' : `meter.${query.sort}`,
      order: query.direction,
      skip: String(query.offset),
      take: String(query.limit),
    });
    if (query.search) params.set('q', query.search);
    for (const id of where?.user_ids ?? []) params.append('user_id', id);
    for (const id of where?.space_ids ?? []) params.append('space_id', id);
    for (const type of where?.space_types ?? []) params.append('space_type', type);
    for (const code of where?.meter_codes ?? []) params.append('meter', code);
    const page = await this.#request<AcmeUserPage>('GET', `/usage/users?${params}`, { signal });
    return {
      members: page.users.map((u) => {
        const member: MemberUsage = {
          id: u.user_id,
          byReason: Object.fromEntries(Object.entries(u.per_meter_mc).map(([code, mc]) => [code, credits(mc)])),
          total: credits(u.total_mc),
          peakDaily: credits(u.peak_day_mc),
        };
        if (u.email !== null) member.email = u.email;
        if (u.full_name !== null) member.name = u.full_name;
        if (u.daily_cap_mc !== null) member.dailyLimit = credits(u.daily_cap_mc);
        return member;
      }),
      total: page.matched,
    };
  }

  async getAllocation(signal?: AbortSignal): Promise<Allocation> {
    const answer = await this.#request<AcmeSpaces>('GET', '/spaces', { signal });
    const primary = answer.spaces.find((s) => s.is_default);
    if (!primary) throw new DataSourceError('invalid-response', 'GET /spaces: Acme named no default space.');
    return {
      mode: answer.pooling === 'POOLED' ? 'shared-pool' : 'workspace-budget',
      totalCredits: credits(answer.org_total_mc),
      primaryWorkspaceId: primary.id,
      usedByDeleted: credits(answer.retired_consumed_mc),
      workspaces: answer.spaces.map((s) => ({
        id: s.id,
        name: s.label,
        kind: KIND_OF[s.type].key as 'team' | 'personal',
        primary: s.is_default,
        allocated: credits(s.budget_mc),
        used: credits(s.consumed_mc),
        remaining: credits(s.budget_mc - s.consumed_mc),
        usedByReason: Object.fromEntries(Object.entries(s.consumed_by_meter_mc).map(([code, mc]) => [code, credits(mc)])),
        blocked: s.state === 'BLOCKED',
      })),
    };
  }

  /** Present, so the allocation table offers transfers. */
  async transferCredits(transfer: TransferRequest, signal?: AbortSignal): Promise<Allocation> {
    const mc = transfer.amount * 1000;
    if (!Number.isSafeInteger(mc) || mc <= 0) {
      throw new DataSourceError('invalid-amount', `Acme moves whole millicredits; cannot move ${transfer.amount} credits.`, { field: 'amount' });
    }
    const body: AcmeBudgetMove = { from_space: transfer.fromWorkspaceId, to_space: transfer.toWorkspaceId, mc };
    // The same key on a repeated attempt: Acme never moves the credits twice.
    const key = transfer.idempotencyKey ?? crypto.randomUUID();
    await this.#request<{ move_id: string }>('POST', '/budget-moves', { body, signal, headers: { 'Idempotency-Key': key } });
    // Acme answers with the move only: read the allocation after it.
    return this.getAllocation(signal);
  }

  // No setCreditMode, deleteWorkspace or setMemberLimit: Acme offers none,
  // so the elements do not offer those actions.

  /** One request: auth, JSON both ways, and every failure as a DataSourceError. */
  async #request<T>(
    method: 'GET' | 'POST',
    path: string,
    init: { body?: unknown; signal?: AbortSignal; headers?: Record<string, string> },
  ): Promise<T> {
    const { signal } = init;
    throwIfAborted(signal);
    const endpoint = `${method} ${path.split('?')[0]}`;
    const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
    headers.Authorization = `Bearer ${await this.#options.getToken()}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const fetchImpl = this.#options.fetch ?? globalThis.fetch;
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(this.#options.baseUrl + path, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw new DataSourceError('aborted', 'The request was aborted.', { endpoint, cause: error });
      throw new DataSourceError('network', `${endpoint}: the Acme API could not be reached.`, { endpoint, cause: error });
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch (error) {
      throw new DataSourceError('invalid-response', `${endpoint}: Acme answered something that is not JSON.`, { endpoint, status: response.status, cause: error });
    }
    if (!response.ok) {
      const fault = (json as Partial<AcmeFault> | undefined)?.fault;
      const code: DataSourceErrorCode =
        (fault && FAULTS[fault.kind]) ??
        (response.status === 401 ? 'unauthorized' : response.status === 403 ? 'forbidden' : response.status === 429 ? 'rate-limited' : 'server');
      throw new DataSourceError(code, fault?.detail ?? `${endpoint}: Acme answered ${response.status}.`, { endpoint, status: response.status });
    }
    return json as T;
  }
}

// ---------------------------------------------------------------- helpers

/** The filter in Acme's terms; `'nothing'` when a list is empty (nothing can match). */
function toWhere(filter: UsageFilter | undefined): AcmeWhere | undefined | 'nothing' {
  if (!filter) return undefined;
  if (Object.values(filter).some((ids) => ids.length === 0)) return 'nothing';
  const where: AcmeWhere = {};
  if (filter.member) where.user_ids = filter.member;
  if (filter.workspace) where.space_ids = filter.workspace;
  if (filter.workspaceKind) where.space_types = filter.workspaceKind.map((k) => SPACE_TYPE[k as 'team' | 'personal']);
  if (filter.reason) where.meter_codes = filter.reason;
  return where;
}

/** Acme names a bucket by its first day; the contract names billing months `YYYY-MM`, the whole range `total`. */
function periodOf(start: string, granularity: UsageQuery['granularity']): string {
  if (granularity === 'month') return start.slice(0, 7);
  if (granularity === 'total') return 'total';
  return start;
}

/**
 * Keeps the `top` groups with the most credits over the whole range (ties by
 * key) and sums the others per period into `__others__`. Rows come out by
 * period, then largest group first, Others last.
 */
function foldTop(rows: UsageRow[], top: number, labels: Record<string, string>): UsageRow[] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key!, (totals.get(r.key!) ?? 0) + r.credits);
  const ranked = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || (a < b ? -1 : 1));
  const rank = new Map(ranked.slice(0, top).map((key, i) => [key, i]));
  const out = new Map<string, UsageRow>();
  for (const r of rows) {
    const key = rank.has(r.key!) ? r.key : OTHERS_KEY;
    const id = `${r.period}\u0000${key}`;
    const row = out.get(id);
    if (row) row.credits += r.credits;
    else out.set(id, { period: r.period, key, credits: r.credits });
  }
  for (const key of ranked.slice(top)) delete labels[key];
  if (ranked.length > top) labels[OTHERS_KEY] = 'Others';
  const order = (key: string | null) => rank.get(key!) ?? top;
  return [...out.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : order(a.key) - order(b.key)));
}
