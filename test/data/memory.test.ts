import { expect } from '@open-wc/testing';
import { DataSourceError } from '../../src/data/errors.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import { OTHERS_KEY, type Allocation, type UsageRow } from '../../src/data/types.js';
import { account, ev, rejection, smallOrg, thrown } from './fixtures.js';

const byId = (a: Allocation, id: string) => a.workspaces.find((w) => w.id === id)!;
const sumRows = (rows: UsageRow[]) => rows.reduce((s, r) => s + r.credits, 0);
/** Σ remaining + Σ used (deleted workspaces included): must always equal the total. */
const accounted = (a: Allocation) => a.workspaces.reduce((s, w) => s + w.remaining + w.used, 0) + a.usedByDeleted;

describe('MemoryDataSource: allocation rules', () => {
  it('gives the primary what is not allocated elsewhere (10,000 − 2,000 − 3,000 = 5,000)', async () => {
    const a = await new MemoryDataSource(smallOrg()).getAllocation();
    expect(a.mode).to.equal('workspace-budget');
    expect(a.primaryWorkspaceId).to.equal('p');
    expect(byId(a, 'p')).to.include({ primary: true, allocated: 5000, remaining: 5000, used: 0 });
    expect(byId(a, 'a')).to.include({ allocated: 2000, remaining: 2000 });
    expect(byId(a, 'b')).to.include({ allocated: 3000, remaining: 3000, kind: 'personal' });
  });

  it('counts usage against the workspace that used it, by reason', async () => {
    const src = new MemoryDataSource(smallOrg({}, [ev(0, 150, 'm1', 'a', 'chat'), ev(1, 50, 'm2', 'a', 'image'), ev(2, 30, 'm1', 'p', 'speech')]));
    const a = await src.getAllocation();
    expect(byId(a, 'a')).to.deep.include({ used: 200, remaining: 1800, usedByReason: { chat: 150, image: 50, speech: 0 } });
    expect(byId(a, 'p')).to.include({ used: 30, remaining: 4970 });
    expect(accounted(a)).to.equal(10_000);
  });

  it('moves credits between any two workspaces and conserves the total', async () => {
    const src = new MemoryDataSource(smallOrg());
    let a = await src.transferCredits({ fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: 1000 });
    expect(byId(a, 'p').remaining).to.equal(4000);
    expect(byId(a, 'a').remaining).to.equal(3000);
    a = await src.transferCredits({ fromWorkspaceId: 'b', toWorkspaceId: 'a', amount: 3000 });
    expect(byId(a, 'b')).to.include({ remaining: 0, blocked: true });
    expect(byId(a, 'a').remaining).to.equal(6000);
    expect(accounted(a)).to.equal(10_000);
  });

  it('refuses a transfer above the source’s remaining credits and changes nothing', async () => {
    const src = new MemoryDataSource(smallOrg({}, [ev(0, 500, 'm1', 'a')]));
    const before = await src.getAllocation();
    const err = await rejection(src.transferCredits({ fromWorkspaceId: 'a', toWorkspaceId: 'b', amount: 1501 }));
    expect(err).to.be.instanceOf(DataSourceError);
    expect(err.code).to.equal('insufficient-credits');
    expect(err.message).to.contain('1500');
    expect(await src.getAllocation()).to.deep.equal(before);
    // exactly the remaining is fine
    const a = await src.transferCredits({ fromWorkspaceId: 'a', toWorkspaceId: 'b', amount: 1500 });
    expect(byId(a, 'a')).to.include({ remaining: 0, blocked: true });
  });

  it('refuses bad transfers with stable codes', async () => {
    const src = new MemoryDataSource(smallOrg());
    const cases: [Parameters<MemoryDataSource['transferCredits']>[0], string][] = [
      [{ fromWorkspaceId: 'a', toWorkspaceId: 'a', amount: 1 }, 'same-workspace'],
      [{ fromWorkspaceId: 'a', toWorkspaceId: 'nope', amount: 1 }, 'unknown-workspace'],
      [{ fromWorkspaceId: 'nope', toWorkspaceId: 'a', amount: 1 }, 'unknown-workspace'],
      [{ fromWorkspaceId: 'a', toWorkspaceId: 'b', amount: 0 }, 'invalid-amount'],
      [{ fromWorkspaceId: 'a', toWorkspaceId: 'b', amount: -5 }, 'invalid-amount'],
      [{ fromWorkspaceId: 'a', toWorkspaceId: 'b', amount: NaN }, 'invalid-amount'],
      [{ fromWorkspaceId: 'a', toWorkspaceId: 'b', amount: Infinity }, 'invalid-amount'],
      [{ fromWorkspaceId: 'a', toWorkspaceId: 'b', amount: '5' as unknown as number }, 'invalid-amount'],
    ];
    const before = await src.getAllocation();
    for (const [req, code] of cases) {
      expect((await rejection(src.transferCredits(req))).code, JSON.stringify(req)).to.equal(code);
    }
    expect(await src.getAllocation()).to.deep.equal(before);
  });

  it('does not transfer twice for a repeated idempotency key, and refuses reusing it for another transfer', async () => {
    const src = new MemoryDataSource(smallOrg());
    await src.transferCredits({ fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: 100, idempotencyKey: 'k1' });
    const again = await src.transferCredits({ fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: 100, idempotencyKey: 'k1' });
    expect(byId(again, 'a').remaining).to.equal(2100);
    const err = await rejection(src.transferCredits({ fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: 200, idempotencyKey: 'k1' }));
    expect(err.code).to.equal('idempotency-conflict');
    expect(byId(await src.getAllocation(), 'a').remaining).to.equal(2100);
  });

  it('returns a deleted workspace’s remaining credits to the primary; its usage stays used', async () => {
    const src = new MemoryDataSource(smallOrg({}, [ev(0, 400, 'm1', 'b')]));
    const a = await src.deleteWorkspace('b');
    expect(a.workspaces.map((w) => w.id)).to.deep.equal(['p', 'a']);
    expect(byId(a, 'p').remaining).to.equal(5000 + 2600);
    expect(a.usedByDeleted).to.equal(400);
    expect(accounted(a)).to.equal(10_000);
    expect((await rejection(src.deleteWorkspace('b'))).code).to.equal('unknown-workspace');
    expect((await rejection(src.transferCredits({ fromWorkspaceId: 'b', toWorkspaceId: 'a', amount: 1 }))).code).to.equal('unknown-workspace');
  });

  it('never deletes the primary workspace', async () => {
    const src = new MemoryDataSource(smallOrg());
    const err = await rejection(src.deleteWorkspace('p'));
    expect(err.code).to.equal('primary-undeletable');
    expect((await src.getAllocation()).workspaces).to.have.length(3);
  });

  it('blocks a workspace with nothing remaining in budget mode only', async () => {
    const src = new MemoryDataSource(smallOrg({}, [ev(0, 2000, 'm1', 'a')]));
    expect(byId(await src.getAllocation(), 'a')).to.include({ remaining: 0, blocked: true });
    const pool = await src.setCreditMode('shared-pool');
    expect(pool.mode).to.equal('shared-pool');
    expect(byId(pool, 'a')).to.include({ remaining: 0, blocked: false, used: 2000 });
    expect(byId(pool, 'p').remaining).to.equal(8000);
    expect(accounted(pool)).to.equal(10_000);
  });

  it('in shared-pool mode draws every workspace on the primary and refuses transfers', async () => {
    const src = new MemoryDataSource(smallOrg({ mode: 'shared-pool' }, [ev(0, 300, 'm1', 'a'), ev(0, 200, 'm1', 'b')]));
    const a = await src.getAllocation();
    expect(byId(a, 'p')).to.include({ allocated: 10_000 - 500, remaining: 9500 });
    expect(byId(a, 'a')).to.include({ allocated: 300, remaining: 0 });
    const err = await rejection(src.transferCredits({ fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: 1 }));
    expect(err.code).to.equal('shared-pool-mode');
    // Back to budgets: the unused credits all sit on the primary until transferred.
    const b = await src.setCreditMode('workspace-budget');
    expect(byId(b, 'p').remaining).to.equal(9500);
    expect(byId(b, 'a')).to.include({ remaining: 0, blocked: true });
    expect(accounted(b)).to.equal(10_000);
  });

  it('blocks every workspace when the shared pool is empty', async () => {
    const src = new MemoryDataSource(smallOrg({ mode: 'shared-pool', totalCredits: 500 }, [ev(0, 500, 'm1', 'a')]));
    const a = await src.getAllocation();
    expect(a.workspaces.every((w) => w.blocked)).to.equal(true);
  });

  it('refuses an unknown mode', async () => {
    const src = new MemoryDataSource(smallOrg());
    expect((await rejection(src.setCreditMode('both' as never))).code).to.equal('invalid-mode');
  });

  it('lets only owners and admins change allocations, and managers set limits', async () => {
    const src = new MemoryDataSource(smallOrg({ account: account({ role: 'manager' }) }));
    expect((await rejection(src.transferCredits({ fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: 1 }))).code).to.equal('forbidden');
    expect((await rejection(src.deleteWorkspace('a'))).code).to.equal('forbidden');
    await src.setMemberLimit('m1', 25);
    const viewer = new MemoryDataSource(smallOrg({ account: account({ role: 'viewer' }) }));
    expect((await rejection(viewer.setMemberLimit('m1', 25))).code).to.equal('forbidden');
  });

  it('refuses allocations larger than the total', () => {
    const err = thrown(() => new MemoryDataSource(smallOrg({ totalCredits: 4000 })));
    expect(err.code).to.equal('invalid-input');
    expect(err.message).to.contain('more than totalCredits');
  });

  it('tells subscribers about every change, and stops after unsubscribing', async () => {
    const src = new MemoryDataSource(smallOrg());
    let calls = 0;
    const off = src.subscribe(() => calls++);
    await src.transferCredits({ fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: 1 });
    await src.setCreditMode('shared-pool');
    await src.setMemberLimit('m1', 10);
    src.addEvents([ev(5, 1)]);
    await Promise.resolve();
    expect(calls).to.equal(4);
    off();
    await src.deleteWorkspace('a');
    await Promise.resolve();
    expect(calls).to.equal(4);
  });

  it('sets and clears member limits, refusing bad ones', async () => {
    const src = new MemoryDataSource(smallOrg({}, [ev(0, 5, 'm1')]));
    const q = { start: '1970-01-01', end: '1970-01-01', sort: 'total', direction: 'desc', offset: 0, limit: 10 } as const;
    await src.setMemberLimit('m1', 40);
    expect((await src.queryMembers(q)).members[0].dailyLimit).to.equal(40);
    await src.setMemberLimit('m1', null);
    expect((await src.queryMembers(q)).members[0]).not.to.have.property('dailyLimit');
    expect((await rejection(src.setMemberLimit('m1', -1))).code).to.equal('invalid-limit');
    expect((await rejection(src.setMemberLimit('m1', NaN))).code).to.equal('invalid-limit');
    expect((await rejection(src.setMemberLimit('zz', 1))).code).to.equal('unknown-member');
  });
});

describe('MemoryDataSource: usage queries', () => {
  const events = [
    ev('2026-10-01T10:00:00Z', 10, 'm1', 'a', 'chat'),
    ev('2026-10-01T11:00:00Z', 5, 'm2', 'a', 'image'),
    ev('2026-10-02T09:00:00Z', 7, 'm2', 'b', 'chat'),
    ev('2026-10-03T23:59:59Z', 3, 'm3abcdefghij', 'p', 'speech'),
    ev('2026-10-04T00:00:00Z', 1, 'm1', 'b', 'speech'),
  ];
  const src = new MemoryDataSource(smallOrg({}, events));

  it('answers totals per day, omitting days without usage', async () => {
    const r = await src.queryUsage({ start: '2026-10-01', end: '2026-10-05', granularity: 'day' });
    expect(r.rows).to.deep.equal([
      { period: '2026-10-01', key: null, credits: 15 },
      { period: '2026-10-02', key: null, credits: 7 },
      { period: '2026-10-03', key: null, credits: 3 },
      { period: '2026-10-04', key: null, credits: 1 },
    ]);
    expect(r.labels).to.deep.equal({});
    expect(Date.parse(r.refreshedAt)).to.be.a('number').and.not.NaN;
  });

  it('groups by every dimension with labels', async () => {
    const q = { start: '2026-10-01', end: '2026-10-04', granularity: 'total' } as const;
    const member = await src.queryUsage({ ...q, groupBy: 'member' });
    expect(member.rows).to.deep.equal([
      { period: 'total', key: 'm2', credits: 12 },
      { period: 'total', key: 'm1', credits: 11 },
      { period: 'total', key: 'm3abcdefghij', credits: 3 },
    ]);
    expect(member.labels).to.deep.equal({ m1: 'ana@example.com', m2: 'Ben', m3abcdefghij: '#m3abcdef' });
    const kind = await src.queryUsage({ ...q, groupBy: 'workspaceKind' });
    expect(kind.rows).to.deep.equal([
      { period: 'total', key: 'team', credits: 18 },
      { period: 'total', key: 'personal', credits: 8 },
    ]);
    expect(kind.labels).to.deep.equal({ team: 'Team', personal: 'Personal' });
    const reason = await src.queryUsage({ ...q, groupBy: 'reason' });
    expect(reason.labels).to.deep.equal({ chat: 'Chat', image: 'Image', speech: 'Speech' });
    const ws = await src.queryUsage({ ...q, groupBy: 'workspace' });
    expect(ws.rows.map((r) => [r.key, r.credits])).to.deep.equal([['a', 15], ['b', 8], ['p', 3]]);
  });

  it('keeps the top N groups and folds the rest into Others, preserving every period’s total', async () => {
    const r = await src.queryUsage({ start: '2026-10-01', end: '2026-10-04', granularity: 'day', groupBy: 'member', top: 1 });
    expect(r.rows).to.deep.equal([
      { period: '2026-10-01', key: 'm2', credits: 5 },
      { period: '2026-10-01', key: OTHERS_KEY, credits: 10 },
      { period: '2026-10-02', key: 'm2', credits: 7 },
      { period: '2026-10-03', key: OTHERS_KEY, credits: 3 },
      { period: '2026-10-04', key: OTHERS_KEY, credits: 1 },
    ]);
    expect(r.labels).to.deep.equal({ m2: 'Ben', [OTHERS_KEY]: 'Others' });
  });

  it('filters by every dimension (a row must match all)', async () => {
    const q = { start: '2026-10-01', end: '2026-10-04', granularity: 'total' } as const;
    const total = async (filter: object) => sumRows((await src.queryUsage({ ...q, filter })).rows);
    expect(await total({ member: ['m1'] })).to.equal(11);
    expect(await total({ reason: ['chat', 'speech'] })).to.equal(21);
    expect(await total({ workspace: ['b'] })).to.equal(8);
    expect(await total({ workspaceKind: ['personal'] })).to.equal(8);
    expect(await total({ member: ['m1'], workspaceKind: ['team'] })).to.equal(10);
    expect(await total({ member: [] })).to.equal(0);
  });

  it('answers nothing (not an error) for a range without data', async () => {
    const r = await src.queryUsage({ start: '2020-01-01', end: '2020-12-31', granularity: 'month', groupBy: 'reason', top: 2 });
    expect(r.rows).to.deep.equal([]);
  });

  it('refuses malformed queries with a message naming the problem', async () => {
    const cases: [object, string][] = [
      [{ start: '2026-02-30', end: '2026-03-01', granularity: 'day' }, 'query.start must be a real YYYY-MM-DD date, got "2026-02-30"'],
      [{ start: '2026-03-02', end: '2026-03-01', granularity: 'day' }, 'query.start (2026-03-02) is after query.end (2026-03-01)'],
      [{ start: '2026-03-01', end: '2026-03-01', granularity: 'week' }, 'query.granularity must be one of'],
      [{ start: '2026-03-01', end: '2026-03-01', granularity: 'day', groupBy: 'team' }, 'query.groupBy must be one of'],
      [{ start: '2026-03-01', end: '2026-03-01', granularity: 'day', filter: { member: ['nobody'] } }, 'query.filter.member[0] names an unknown member "nobody"'],
      [{ start: '2026-03-01', end: '2026-03-01', granularity: 'day', top: 3 }, 'query.top needs query.groupBy'],
      [{ start: '2026-03-01', end: '2026-03-01', granularity: 'day', groupBy: 'member', top: 0 }, 'query.top must be a whole number'],
    ];
    for (const [query, message] of cases) {
      const err = await rejection(src.queryUsage(query as never));
      expect(err.code, message).to.equal('invalid-query');
      expect(err.message).to.contain(message);
    }
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await rejection(src.queryUsage({ start: '2026-10-01', end: '2026-10-01', granularity: 'day' }, controller.signal));
    expect(err.code).to.equal('aborted');
  });

  it('returns copies: changing an answer changes nothing inside', async () => {
    const acc = await src.getAccount();
    acc.reasons.length = 0;
    acc.timeZone = 'Mars/Olympus';
    expect((await src.getAccount()).reasons).to.have.length(3);
  });
});

describe('MemoryDataSource: days in the account time zone', () => {
  const dayOf = async (timeZone: string, time: string | number) => {
    const src = new MemoryDataSource(smallOrg({ account: account({ timeZone }) }, [ev(time, 1)]));
    const r = await src.queryUsage({ start: '2000-01-01', end: '2030-12-31', granularity: 'day' });
    return r.rows[0].period;
  };

  it('puts 23:30 local on that local day, in zones with odd offsets', async () => {
    expect(await dayOf('America/Los_Angeles', '2026-03-08T07:30:00Z')).to.equal('2026-03-07'); // 23:30 PST
    expect(await dayOf('Asia/Kolkata', '2026-06-01T18:00:00Z')).to.equal('2026-06-01'); // 23:30 +05:30
    expect(await dayOf('Asia/Kolkata', '2026-06-01T18:30:00Z')).to.equal('2026-06-02'); // 00:00 next day
    expect(await dayOf('Asia/Kathmandu', '2026-06-01T17:45:00Z')).to.equal('2026-06-01'); // 23:30 +05:45
    expect(await dayOf('Asia/Kathmandu', '2026-06-01T18:15:00Z')).to.equal('2026-06-02'); // 00:00 +05:45
    expect(await dayOf('Pacific/Chatham', '2026-01-01T09:44:00Z')).to.equal('2026-01-01'); // 23:29 +13:45
    expect(await dayOf('Pacific/Chatham', '2026-01-01T10:15:00Z')).to.equal('2026-01-02'); // 00:00 +13:45
    expect(await dayOf('Pacific/Chatham', '2026-07-01T11:15:00Z')).to.equal('2026-07-02'); // 00:00 +12:45
    expect(await dayOf('Europe/London', '2026-07-01T23:30:00Z')).to.equal('2026-07-02'); // 00:30 BST
    expect(await dayOf('UTC', '2026-07-01T23:59:59.999Z')).to.equal('2026-07-01');
    expect(await dayOf('UTC', '2026-07-02T01:00:00+02:00')).to.equal('2026-07-01');
  });

  // A 23-hour and a 25-hour day: every hour of each lands on that one day.
  const dstDays: [string, string, number][] = [
    ['America/Los_Angeles', '2026-03-08', 23],
    ['America/Los_Angeles', '2026-11-01', 25],
    ['Europe/London', '2026-03-29', 23],
    ['Europe/London', '2026-10-25', 25],
    ['Pacific/Chatham', '2026-04-05', 25],
    ['Pacific/Chatham', '2026-09-27', 23],
  ];
  for (const [timeZone, date, hours] of dstDays) {
    it(`counts ${date} in ${timeZone} as one ${hours}-hour day`, async () => {
      const { startOfZonedDay, parseDay } = await import('../../src/core/time.js');
      const start = startOfZonedDay(parseDay(date), timeZone);
      const end = startOfZonedDay(parseDay(date) + 1, timeZone);
      expect((end - start) / 3_600_000).to.equal(hours);
      const events = [ev(start - 1, 1000)];
      for (let t = start; t < end; t += 1_800_000) events.push(ev(t, 1));
      events.push(ev(end - 1, 1), ev(end, 100));
      const src = new MemoryDataSource(smallOrg({ account: account({ timeZone }) }, events));
      const r = await src.queryUsage({ start: date, end: date, granularity: 'day' });
      expect(r.rows).to.deep.equal([{ period: date, key: null, credits: hours * 2 + 1 }]);
    });
  }

  it('buckets billing months by the cycle day, clamped in short months', async () => {
    const events = ['2026-01-30', '2026-01-31', '2026-02-27', '2026-02-28', '2026-03-30', '2026-03-31'].map((d, i) => ev(`${d}T12:00:00Z`, 10 ** i));
    const src = new MemoryDataSource(smallOrg({ account: account({ billingCycleDay: 31 }) }, events));
    const r = await src.queryUsage({ start: '2026-01-01', end: '2026-03-31', granularity: 'month' });
    // Cycle day 31: periods start Dec 31, Jan 31, Feb 28 (clamped), Mar 31.
    expect(r.rows).to.deep.equal([
      { period: '2025-12', key: null, credits: 1 },
      { period: '2026-01', key: null, credits: 10 + 100 },
      { period: '2026-02', key: null, credits: 1000 + 10000 },
      { period: '2026-03', key: null, credits: 100000 },
    ]);
  });
});

describe('MemoryDataSource: members', () => {
  const events = [
    ev('2026-10-01T10:00:00Z', 10, 'm1', 'a', 'chat'),
    ev('2026-10-01T12:00:00Z', 30, 'm1', 'a', 'image'),
    ev('2026-10-02T10:00:00Z', 25, 'm1', 'b', 'chat'),
    ev('2026-10-01T10:00:00Z', 60, 'm2', 'a', 'speech'),
    ev('2026-10-02T10:00:00Z', 5, 'm3abcdefghij', 'p', 'chat'),
  ];
  const src = new MemoryDataSource(smallOrg({}, events));
  const q = { start: '2026-10-01', end: '2026-10-02', sort: 'total', direction: 'desc', offset: 0, limit: 10 } as const;

  it('lists members with usage, highest total first, with a breakdown by reason and their peak day', async () => {
    const page = await src.queryMembers(q);
    expect(page.total).to.equal(3);
    expect(page.members[0]).to.deep.equal({ id: 'm1', email: 'ana@example.com', name: 'Ana', byReason: { chat: 35, image: 30, speech: 0 }, total: 65, peakDaily: 40 });
    expect(page.members[1]).to.deep.equal({ id: 'm2', name: 'Ben', byReason: { chat: 0, image: 0, speech: 60 }, total: 60, dailyLimit: 50, peakDaily: 60 });
    expect(page.members[2].id).to.equal('m3abcdefghij');
  });

  it('sorts by a reason, by member name and ascending', async () => {
    expect((await src.queryMembers({ ...q, sort: 'speech' })).members.map((m) => m.id)).to.deep.equal(['m2', 'm3abcdefghij', 'm1']); // ties by label
    expect((await src.queryMembers({ ...q, sort: 'member', direction: 'asc' })).members.map((m) => m.id)).to.deep.equal(['m3abcdefghij', 'm1', 'm2']);
    expect((await src.queryMembers({ ...q, direction: 'asc' })).members.map((m) => m.total)).to.deep.equal([5, 60, 65]);
    expect((await rejection(src.queryMembers({ ...q, sort: 'nonsense' }))).code).to.equal('invalid-query');
  });

  it('searches email, name and id, pages, and narrows to a day or a filter', async () => {
    expect((await src.queryMembers({ ...q, search: 'BEN' })).members.map((m) => m.id)).to.deep.equal(['m2']);
    expect((await src.queryMembers({ ...q, search: 'example.com' })).members.map((m) => m.id)).to.deep.equal(['m1']);
    expect((await src.queryMembers({ ...q, search: 'm3abc' })).total).to.equal(1);
    const page2 = await src.queryMembers({ ...q, offset: 1, limit: 1 });
    expect(page2).to.deep.include({ total: 3 });
    expect(page2.members.map((m) => m.id)).to.deep.equal(['m2']);
    const day = await src.queryMembers({ ...q, start: '2026-10-02', end: '2026-10-02' });
    expect(day.members.map((m) => [m.id, m.total])).to.deep.equal([['m1', 25], ['m3abcdefghij', 5]]);
    const ws = await src.queryMembers({ ...q, filter: { workspace: ['a'] } });
    expect(ws.members.map((m) => [m.id, m.total])).to.deep.equal([['m2', 60], ['m1', 40]]);
  });
});

describe('MemoryDataSource: bad input', () => {
  const cases: [unknown, string][] = [
    [{ time: 'yesterday', credits: 1, memberId: 'm1', workspaceId: 'a', reason: 'chat' }, 'events[1].time must be an ISO 8601 instant'],
    [{ time: '2026-10-01T10:00:00', credits: 1, memberId: 'm1', workspaceId: 'a', reason: 'chat' }, 'events[1].time must be an ISO 8601 instant'],
    [{ time: 0, credits: -1, memberId: 'm1', workspaceId: 'a', reason: 'chat' }, 'events[1].credits must be a finite number ≥ 0, got -1'],
    [{ time: 0, credits: NaN, memberId: 'm1', workspaceId: 'a', reason: 'chat' }, 'events[1].credits must be a finite number ≥ 0, got NaN'],
    [{ time: 0, credits: Infinity, memberId: 'm1', workspaceId: 'a', reason: 'chat' }, 'events[1].credits must be a finite number ≥ 0, got Infinity'],
    [{ time: 0, credits: '3', memberId: 'm1', workspaceId: 'a', reason: 'chat' }, 'events[1].credits must be a finite number ≥ 0, got "3"'],
    [{ time: 0, credits: 1, memberId: 'ghost', workspaceId: 'a', reason: 'chat' }, 'events[1].memberId names an unknown member "ghost"'],
    [{ time: 0, credits: 1, memberId: 'm1', workspaceId: 'zz', reason: 'chat' }, 'events[1].workspaceId names an unknown workspace "zz"'],
    [{ time: 0, credits: 1, memberId: 'm1', workspaceId: 'a', reason: 'poetry' }, 'events[1].reason names an unknown reason "poetry"'],
    [null, 'events[1] must be an object, got null'],
  ];
  for (const [bad, message] of cases) {
    it(`refuses ${message.slice(10)}`, () => {
      const err = thrown(() => new MemoryDataSource(smallOrg({}, [ev(0, 1), bad as never])));
      expect(err.code).to.equal('invalid-input');
      expect(err.message).to.contain(message);
      expect(err.field).to.match(/^events\[1\]/);
    });
  }

  it('skips and counts invalid events when asked to', async () => {
    const src = new MemoryDataSource(smallOrg({ invalidEvents: 'skip' }, [ev(0, 1), ev(0, -1), ev('nope', 1), ev(0, 2)]));
    expect(src.skippedEvents).to.equal(2);
    expect(src.eventCount).to.equal(2);
  });

  it('refuses a bad account, members and workspaces with the field named', () => {
    const cases: [object, string][] = [
      [{ account: account({ timeZone: 'Mars/Olympus' }) }, 'account.timeZone must be a valid IANA time zone, got "Mars/Olympus"'],
      [{ account: account({ billingCycleDay: 32 }) }, 'account.billingCycleDay must be a whole number from 1 to 31, got 32'],
      [{ account: { ...account(), timezone: 'UTC' } }, 'account has an unknown field "timezone"'],
      [{ members: [{ id: 'x' }, { id: 'x' }] }, 'members[1].id repeats "x"'],
      [{ workspaces: [{ id: 'p', name: 'P', kind: 'team' }] }, 'workspaces must include one primary workspace'],
      [{ workspaces: [{ id: 'p', name: 'P', kind: 'team', primary: true }, { id: 'q', name: 'Q', kind: 'team', primary: true }] }, 'workspaces[1] is a second primary workspace'],
      [{ workspaces: [{ id: 'p', name: 'P', kind: 'group', primary: true }] }, 'workspaces[0].kind must be one of "team", "personal"'],
      [{ totalCredits: -1 }, 'totalCredits must be a finite number ≥ 0, got -1'],
      [{ mode: 'pool' }, 'options.mode must be one of'],
    ];
    for (const [override, message] of cases) {
      const err = thrown(() => new MemoryDataSource(smallOrg(override as never)));
      expect(err.code, message).to.equal('invalid-input');
      expect(err.message).to.contain(message);
    }
  });
});
