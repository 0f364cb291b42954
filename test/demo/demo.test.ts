import { expect } from '@open-wc/testing';
import { contrast } from '../wcag.js';
import {
  CONDITION_HINTS,
  CONDITIONS,
  ConditionedSource,
  DEFAULT_STATE,
  LOCALES,
  SIZES,
  SLOW_LATENCY_MS,
  THEMES,
  TIME_ZONES,
  UNITS,
  ADAPTERS,
  BRANDS,
  BRAND_TOKENS,
  brandCss,
  dataSetKey,
  diffState,
  failingSource,
  mockServerOptions,
  parseState,
  serializeState,
  slowSource,
  transportCondition,
  wait,
  type DemoState,
} from '../../demo/controls.js';
import { demoDataOptions, liveEvents, packDemoData, unpackDemoData } from '../../demo/datasets.js';
import { generateDemoData } from '../../src/data/demo-data.js';
import { DataSourceError, isDataSourceError } from '../../src/data/errors.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDataSource, MemberQuery, UsageQuery } from '../../src/data/types.js';

const NOW = Date.UTC(2026, 10, 20, 18);
const data = generateDemoData({ seed: 7, members: 6, workspaces: 3, months: 2, now: NOW });
const memory = () => new MemoryDataSource(structuredClone(data));
const USAGE: UsageQuery = { start: '2026-11-01', end: '2026-11-20', granularity: 'day' };
const MEMBERS: MemberQuery = { start: '2026-11-01', end: '2026-11-20', sort: 'total', direction: 'desc', offset: 0, limit: 10 };

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('demo URL state', () => {
  it('reads the defaults from an empty query, and writes nothing for them', () => {
    expect(parseState('')).to.deep.equal(DEFAULT_STATE);
    expect(serializeState({ ...DEFAULT_STATE })).to.equal('');
  });

  it('round-trips every choice of every control', () => {
    const lists = { adapter: ADAPTERS, theme: THEMES, brand: BRANDS, locale: LOCALES, timeZone: TIME_ZONES, size: SIZES, unit: UNITS, condition: CONDITIONS };
    for (const [key, choices] of Object.entries(lists)) {
      for (const { value } of choices) {
        const state = { ...DEFAULT_STATE, [key]: value } as DemoState;
        expect(parseState(serializeState(state)), `${key}=${value}`).to.deep.equal(state);
      }
    }
  });

  it('round-trips a combined state through a real URL', () => {
    const state: DemoState = {
      adapter: 'rest',
      theme: 'dark',
      brand: 'crimson',
      locale: 'ar-EG',
      timeZone: 'Pacific/Chatham',
      size: 'large',
      unit: 'conversation',
      condition: 'failing',
      live: true,
      range: '2026-10-01/2026-10-31',
    };
    const query = serializeState(state);
    const url = new URL(`https://example.test/demo/index.html${query}`);
    expect(url.searchParams.get('tz')).to.equal('Pacific/Chatham');
    expect(url.searchParams.get('range')).to.equal('2026-10-01/2026-10-31');
    expect(parseState(url.search)).to.deep.equal(state);
    expect(parseState(url.searchParams)).to.deep.equal(state);
  });

  it('writes only what differs from the defaults, in a fixed order', () => {
    expect(serializeState({ ...DEFAULT_STATE, theme: 'dark' })).to.equal('?theme=dark');
    expect(serializeState({ ...DEFAULT_STATE, live: true, locale: 'de-DE', adapter: 'rest' })).to.equal('?adapter=rest&locale=de-DE&live=1');
    expect(serializeState({ ...DEFAULT_STATE, timeZone: 'Asia/Kathmandu' })).to.equal('?tz=Asia%2FKathmandu');
  });

  it('falls back to the default for unknown or malformed values, keeping the rest', () => {
    const state = parseState('?theme=purple&locale=xx-YY&size=huge&tz=Mars%2FOlympus&condition=&range=last-week&adapter=rest');
    expect(state).to.deep.equal({ ...DEFAULT_STATE, adapter: 'rest' });
    expect(parseState('?range=2026-01-01/2026-13').range).to.equal(DEFAULT_STATE.range);
    expect(parseState('?range=30d').range).to.equal('30d');
  });

  it('accepts aliases and other spellings', () => {
    expect(parseState('?tz=America/Los_Angeles').timeZone).to.equal('account');
    expect(parseState('?unit=conversations').unit).to.equal('conversation');
    expect(parseState('?size=10k').size).to.equal('large');
    expect(parseState('?theme=DARK').theme).to.equal('dark');
    expect(parseState('?locale=ar-eg').locale).to.equal('ar-EG');
    expect(parseState('?live=true').live).to.equal(true);
    expect(parseState('?live=on').live).to.equal(true);
    expect(parseState('?live=0').live).to.equal(false);
  });

  it('tells a new data set from a condition or presentation change', () => {
    const base = { ...DEFAULT_STATE };
    expect(diffState(base, { ...base, size: 'small' })).to.include({ data: true, condition: false });
    expect(diffState(base, { ...base, timeZone: 'Europe/London' }).data).to.equal(true);
    // "empty" is another organisation, not a transport condition.
    expect(diffState(base, { ...base, condition: 'empty' })).to.include({ data: true, condition: false });
    expect(diffState(base, { ...base, condition: 'failing' })).to.include({ data: false, condition: true, adapter: false });
    expect(diffState(base, { ...base, adapter: 'rest' })).to.include({ data: false, adapter: true });
    expect(diffState(base, { ...base, theme: 'dark', unit: 'conversation' })).to.deep.equal({ data: false, adapter: false, condition: false, presentation: true });
    expect(diffState(base, { ...base, brand: 'teal' })).to.deep.equal({ data: false, adapter: false, condition: false, presentation: true });
    expect(dataSetKey({ ...base, condition: 'slow' })).to.equal(dataSetKey(base));
    expect(transportCondition('empty')).to.equal('normal');
    expect(transportCondition('failing')).to.equal('failing');
  });

  it('describes every condition', () => {
    for (const { value } of CONDITIONS) expect(CONDITION_HINTS[value], value).to.be.a('string').and.not.equal('');
  });

  it('maps conditions onto the mock server options', () => {
    expect(mockServerOptions('normal')).to.deep.equal({ latencyMs: 0, failureRate: 0 });
    expect(mockServerOptions('slow')).to.deep.equal({ latencyMs: SLOW_LATENCY_MS, failureRate: 0 });
    expect(mockServerOptions('failing')).to.deep.equal({ latencyMs: 0, failureRate: 1 });
  });
});

describe('demo brand colours', () => {
  it('keeps every brand colour at 3:1 or more against the surface of its theme', () => {
    const surfaces = { light: '#ffffff', dark: '#161b22' };
    for (const [brand, themes] of Object.entries(BRAND_TOKENS)) {
      for (const theme of ['light', 'dark'] as const) {
        for (const [token, colour] of Object.entries(themes[theme])) {
          expect(contrast(colour, surfaces[theme]), `${brand} ${theme} --credit-color-${token} ${colour}`).to.be.at.least(3);
        }
      }
    }
  });

  it('writes nothing for the default brand', () => {
    expect(brandCss('default', '#dashboard')).to.equal('');
  });

  it('sets each brand\'s tokens for light, forced dark and system dark, and the dashboard\'s panels take them', async () => {
    const style = document.head.appendChild(document.createElement('style'));
    const host = document.body.appendChild(document.createElement('div'));
    host.id = 'brand-host';
    const root = document.documentElement;
    const before = root.dataset.theme;
    try {
      for (const brand of ['teal', 'crimson', 'graphite'] as const) {
        style.textContent = brandCss(brand, '#brand-host');
        for (const [theme, tokens] of [['light', BRAND_TOKENS[brand].light], ['dark', BRAND_TOKENS[brand].dark]] as const) {
          root.dataset.theme = theme;
          const computed = getComputedStyle(host);
          for (const [key, value] of Object.entries(tokens)) {
            expect(computed.getPropertyValue(`--credit-color-${key}`).trim(), `${brand} ${theme} ${key}`).to.equal(value);
          }
        }
      }
    } finally {
      if (before === undefined) delete root.dataset.theme;
      else root.dataset.theme = before;
      style.remove();
      host.remove();
    }
  });
});

describe('demo data sets', () => {
  it('asks generateDemoData for the chosen size, zone and emptiness', () => {
    expect(demoDataOptions({ size: 'small', timeZone: 'account', condition: 'normal' })).to.deep.equal({ seed: 2026, months: 13, members: 8, workspaces: 3 });
    const large = demoDataOptions({ size: 'large', timeZone: 'Asia/Kolkata', condition: 'empty' }, NOW);
    expect(large).to.include({ members: 10_000, timeZone: 'Asia/Kolkata', empty: true, now: NOW });
    expect(demoDataOptions({ size: 'standard', timeZone: 'account', condition: 'slow' }).members).to.equal(60);
  });

  it('regenerates the account in the chosen time zone', () => {
    const generated = generateDemoData({ ...demoDataOptions({ size: 'small', timeZone: 'Pacific/Chatham', condition: 'normal' }, NOW), months: 1 });
    expect(generated.account.timeZone).to.equal('Pacific/Chatham');
    expect(generated.account.units).to.deep.include({ id: 'conversation', label: 'conversations', perCredit: 600 });
  });

  it('packs events into transferable columns and unpacks the same data in slices', async () => {
    const { packed, transfer } = packDemoData(data);
    expect(transfer).to.have.length(5);
    expect(transfer.every((b) => b instanceof ArrayBuffer)).to.equal(true);
    expect(packed.time.length).to.equal(data.events.length);
    let pauses = 0;
    const back = await unpackDemoData(structuredClone(packed), { chunk: 1000, pause: async () => void pauses++ });
    expect(pauses).to.equal(Math.ceil(data.events.length / 1000) - 1);
    expect(back.events).to.deep.equal(data.events);
    expect(back.members).to.deep.equal(data.members);
    const a = new MemoryDataSource(back);
    const b = memory();
    expect(await a.queryUsage(USAGE)).to.deep.include({ rows: (await b.queryUsage(USAGE)).rows });
  });

  it('makes live events a memory source accepts, and they show up in its usage', async () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const events = liveEvents(data, NOW, random, 4);
    expect(events).to.have.length(4);
    for (const e of events) {
      expect(e.time).to.be.at.most(NOW).and.at.least(NOW - 1000);
      expect(data.members.map((m) => m.id)).to.include(e.memberId);
      expect(data.workspaces.map((w) => w.id)).to.include(e.workspaceId);
      expect(e.credits).to.be.above(0);
    }
    const source = memory();
    const before = (await source.queryUsage({ ...USAGE, granularity: 'total' })).rows[0].credits;
    let notified = 0;
    source.subscribe(() => notified++);
    source.addEvents(events);
    const after = (await source.queryUsage({ ...USAGE, granularity: 'total' })).rows[0].credits;
    expect(after - before).to.be.closeTo(events.reduce((s, e) => s + e.credits, 0), 1e-9);
    expect(notified).to.equal(1);
  });
});

describe('simulated conditions', () => {
  it('a failing source rejects every call with a retryable DataSourceError', async () => {
    const source = failingSource(memory());
    const calls: [string, Promise<unknown>][] = [
      ['getAccount', source.getAccount()],
      ['queryUsage', source.queryUsage(USAGE)],
      ['getAllocation', source.getAllocation()],
      ['queryMembers', source.queryMembers(MEMBERS)],
      ['transferCredits', source.transferCredits!({ fromWorkspaceId: 'ws_primary', toWorkspaceId: 'ws_1', amount: 1 })],
    ];
    for (const [method, call] of calls) {
      const error = await rejection(call);
      expect(error, method).to.be.instanceOf(DataSourceError);
      expect(isDataSourceError(error)).to.equal(true);
      expect((error as DataSourceError).code).to.equal('server');
      expect((error as DataSourceError).retryable).to.equal(true);
      expect((error as DataSourceError).message).to.contain(method);
    }
  });

  it('a failing source changes nothing behind it', async () => {
    const inner = memory();
    const before = await inner.getAllocation();
    await rejection(failingSource(inner).transferCredits!({ fromWorkspaceId: 'ws_primary', toWorkspaceId: 'ws_1', amount: 1 }));
    expect(await inner.getAllocation()).to.deep.equal(before);
  });

  it('recovers when the condition goes back to normal: the next call (a Retry) answers', async () => {
    const inner = memory();
    const source = new ConditionedSource(inner, { condition: 'failing' });
    await rejection(source.getAccount());
    source.condition = 'normal';
    expect(await source.getAccount()).to.deep.equal(await inner.getAccount());
    expect(await source.queryUsage(USAGE)).to.deep.include({ rows: (await inner.queryUsage(USAGE)).rows });
  });

  it('a slow source answers the same, after the delay', async () => {
    const inner = memory();
    const source = slowSource(inner, 120);
    const started = performance.now();
    const [usage, members] = await Promise.all([source.queryUsage(USAGE), source.queryMembers(MEMBERS)]);
    const elapsed = performance.now() - started;
    expect(elapsed).to.be.at.least(110);
    expect(elapsed).to.be.below(1000);
    expect(usage.rows).to.deep.equal((await inner.queryUsage(USAGE)).rows);
    expect(members).to.deep.equal(await inner.queryMembers(MEMBERS));
  });

  it('the slow condition waits 1.5 s by default', async () => {
    const source = slowSource(memory());
    expect(source.latencyMs).to.equal(1500);
    let answered = false;
    const pending = source.getAccount().then(() => (answered = true));
    await wait(1300);
    expect(answered).to.equal(false);
    await pending;
    expect(answered).to.equal(true);
  });

  it('a slow source rejects with "aborted" as soon as the signal fires, without asking the source', async () => {
    let asked = 0;
    const inner = memory();
    const counting: CreditDataSource = {
      getAccount: (s) => (asked++, inner.getAccount(s)),
      queryUsage: (q, s) => (asked++, inner.queryUsage(q, s)),
      getAllocation: (s) => (asked++, inner.getAllocation(s)),
      queryMembers: (q, s) => (asked++, inner.queryMembers(q, s)),
    };
    const source = slowSource(counting, 5000);
    const controller = new AbortController();
    const started = performance.now();
    const pending = rejection(source.queryUsage(USAGE, controller.signal));
    setTimeout(() => controller.abort(), 30);
    const error = await pending;
    expect(performance.now() - started).to.be.below(1000);
    expect(error).to.be.instanceOf(DataSourceError);
    expect((error as DataSourceError).code).to.equal('aborted');
    expect(asked).to.equal(0);
  });

  it('a slow source refuses an already aborted signal at once', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(slowSource(memory(), 5000).getAllocation(controller.signal));
    expect((error as DataSourceError).code).to.equal('aborted');
  });

  it('keeps optional capabilities optional and passes subscribe through', async () => {
    const bare: CreditDataSource = {
      getAccount: async () => data.account,
      queryUsage: async () => ({ rows: [], labels: {}, refreshedAt: new Date(NOW).toISOString() }),
      getAllocation: async () => (await memory().getAllocation()),
      queryMembers: async () => ({ members: [], total: 0 }),
    };
    const wrapped = slowSource(bare, 1);
    expect(wrapped.transferCredits).to.equal(undefined);
    expect(wrapped.subscribe).to.equal(undefined);
    expect(wrapped.setMemberLimit).to.equal(undefined);

    const inner = memory();
    const full = slowSource(inner, 1);
    expect(full.transferCredits).to.be.a('function');
    expect(full.deleteWorkspace).to.be.a('function');
    let changes = 0;
    const stop = full.subscribe!(() => changes++);
    inner.addEvents(liveEvents(data, NOW, Math.random, 1));
    await wait(0); // the memory source notifies in a microtask
    stop();
    inner.addEvents(liveEvents(data, NOW, Math.random, 1));
    await wait(0);
    expect(changes).to.equal(1);
  });

  it('writes go through the slow wrapper to the source', async () => {
    const inner = memory();
    const source = slowSource(inner, 5);
    const before = await inner.getAllocation();
    const from = before.workspaces.find((w) => w.primary)!;
    const to = before.workspaces.find((w) => !w.primary)!;
    const after = await source.transferCredits!({ fromWorkspaceId: from.id, toWorkspaceId: to.id, amount: 10 });
    expect(after.workspaces.find((w) => w.id === to.id)!.allocated).to.equal(to.allocated + 10);
  });
});
