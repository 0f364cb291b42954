/**
 * Malformed adapter answers, table-driven: every panel that reads the method
 * mounts standalone on a source that gives the bad answer, and must end in
 * the error state with a message naming the field, nothing uncaught reaching
 * `window`, and a Retry that works once the source answers well again.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { OTHERS_KEY } from '../../src/core/series.js';
import type {
  AccountInfo,
  Allocation,
  CreditDataSource,
  MemberPage,
  MemberQuery,
  UsageQuery,
  UsageResult,
} from '../../src/data/types.js';
import { readOnly } from '../data/fixtures.js';
import {
  errorText,
  goodSource,
  mountPanels,
  panelsUsing,
  reached,
  retryButton,
  settled,
  shadowText,
  stateOf,
  watchWindow,
  type Method,
  type Panel,
} from './helpers.js';

type Query = UsageQuery | MemberQuery | undefined;
/* eslint-disable @typescript-eslint/no-explicit-any -- the point is to break the types */
type Loose = any;

interface Case {
  name: string;
  method: Method;
  /** Turns a good answer (a private copy) into the bad one; may return a new value. */
  bad: (good: Loose, query: Loose) => unknown;
  /** What the message must contain: the field path (and for unknown fields, the name). */
  names: (query: Loose) => string[];
}

const TEN_MB = 10 * 1024 * 1024;

/** A period of the query's granularity that lies outside its range. */
function outside(q: UsageQuery): string {
  if (q.granularity === 'day') return '2030-01-15';
  if (q.granularity === 'month') return '2030-01';
  return '2026-10-01'; // a total answer has only the period "total"
}

/** A key for rows[0] that the query cannot have: a group nobody declared. */
function unknownGroup(q: UsageQuery): { key: string; names: string[] } {
  if (q.groupBy === undefined) return { key: 'ghost', names: ['rows[0].key', 'must be null'] };
  if (q.groupBy === 'reason') return { key: 'teleport', names: ['rows[0].key', 'reasons'] };
  if (q.groupBy === 'workspaceKind') return { key: 'ghost', names: ['rows[0].key', '"team"'] };
  return { key: 'ghost', names: ['labels.ghost'] }; // a workspace or member without a label
}

const usage = (name: string, bad: Case['bad'], names: Case['names']): Case => ({ name, method: 'queryUsage', bad, names });
const account = (name: string, bad: (a: Loose) => unknown, ...names: string[]): Case => ({ name, method: 'getAccount', bad, names: () => names });
const allocation = (name: string, bad: (a: Loose) => unknown, ...names: string[]): Case => ({ name, method: 'getAllocation', bad, names: () => names });
const members = (name: string, bad: (p: Loose, q: Loose) => unknown, ...names: string[]): Case => ({ name, method: 'queryMembers', bad, names: () => names });

const set = <T,>(target: T, mutate: (t: T) => void): T => {
  mutate(target);
  return target;
};
const nonPrimary = (a: Allocation) => a.workspaces.findIndex((w) => !w.primary);

const CASES: Case[] = [
  // ---------------------------------------------------------------- getAccount
  account('account: null', () => null, 'account must be an object', 'null'),
  account('account: missing timeZone', (a) => set(a, (x) => delete x.timeZone), 'account.timeZone'),
  account('account: misspelt extra field', (a) => set(a, (x) => (x.timezone = 'UTC')), 'account has an unknown field "timezone"'),
  account('account: unknown time zone', (a) => set(a, (x) => (x.timeZone = 'Mars/Olympus_Mons')), 'account.timeZone'),
  account('account: billingCycleDay as a string', (a) => set(a, (x) => (x.billingCycleDay = '1')), 'account.billingCycleDay', '"1"'),
  account('account: billingCycleDay NaN', (a) => set(a, (x) => (x.billingCycleDay = NaN)), 'account.billingCycleDay', 'NaN'),
  account('account: billingCycleDay 32', (a) => set(a, (x) => (x.billingCycleDay = 32)), 'account.billingCycleDay'),
  account('account: monthlyAllowance Infinity', (a) => set(a, (x) => (x.monthlyAllowance = Infinity)), 'account.monthlyAllowance', 'Infinity'),
  account('account: monthlyAllowance 1e308', (a) => set(a, (x) => (x.monthlyAllowance = 1e308)), 'account.monthlyAllowance', 'at most'),
  account('account: negative dailyLimit', (a) => set(a, (x) => (x.dailyLimit = -5)), 'account.dailyLimit', '-5'),
  account('account: unit perCredit 0', (a) => set(a, (x) => (x.units[0].perCredit = 0)), 'account.units[0].perCredit'),
  account('account: reasons not a list', (a) => set(a, (x) => (x.reasons = { chat: 'Chat' })), 'account.reasons must be an array'),
  account('account: duplicate reason', (a) => set(a, (x) => x.reasons.push({ ...x.reasons[0] })), 'account.reasons[3].id repeats "chat"'),
  account('account: empty reason label', (a) => set(a, (x) => (x.reasons[1].label = '  ')), 'account.reasons[1].label must not be empty'),
  account('account: reserved reason id', (a) => set(a, (x) => (x.reasons[0].id = OTHERS_KEY)), 'account.reasons[0].id'),
  account('account: unknown role', (a) => set(a, (x) => (x.role = 'superuser')), 'account.role', '"superuser"'),

  // ---------------------------------------------------------------- queryUsage
  usage('usage: nothing at all', () => undefined, () => ['result must be an object', 'nothing']),
  usage('usage: rows missing', (r) => set(r, (x) => delete x.rows), () => ['rows must be an array']),
  usage('usage: rows null', (r) => set(r, (x) => (x.rows = null)), () => ['rows must be an array', 'null']),
  usage('usage: extra field on the result', (r) => set(r, (x) => (x.total = 5)), () => ['result has an unknown field "total"']),
  usage('usage: extra field on a row', (r) => set(r, (x) => (x.rows[0].colour = 'red')), () => ['rows[0] has an unknown field "colour"']),
  usage('usage: a row that is a string', (r) => set(r, (x) => (x.rows[0] = '2026-10-01,100')), () => ['rows[0] must be an object']),
  usage('usage: credits NaN', (r) => set(r, (x) => (x.rows[0].credits = NaN)), () => ['rows[0].credits', 'NaN']),
  usage('usage: credits Infinity', (r) => set(r, (x) => (x.rows[0].credits = Infinity)), () => ['rows[0].credits', 'Infinity']),
  usage('usage: credits -Infinity', (r) => set(r, (x) => (x.rows[0].credits = -Infinity)), () => ['rows[0].credits', '-Infinity']),
  usage('usage: negative credits', (r) => set(r, (x) => (x.rows[0].credits = -1)), () => ['rows[0].credits', '-1']),
  usage('usage: absurd credits 1e308', (r) => set(r, (x) => (x.rows[0].credits = 1e308)), () => ['rows[0].credits', 'at most']),
  usage('usage: credits as a string', (r) => set(r, (x) => (x.rows[0].credits = '100')), () => ['rows[0].credits', '"100"']),
  usage('usage: credits missing', (r) => set(r, (x) => delete x.rows[0].credits), () => ['rows[0].credits', 'nothing']),
  usage('usage: empty period', (r) => set(r, (x) => (x.rows[0].period = '')), () => ['rows[0].period must not be empty']),
  usage('usage: period outside the range', (r, q) => set(r, (x) => (x.rows[0].period = outside(q))), () => ['rows[0].period']),
  usage('usage: period as a number', (r) => set(r, (x) => (x.rows[0].period = 20261001)), () => ['rows[0].period must be a string']),
  usage('usage: duplicate row', (r) => set(r, (x) => x.rows.push({ ...x.rows[0] })), (q) => [`rows[${goodRows(q)}] repeats`]),
  usage(
    'usage: a key of the wrong type',
    (r, q) => set(r, (x) => (x.rows[0].key = q.groupBy === undefined ? 7 : null)),
    (q) => ['rows[0].key', q.groupBy === undefined ? 'must be null' : 'must be a string'],
  ),
  usage('usage: unknown reason, workspace or group', (r, q) => set(r, (x) => (x.rows[0].key = unknownGroup(q).key)), (q) => unknownGroup(q).names),
  usage('usage: labels not an object', (r) => set(r, (x) => (x.labels = ['Chat'])), () => ['labels must be an object']),
  usage('usage: a label that is a number', (r) => set(r, (x) => (x.labels.extra = 5)), () => ['labels.extra must be a string']),
  usage('usage: refreshedAt not an instant', (r) => set(r, (x) => (x.refreshedAt = 'yesterday')), () => ['refreshedAt', '"yesterday"']),
  usage('usage: refreshedAt missing', (r) => set(r, (x) => delete x.refreshedAt), () => ['refreshedAt', 'nothing']),
  // 10 MB of rows cannot answer a query over one month (at most one row per
  // period and group): invalid, refused at the first repeat, without hanging.
  usage(
    'usage: a 10 MB answer (rows repeated far past what the range holds)',
    (r) => set(r, (x) => (x.rows = tenMegabytesOf(x.rows))),
    (q) => [`rows[${goodRows(q)}] repeats`],
  ),

  // ---------------------------------------------------------------- getAllocation
  allocation('allocation: a list instead of an object', (a) => a.workspaces, 'allocation must be an object', 'an array'),
  allocation('allocation: unknown mode', (a) => set(a, (x) => (x.mode = 'pool')), 'mode must be one of', '"pool"'),
  allocation('allocation: totalCredits NaN', (a) => set(a, (x) => (x.totalCredits = NaN)), 'totalCredits', 'NaN'),
  allocation('allocation: totalCredits negative', (a) => set(a, (x) => (x.totalCredits = -10_000)), 'totalCredits', '-10000'),
  allocation('allocation: remaining Infinity', (a) => set(a, (x) => (x.workspaces[0].remaining = Infinity)), 'workspaces[0].remaining', 'Infinity'),
  allocation('allocation: used 1e308', (a) => set(a, (x) => (x.workspaces[1].used = 1e308)), 'workspaces[1].used', 'at most'),
  allocation('allocation: allocated as a string', (a) => set(a, (x) => (x.workspaces[2].allocated = '3000')), 'workspaces[2].allocated', '"3000"'),
  allocation('allocation: usedByDeleted missing', (a) => set(a, (x) => delete x.usedByDeleted), 'usedByDeleted', 'nothing'),
  allocation('allocation: extra field on a workspace', (a) => set(a, (x) => (x.workspaces[0].budget = 1)), 'workspaces[0] has an unknown field "budget"'),
  allocation('allocation: empty workspace id', (a) => set(a, (x) => (x.workspaces[1].id = '')), 'workspaces[1].id must not be empty'),
  allocation('allocation: unknown kind', (a) => set(a, (x) => (x.workspaces[0].kind = 'org')), 'workspaces[0].kind', '"org"'),
  allocation('allocation: blocked as a string', (a) => set(a, (x) => (x.workspaces[0].blocked = 'no')), 'workspaces[0].blocked', '"no"'),
  allocation('allocation: usage by reason NaN', (a) => set(a, (x) => (x.workspaces[0].usedByReason.chat = NaN)), 'workspaces[0].usedByReason.chat', 'NaN'),
  allocation(
    'allocation: duplicate workspace',
    (a) => set(a, (x) => x.workspaces.push({ ...x.workspaces[nonPrimary(x)] })),
    'workspaces[3].id repeats',
  ),
  allocation('allocation: two primaries', (a) => set(a, (x) => (x.workspaces[nonPrimary(x)].primary = true)), 'is marked primary', 'primaryWorkspaceId'),
  allocation('allocation: credits that do not add up', (a) => set(a, (x) => (x.totalCredits += 1)), 'totalCredits', 'do not add up'),

  // ---------------------------------------------------------------- queryMembers
  members('members: missing list', (p) => set(p, (x) => delete x.members), 'members must be an array'),
  members('members: total as a string', (p) => set(p, (x) => (x.total = '3')), 'total must be a whole number', '"3"'),
  members('members: total below the rows given', (p) => set(p, (x) => (x.total = 1)), 'total (1) is less than'),
  members('members: total NaN', (p) => set(p, (x) => (x.members[0].total = NaN)), 'members[0].total', 'NaN'),
  members('members: negative total', (p) => set(p, (x) => (x.members[1].total = -3)), 'members[1].total', '-3'),
  members('members: Infinity by reason', (p) => set(p, (x) => (x.members[0].byReason.chat = Infinity)), 'members[0].byReason.chat', 'Infinity'),
  members('members: peakDaily 1e308', (p) => set(p, (x) => (x.members[0].peakDaily = 1e308)), 'members[0].peakDaily', 'at most'),
  members('members: dailyLimit 0', (p) => set(p, (x) => (x.members[0].dailyLimit = 0)), 'members[0].dailyLimit', '> 0'),
  members('members: email as a number', (p) => set(p, (x) => (x.members[0].email = 42)), 'members[0].email must be a string'),
  members('members: empty id', (p) => set(p, (x) => (x.members[2].id = ' ')), 'members[2].id must not be empty'),
  members('members: extra field', (p) => set(p, (x) => (x.members[0].role = 'admin')), 'members[0] has an unknown field "role"'),
  members(
    'members: duplicate member',
    (p) => set(p, (x) => {
      x.members.push({ ...x.members[0] });
      x.total += 1;
    }),
    'members[3].id repeats',
  ),
  members(
    'members: more rows than the limit',
    (p, q) => set(p, (x) => {
      x.members = Array.from({ length: q.limit + 1 }, (_, i) => ({ id: `m${i}`, byReason: {}, total: 0 }));
      x.total = q.limit + 1;
    }),
    'members holds',
    'more than the limit',
  ),
];

/** How many rows the good answer to the query has (the memory source's, for the fixture org). */
const goodCounts = new Map<string, number>();
function goodRows(q: UsageQuery): number {
  const n = goodCounts.get(JSON.stringify(q));
  if (n === undefined) throw new Error(`no good answer recorded for ${JSON.stringify(q)}`);
  return n;
}

/** The rows repeated (as new objects) until their JSON passes 10 MB. */
function tenMegabytesOf(rows: UsageResult['rows']): UsageResult['rows'] {
  const size = JSON.stringify(rows[0]).length + 1;
  const count = Math.ceil(TEN_MB / size) + rows.length;
  return Array.from({ length: count }, (_, i) => ({ ...rows[i % rows.length] }));
}

/** A source that gives `bad` answers to one method until `recover()`. */
function breakable(method: Method, bad: Case['bad']) {
  const inner = goodSource();
  const state = { broken: true, calls: 0 };
  const answer = async <T,>(m: Method, good: Promise<T>, query?: Query): Promise<T> => {
    const value = await good;
    if (m === 'queryUsage') goodCounts.set(JSON.stringify(query), (value as UsageResult).rows.length);
    if (!state.broken || m !== method) return value;
    state.calls++;
    return bad(structuredClone(value), query) as T;
  };
  const source: CreditDataSource = {
    getAccount: (s) => answer<AccountInfo>('getAccount', inner.getAccount(s)),
    queryUsage: (q, s) => answer<UsageResult>('queryUsage', inner.queryUsage(q, s), q),
    getAllocation: (s) => answer<Allocation>('getAllocation', inner.getAllocation(s)),
    queryMembers: (q, s) => answer<MemberPage>('queryMembers', inner.queryMembers(q, s), q),
  };
  return { source, state };
}

/** The query each panel sent, for the expected field names. */
function recordQueries(source: CreditDataSource, method: Method) {
  const queries: Query[] = [];
  if (method === 'queryUsage' || method === 'queryMembers') {
    const original = source[method].bind(source) as (q: Loose, s?: AbortSignal) => Promise<unknown>;
    (source as Loose)[method] = (q: Loose, s?: AbortSignal) => {
      queries.push(q);
      return original(q, s);
    };
  }
  return queries;
}

describe('bad answers: every panel shows an error naming the field, and recovers with Retry', function () {
  this.timeout(30_000);
  let watch: ReturnType<typeof watchWindow>;
  beforeEach(() => (watch = watchWindow()));
  afterEach(() => watch.stop());

  it(`covers at least 40 bad answers across the four reads (${CASES.length})`, () => {
    expect(CASES.length).to.be.at.least(40);
    const methods = new Set(CASES.map((c) => c.method));
    expect([...methods].sort()).to.deep.equal(['getAccount', 'getAllocation', 'queryMembers', 'queryUsage']);
  });

  for (const c of CASES) {
    const tags = panelsUsing(c.method);
    it(`${c.name} → ${tags.length} panels`, async () => {
      const { source, state } = breakable(c.method, c.bad);
      const queries = recordQueries(source, c.method);
      const host = await fixture<HTMLDivElement>(html`<div style="width: 900px"></div>`);
      const panels = mountPanels(host, tags, source);
      const started = performance.now();
      await Promise.all(panels.map((el) => settled(el, 8000)));
      const took = performance.now() - started;

      expect(state.calls, 'the bad answer was given').to.be.greaterThan(0);
      for (const el of panels) {
        expect(stateOf(el), `${el.localName} state`).to.equal('error');
        expect(el.hasAttribute('loading'), `${el.localName} not loading`).to.equal(false);
        expect(el.shadowRoot!.querySelector('[part="skeleton"]'), `${el.localName} skeleton gone`).to.equal(null);
        const message = errorText(el);
        // Which query this panel sent decides the path for query-dependent cases.
        const query = panelQuery(el, queries, c.method);
        for (const needle of c.names(query)) expect(message, `${el.localName}'s message`).to.contain(needle);
        expect(message, `${el.localName} says which read failed`).to.contain(c.method);
        expect(retryButton(el)?.textContent?.trim(), `${el.localName} offers Retry`).to.equal('Retry');
      }
      if (c.name.includes('10 MB')) expect(took, 'a 10 MB answer does not hang the panels').to.be.below(5000);

      state.broken = false;
      for (const el of panels) retryButton(el)!.click();
      await Promise.all(panels.map((el) => reached(el, 'ready', 8000)));
      for (const el of panels) {
        expect(shadowText(el), `${el.localName} after Retry`).not.to.contain('Something went wrong');
        expect(el.shadowRoot!.querySelector('[part="retry"]'), `${el.localName} Retry gone`).to.equal(null);
      }
      expect(watch.seen, 'nothing uncaught reached window').to.deep.equal([]);
    });
  }

  it('a valid but large allocation (10 MB: 12,000 workspaces) renders without hanging', async () => {
    const inner = goodSource();
    const good = await inner.getAllocation();
    const big: Allocation = structuredClone(good);
    const name = 'W'.repeat(700);
    for (let i = 0; big.workspaces.length < 12_000; i++) {
      big.workspaces.push({ id: `x${i}`, name: `${name} ${i}`, kind: i % 2 ? 'team' : 'personal', primary: false, allocated: 0, used: 0, remaining: 0, usedByReason: { chat: 0 }, blocked: true });
    }
    expect(JSON.stringify(big).length).to.be.greaterThan(TEN_MB * 0.8);
    const source: CreditDataSource = { ...readOnly(inner), getAllocation: async () => structuredClone(big) };
    const host = await fixture<HTMLDivElement>(html`<div style="width: 900px"></div>`);
    const panels = mountPanels(host, panelsUsing('getAllocation'), source);
    const started = performance.now();
    await Promise.all(panels.map((el) => reached(el, 'ready', 20_000)));
    expect(performance.now() - started).to.be.below(20_000);
    const table = panels.find((el) => el.localName === 'workspace-allocation-table')!;
    expect(table.shadowRoot!.querySelectorAll('tbody tr').length).to.equal(12_000);
    expect(watch.seen).to.deep.equal([]);
  });

  it('tolerates usage by a reason the account does not list (a retired reason): shown by its id', async () => {
    const inner = goodSource();
    const source: CreditDataSource = {
      ...readOnly(inner),
      getAllocation: async (s) => set(await inner.getAllocation(s), (a) => (a.workspaces[0].usedByReason.teleport = 0)),
      queryMembers: async (q, s) => set(await inner.queryMembers(q, s), (p) => (p.members[0].byReason.teleport = 0)),
    };
    const host = await fixture<HTMLDivElement>(html`<div style="width: 900px"></div>`);
    const panels = mountPanels(host, ['workspace-allocation-table', 'member-usage-table', 'credit-summary'], source);
    await Promise.all(panels.map((el) => reached(el, 'ready')));
    expect(shadowText(panels[0])).to.contain('teleport');
    expect(watch.seen).to.deep.equal([]);
  });
});

/** The query a panel sent: usage panels each send one shape; the member table one query. */
function panelQuery(el: Panel, queries: Query[], method: Method): Query {
  if (method !== 'queryUsage' && method !== 'queryMembers') return undefined;
  const shape = USAGE_SHAPES[el.localName];
  const found = method === 'queryMembers' ? queries[0] : queries.find((q) => shape && shape(q as UsageQuery));
  if (!found) throw new Error(`no ${method} query recorded for ${el.localName}`);
  return found;
}

const USAGE_SHAPES: Record<string, (q: UsageQuery) => boolean> = {
  'credit-summary': (q) => q.granularity === 'day' && q.groupBy === undefined,
  'credit-daily-chart': (q) => q.granularity === 'day' && q.groupBy === undefined,
  'credit-monthly-chart': (q) => q.granularity === 'month',
  'credit-by-reason': (q) => q.groupBy === 'reason',
  'credit-by-workspace': (q) => q.groupBy === 'workspace',
  'credit-team-split': (q) => q.groupBy === 'workspaceKind',
};
