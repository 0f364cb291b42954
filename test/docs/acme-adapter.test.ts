/**
 * The example adapter of docs/adapters.md (docs/examples/acme-adapter.ts)
 * works: over an msw-served Acme API it answers every query exactly like a
 * `MemoryDataSource` fed the same events, passes the boundary validation
 * (`guardSource`), maps Acme's faults, aborts and failures to
 * `DataSourceError`s, and drives a whole dashboard. The page shows the
 * file as it is.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import '../../src/index.js';
import { AcmeDataSource } from '../../docs/examples/acme-adapter.js';
import { checkAdapter } from '../../docs/examples/check-adapter.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import { isDataSourceError } from '../../src/data/errors.js';
import { guardSource } from '../../src/data/guard.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import {
  OTHERS_KEY,
  type CreditDataSource,
  type Dimension,
  type Granularity,
  type MemberQuery,
  type UsageQuery,
  type UsageResult,
} from '../../src/data/types.js';
import { mockWorker } from '../msw.js';
import { acmeHandlers, asMemoryInput, type AcmeEvent, type AcmeWorld, type RequestLog } from './acme-server.js';
import { blocksUnder, dashboardReady, page, source, until } from './helpers.js';

const BASE = '/acme/v2';
const TOKEN = 'acme-token-1';

/**
 * An organisation in New York (DST starts 2024-03-10) with billing periods
 * anchored on the 31st (so they start on the last day of short months), five
 * users with usage from 20 Feb to 9 Apr 2024 and one with usage only around
 * midnight on the DST day, three spaces and three meters — amounts in
 * quarter credits, so sums are exact on both sides.
 */
function world(): AcmeWorld {
  const users = [
    { user_id: 'u_ana', email: 'ana@acme.example', full_name: 'Ana Costa', daily_cap_mc: null },
    { user_id: 'u_ben', email: null, full_name: 'Ben Ito', daily_cap_mc: 40_000 },
    { user_id: 'u_chen', email: 'chen@acme.example', full_name: null, daily_cap_mc: null },
    { user_id: 'u_dana', email: 'dana@acme.example', full_name: 'Dana Dubois', daily_cap_mc: 25_500 },
    { user_id: 'u_emil', email: 'emil@acme.example', full_name: 'Emil Eriksen', daily_cap_mc: null },
  ];
  const nightOwl = { user_id: 'u_owl', email: 'owl@acme.example', full_name: null, daily_cap_mc: null };
  const spaces = [
    { id: 'sp_main', label: 'Main', type: 'SHARED' as const, is_default: true, budget_mc: 0 },
    { id: 'sp_research', label: 'Research', type: 'SHARED' as const, is_default: false, budget_mc: 2_000_000 },
    { id: 'sp_dana', label: 'Dana’s space', type: 'PRIVATE' as const, is_default: false, budget_mc: 500_000 },
  ];
  const meters = ['chat', 'image', 'speech'];
  const events: AcmeEvent[] = [];
  for (let day = 0; day < 50; day++) {
    users.forEach((u, m) => {
      if ((day + m) % 3 === 0) return;
      const space = u.user_id === 'u_dana' ? 'sp_dana' : spaces[(day + m) % 2].id;
      const quarters = 4 + ((day * 7 + m * 13) % 37) + m * 3;
      events.push({
        at: Date.UTC(2024, 1, 20 + day, (day * 5 + m * 7) % 24, 30),
        mc: quarters * 250,
        user: u.user_id,
        space,
        meter: meters[(day * (m + 1) + m) % 3],
      });
    });
  }
  // Around New York's midnights on the DST day: 9 Mar 23:59 EST, 10 Mar 00:00 EST, 10 Mar 23:59 EDT, 11 Mar 00:00 EDT.
  for (const [at, mc] of [
    ['2024-03-10T04:59:00Z', 1250],
    ['2024-03-10T05:00:00Z', 2500],
    ['2024-03-11T03:59:00Z', 5000],
    ['2024-03-11T04:00:00Z', 10_000],
  ] as const) {
    events.push({ at: Date.parse(at), mc, user: nightOwl.user_id, space: 'sp_research', meter: 'speech' });
  }
  return {
    token: TOKEN,
    org: {
      display_name: 'Acme Rockets',
      tz: 'America/New_York',
      billing_anchor_day: 31,
      included_mc_per_month: 6_000_000,
      daily_cap_mc: null,
      meters: [
        { code: 'chat', title: 'Chat' },
        { code: 'image', title: 'Image' },
        { code: 'speech', title: 'Speech' },
      ],
      viewer_role: 'ADMIN',
    },
    users: [...users, nightOwl],
    spaces,
    events: events.sort((a, b) => a.at - b.at),
    org_total_mc: 20_000_000,
    now: Date.UTC(2024, 3, 10, 12) / 1000,
  };
}

const worker = mockWorker();

let log: RequestLog;
let acme: AcmeDataSource;
let memory: MemoryDataSource;
/** What the elements read through: both sources behind the boundary validation. */
let guardedAcme: CreditDataSource;
let guardedMemory: CreditDataSource;

beforeEach(async () => {
  const w = world();
  log = [];
  worker.resetHandlers(...acmeHandlers(BASE, w, log));
  acme = new AcmeDataSource({ baseUrl: BASE, getToken: () => TOKEN });
  memory = new MemoryDataSource(asMemoryInput(w));
  guardedAcme = guardSource(acme);
  guardedMemory = guardSource(memory);
  // The guard checks usage answers against the account it read.
  await guardedAcme.getAccount();
  await guardedMemory.getAccount();
});

/** Rows in one order (the contract does not fix it), without `refreshedAt`. */
const comparable = ({ rows, labels }: UsageResult) => ({
  rows: [...rows].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : String(a.key) < String(b.key) ? -1 : 1)),
  labels,
});

async function sameUsage(query: UsageQuery) {
  const expected = comparable(await guardedMemory.queryUsage(query));
  const actual = comparable(await guardedAcme.queryUsage(query));
  expect(actual, JSON.stringify(query)).to.deep.equal(expected);
  return expected;
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (!isDataSourceError(error)) throw error;
    return error;
  }
  throw new Error('expected the call to be refused');
}

describe('docs: the Acme example adapter', () => {
  describe('answers like the memory adapter given the same events', () => {
    it('maps the account', async () => {
      const account = await guardedAcme.getAccount();
      expect(account).to.deep.equal(await guardedMemory.getAccount());
      expect(account).to.include({ timeZone: 'America/New_York', billingCycleDay: 31, monthlyAllowance: 6000, role: 'admin' });
      expect(account).to.not.have.property('dailyLimit');
    });

    const RANGE = { start: '2024-02-25', end: '2024-04-05' };
    const groupings: (Dimension | undefined)[] = [undefined, 'member', 'workspace', 'workspaceKind', 'reason'];
    for (const granularity of ['day', 'month', 'total'] as Granularity[]) {
      it(`answers usage by ${granularity}, ungrouped and by every dimension, with and without top`, async () => {
        for (const groupBy of groupings) {
          const { rows } = await sameUsage({ ...RANGE, granularity, ...(groupBy ? { groupBy } : {}) });
          expect(rows.length).to.be.greaterThan(0);
          if (groupBy) await sameUsage({ ...RANGE, granularity, groupBy, top: 2 });
        }
      });
    }

    it('names billing months anchored on the 31st like the memory adapter (periods start on 29 Feb, 31 Mar)', async () => {
      const { rows } = await sameUsage({ ...RANGE, granularity: 'month' });
      expect(rows.map((r) => r.period)).to.deep.equal(['2024-01', '2024-02', '2024-03']);
    });

    it('counts days in the account time zone across the DST change', async () => {
      const { rows } = await sameUsage({ start: '2024-03-08', end: '2024-03-12', granularity: 'day', filter: { member: ['u_owl'] } });
      // 23:59 EST on the 9th; 00:00 EST and 23:59 EDT on the 10th (a 23-hour day); 00:00 EDT on the 11th.
      expect(rows).to.deep.equal([
        { period: '2024-03-09', key: null, credits: 1.25 },
        { period: '2024-03-10', key: null, credits: 7.5 },
        { period: '2024-03-11', key: null, credits: 10 },
      ]);
    });

    it('top N: the largest groups over the range, the rest in Others per period', async () => {
      const { rows, labels } = await sameUsage({ ...RANGE, granularity: 'day', groupBy: 'member', top: 3 });
      const keys = new Set(rows.map((r) => r.key));
      expect(keys.size).to.equal(4);
      expect(keys.has(OTHERS_KEY)).to.equal(true);
      expect(labels[OTHERS_KEY]).to.equal('Others');
      // The data has no ties between groups, so both sides must pick the same three.
      const totals = (await guardedMemory.queryUsage({ ...RANGE, granularity: 'total', groupBy: 'member' })).rows.map((r) => r.credits);
      expect(new Set(totals).size).to.equal(totals.length);
    });

    it('applies filters, each dimension and combined; an empty list matches nothing without asking Acme', async () => {
      for (const filter of [
        { member: ['u_ana', 'u_chen'] },
        { workspace: ['sp_dana'] },
        { workspaceKind: ['personal'] },
        { workspaceKind: ['team', 'personal'], reason: ['image'] },
        { member: ['u_emil'], reason: ['chat', 'speech'], workspace: ['sp_main'] },
      ]) {
        await sameUsage({ ...RANGE, granularity: 'day', groupBy: 'reason', filter });
      }
      const before = log.length;
      const { rows } = await sameUsage({ ...RANGE, granularity: 'day', filter: { member: [] } });
      expect(rows).to.deep.equal([]);
      expect(log.length).to.equal(before);
    });

    it('pages, sorts and searches members', async () => {
      const members = async (q: Partial<MemberQuery>) => {
        const query: MemberQuery = { ...RANGE, sort: 'total', direction: 'desc', offset: 0, limit: 10, ...q };
        const expected = await guardedMemory.queryMembers(query);
        expect(await guardedAcme.queryMembers(query), JSON.stringify(q)).to.deep.equal(expected);
        return expected;
      };
      const all = await members({});
      expect(all.total).to.equal(6);
      expect(all.members.find((m) => m.id === 'u_ben')).to.include({ name: 'Ben Ito', dailyLimit: 40 }).and.not.have.property('email');
      await members({ direction: 'asc' });
      await members({ sort: 'member', direction: 'asc' });
      await members({ sort: 'member', direction: 'desc' });
      await members({ sort: 'image', direction: 'desc' });
      await members({ sort: 'speech', direction: 'asc', offset: 1, limit: 2 });
      expect((await members({ search: 'AN' })).total).to.equal(2); // ana@…, Dana Dubois
      await members({ filter: { workspaceKind: ['team'], reason: ['chat'] } });
      await members({ offset: 2, limit: 2 });
      expect((await members({ offset: 7 })).members).to.deep.equal([]);
      expect((await members({ filter: { reason: [] } })).total).to.equal(0);
    });

    it('maps the spaces to the allocation', async () => {
      const allocation = await guardedAcme.getAllocation();
      expect(allocation).to.deep.equal(await guardedMemory.getAllocation());
      expect(allocation.primaryWorkspaceId).to.equal('sp_main');
    });

    it('transfers credits like the memory adapter, idempotently', async () => {
      const move = { fromWorkspaceId: 'sp_main', toWorkspaceId: 'sp_research', amount: 250.5, idempotencyKey: 'move-1' };
      const after = await guardedAcme.transferCredits!(move);
      expect(after).to.deep.equal(await guardedMemory.transferCredits!(move));
      // A retried attempt with the same key moves nothing more.
      expect(await guardedAcme.transferCredits!(move)).to.deep.equal(after);
      expect(await guardedMemory.transferCredits!(move)).to.deep.equal(after);
      expect(log.filter((l) => l.startsWith('POST /budget-moves'))).to.have.length(2);
    });

    it('refuses transfers with the contract’s codes', async () => {
      const codes = async (from: string, to: string, amount: number) => {
        const a = await refusal(guardedAcme.transferCredits!({ fromWorkspaceId: from, toWorkspaceId: to, amount }));
        const m = await refusal(guardedMemory.transferCredits!({ fromWorkspaceId: from, toWorkspaceId: to, amount }));
        expect(a.code).to.equal(m.code);
        return a;
      };
      const low = await codes('sp_dana', 'sp_main', 5000);
      expect(low).to.include({ code: 'insufficient-credits', status: 409, endpoint: 'POST /budget-moves' });
      expect(low.message).to.match(/^Dana’s space has only [\d.]+ credits left\.$/);
      expect((await codes('sp_main', 'nowhere', 5)).code).to.equal('unknown-workspace');
      expect((await codes('sp_main', 'sp_main', 5)).code).to.equal('same-workspace');
      expect((await codes('sp_main', 'sp_dana', -5)).code).to.equal('invalid-amount');
      // Acme moves whole millicredits: refused before anything is sent.
      const before = log.length;
      expect((await refusal(acme.transferCredits({ fromWorkspaceId: 'sp_main', toWorkspaceId: 'sp_dana', amount: 0.0005 }))).code).to.equal('invalid-amount');
      expect(log.length).to.equal(before);
    });
  });

  describe('failures become DataSourceErrors', () => {
    it('maps a rejected token, Acme faults, gateway pages and network failures', async () => {
      const stranger = new AcmeDataSource({ baseUrl: BASE, getToken: () => 'expired' });
      expect(await refusal(stranger.getAccount())).to.include({ code: 'unauthorized', status: 401, message: 'Sign in again.' });

      worker.use(http.get(`${BASE}/spaces`, () => HttpResponse.json({ fault: { kind: 'SLOW_DOWN', detail: 'Easy.' } }, { status: 429 }), { once: true }));
      expect(await refusal(acme.getAllocation())).to.include({ code: 'rate-limited', message: 'Easy.' });

      worker.use(http.get(`${BASE}/spaces`, () => new HttpResponse('<html>Bad gateway</html>', { status: 502 }), { once: true }));
      expect(await refusal(acme.getAllocation())).to.include({ code: 'invalid-response', status: 502 });

      worker.use(http.get(`${BASE}/spaces`, () => HttpResponse.json({}, { status: 503 }), { once: true }));
      expect(await refusal(acme.getAllocation())).to.include({ code: 'server', status: 503, retryable: true });

      worker.use(http.get(`${BASE}/spaces`, () => HttpResponse.error(), { once: true }));
      expect(await refusal(acme.getAllocation())).to.include({ code: 'network', retryable: true });
    });

    it('aborts a request in flight, and does not send one whose signal already fired', async () => {
      worker.use(
        http.get(`${BASE}/spaces`, async () => {
          await delay(2000);
          return HttpResponse.json({});
        }),
      );
      const controller = new AbortController();
      const pending = acme.getAllocation(controller.signal);
      setTimeout(() => controller.abort(), 50);
      expect((await refusal(pending)).code).to.equal('aborted');
      const before = log.length;
      expect((await refusal(acme.getAccount(AbortSignal.abort()))).code).to.equal('aborted');
      expect(log.length).to.equal(before);
    });

    it('a wrong Acme answer is caught at the boundary, naming the field', async () => {
      worker.use(
        http.post(`${BASE}/usage/aggregate`, () => HttpResponse.json({ buckets: [{ start: '2024-03-01', group: null, mc: 'twelve' }], names: {}, computed_at: 0 }), { once: true }),
      );
      const error = await refusal(guardedAcme.queryUsage({ start: '2024-03-01', end: '2024-03-02', granularity: 'day' }));
      expect(error).to.include({ code: 'invalid-response', field: 'rows[0].credits' });
      expect(error.message).to.equal('queryUsage: rows[0].credits must be a finite number ≥ 0, got NaN');
    });
  });

  it('drives a whole dashboard', async () => {
    const dashboard = await fixture<CreditDashboard>(
      html`<credit-dashboard locale="en-US" range="2024-03-01/2024-03-31" .now=${Date.UTC(2024, 3, 10, 12)} .dataSource=${acme}></credit-dashboard>`,
    );
    await until(() => dashboardReady(dashboard, 8), 'every panel loaded', 15_000);
    const states = [...dashboard.shadowRoot!.querySelectorAll('[state]')].map((p) => `${p.localName}:${p.getAttribute('state')}`);
    expect(states.every((s) => s.endsWith(':ready')), states.join(', ')).to.equal(true);
  });

  it('passes the documented checkAdapter; a broken answer fails it naming the field', async () => {
    await checkAdapter(acme, { start: '2024-03-01', end: '2024-03-31' });
    worker.use(
      http.get(`${BASE}/usage/users`, () =>
        HttpResponse.json({ users: [{ user_id: 'u_ana', email: null, full_name: null, per_meter_mc: {}, total_mc: -5, peak_day_mc: 0, daily_cap_mc: null }], matched: 1 }),
      ),
    );
    const error = await refusal(checkAdapter(acme, { start: '2024-03-01', end: '2024-03-31' }));
    expect(error).to.include({ code: 'invalid-response', field: 'members[0].total' });
    expect(error.message).to.equal('queryMembers: members[0].total must be a finite number ≥ 0, got -0.005');
  });

  describe('docs/adapters.md shows the example files as they are', () => {
    const shown = (file: string) => file.replace("from '../../src/data/index.js'", "from 'credit-usage-elements/data'");
    for (const [file, heading] of [
      ['docs/examples/acme-adapter.ts', 'A complete example: the Acme adapter'],
      ['docs/examples/check-adapter.ts', 'Testing your adapter'],
    ]) {
      it(file, async () => {
        const text = shown(await source(file));
        const blocks = blocksUnder(await page('docs/adapters.md'), heading, 'ts');
        expect(blocks.some((b) => `${b.code}\n` === text), `the page shows ${file} under "${heading}"`).to.equal(true);
      });
    }
  });
});
