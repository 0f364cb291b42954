/**
 * Runtime validation at the adapter boundary. Every answer a data source
 * gives (and every input a host hands the memory adapter) passes through
 * here, so a wrong field becomes one `DataSourceError` that names the field
 * path, what was expected and what came — never a crash further in.
 *
 * Objects are checked strictly: an unknown field is refused, because in
 * practice it is a misspelt one (`timezone` for `timeZone`).
 */
import { isValidTimeZone, tryParseDay, parseInstant, billingPeriodOf } from '../core/time.js';
import { DataSourceError, type DataSourceErrorCode } from './errors.js';
import {
  OTHERS_KEY,
  type AccountInfo,
  type Allocation,
  type CreditMode,
  type Dimension,
  type Granularity,
  type MemberPage,
  type MemberQuery,
  type MemberUsage,
  type Role,
  type UsageQuery,
  type UsageResult,
  type UsageRow,
  type WorkspaceAllocation,
  type WorkspaceKind,
} from './types.js';

/** Where a value came from: prefixes every message, e.g. `GET /usage`. */
export interface ValidationContext {
  where: string;
  code?: DataSourceErrorCode;
  endpoint?: string;
}

/** Larger than any real credit amount, far below where floating point stops being exact. */
export const MAX_CREDITS = 1e15;

export const DIMENSIONS: readonly Dimension[] = ['member', 'workspace', 'workspaceKind', 'reason'];
export const GRANULARITIES: readonly Granularity[] = ['day', 'month', 'total'];
export const CREDIT_MODES: readonly CreditMode[] = ['shared-pool', 'workspace-budget'];
export const ROLES: readonly Role[] = ['owner', 'admin', 'manager', 'member', 'viewer'];
export const WORKSPACE_KINDS: readonly WorkspaceKind[] = ['team', 'personal'];

/** A short, safe rendering of the offending value for a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  }
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** Builds the typed checks for one context; each throws on the first fault. */
export function checker(ctx: ValidationContext) {
  const fail = (path: string, expected: string, got: unknown, said?: string): never => {
    throw new DataSourceError(
      ctx.code ?? 'invalid-response',
      `${ctx.where}: ${said ?? `${path} ${expected}, got ${describeValue(got)}`}`,
      { field: path, endpoint: ctx.endpoint },
    );
  };
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);

  const c = {
    fail,
    object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
      if (!isObj(value)) return fail(path, 'must be an object', value);
      for (const k of Object.keys(value)) {
        if (!allowed.includes(k)) fail(`${path}.${k}`, '', value[k], `${path} has an unknown field "${k}"`);
      }
      return value;
    },
    array(value: unknown, path: string): unknown[] {
      if (!Array.isArray(value)) return fail(path, 'must be an array', value);
      return value;
    },
    string(value: unknown, path: string, { empty = false } = {}): string {
      if (typeof value !== 'string') return fail(path, 'must be a string', value);
      if (!empty && value.trim() === '') return fail(path, 'must not be empty', value);
      return value;
    },
    optString(value: unknown, path: string): string | undefined {
      return value === undefined ? undefined : c.string(value, path, { empty: true });
    },
    boolean(value: unknown, path: string): boolean {
      if (typeof value !== 'boolean') return fail(path, 'must be true or false', value);
      return value;
    },
    /** A finite amount within `[min, MAX_CREDITS]`. */
    amount(value: unknown, path: string, { min = 0, exclusiveMin = false } = {}): number {
      const bound = exclusiveMin ? `> ${min}` : `≥ ${min}`;
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        (exclusiveMin ? value <= min : value < min) ||
        Math.abs(value) > MAX_CREDITS
      ) {
        const tooLarge = typeof value === 'number' && Number.isFinite(value) && Math.abs(value) > MAX_CREDITS;
        return fail(path, tooLarge ? `must be at most ${MAX_CREDITS.toExponential()}` : `must be a finite number ${bound}`, value);
      }
      return value;
    },
    optAmount(value: unknown, path: string, opts?: { min?: number; exclusiveMin?: boolean }): number | undefined {
      return value === undefined ? undefined : c.amount(value, path, opts);
    },
    integer(value: unknown, path: string, min: number, max: number): number {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        return fail(path, `must be a whole number from ${min} to ${max}`, value);
      }
      return value;
    },
    oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
      if (typeof value !== 'string' || !options.includes(value as T)) {
        return fail(path, `must be one of ${options.map((o) => `"${o}"`).join(', ')}`, value);
      }
      return value as T;
    },
    date(value: unknown, path: string): string {
      if (tryParseDay(value) === undefined) return fail(path, 'must be a real YYYY-MM-DD date', value);
      return value as string;
    },
    instant(value: unknown, path: string): string {
      if (typeof value !== 'string' || Number.isNaN(parseInstant(value))) {
        return fail(path, 'must be an ISO 8601 instant with a time zone', value);
      }
      return value;
    },
    record(value: unknown, path: string, each: (v: unknown, p: string) => void): Record<string, unknown> {
      if (!isObj(value)) return fail(path, 'must be an object', value);
      for (const [k, v] of Object.entries(value)) each(v, `${path}.${k}`);
      return value;
    },
    unique(ids: string[], path: (i: number) => string): void {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) fail(path(i), '', id, `${path(i)} repeats ${describeValue(id)}`);
        seen.add(id);
      });
    },
  };
  return c;
}

// ------------------------------------------------------------------ account

export function validateAccount(value: unknown, ctx: ValidationContext): AccountInfo {
  const c = checker(ctx);
  const o = c.object(value, 'account', [
    'name', 'timeZone', 'billingCycleDay', 'monthlyAllowance', 'dailyLimit', 'units', 'reasons', 'role',
  ]);
  c.string(o.name, 'account.name', { empty: true });
  if (!isValidTimeZone(o.timeZone)) c.fail('account.timeZone', 'must be a valid IANA time zone', o.timeZone);
  c.integer(o.billingCycleDay, 'account.billingCycleDay', 1, 31);
  c.optAmount(o.monthlyAllowance, 'account.monthlyAllowance');
  c.optAmount(o.dailyLimit, 'account.dailyLimit', { exclusiveMin: true });
  const units = c.array(o.units, 'account.units');
  units.forEach((u, i) => {
    const p = `account.units[${i}]`;
    const unit = c.object(u, p, ['id', 'label', 'perCredit']);
    c.string(unit.id, `${p}.id`);
    c.string(unit.label, `${p}.label`);
    c.amount(unit.perCredit, `${p}.perCredit`, { exclusiveMin: true });
  });
  c.unique(units.map((u) => (u as { id: string }).id), (i) => `account.units[${i}].id`);
  const reasons = c.array(o.reasons, 'account.reasons');
  reasons.forEach((r, i) => {
    const p = `account.reasons[${i}]`;
    const reason = c.object(r, p, ['id', 'label']);
    c.string(reason.id, `${p}.id`);
    if (reason.id === OTHERS_KEY) c.fail(`${p}.id`, `must not be the reserved "${OTHERS_KEY}"`, reason.id);
    c.string(reason.label, `${p}.label`);
  });
  c.unique(reasons.map((r) => (r as { id: string }).id), (i) => `account.reasons[${i}].id`);
  c.oneOf(o.role, 'account.role', ROLES);
  return value as AccountInfo;
}

// ------------------------------------------------------------------ queries

function validateFilter(filter: unknown, path: string, c: ReturnType<typeof checker>): void {
  if (filter === undefined) return;
  const f = c.object(filter, path, DIMENSIONS);
  for (const dim of DIMENSIONS) {
    if (f[dim] === undefined) continue;
    const ids = c.array(f[dim], `${path}.${dim}`);
    ids.forEach((id, i) => c.string(id, `${path}.${dim}[${i}]`));
    if (dim === 'workspaceKind') ids.forEach((id, i) => c.oneOf(id, `${path}.${dim}[${i}]`, WORKSPACE_KINDS));
  }
}

function validateRange(o: Record<string, unknown>, c: ReturnType<typeof checker>, path: string): void {
  c.date(o.start, `${path}.start`);
  c.date(o.end, `${path}.end`);
  if ((o.start as string) > (o.end as string)) {
    c.fail(`${path}.start`, '', o.start, `${path}.start (${o.start}) is after ${path}.end (${o.end})`);
  }
}

/** Refuses a malformed usage query before it reaches a backend. */
export function validateUsageQuery(query: unknown, where = 'queryUsage'): UsageQuery {
  const c = checker({ where, code: 'invalid-query' });
  const o = c.object(query, 'query', ['start', 'end', 'granularity', 'groupBy', 'filter', 'top']);
  validateRange(o, c, 'query');
  c.oneOf(o.granularity, 'query.granularity', GRANULARITIES);
  if (o.groupBy !== undefined) c.oneOf(o.groupBy, 'query.groupBy', DIMENSIONS);
  validateFilter(o.filter, 'query.filter', c);
  if (o.top !== undefined) {
    c.integer(o.top, 'query.top', 1, 100_000);
    if (o.groupBy === undefined) c.fail('query.top', '', o.top, 'query.top needs query.groupBy');
  }
  return query as UsageQuery;
}

/** Refuses a malformed member query before it reaches a backend. */
export function validateMemberQuery(query: unknown, where = 'queryMembers'): MemberQuery {
  const c = checker({ where, code: 'invalid-query' });
  const o = c.object(query, 'query', ['start', 'end', 'sort', 'direction', 'search', 'filter', 'offset', 'limit']);
  validateRange(o, c, 'query');
  c.string(o.sort, 'query.sort');
  c.oneOf(o.direction, 'query.direction', ['asc', 'desc'] as const);
  if (o.search !== undefined) c.string(o.search, 'query.search', { empty: true });
  validateFilter(o.filter, 'query.filter', c);
  c.integer(o.offset, 'query.offset', 0, Number.MAX_SAFE_INTEGER);
  c.integer(o.limit, 'query.limit', 1, 10_000);
  return query as MemberQuery;
}

// ------------------------------------------------------------------ results

export interface UsageValidationOptions {
  /** The account's reasons: keys of a `groupBy: 'reason'` answer must be among them. */
  reasons?: readonly string[];
  billingCycleDay?: number;
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Checks a usage answer against the query it answers. */
export function validateUsageResult(
  value: unknown,
  query: UsageQuery,
  ctx: ValidationContext,
  options: UsageValidationOptions = {},
): UsageResult {
  const c = checker(ctx);
  const o = c.object(value, 'result', ['rows', 'labels', 'refreshedAt']);
  const rows = c.array(o.rows, 'rows');
  const labels = c.record(o.labels, 'labels', (v, p) => c.string(v, p, { empty: true })) as Record<string, string>;
  c.instant(o.refreshedAt, 'refreshedAt');

  const start = tryParseDay(query.start)!;
  const end = tryParseDay(query.end)!;
  const cycle = options.billingCycleDay ?? 1;
  const firstMonth = billingPeriodOf(start, cycle).key;
  const lastMonth = billingPeriodOf(end, cycle).key;
  const reasons = options.reasons && new Set(options.reasons);
  const seen = new Set<string>();
  const keys = new Set<string>();

  const checkPeriod = (period: string): boolean => {
    if (query.granularity === 'day') {
      const day = tryParseDay(period);
      return day !== undefined && day >= start && day <= end;
    }
    if (query.granularity === 'month') return MONTH_RE.test(period) && period >= firstMonth && period <= lastMonth;
    return period === 'total';
  };
  // Every group repeats each period: parse each distinct one once.
  const periodVerdicts = new Map<string, boolean>();
  const periodOk = (period: unknown): boolean => {
    if (typeof period !== 'string') return false;
    let ok = periodVerdicts.get(period);
    if (ok === undefined) periodVerdicts.set(period, (ok = checkPeriod(period)));
    return ok;
  };
  const keyOk = (key: unknown): boolean => {
    if (query.groupBy === undefined) return key === null;
    if (typeof key !== 'string' || key.trim() === '') return false;
    if (key === OTHERS_KEY) return query.top !== undefined;
    if (query.groupBy === 'workspaceKind') return key === 'team' || key === 'personal';
    return !(query.groupBy === 'reason' && reasons && !reasons.has(key));
  };
  /** The common case, checked without building a single message or path. */
  const rowOk = (r: unknown): boolean => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return false;
    const row = r as Record<string, unknown>;
    for (const k in row) if (k !== 'period' && k !== 'key' && k !== 'credits') return false;
    const credits = row.credits;
    return typeof credits === 'number' && credits >= 0 && credits <= MAX_CREDITS && periodOk(row.period) && keyOk(row.key);
  };

  rows.forEach((r, i) => {
    if (!rowOk(r)) {
      explainRow(r, i);
      c.fail(`rows[${i}]`, 'is malformed', r); // explainRow names the fault; this is a backstop
    }
    const { period, key } = r as UsageRow;
    if (key !== null) keys.add(key);
    const id = `${period}\u0000${key}`;
    if (seen.has(id)) c.fail(`rows[${i}]`, '', r, `rows[${i}] repeats period ${period}${key === null ? '' : ` and key ${describeValue(key)}`}`);
    seen.add(id);
  });

  /** Throws the precise error for a row the quick check refused. */
  function explainRow(r: unknown, i: number): void {
    const p = `rows[${i}]`;
    const row = c.object(r, p, ['period', 'key', 'credits']);
    const period = c.string(row.period, `${p}.period`);
    if (query.granularity === 'day') {
      const day = tryParseDay(period);
      if (day === undefined) c.fail(`${p}.period`, 'must be a real YYYY-MM-DD date', period);
      if (day! < start || day! > end) c.fail(`${p}.period`, `must be within ${query.start}…${query.end}`, period);
    } else if (query.granularity === 'month') {
      if (!MONTH_RE.test(period)) c.fail(`${p}.period`, 'must be a YYYY-MM month', period);
      if (period < firstMonth || period > lastMonth) c.fail(`${p}.period`, `must be within ${firstMonth}…${lastMonth}`, period);
    } else if (period !== 'total') {
      c.fail(`${p}.period`, 'must be "total"', period);
    }
    if (query.groupBy === undefined) {
      if (row.key !== null) c.fail(`${p}.key`, 'must be null without groupBy', row.key);
    } else {
      const key = c.string(row.key, `${p}.key`);
      if (query.groupBy === 'workspaceKind' && key !== OTHERS_KEY) c.oneOf(key, `${p}.key`, WORKSPACE_KINDS);
      if (query.groupBy === 'reason' && reasons && key !== OTHERS_KEY && !reasons.has(key)) {
        c.fail(`${p}.key`, 'must be one of the account\'s reasons', key);
      }
      if (key === OTHERS_KEY && query.top === undefined) c.fail(`${p}.key`, `must not be "${OTHERS_KEY}" without top`, key);
    }
    c.amount(row.credits, `${p}.credits`);
  }

  if (query.top !== undefined) {
    const named = [...keys].filter((k) => k !== OTHERS_KEY);
    if (named.length > query.top) {
      c.fail('rows', '', named.length, `rows name ${named.length} groups besides "${OTHERS_KEY}", more than top (${query.top})`);
    }
  }
  for (const key of keys) {
    if (key !== OTHERS_KEY && !(key in labels)) c.fail(`labels.${key}`, 'must be a label for a key in rows', undefined);
  }
  return value as UsageResult;
}

const WORKSPACE_FIELDS = ['id', 'name', 'kind', 'primary', 'allocated', 'used', 'remaining', 'usedByReason', 'blocked'];

/** Checks an allocation answer, including that its credits add up. */
export function validateAllocation(value: unknown, ctx: ValidationContext): Allocation {
  const c = checker(ctx);
  const o = c.object(value, 'allocation', ['mode', 'totalCredits', 'primaryWorkspaceId', 'workspaces', 'usedByDeleted']);
  c.oneOf(o.mode, 'mode', CREDIT_MODES);
  const total = c.amount(o.totalCredits, 'totalCredits');
  const primaryId = c.string(o.primaryWorkspaceId, 'primaryWorkspaceId');
  const usedByDeleted = c.amount(o.usedByDeleted, 'usedByDeleted');
  const list = c.array(o.workspaces, 'workspaces');
  let sum = usedByDeleted;
  let primaries = 0;
  list.forEach((w, i) => {
    const p = `workspaces[${i}]`;
    const ws = c.object(w, p, WORKSPACE_FIELDS) as Partial<WorkspaceAllocation>;
    c.string(ws.id, `${p}.id`);
    c.string(ws.name, `${p}.name`, { empty: true });
    c.oneOf(ws.kind, `${p}.kind`, WORKSPACE_KINDS);
    if (c.boolean(ws.primary, `${p}.primary`)) {
      primaries++;
      if (ws.id !== primaryId) c.fail(`${p}.primary`, '', ws.primary, `${p} is marked primary but primaryWorkspaceId is ${describeValue(primaryId)}`);
    }
    c.amount(ws.allocated, `${p}.allocated`);
    const used = c.amount(ws.used, `${p}.used`);
    const remaining = c.amount(ws.remaining, `${p}.remaining`, { min: -MAX_CREDITS });
    c.record(ws.usedByReason, `${p}.usedByReason`, (v, rp) => c.amount(v, rp));
    c.boolean(ws.blocked, `${p}.blocked`);
    sum += used + remaining;
  });
  c.unique(list.map((w) => (w as WorkspaceAllocation).id), (i) => `workspaces[${i}].id`);
  if (primaries !== 1) c.fail('workspaces', '', primaries, `workspaces must hold exactly one primary workspace, found ${primaries}`);
  if (Math.abs(sum - total) > 1e-6 * Math.max(1, total)) {
    c.fail('totalCredits', '', total, `credits do not add up: remaining + used (${sum}) differs from totalCredits (${total})`);
  }
  return value as Allocation;
}

const MEMBER_FIELDS = ['id', 'email', 'name', 'byReason', 'total', 'dailyLimit', 'peakDaily'];

/** Checks a page of members against the query it answers. */
export function validateMemberPage(value: unknown, query: MemberQuery, ctx: ValidationContext): MemberPage {
  const c = checker(ctx);
  const o = c.object(value, 'page', ['members', 'total']);
  const members = c.array(o.members, 'members');
  const total = c.integer(o.total, 'total', 0, Number.MAX_SAFE_INTEGER);
  if (members.length > query.limit) {
    c.fail('members', '', members.length, `members holds ${members.length} rows, more than the limit (${query.limit})`);
  }
  if (members.length > 0 && query.offset + members.length > total) {
    c.fail('total', '', total, `total (${total}) is less than offset + rows (${query.offset + members.length})`);
  }
  members.forEach((m, i) => {
    const p = `members[${i}]`;
    const mu = c.object(m, p, MEMBER_FIELDS) as Partial<MemberUsage>;
    c.string(mu.id, `${p}.id`);
    c.optString(mu.email, `${p}.email`);
    c.optString(mu.name, `${p}.name`);
    c.record(mu.byReason, `${p}.byReason`, (v, rp) => c.amount(v, rp));
    c.amount(mu.total, `${p}.total`);
    c.optAmount(mu.dailyLimit, `${p}.dailyLimit`, { exclusiveMin: true });
    c.optAmount(mu.peakDaily, `${p}.peakDaily`);
  });
  c.unique(members.map((m) => (m as MemberUsage).id), (i) => `members[${i}].id`);
  return value as MemberPage;
}

/** Narrows a value that should be a credit mode. */
export function validateCreditMode(value: unknown, where: string): CreditMode {
  return checker({ where, code: 'invalid-mode' }).oneOf(value, 'mode', CREDIT_MODES);
}
