/**
 * Faults of the transport and of host adapters: rejections, hangs past a
 * timeout, aborts, synchronous throws and HTTP 500/401/429 through the REST
 * adapter. Every panel ends in a clear state — the error with its message
 * and a Retry, never a stuck skeleton — and nothing uncaught reaches `window`.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import '../../src/index.js';
import { DataSourceError } from '../../src/data/errors.js';
import { RestDataSource } from '../../src/data/rest.js';
import type { CreditDataSource } from '../../src/data/types.js';
import { createMockHandlers } from '../../src/mocks/handlers.js';
import { readOnly } from '../data/fixtures.js';
import { mockWorker } from '../msw.js';
import {
  errorText,
  goodSource,
  mountPanels,
  NOW,
  PANELS,
  RANGE,
  reached,
  retryButton,
  settled,
  stateOf,
  watchWindow,
  type Panel,
} from './helpers.js';

const BASE = '/reliability-faults/v1';
const url = (path: string) => `${BASE}${path}`;
const worker = mockWorker();

/** A representative set: one of each kind (text, bar chart, doughnut, allocation and member tables) and each read. */
const REPRESENTATIVE = ['credit-summary', 'credit-daily-chart', 'credit-by-reason', 'credit-team-split', 'workspace-allocation-table', 'member-usage-table'];
const ALL = Object.keys(PANELS);

/** Mounts the panels and waits until every one has settled. */
async function mountAll(source: CreditDataSource, tags = REPRESENTATIVE, timeout = 8000): Promise<Panel[]> {
  const host = await fixture<HTMLDivElement>(html`<div style="width: 900px"></div>`);
  const panels = mountPanels(host, tags, source);
  await Promise.all(panels.map((el) => settled(el, timeout)));
  return panels;
}

/** Every panel shows the error with `message` (no skeleton, not loading, a Retry). */
function expectFailed(panels: Panel[], ...needles: string[]): void {
  for (const el of panels) {
    expect(stateOf(el), `${el.localName} state`).to.equal('error');
    expect(el.hasAttribute('loading'), `${el.localName} loading`).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part="skeleton"]'), `${el.localName} skeleton`).to.equal(null);
    for (const needle of needles) expect(errorText(el), `${el.localName} message`).to.contain(needle);
    expect(retryButton(el)?.textContent?.trim(), `${el.localName} Retry`).to.equal('Retry');
  }
}

async function retryAll(panels: Panel[]): Promise<void> {
  for (const el of panels) retryButton(el)!.click();
  await Promise.all(panels.map((el) => reached(el, 'ready', 8000)));
}

/** A source whose every read fails the way `fail` says, until `healed`. */
function failing(fail: () => Promise<never> | never) {
  const inner = goodSource();
  const state = { healed: false };
  const wrap =
    <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      state.healed ? read(...args) : (fail() as Promise<R>);
  const source: CreditDataSource = {
    getAccount: (s) => inner.getAccount(s),
    queryUsage: wrap((q, s) => inner.queryUsage(q, s)),
    getAllocation: wrap((s) => inner.getAllocation(s)),
    queryMembers: wrap((q, s) => inner.queryMembers(q, s)),
  };
  return { source, state };
}

/** Panels on a source whose reads fail as `fail` says: each shows `message`; once the source heals, Retry loads it. */
async function failsThenRecovers(fail: () => Promise<never> | never, message: string, tags = REPRESENTATIVE): Promise<void> {
  const { source, state } = failing(fail);
  const panels = await mountAll(source, tags);
  expectFailed(panels, message);
  state.healed = true;
  await retryAll(panels);
}

describe('faults: every panel ends in a clear state', function () {
  this.timeout(30_000);
  let watch: ReturnType<typeof watchWindow>;
  beforeEach(() => (watch = watchWindow()));
  afterEach(() => {
    watch.stop();
    worker.resetHandlers();
  });
  /** Each test ends by checking nothing uncaught reached `window` (in the test, so one failure does not stop the rest). */
  const clean = () => expect(watch.seen, 'nothing uncaught reached window').to.deep.equal([]);

  describe('host adapters', () => {
    it('a read that rejects with a DataSourceError: its message, then Retry recovers', async () => {
      await failsThenRecovers(() => Promise.reject(new DataSourceError('server', 'The usage service is down for maintenance.')), 'The usage service is down for maintenance.', ALL);
      clean();
    });

    it('a read that rejects with a plain string: shown as it is', async () => {
      await failsThenRecovers(() => Promise.reject('backend said no'), 'backend said no');
      clean();
    });

    it('a read that throws synchronously instead of rejecting', async () => {
      const fail = () => {
        throw new TypeError('Cannot read properties of undefined (reading "rows")');
      };
      await failsThenRecovers(fail, 'Cannot read properties of undefined', ALL);
      clean();
    });

    it('getAccount that throws synchronously: every panel fails with the message, then recovers', async () => {
      const inner = goodSource();
      let healed = false;
      const source: CreditDataSource = {
        ...readOnly(inner),
        getAccount: (s) => {
          if (!healed) throw new Error('account lookup exploded');
          return inner.getAccount(s);
        },
      };
      const panels = await mountAll(source, ALL);
      expectFailed(panels, 'account lookup exploded');
      healed = true;
      await retryAll(panels);
      clean();
    });

    it('a read that the backend aborts (not the panel): an error, not a skeleton', async () => {
      await failsThenRecovers(() => Promise.reject(new DataSourceError('aborted', 'The request was aborted.')), 'The request was aborted.');
      clean();
    });

    it('a read that rejects with a DOMException AbortError from fetch', async () => {
      await failsThenRecovers(() => Promise.reject(new DOMException('The user aborted a request.', 'AbortError')), 'The user aborted a request.');
      clean();
    });

    it('a subscribe that throws synchronously does not take the panel down', async () => {
      const source: CreditDataSource = {
        ...readOnly(goodSource()),
        subscribe: () => {
          throw new Error('live updates unavailable');
        },
      };
      const panels = await mountAll(source, ['credit-summary', 'workspace-allocation-table']);
      for (const el of panels) expect(stateOf(el), el.localName).to.equal('ready');
      // The dashboard subscribes for every panel inside it.
      const dash = await fixture<HTMLElement & { dataSource?: CreditDataSource; now?: number }>(
        html`<credit-dashboard .dataSource=${source} .now=${NOW} range=${RANGE}><credit-summary></credit-summary></credit-dashboard>`,
      );
      await reached(dash.querySelector('credit-summary')!, 'ready');
      dash.remove();
      clean();
    });

    it('a panel removed while its read hangs: no error, no rejection, the read is aborted', async () => {
      const signals: AbortSignal[] = [];
      const inner = goodSource();
      const source: CreditDataSource = {
        ...readOnly(inner),
        queryUsage: (_q, s) =>
          new Promise((_, reject) => {
            signals.push(s!);
            s?.addEventListener('abort', () => reject(new DataSourceError('aborted', 'aborted')));
          }),
      };
      const host = await fixture<HTMLDivElement>(html`<div style="width: 900px"></div>`);
      const panels = mountPanels(host, ['credit-summary', 'credit-daily-chart'], source);
      await aTimeout(50);
      for (const el of panels) expect(stateOf(el)).to.equal('loading');
      // A newer range aborts the older read; then the panels go away.
      panels[0].setAttribute('range', '2026-10-01/2026-10-02');
      await aTimeout(20);
      host.remove();
      await aTimeout(50);
      expect(signals.length).to.be.at.least(3);
      expect(signals[0].aborted, 'the superseded read is aborted').to.equal(true);
      clean();
    });
  });

  describe('REST adapter through msw', () => {
    const rest = (options: Partial<ConstructorParameters<typeof RestDataSource>[0]> = {}) =>
      new RestDataSource({ baseUrl: BASE, retryDelayMs: 1, ...options });
    const good = () => createMockHandlers(goodSource(), { baseUrl: BASE });
    /** The three reads the panels make after the account. */
    const READS = ['/usage', '/allocation', '/members'];

    it('a backend that never answers: "no answer within …" after the timeout, not a stuck skeleton', async () => {
      worker.use(...READS.map((p) => http.get(url(p), () => delay('infinite'))), ...good());
      const started = performance.now();
      const panels = await mountAll(rest({ timeoutMs: 150, retries: 1 }), ALL);
      expectFailed(panels, 'no answer within 150 ms');
      expect(performance.now() - started, 'the timeout is honoured').to.be.below(3000);
      worker.resetHandlers(...good());
      await retryAll(panels);
      clean();
    });

    it('500 with a contract error body: the server’s message, after the retries', async () => {
      let hits = 0;
      const fail = () => {
        hits++;
        return HttpResponse.json({ error: { code: 'server', message: 'The usage database is unavailable.' } }, { status: 500 });
      };
      worker.use(...READS.map((p) => http.get(url(p), fail)), ...good());
      const panels = await mountAll(rest({ retries: 2 }));
      expectFailed(panels, 'The usage database is unavailable.');
      expect(hits, 'each read tried three times').to.be.at.least(3 * panels.length);
      worker.resetHandlers(...good());
      await retryAll(panels);
      clean();
    });

    it('500 without a body: the status, named with the endpoint', async () => {
      worker.use(...READS.map((p) => http.get(url(p), () => new HttpResponse(null, { status: 500, statusText: 'Internal Server Error' }))), ...good());
      const panels = await mountAll(rest({ retries: 0 }));
      expectFailed(panels, 'the server answered 500');
      for (const el of panels) expect(errorText(el)).to.match(/GET \/(usage|allocation|members)/);
      worker.resetHandlers(...good());
      await retryAll(panels);
      clean();
    });

    it('401 (a token refresh that does not help): the unauthorized message, no endless loop', async () => {
      let tokens = 0;
      let refusals = 0;
      worker.use(
        ...READS.map((p) =>
          http.get(url(p), () => {
            refusals++;
            return HttpResponse.json({ error: { code: 'unauthorized', message: 'Your session has expired.' } }, { status: 401 });
          }),
        ),
        ...good(),
      );
      const panels = await mountAll(rest({ getToken: () => `t${++tokens}` }));
      expectFailed(panels, 'Your session has expired.');
      // 8 reads (summary and team split read usage and allocation; the others one each):
      // each is sent once, refreshed once after the 401, and given up — not retried in a loop.
      await aTimeout(100);
      expect(refusals, 'two attempts per read').to.equal(16);
      expect(tokens, 'a token per attempt, plus the account').to.equal(17);
      worker.resetHandlers(...good());
      await retryAll(panels);
      clean();
    });

    it('429 with a long Retry-After: rate-limited at once, not after minutes', async () => {
      worker.use(
        ...READS.map((p) =>
          http.get(url(p), () =>
            HttpResponse.json({ error: { code: 'rate-limited', message: 'Too many requests: slow down.' } }, { status: 429, headers: { 'Retry-After': '3600' } }),
          ),
        ),
        ...good(),
      );
      const started = performance.now();
      const panels = await mountAll(rest());
      expectFailed(panels, 'Too many requests: slow down.');
      expect(performance.now() - started).to.be.below(3000);
      worker.resetHandlers(...good());
      await retryAll(panels);
      clean();
    });

    it('an account endpoint that fails: every panel shows it, and Retry loads everything', async () => {
      worker.use(http.get(url('/account'), () => new HttpResponse('<html>Bad gateway</html>', { status: 502 })), ...good());
      const panels = await mountAll(rest({ retries: 0 }), ALL);
      expectFailed(panels, 'GET /account', '502');
      worker.resetHandlers(...good());
      await retryAll(panels);
      clean();
    });

    it('an answer that is not JSON: says so, naming the endpoint', async () => {
      worker.use(...READS.map((p) => http.get(url(p), () => new HttpResponse('<!doctype html><title>Login</title>', { status: 200 }))), ...good());
      const panels = await mountAll(rest());
      expectFailed(panels, 'is not JSON');
      worker.resetHandlers(...good());
      await retryAll(panels);
      clean();
    });
  });
});
