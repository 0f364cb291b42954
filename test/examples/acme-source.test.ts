/**
 * The examples' adapter, checked the way docs/adapters.md tells a host to
 * check theirs: the same data through `MemoryDataSource` (the reference
 * behaviour) and through `AcmeSource`, the same queries, the same answers
 * (ignoring `refreshedAt` and the order of rows).
 */
import { expect } from '@open-wc/testing';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { Dimension, Granularity, MemberQuery, MemberUsage, UsageFilter, UsageQuery, UsageResult } from '../../src/data/types.js';
import { validateAllocation, validateMemberPage, validateUsageResult } from '../../src/data/validate.js';
import { ACME_ACCOUNT, ACME_MEMBERS, ACME_TOTAL_CREDITS, ACME_USAGE, ACME_WORKSPACES, AcmeSource } from '../../examples/shared/acme-source.js';

const acme = new AcmeSource();
const reference = new MemoryDataSource({
  account: structuredClone(ACME_ACCOUNT),
  members: ACME_MEMBERS.map((m) => ({ ...m })),
  workspaces: ACME_WORKSPACES.map((w) => ({ ...w })),
  // Noon in Berlin (UTC+2 until late October) on the record's day.
  events: ACME_USAGE.map((r) => ({ time: `${r.date}T10:00:00Z`, credits: r.credits, memberId: r.member, workspaceId: r.workspace, reason: r.reason })),
  totalCredits: ACME_TOTAL_CREDITS,
  mode: 'workspace-budget',
});

const RANGES = [
  { start: '2026-10-01', end: '2026-10-31' },
  { start: '2026-10-14', end: '2026-10-20' },
  { start: '2025-11-01', end: '2026-10-31' },
  { start: '2026-10-21', end: '2026-10-31' },
];
const FILTERS: (UsageFilter | undefined)[] = [undefined, { reason: ['chat'] }, { workspaceKind: ['team'], member: ['m-ana', 'm-ben'] }, { workspace: [] }];
const GRANULARITIES: Granularity[] = ['day', 'month', 'total'];
const GROUPS: (Dimension | undefined)[] = [undefined, 'member', 'workspace', 'workspaceKind', 'reason'];

/** Rows in one order, so answers compare regardless of how each source listed them. */
function sorted(result: UsageResult) {
  return [...result.rows].sort((a, b) => `${a.period}|${a.key}`.localeCompare(`${b.period}|${b.key}`));
}

describe('examples: AcmeSource', () => {
  it('answers every usage query as the reference does, and validly', async () => {
    let compared = 0;
    for (const range of RANGES) {
      for (const granularity of GRANULARITIES) {
        for (const groupBy of GROUPS) {
          for (const filter of FILTERS) {
            for (const top of groupBy ? [undefined, 1, 2] : [undefined]) {
              const query: UsageQuery = { ...range, granularity };
              if (groupBy) query.groupBy = groupBy;
              if (filter) query.filter = filter;
              if (top) query.top = top;
              const where = JSON.stringify(query);
              const [ours, theirs] = await Promise.all([acme.queryUsage(query), reference.queryUsage(query)]);
              validateUsageResult(ours, query, { where }, { billingCycleDay: 1, reasons: ACME_ACCOUNT.reasons.map((r) => r.id) });
              expect(sorted(ours), where).to.deep.equal(sorted(theirs));
              for (const { key } of ours.rows) if (key !== null) expect(ours.labels[key], `${where} label of ${key}`).to.be.a('string').and.not.equal('');
              compared++;
            }
          }
        }
      }
    }
    expect(compared).to.equal(RANGES.length * GRANULARITIES.length * FILTERS.length * (1 + 4 * 3));
  });

  it('pages, sorts and searches members as the reference does', async () => {
    const sorts = ['total', 'member', 'chat', 'image', 'speech'];
    for (const range of RANGES) {
      for (const sort of sorts) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const extra of [{}, { search: 'ACME.test' }, { search: 'chen' }, { filter: { reason: ['image'] } }, { offset: 1, limit: 2 }]) {
            const query: MemberQuery = { ...range, sort, direction, offset: 0, limit: 10, ...extra };
            const where = JSON.stringify(query);
            const [ours, theirs] = await Promise.all([acme.queryMembers(query), reference.queryMembers(query)]);
            validateMemberPage(ours, query, { where });
            expect(ours.total, where).to.equal(theirs.total);
            // Ties may come in either order: compare who is on the page, and the sorted values in page order.
            expect(ours.members.map((m) => m.id).sort(), where).to.deep.equal(theirs.members.map((m) => m.id).sort());
            const sortValue = (m: MemberUsage) => (sort === 'total' ? m.total : sort === 'member' ? (m.email ?? m.name ?? m.id) : m.byReason[sort]);
            expect(ours.members.map(sortValue), where).to.deep.equal(theirs.members.map(sortValue));
            const byId = new Map(theirs.members.map((m) => [m.id, m]));
            for (const member of ours.members) expect(member, `${where} ${member.id}`).to.deep.equal(byId.get(member.id));
          }
        }
      }
    }
  });

  it('reports the allocation the reference computes from the same workspaces and usage', async () => {
    const [ours, theirs] = await Promise.all([acme.getAllocation(), reference.getAllocation()]);
    validateAllocation(ours, { where: 'getAllocation' });
    const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect({ ...ours, workspaces: byId(ours.workspaces) }).to.deep.equal({ ...theirs, workspaces: byId(theirs.workspaces) });
    expect(ours.workspaces.reduce((sum, w) => sum + w.remaining, 0)).to.equal(1815);
  });

  it('rejects when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let error: unknown;
    try {
      await acme.queryUsage({ start: '2026-10-01', end: '2026-10-31', granularity: 'day' }, controller.signal);
    } catch (e) {
      error = e;
    }
    expect((error as Error | undefined)?.name).to.equal('AbortError');
  });
});
