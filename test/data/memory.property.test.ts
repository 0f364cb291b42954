import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ReferenceSource } from '../../bench/reference.js';
import { generateDemoData } from '../../src/data/demo-data.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import { OTHERS_KEY, type Allocation, type UsageQuery, type UsageRow } from '../../src/data/types.js';
import { smallOrg, ev } from './fixtures.js';

const total = (a: Allocation) => a.workspaces.reduce((s, w) => s + w.remaining + w.used, 0) + a.usedByDeleted;

type Op =
  | { kind: 'transfer'; from: string; to: string; amount: number; key?: string }
  | { kind: 'delete'; id: string }
  | { kind: 'mode'; mode: 'shared-pool' | 'workspace-budget' };

const ids = ['p', 'a', 'b', 'c', 'd'];
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({
    kind: fc.constant('transfer' as const),
    from: fc.constantFrom(...ids),
    to: fc.constantFrom(...ids),
    amount: fc.oneof(fc.integer({ min: -10, max: 9000 }), fc.double({ min: 0, max: 5000, noNaN: true })),
    key: fc.option(fc.constantFrom('k1', 'k2', 'k3'), { nil: undefined }),
  }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...ids) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mode' as const), mode: fc.constantFrom('shared-pool' as const, 'workspace-budget' as const) }) },
);

describe('MemoryDataSource: allocation rules hold over random sequences (fast-check)', () => {
  it('conserves credits, never overdraws by transfer, and a refusal changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const src = new MemoryDataSource(
          smallOrg(
            {
              workspaces: [
                { id: 'p', name: 'P', kind: 'team', primary: true },
                { id: 'a', name: 'A', kind: 'team', allocated: 2000 },
                { id: 'b', name: 'B', kind: 'personal', allocated: 3000 },
                { id: 'c', name: 'C', kind: 'team', allocated: 0 },
                { id: 'd', name: 'D', kind: 'team', allocated: 1000 },
              ],
            },
            [ev(0, 700, 'm1', 'a'), ev(0, 300, 'm2', 'p'), ev(0, 1000, 'm1', 'd')],
          ),
        );
        const usedKeys = new Map<string, string>();
        for (const o of ops) {
          const before = await src.getAllocation();
          let after: Allocation | undefined;
          try {
            if (o.kind === 'transfer') {
              after = await src.transferCredits({ fromWorkspaceId: o.from, toWorkspaceId: o.to, amount: o.amount, idempotencyKey: o.key });
            } else if (o.kind === 'delete') after = await src.deleteWorkspace(o.id);
            else after = await src.setCreditMode(o.mode);
          } catch (error) {
            // A refusal is a DataSourceError and leaves everything as it was.
            expect((error as { name: string }).name).to.equal('DataSourceError');
            expect(await src.getAllocation()).to.deep.equal(before);
            continue;
          }
          expect(total(after)).to.be.closeTo(10_000, 1e-6);
          const primary = after.workspaces.find((w) => w.primary)!;
          expect(primary.id).to.equal('p');
          if (o.kind === 'transfer') {
            const src0 = before.workspaces.find((w) => w.id === o.from)!;
            const fingerprint = `${o.from}>${o.to}:${o.amount}`;
            const repeat = o.key !== undefined && usedKeys.get(o.key) === fingerprint;
            if (o.key !== undefined) usedKeys.set(o.key, fingerprint);
            if (repeat) {
              expect(after).to.deep.equal(before);
            } else {
              // Only a valid transfer can have succeeded.
              expect(before.mode).to.equal('workspace-budget');
              expect(o.amount).to.be.greaterThan(0);
              expect(o.from).not.to.equal(o.to);
              expect(o.amount).to.be.at.most(src0.remaining + 1e-9);
              const fromAfter = after.workspaces.find((w) => w.id === o.from)!;
              const toAfter = after.workspaces.find((w) => w.id === o.to)!;
              const toBefore = before.workspaces.find((w) => w.id === o.to)!;
              expect(fromAfter.remaining).to.be.closeTo(src0.remaining - o.amount, 1e-6);
              expect(toAfter.remaining).to.be.closeTo(toBefore.remaining + o.amount, 1e-6);
              expect(fromAfter.remaining).to.be.at.least(-1e-6);
            }
          }
          if (o.kind === 'delete') {
            const gone = before.workspaces.find((w) => w.id === o.id)!;
            expect(after.workspaces.some((w) => w.id === o.id)).to.equal(false);
            const p0 = before.workspaces.find((w) => w.primary)!;
            const returned = before.mode === 'shared-pool' ? 0 : gone.remaining;
            expect(primary.remaining).to.be.closeTo(p0.remaining + returned, 1e-6);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('MemoryDataSource answers as the straightforward reference does', () => {
  const data = generateDemoData({ seed: 7, members: 30, workspaces: 7, months: 4, now: Date.UTC(2026, 10, 20, 15), timeZone: 'Europe/London', billingCycleDay: 30 });
  const memory = new MemoryDataSource(data);
  const reference = new ReferenceSource(data);
  const sortRows = (rows: UsageRow[]) => [...rows].sort((a, b) => (a.period + a.key < b.period + b.key ? -1 : 1));
  const dates = fc.integer({ min: 0, max: 140 }).map((d) => new Date(Date.UTC(2026, 6, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const query: fc.Arbitrary<UsageQuery> = fc
    .record({
      a: dates,
      b: dates,
      granularity: fc.constantFrom('day' as const, 'month' as const, 'total' as const),
      groupBy: fc.option(fc.constantFrom('member' as const, 'workspace' as const, 'workspaceKind' as const, 'reason' as const), { nil: undefined }),
      reasons: fc.option(fc.subarray(['chat', 'image', 'speech', 'ocr', 'workflow'], { minLength: 1 }), { nil: undefined }),
      kinds: fc.option(fc.subarray(['team', 'personal'], { minLength: 1 }), { nil: undefined }),
      top: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    })
    .map(({ a, b, granularity, groupBy, reasons, kinds, top }) => {
      const q: UsageQuery = { start: a < b ? a : b, end: a < b ? b : a, granularity };
      if (groupBy) q.groupBy = groupBy;
      if (groupBy && top) q.top = top;
      if (reasons || kinds) q.filter = { ...(reasons ? { reason: reasons } : {}), ...(kinds ? { workspaceKind: kinds } : {}) };
      return q;
    });

  it('for random ranges, granularities, groupings, filters and top N', async () => {
    expect(memory.eventCount).to.be.greaterThan(3000);
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const got = (await memory.queryUsage(q)).rows;
        const want = reference.queryUsage(q);
        if (q.top === undefined) {
          expect(sortRows(got)).to.deep.equal(sortRows(want));
          return;
        }
        // With top N, ties at the cut may pick different groups: compare what cannot differ.
        const perPeriod = (rows: UsageRow[]) => {
          const m = new Map<string, number>();
          for (const r of rows) m.set(r.period, (m.get(r.period) ?? 0) + r.credits);
          return [...m].sort();
        };
        expect(perPeriod(got)).to.deep.equal(perPeriod(want));
        const named = new Set(got.filter((r) => r.key !== OTHERS_KEY).map((r) => r.key));
        expect(named.size).to.be.at.most(q.top);
        const full = reference.queryUsage({ ...q, top: undefined });
        for (const r of got.filter((row) => row.key !== OTHERS_KEY)) {
          expect(full).to.deep.include(r);
        }
      }),
      { numRuns: 200 },
    );
  });
});
