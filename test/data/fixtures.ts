import type { MemoryDataSourceOptions } from '../../src/data/memory.js';
import type { AccountInfo, CreditDataSource, UsageEvent } from '../../src/data/types.js';

export function account(overrides: Partial<AccountInfo> = {}): AccountInfo {
  return {
    name: 'Test org',
    timeZone: 'UTC',
    billingCycleDay: 1,
    units: [{ id: 'conversation', label: 'conversations', perCredit: 600 }],
    reasons: [
      { id: 'chat', label: 'Chat' },
      { id: 'image', label: 'Image' },
      { id: 'speech', label: 'Speech' },
    ],
    role: 'admin',
    ...overrides,
  };
}

/**
 * The allocation example of the products modelled: 10,000 credits, 2,000
 * allocated to A and 3,000 to B, so the primary holds 5,000. Nothing used yet
 * unless events are given.
 */
export function smallOrg(overrides: Partial<MemoryDataSourceOptions> = {}, events: UsageEvent[] = []): MemoryDataSourceOptions {
  return {
    account: account(),
    members: [
      { id: 'm1', email: 'ana@example.com', name: 'Ana' },
      { id: 'm2', name: 'Ben', dailyLimit: 50 },
      { id: 'm3abcdefghij' },
    ],
    workspaces: [
      { id: 'p', name: 'Primary', kind: 'team', primary: true },
      { id: 'a', name: 'Workspace A', kind: 'team', allocated: 2000 },
      { id: 'b', name: 'Workspace B', kind: 'personal', allocated: 3000 },
    ],
    events,
    totalCredits: 10_000,
    ...overrides,
  };
}

export const ev = (time: string | number, credits: number, memberId = 'm1', workspaceId = 'a', reason = 'chat'): UsageEvent => ({
  time,
  credits,
  memberId,
  workspaceId,
  reason,
});

/** Expects a promise to reject with a DataSourceError of `code`; returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code: string; field?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code: string; field?: string };
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

export function thrown(fn: () => unknown): Error & { code: string; field?: string } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code: string; field?: string };
  }
  throw new Error('expected the call to throw, but it returned');
}

/** A source that never answers: a panel on it stays in its loading state. */
export function hangingSource(): CreditDataSource {
  const never = () => new Promise<never>(() => {});
  return { getAccount: never, queryUsage: never, getAllocation: never, queryMembers: never };
}

/** The same source, forwarding the four reads only (no capabilities, no subscribe). */
export function readOnly(inner: CreditDataSource): CreditDataSource {
  return {
    getAccount: (s) => inner.getAccount(s),
    queryUsage: (q, s) => inner.queryUsage(q, s),
    getAllocation: (s) => inner.getAllocation(s),
    queryMembers: (q, s) => inner.queryMembers(q, s),
  };
}

/** `inner`, with one read rejecting with `error` for as long as `failing()` says so. */
export function failingWhile(
  inner: CreditDataSource,
  method: 'queryUsage' | 'getAllocation' | 'queryMembers',
  failing: () => boolean,
  error: () => Error,
): CreditDataSource {
  const source = readOnly(inner);
  const real = source[method] as (...args: unknown[]) => Promise<unknown>;
  (source as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => (failing() ? Promise.reject(error()) : real(...args));
  return source;
}
