/**
 * The REST adapter behind the mock handlers must answer exactly like the
 * memory source it fronts: the same queries and the same sequence of writes
 * go to one memory source directly and to a twin (same demo data) through
 * `RestDataSource` → fetch → msw → `createMockHandlers`.
 */
import { expect } from '@open-wc/testing';
import { generateDemoData, type DemoDataOptions } from '../../src/data/demo-data.js';
import { isDataSourceError } from '../../src/data/errors.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import { ERROR_STATUS, RestDataSource } from '../../src/data/rest.js';
import type { Allocation, CreditDataSource, Dimension, Granularity, MemberQuery, UsageQuery, UsageResult } from '../../src/data/types.js';
import { OTHERS_KEY } from '../../src/data/types.js';
import { createMockHandlers } from '../../src/mocks/index.js';
import { mockWorker } from '../msw.js';
import { readOnly, rejection } from './fixtures.js';

const BASE = '/contract-test/v1';
const DEMO: DemoDataOptions = { seed: 7, members: 30, workspaces: 7, months: 4, now: Date.UTC(2024, 5, 20, 18), billingCycleDay: 15 };
const RANGE = { start: '2024-03-01', end: '2024-06-20' };

const worker = mockWorker();

let direct: MemoryDataSource;
let served: MemoryDataSource;
let rest: RestDataSource;

/** Fresh twins for every test: one asked directly, one behind the handlers. */
function twins(demo: DemoDataOptions = DEMO, mock: Parameters<typeof createMockHandlers>[1] = { baseUrl: BASE }) {
  direct = new MemoryDataSource(generateDemoData(demo));
  served = new MemoryDataSource(generateDemoData(demo));
  worker.resetHandlers(...createMockHandlers(served, mock));
  rest = new RestDataSource({ baseUrl: BASE, retryDelayMs: 1 });
}
beforeEach(() => twins());

interface Outcome<R> {
  value?: R;
  error?: { code: string; message: string; field?: string };
}

/** What a call gave: its value as JSON carries it, or the error's code, message and field. */
async function outcome<T, R>(promise: Promise<T>, strip: (v: T) => R): Promise<Outcome<R>> {
  try {
    const value = await promise;
    return { value: value === undefined ? undefined : (JSON.parse(JSON.stringify(strip(value))) as R) };
  } catch (error) {
    if (!isDataSourceError(error)) throw error;
    return { error: { code: error.code, message: error.message, field: error.field } };
  }
}

/** Runs one call on both sides, expects the same outcome and returns it. */
async function same<T, R = T>(call: (source: CreditDataSource) => Promise<T>, strip: (v: T) => R = (v) => v as unknown as R) {
  const expected = await outcome(call(direct), strip);
  const actual = await outcome(call(rest), strip);
  expect(actual).to.deep.equal(expected);
  return expected;
}

/** The value of a successful outcome. */
function ok<R>(o: Outcome<R>): R {
  expect(o.error).to.equal(undefined);
  return o.value as R;
}

/** The error of a refused outcome. */
function refused<R>(o: Outcome<R>): NonNullable<Outcome<R>['error']> {
  expect(o.error, 'expected a refusal').to.not.equal(undefined);
  return o.error!;
}

const noTime = ({ refreshedAt: _ignored, ...rest }: UsageResult) => rest;
const usage = (query: UsageQuery) => same((s) => s.queryUsage(query), noTime);
const members = (query: Partial<MemberQuery> = {}) =>
  same((s) => s.queryMembers({ ...RANGE, sort: 'total', direction: 'desc', offset: 0, limit: 10, ...query }));

/** Ids of the members and workspaces with the most usage in the range. */
async function busiest(groupBy: 'member' | 'workspace', n: number): Promise<string[]> {
  const result = await direct.queryUsage({ ...RANGE, granularity: 'total', groupBy });
  return result.rows.slice(0, n).map((r) => r.key!);
}

describe('contract: reads', () => {
  it('serves the account exactly as the source gives it', async () => {
    const value = ok(await same((s) => s.getAccount()));
    expect(value.billingCycleDay).to.equal(15);
    const raw = await (await fetch(`${BASE}/account`)).json();
    expect(raw).to.deep.equal(JSON.parse(JSON.stringify(await direct.getAccount())));
  });

  const groupings: (Dimension | undefined)[] = [undefined, 'member', 'workspace', 'workspaceKind', 'reason'];
  for (const granularity of ['day', 'month', 'total'] as Granularity[]) {
    for (const groupBy of groupings) {
      it(`answers usage by ${granularity}${groupBy ? ` grouped by ${groupBy}` : ''} the same`, async () => {
        const value = ok(await usage({ ...RANGE, granularity, ...(groupBy ? { groupBy } : {}) }));
        expect(value.rows.length).to.be.greaterThan(granularity === 'total' && !groupBy ? 0 : 1);
        if (granularity === 'month') expect(value.rows[0].period).to.equal('2024-02');
      });
    }
  }

  it('answers filtered usage the same, each dimension and combined', async () => {
    const [m1, m2] = await busiest('member', 2);
    const [w1] = await busiest('workspace', 1);
    const all = ok(await usage({ ...RANGE, granularity: 'total' })).rows[0].credits;
    const filters = [
      { member: [m1, m2] },
      { workspace: [w1] },
      { reason: ['image', 'ocr'] },
      { workspaceKind: ['personal'] },
      { member: [m1], reason: ['chat'], workspaceKind: ['team', 'personal'] },
    ];
    for (const filter of filters) {
      const value = ok(await usage({ ...RANGE, granularity: 'day', groupBy: 'reason', filter }));
      const sum = value.rows.reduce((s, r) => s + r.credits, 0);
      expect(sum).to.be.greaterThan(0).and.below(all);
    }
  });

  it('answers an empty filter list with no rows on both sides', async () => {
    const value = ok(await usage({ ...RANGE, granularity: 'day', filter: { member: [] } }));
    expect(value.rows).to.deep.equal([]);
  });

  it('answers top N with the rest folded into others the same', async () => {
    const value = ok(await usage({ ...RANGE, granularity: 'day', groupBy: 'member', top: 3 }));
    const keys = new Set(value.rows.map((r) => r.key));
    expect(keys.size).to.equal(4);
    expect(keys.has(OTHERS_KEY)).to.equal(true);
    await usage({ ...RANGE, granularity: 'total', groupBy: 'workspace', top: 1 });
    await usage({ ...RANGE, granularity: 'month', groupBy: 'reason', top: 50 });
  });

  it('refuses the same bad queries with the same errors', async () => {
    const unknown = refused(await usage({ ...RANGE, granularity: 'day', filter: { member: ['nobody'] } }));
    expect(unknown).to.deep.equal({
      code: 'invalid-query',
      message: 'queryUsage: query.filter.member[0] names an unknown member "nobody"',
      field: 'query.filter.member[0]',
    });
    expect(refused(await usage({ ...RANGE, start: '2024-07-01', granularity: 'day' })).code).to.equal('invalid-query');
    expect(refused(await members({ sort: 'bogus' })).code).to.equal('invalid-query');
    const status = (await rejection(rest.queryMembers({ ...RANGE, sort: 'bogus', direction: 'asc', offset: 0, limit: 5 }))) as { status?: number };
    expect(status.status).to.equal(400);
  });

  it('answers member pages the same for every sort, search and filter', async () => {
    const top = ok(await members());
    expect(top.members).to.have.length(10);
    expect(top.total).to.be.greaterThan(10);
    await members({ sort: 'member', direction: 'asc' });
    await members({ sort: 'member', direction: 'desc', limit: 30 });
    await members({ sort: 'image', direction: 'desc' });
    await members({ sort: 'total', direction: 'asc', search: 'AN' });
    const [w1] = await busiest('workspace', 1);
    const filtered = ok(await members({ filter: { workspace: [w1], reason: ['chat'] } }));
    expect(filtered.total).to.be.greaterThan(0);
  });

  it('pages through all members the same, and past the end', async () => {
    const value = ok(await members({ limit: 7 }));
    const seen: string[] = [];
    for (let offset = 0; offset < value.total; offset += 7) {
      const page = ok(await members({ offset, limit: 7 }));
      seen.push(...page.members.map((m) => m.id));
    }
    expect(new Set(seen).size).to.equal(value.total);
    expect(ok(await members({ offset: value.total + 5 })).members).to.deep.equal([]);
  });

  it('serves the allocation the same', async () => {
    const value = ok(await same((s) => s.getAllocation()));
    expect(value.primaryWorkspaceId).to.equal('ws_primary');
    expect(value.workspaces).to.have.length(7);
  });
});

describe('contract: writes, step by step', () => {
  const allocation = () => same((s) => s.getAllocation());
  const transfer = (fromWorkspaceId: string, toWorkspaceId: string, amount: number, idempotencyKey?: string) =>
    same((s) => s.transferCredits!({ fromWorkspaceId, toWorkspaceId, amount, ...(idempotencyKey ? { idempotencyKey } : {}) }));
  const remaining = (value: Allocation, id: string) =>
    value.workspaces.find((w) => w.id === id)!.remaining;

  it('transfers credits and refuses bad transfers the same', async () => {
    const before = ok(await allocation());
    const blocked = before.workspaces.find((w) => w.blocked);
    expect(blocked).to.include({ id: 'ws_1', remaining: 0 });
    expect(refused(await transfer('ws_1', 'ws_primary', 10))).to.deep.equal({
      code: 'insufficient-credits',
      message: 'Marketing has 0 credits available; cannot transfer 10.',
      field: 'amount',
    });
    expect(await rejection(rest.transferCredits({ fromWorkspaceId: 'ws_1', toWorkspaceId: 'ws_primary', amount: 10 }))).to.include({
      status: 409,
    });

    const moved = ok(await transfer('ws_primary', 'ws_1', 100));
    expect(remaining(moved, 'ws_1')).to.equal(100);
    expect(remaining(moved, 'ws_primary')).to.equal(remaining(before, 'ws_primary') - 100);
    await allocation();

    expect(refused(await transfer('ws_1', 'ws_1', 5)).code).to.equal('same-workspace');
    expect(refused(await transfer('ws_1', 'nowhere', 5))).to.deep.equal({
      code: 'unknown-workspace',
      message: 'There is no workspace "nowhere".',
      field: 'toWorkspaceId',
    });
    expect(refused(await transfer('ws_1', 'ws_2', -5)).code).to.equal('invalid-amount');
    expect(refused(await transfer('ws_1', 'ws_2', 0)).code).to.equal('invalid-amount');
    expect(remaining(ok(await allocation()), 'ws_1')).to.equal(remaining(moved, 'ws_1'));
  });

  it('honours idempotency keys the same: a repeat never transfers twice, a changed body conflicts', async () => {
    const first = ok(await transfer('ws_primary', 'ws_2', 50, 'key-1'));
    const again = ok(await transfer('ws_primary', 'ws_2', 50, 'key-1'));
    expect(again).to.deep.equal(first);
    expect(refused(await transfer('ws_primary', 'ws_2', 60, 'key-1')).code).to.equal('idempotency-conflict');
    const second = ok(await transfer('ws_primary', 'ws_2', 50, 'key-2'));
    expect(remaining(second, 'ws_2')).to.equal(remaining(first, 'ws_2') + 50);
  });

  it('switches the credit mode the same, and refuses transfers in shared-pool mode', async () => {
    const pooled = ok(await same((s) => s.setCreditMode!('shared-pool')));
    expect(pooled.mode).to.equal('shared-pool');
    expect(ok(await same((s) => s.setCreditMode!('shared-pool')))).to.deep.equal(pooled);
    expect(refused(await transfer('ws_primary', 'ws_1', 10)).code).to.equal('shared-pool-mode');
    expect(ok(await same((s) => s.setCreditMode!('workspace-budget'))).mode).to.equal('workspace-budget');
    await transfer('ws_primary', 'ws_3', 10);
  });

  it('deletes workspaces the same, returning credits to the primary', async () => {
    const before = ok(await allocation());
    const after = ok(await same((s) => s.deleteWorkspace!('ws_2')));
    expect(after.workspaces.map((w) => w.id)).to.not.include('ws_2');
    expect(remaining(after, 'ws_primary')).to.equal(remaining(before, 'ws_primary') + remaining(before, 'ws_2'));
    expect(refused(await same((s) => s.deleteWorkspace!('ws_2')))).to.include({ code: 'unknown-workspace', field: 'workspaceId' });
    expect(refused(await same((s) => s.deleteWorkspace!('ws_primary'))).code).to.equal('primary-undeletable');
    await allocation();
  });

  it('sets and clears member limits the same', async () => {
    const [m1] = await busiest('member', 1);
    expect(await same((s) => s.setMemberLimit!(m1, 40))).to.deep.equal({ value: undefined });
    const page = ok(await members({ search: m1 }));
    expect(page.members[0]).to.include({ id: m1, dailyLimit: 40 });
    await same((s) => s.setMemberLimit!(m1, null));
    expect(ok(await members({ search: m1 })).members[0]).to.not.have.property('dailyLimit');
    expect(refused(await same((s) => s.setMemberLimit!(m1, -1))).code).to.equal('invalid-limit');
    expect(refused(await same((s) => s.setMemberLimit!('nobody', 5)))).to.include({ code: 'unknown-member', field: 'memberId' });
  });

  it('refuses writes for a viewer the same (forbidden, 403)', async () => {
    const viewer = (d: DemoDataOptions) => {
      const data = generateDemoData(d);
      return new MemoryDataSource({ ...data, account: { ...data.account, role: 'viewer' } });
    };
    direct = viewer(DEMO);
    worker.resetHandlers(...createMockHandlers(viewer(DEMO), { baseUrl: BASE }));
    expect(refused(await transfer('ws_primary', 'ws_1', 1)).code).to.equal('forbidden');
    expect(refused(await same((s) => s.deleteWorkspace!('ws_1'))).code).to.equal('forbidden');
    expect((await rejection(rest.setCreditMode('shared-pool'))) as { status?: number }).to.include({ status: ERROR_STATUS.forbidden });
  });
});

describe('mock handlers', () => {
  const read = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${BASE}${path}`, init);
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };

  it('answer not-supported (501) for the optional methods a source lacks', async () => {
    worker.resetHandlers(...createMockHandlers(readOnly(direct), { baseUrl: BASE }));
    for (const call of [
      rest.transferCredits({ fromWorkspaceId: 'ws_primary', toWorkspaceId: 'ws_1', amount: 1 }),
      rest.setCreditMode('shared-pool'),
      rest.deleteWorkspace('ws_1'),
      rest.setMemberLimit('m', 1),
    ]) {
      expect(await rejection(call)).to.include({ code: 'not-supported', status: 501 });
    }
    expect((await rest.getAllocation()).primaryWorkspaceId).to.equal('ws_primary');
  });

  it('fail the given fraction of requests with 503 server, which the client retries', async () => {
    const draws = [0.1, 0.9, 0.2, 0.3, 0.95];
    twins(DEMO, { baseUrl: BASE, failureRate: 0.5, random: () => draws.shift()! });
    await same((s) => s.getAllocation());
    await same((s) => s.transferCredits!({ fromWorkspaceId: 'ws_primary', toWorkspaceId: 'ws_1', amount: 5 }));
    expect(draws).to.deep.equal([]);
  });

  it('answer every request 503 with failureRate 1', async () => {
    twins(DEMO, { baseUrl: BASE, failureRate: 1 });
    expect(await read('/allocation')).to.deep.equal({
      status: 503,
      body: { error: { code: 'server', message: 'GET /allocation: simulated failure' } },
    });
    const noRetry = new RestDataSource({ baseUrl: BASE, retries: 0 });
    expect(await rejection(noRetry.getAllocation())).to.include({ code: 'server', status: 503 });
  });

  it('hold answers back by latencyMs', async () => {
    twins(DEMO, { baseUrl: BASE, latencyMs: 150 });
    const started = performance.now();
    await rest.getAllocation();
    expect(performance.now() - started).to.be.at.least(140);
  });

  it('refuse unknown, repeated and malformed parameters with 400 invalid-query', async () => {
    expect(await read('/usage?start=2024-03-01&end=2024-03-02&granularity=day&bogus=1')).to.deep.equal({
      status: 400,
      body: { error: { code: 'invalid-query', message: 'GET /usage: unknown parameter "bogus"', field: 'bogus' } },
    });
    expect((await read('/usage?start=2024-03-01&start=2024-03-02&end=2024-03-02&granularity=day')).body.error.message).to.equal(
      'GET /usage: parameter "start" is given more than once',
    );
    expect(await read('/members?start=2024-03-01&end=2024-03-02&sort=total&direction=desc&offset=0&limit=ten')).to.deep.equal({
      status: 400,
      body: { error: { code: 'invalid-query', message: 'GET /members: query.limit must be a whole number from 1 to 10000, got "ten"', field: 'query.limit' } },
    });
  });

  it('require an Idempotency-Key and a well-formed body on POST /transfers', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      read('/transfers', { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
    const ok = JSON.stringify({ fromWorkspaceId: 'ws_primary', toWorkspaceId: 'ws_1', amount: 1 });
    expect(await post(ok)).to.deep.equal({
      status: 400,
      body: { error: { code: 'invalid-input', message: 'POST /transfers: the Idempotency-Key header is required', field: 'Idempotency-Key' } },
    });
    expect((await post('{"fromWorkspaceId":', { 'Idempotency-Key': 'k' })).body.error).to.include({ code: 'invalid-input', field: 'body' });
    expect((await post(JSON.stringify({ from: 'ws_primary' }), { 'Idempotency-Key': 'k' })).body.error).to.deep.equal({
      code: 'invalid-input',
      message: 'POST /transfers: the body has an unknown field "from"',
      field: 'body.from',
    });
    const done = await post(ok, { 'Idempotency-Key': 'k' });
    expect(done.status).to.equal(200);
    expect(done.body).to.deep.equal(JSON.parse(JSON.stringify(await served.getAllocation())));
  });

  it('answer 204 with no body to PUT /members/{id}/limit', async () => {
    const [m1] = await busiest('member', 1);
    const answer = await read(`/members/${encodeURIComponent(m1)}/limit`, {
      method: 'PUT',
      body: JSON.stringify({ limit: 12 }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(answer).to.deep.equal({ status: 204, body: null });
    const page = await served.queryMembers({ ...RANGE, sort: 'total', direction: 'desc', search: m1, offset: 0, limit: 1 });
    expect(page.members[0].dailyLimit).to.equal(12);
  });
});
