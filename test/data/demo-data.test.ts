import { expect } from '@open-wc/testing';
import { generateDemoData } from '../../src/data/demo-data.js';
import { MemoryDataSource } from '../../src/data/memory.js';

const now = Date.UTC(2026, 10, 20, 20);

describe('generateDemoData', () => {
  it('is deterministic: the same options give the same data, another seed other data', () => {
    const a = generateDemoData({ seed: 5, members: 12, months: 2, now });
    const b = generateDemoData({ seed: 5, members: 12, months: 2, now });
    const c = generateDemoData({ seed: 6, members: 12, months: 2, now });
    expect(a).to.deep.equal(b);
    expect(a.events).not.to.deep.equal(c.events);
  });

  it('describes a plausible organisation the memory adapter accepts', async () => {
    const data = generateDemoData({ seed: 11, members: 80, workspaces: 9, months: 6, now });
    const source = new MemoryDataSource(data);
    const allocation = await source.getAllocation();
    // A primary, team and personal workspaces, one exhausted (usage blocked).
    expect(allocation.workspaces.filter((w) => w.primary)).to.have.length(1);
    expect(allocation.workspaces.some((w) => w.kind === 'personal')).to.equal(true);
    expect(allocation.workspaces.filter((w) => !w.primary && w.kind === 'team').length).to.be.greaterThan(2);
    const blocked = allocation.workspaces.filter((w) => w.blocked);
    expect(blocked.map((w) => w.remaining)).to.deep.equal([0]);
    // The five reasons, all used.
    expect(data.account.reasons.map((r) => r.id)).to.deep.equal(['chat', 'image', 'speech', 'ocr', 'workflow']);
    const byReason = await source.queryUsage({ start: '2026-05-01', end: '2026-11-20', granularity: 'total', groupBy: 'reason' });
    expect(byReason.rows).to.have.length(5);
    // Some members known only by name or by id.
    expect(data.members.some((m) => !m.email && m.name)).to.equal(true);
    expect(data.members.some((m) => !m.email && !m.name)).to.equal(true);
    // Some members run close to their daily limit.
    const page = await source.queryMembers({ start: '2026-10-21', end: '2026-11-20', sort: 'total', direction: 'desc', offset: 0, limit: 200 });
    const near = page.members.filter((m) => m.dailyLimit && m.peakDaily! >= 0.8 * m.dailyLimit);
    expect(near.length).to.be.greaterThan(0);
    // Every event lies within the months asked for, up to now.
    const times = data.events.map((e) => e.time as number);
    expect(Math.max(...times)).to.be.at.most(now);
    expect(Math.min(...times)).to.be.at.least(now - 6 * 31 * 86_400_000);
  });

  it('has a weekday rhythm and a few spikes', async () => {
    const data = generateDemoData({ seed: 3, members: 50, months: 3, now, timeZone: 'UTC' });
    const source = new MemoryDataSource(data);
    const days = (await source.queryUsage({ start: '2026-08-24', end: '2026-11-15', granularity: 'day' })).rows;
    const weekday = (d: string) => new Date(d + 'T00:00:00Z').getUTCDay();
    const avg = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
    const weekdays = days.filter((r) => weekday(r.period) % 6 !== 0).map((r) => r.credits);
    const weekends = days.filter((r) => weekday(r.period) % 6 === 0).map((r) => r.credits);
    expect(avg(weekdays)).to.be.greaterThan(2.5 * avg(weekends));
    expect(Math.max(...weekdays)).to.be.greaterThan(1.8 * avg(weekdays));
  });

  it('makes about as many events as asked for, and none when empty', async () => {
    const many = generateDemoData({ seed: 1, members: 300, months: 3, events: 50_000, now });
    expect(many.events.length).to.be.within(42_000, 58_000);
    const empty = generateDemoData({ seed: 1, members: 5, empty: true, now });
    expect(empty.events).to.deep.equal([]);
    expect(() => new MemoryDataSource(empty)).not.to.throw();
    // An organisation that has used nothing yet: no usage, every credit still there.
    const source = new MemoryDataSource(empty);
    const usage = await source.queryUsage({ start: '2026-08-01', end: '2026-11-20', granularity: 'day' });
    expect(usage.rows).to.deep.equal([]);
    const allocation = await source.getAllocation();
    expect(allocation.workspaces.map((w) => w.used)).to.deep.equal(allocation.workspaces.map(() => 0));
    expect(allocation.workspaces.reduce((s, w) => s + w.remaining, 0)).to.equal(allocation.totalCredits);
    expect(allocation.totalCredits).to.be.greaterThan(0);
  });

  it('refuses nonsense sizes', () => {
    expect(() => generateDemoData({ members: 0 })).to.throw(RangeError, 'members must be a whole number ≥ 1, got 0');
    expect(() => generateDemoData({ workspaces: 1.5 })).to.throw(RangeError, 'workspaces');
  });
});
