import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import { DataSourceError } from '../../src/data/errors.js';
import { ERROR_STATUS, RestDataSource, type RestDataSourceOptions } from '../../src/data/rest.js';
import type { AccountInfo, Allocation, MemberPage, MemberQuery, UsageQuery, UsageResult } from '../../src/data/types.js';
import { mockWorker } from '../msw.js';
import { rejection } from './fixtures.js';

const BASE = '/rest-test/v1';
const url = (path: string) => `${BASE}${path}`;

const worker = mockWorker();
afterEach(() => worker.resetHandlers());

const source = (options: Partial<RestDataSourceOptions> = {}) =>
  new RestDataSource({ baseUrl: BASE, retryDelayMs: 1, ...options });

// ------------------------------------------------------------------ fixtures

const ACCOUNT: AccountInfo = {
  name: 'Acme',
  timeZone: 'Europe/Berlin',
  billingCycleDay: 15,
  units: [{ id: 'conversation', label: 'conversations', perCredit: 600 }],
  reasons: [
    { id: 'chat', label: 'Chat' },
    { id: 'image', label: 'Image' },
  ],
  role: 'admin',
};

const ALLOCATION: Allocation = {
  mode: 'workspace-budget',
  totalCredits: 1000,
  primaryWorkspaceId: 'p',
  workspaces: [
    { id: 'p', name: 'Primary', kind: 'team', primary: true, allocated: 700, used: 100, remaining: 600, usedByReason: { chat: 100 }, blocked: false },
    { id: 'a', name: 'A', kind: 'personal', primary: false, allocated: 300, used: 50, remaining: 250, usedByReason: { image: 50 }, blocked: false },
  ],
  usedByDeleted: 0,
};

const DAY_QUERY: UsageQuery = { start: '2024-03-01', end: '2024-03-07', granularity: 'day' };

const usage = (rows: unknown[], extra: Record<string, unknown> = {}) => ({
  rows,
  labels: {},
  refreshedAt: '2024-03-08T10:00:00Z',
  ...extra,
});

const FOUR_DAYS = [
  { period: '2024-03-01', key: null, credits: 10 },
  { period: '2024-03-02', key: null, credits: 20 },
  { period: '2024-03-03', key: null, credits: 0 },
  { period: '2024-03-04', key: null, credits: 12.5 },
];

const MEMBER_QUERY: MemberQuery = { start: '2024-03-01', end: '2024-03-31', sort: 'total', direction: 'desc', offset: 0, limit: 2 };
const PAGE: MemberPage = {
  members: [{ id: 'm1', email: 'ana@example.com', byReason: { chat: 5 }, total: 5, peakDaily: 5 }],
  total: 1,
};

type Resolver = (info: { request: Request; params: Record<string, unknown> }) => Response | Promise<Response>;

/** A resolver that counts the requests it answers; `answer` gets the request number (1, 2, …). */
function counted(answer: (hit: number, info: Parameters<Resolver>[0]) => Response | Promise<Response>) {
  const fn = Object.assign((info: Parameters<Resolver>[0]) => answer(++fn.hits, info), { hits: 0 });
  return fn;
}

const errorBody = (code: string, message: string, field?: string) => ({ error: { code, message, ...(field ? { field } : {}) } });

// ------------------------------------------------------------------ tests

describe('RestDataSource: requests', () => {
  it('reads the account with the Accept, static and bearer headers and returns it validated', async () => {
    let seen: Headers | undefined;
    worker.use(
      http.get(url('/account'), ({ request }) => {
        seen = request.headers;
        return HttpResponse.json(ACCOUNT);
      }),
    );
    const account = await source({ headers: { 'X-Api-Key': 'k-1' }, getToken: () => 'tok-1' }).getAccount();
    expect(account).to.deep.equal(ACCOUNT);
    expect(seen!.get('authorization')).to.equal('Bearer tok-1');
    expect(seen!.get('accept')).to.equal('application/json');
    expect(seen!.get('x-api-key')).to.equal('k-1');
  });

  it('sends no Authorization header when getToken gives nothing', async () => {
    let auth: string | null = 'unset';
    worker.use(
      http.get(url('/allocation'), ({ request }) => {
        auth = request.headers.get('authorization');
        return HttpResponse.json(ALLOCATION);
      }),
    );
    expect(await source({ getToken: async () => null }).getAllocation()).to.deep.equal(ALLOCATION);
    expect(auth).to.equal(null);
  });

  it('encodes usage parameters with repeated filter parameters that survive commas, spaces and &', async () => {
    let search = '';
    let members: string[] = [];
    let kinds: string[] = [];
    worker.use(
      http.get(url('/usage'), ({ request }) => {
        const u = new URL(request.url);
        search = u.search;
        members = u.searchParams.getAll('filter.member');
        kinds = u.searchParams.getAll('filter.workspaceKind');
        return HttpResponse.json(usage([{ period: 'total', key: 'a,b', credits: 3 }], { labels: { 'a,b': 'A, B' } }));
      }),
    );
    const query: UsageQuery = {
      start: '2024-03-01',
      end: '2024-03-07',
      granularity: 'total',
      groupBy: 'member',
      top: 5,
      filter: { member: ['a,b', 'c d&e', 'ü/1'], workspaceKind: [] },
    };
    const result = await source().queryUsage(query);
    expect(result.rows).to.deep.equal([{ period: 'total', key: 'a,b', credits: 3 }]);
    expect(members).to.deep.equal(['a,b', 'c d&e', 'ü/1']);
    expect(kinds).to.deep.equal(['']);
    expect(search).to.equal(
      '?start=2024-03-01&end=2024-03-07&granularity=total&groupBy=member&top=5' +
        '&filter.member=a%2Cb&filter.member=c%20d%26e&filter.member=%C3%BC%2F1&filter.workspaceKind=',
    );
  });

  it('encodes member parameters, search included', async () => {
    let search = '';
    worker.use(
      http.get(url('/members'), ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json({ ...PAGE, total: 21 });
      }),
    );
    const page = await source().queryMembers({ ...MEMBER_QUERY, sort: 'image', direction: 'asc', search: 'ana lee', offset: 20, filter: { workspace: ['w1'] } });
    expect(page).to.deep.equal({ ...PAGE, total: 21 });
    expect(search).to.equal(
      '?start=2024-03-01&end=2024-03-31&sort=image&direction=asc&search=ana%20lee&offset=20&limit=2&filter.workspace=w1',
    );
  });

  it('puts encoded ids into paths and sends the JSON bodies of the writes', async () => {
    const calls: { method: string; id: string; body: unknown; type: string | null }[] = [];
    worker.use(
      http.delete(url('/workspaces/:id'), ({ params }) => {
        calls.push({ method: 'DELETE', id: String(params.id), body: null, type: null });
        return HttpResponse.json(ALLOCATION);
      }),
      http.put(url('/members/:id/limit'), async ({ request, params }) => {
        calls.push({ method: 'PUT limit', id: String(params.id), body: await request.json(), type: request.headers.get('content-type') });
        return new HttpResponse(null, { status: 204 });
      }),
      http.put(url('/mode'), async ({ request }) => {
        calls.push({ method: 'PUT mode', id: '', body: await request.json(), type: request.headers.get('content-type') });
        return HttpResponse.json({ ...ALLOCATION, mode: 'shared-pool' });
      }),
    );
    const rest = source();
    expect(await rest.deleteWorkspace('team/α 1')).to.deep.equal(ALLOCATION);
    expect(await rest.setMemberLimit('m?1#x', 25)).to.equal(undefined);
    await rest.setMemberLimit('m2', null);
    expect((await rest.setCreditMode('shared-pool')).mode).to.equal('shared-pool');
    expect(calls).to.deep.equal([
      { method: 'DELETE', id: 'team/α 1', body: null, type: null },
      { method: 'PUT limit', id: 'm?1#x', body: { limit: 25 }, type: 'application/json' },
      { method: 'PUT limit', id: 'm2', body: { limit: null }, type: 'application/json' },
      { method: 'PUT mode', id: '', body: { mode: 'shared-pool' }, type: 'application/json' },
    ]);
  });

  it('uses an injected fetch with the full URL and method', async () => {
    const seen: string[] = [];
    const rest = new RestDataSource({
      baseUrl: 'https://api.example.test/credits/',
      fetch: async (input, init) => {
        seen.push(`${init?.method} ${String(input)}`);
        return new Response(JSON.stringify(ALLOCATION), { status: 200 });
      },
    });
    expect(await rest.getAllocation()).to.deep.equal(ALLOCATION);
    expect(seen).to.deep.equal(['GET https://api.example.test/credits/allocation']);
  });

  it('refuses bad options when constructed', () => {
    expect(() => new RestDataSource({ baseUrl: '' })).to.throw(DataSourceError, 'options.baseUrl must not be empty');
    expect(() => new RestDataSource({ baseUrl: '/x?y=1' })).to.throw('options.baseUrl must not hold a query or fragment');
    expect(() => new RestDataSource({ baseUrl: '/x', retries: -1 })).to.throw('options.retries must be a whole number from 0 to 10, got -1');
    expect(() => new RestDataSource({ baseUrl: '/x', timeout: 5 } as unknown as RestDataSourceOptions)).to.throw('options has an unknown field "timeout"');
  });
});

describe('RestDataSource: auth', () => {
  it('asks getToken again with refresh: true after a 401 and retries once', async () => {
    const tokens = ['old', 'new'];
    const asked: boolean[] = [];
    const handler = counted((_hit, { request }) =>
      request.headers.get('authorization') === 'Bearer new'
        ? HttpResponse.json(ALLOCATION)
        : HttpResponse.json(errorBody('unauthorized', 'Token expired.'), { status: 401 }),
    );
    worker.use(http.get(url('/allocation'), handler));
    const rest = source({ getToken: ({ refresh }) => (asked.push(refresh), tokens.shift()) });
    expect(await rest.getAllocation()).to.deep.equal(ALLOCATION);
    expect(asked).to.deep.equal([false, true]);
    expect(handler.hits).to.equal(2);
  });

  it('rejects unauthorized on a second 401, after exactly two token requests', async () => {
    let asked = 0;
    const handler = counted(() => HttpResponse.json(errorBody('unauthorized', 'Token revoked.'), { status: 401 }));
    worker.use(http.get(url('/account'), handler));
    const error = await rejection(source({ getToken: () => `t${++asked}` }).getAccount());
    expect(error).to.be.instanceOf(DataSourceError);
    expect(error).to.include({ code: 'unauthorized', message: 'Token revoked.', status: 401, endpoint: 'GET /account', retryable: false });
    expect(asked).to.equal(2);
    expect(handler.hits).to.equal(2);
  });

  it('does not retry a 401 without getToken', async () => {
    const handler = counted(() => new HttpResponse('no', { status: 401 }));
    worker.use(http.get(url('/account'), handler));
    const error = await rejection(source({ headers: { Authorization: 'Bearer static' } }).getAccount());
    expect(error).to.include({ code: 'unauthorized', status: 401, message: 'GET /account: the server answered 401 Unauthorized' });
    expect(handler.hits).to.equal(1);
  });

  it('rejects unauthorized when getToken throws, without a request', async () => {
    const handler = counted(() => HttpResponse.json(ACCOUNT));
    worker.use(http.get(url('/account'), handler));
    const error = await rejection(source({ getToken: () => Promise.reject(new Error('session ended')) }).getAccount());
    expect(error).to.include({ code: 'unauthorized', message: 'GET /account: getToken failed: session ended' });
    expect(handler.hits).to.equal(0);
  });
});

describe('RestDataSource: timeouts and aborts', () => {
  it('rejects timeout when no answer comes within timeoutMs', async () => {
    const handler = counted(async () => {
      await delay('infinite');
      return HttpResponse.json(ACCOUNT);
    });
    worker.use(http.get(url('/account'), handler));
    const started = performance.now();
    const error = await rejection(source({ timeoutMs: 60, retries: 0 }).getAccount());
    expect(error).to.include({ code: 'timeout', message: 'GET /account: no answer within 60 ms', retryable: true });
    expect(performance.now() - started).to.be.within(55, 2000);
    expect(handler.hits).to.equal(1);
  });

  it('retries a timed-out attempt and returns the next answer', async () => {
    const handler = counted(async (hit) => {
      if (hit === 1) await delay('infinite');
      return HttpResponse.json(ALLOCATION);
    });
    worker.use(http.get(url('/allocation'), handler));
    expect(await source({ timeoutMs: 80, retries: 1 }).getAllocation()).to.deep.equal(ALLOCATION);
    expect(handler.hits).to.equal(2);
  });

  it('times out even when an injected fetch ignores its signal', async () => {
    const rest = new RestDataSource({ baseUrl: '/x', timeoutMs: 30, retries: 0, fetch: () => new Promise<Response>(() => {}) });
    expect((await rejection(rest.getAccount())).code).to.equal('timeout');
  });

  it('rejects aborted and really cancels the fetch in flight', async () => {
    worker.use(
      http.get(url('/usage'), async () => {
        await delay('infinite');
        return HttpResponse.json(usage([]));
      }),
    );
    const signals: AbortSignal[] = [];
    let outcome: Promise<string> | undefined;
    const rest = source({
      fetch: (input, init) => {
        signals.push(init!.signal!);
        const pending = globalThis.fetch(input, init);
        outcome = pending.then(
          () => 'answered',
          (e: Error) => e.name,
        );
        return pending;
      },
    });
    const controller = new AbortController();
    const call = rest.queryUsage(DAY_QUERY, controller.signal);
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    const error = await rejection(call);
    expect(error).to.include({ code: 'aborted', retryable: false });
    expect(signals).to.have.length(1);
    expect(signals[0].aborted).to.equal(true);
    expect(await outcome).to.equal('AbortError');
  });

  it('rejects aborted without a request when the signal has already fired', async () => {
    const handler = counted(() => HttpResponse.json(ACCOUNT));
    worker.use(http.get(url('/account'), handler));
    const controller = new AbortController();
    controller.abort();
    expect((await rejection(source().getAccount(controller.signal))).code).to.equal('aborted');
    expect(handler.hits).to.equal(0);
  });

  it('stops waiting between retries when aborted', async () => {
    const handler = counted(() => new HttpResponse(null, { status: 503 }));
    worker.use(http.get(url('/allocation'), handler));
    const controller = new AbortController();
    const started = performance.now();
    const call = source({ retryDelayMs: 5000 }).getAllocation(controller.signal);
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    expect((await rejection(call)).code).to.equal('aborted');
    expect(performance.now() - started).to.be.below(2000);
    expect(handler.hits).to.equal(1);
  });

  it('removes every listener it adds to the caller signal', async () => {
    worker.use(
      http.get(url('/allocation'), () => HttpResponse.json(ALLOCATION)),
      http.get(url('/account'), () => new HttpResponse(null, { status: 500 })),
    );
    const controller = new AbortController();
    const signal = controller.signal;
    const live = new Set<unknown>();
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((type: string, fn: EventListener, opts?: AddEventListenerOptions) => {
      live.add(fn);
      add(type, fn, opts);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((type: string, fn: EventListener) => {
      live.delete(fn);
      remove(type, fn);
    }) as typeof signal.removeEventListener;
    const rest = source({ retries: 2 });
    await rest.getAllocation(signal);
    await rejection(rest.getAccount(signal));
    expect(live.size).to.equal(0);
  });
});

describe('RestDataSource: retries', () => {
  it('retries a GET on 500 with exponential backoff, then returns the answer', async () => {
    const handler = counted((hit) => (hit < 3 ? new HttpResponse('oops', { status: 500 }) : HttpResponse.json(ALLOCATION)));
    worker.use(http.get(url('/allocation'), handler));
    const started = performance.now();
    expect(await source({ retryDelayMs: 40 }).getAllocation()).to.deep.equal(ALLOCATION);
    // 40 × 2⁰ + 40 × 2¹ = 120 ms, each within ±25 %
    expect(performance.now() - started).to.be.at.least(88);
    expect(handler.hits).to.equal(3);
  });

  it('rejects server after the last retry, with the status and the body message', async () => {
    const handler = counted(() => HttpResponse.json(errorBody('server', 'Database unavailable.'), { status: 502 }));
    worker.use(http.get(url('/account'), handler));
    const error = await rejection(source({ retries: 1 }).getAccount());
    expect(error).to.include({ code: 'server', message: 'Database unavailable.', status: 502, retryable: true });
    expect(handler.hits).to.equal(2);
  });

  it('retries on a network failure and rejects network after the last one', async () => {
    const handler = counted(() => HttpResponse.error());
    worker.use(http.get(url('/account'), handler));
    const error = await rejection(source({ retries: 2 }).getAccount());
    expect(error.code).to.equal('network');
    expect(error.message).to.match(/^GET \/account: the request failed: /);
    expect(handler.hits).to.equal(3);
  });

  it('does not retry 501 (not-supported) or 4xx refusals', async () => {
    const notImplemented = counted(() => new HttpResponse(null, { status: 501 }));
    const refused = counted(() => HttpResponse.json(errorBody('invalid-query', 'Bad range.', 'query.start'), { status: 400 }));
    worker.use(http.get(url('/allocation'), notImplemented), http.get(url('/usage'), refused));
    expect((await rejection(source().getAllocation())).code).to.equal('not-supported');
    expect(await rejection(source().queryUsage(DAY_QUERY))).to.include({ code: 'invalid-query', field: 'query.start', status: 400 });
    expect(notImplemented.hits).to.equal(1);
    expect(refused.hits).to.equal(1);
  });

  it('rejects rate-limited after the retries run out', async () => {
    const handler = counted(() => HttpResponse.json(errorBody('rate-limited', 'Slow down.'), { status: 429 }));
    worker.use(http.get(url('/members'), handler));
    const error = await rejection(source({ retries: 3 }).queryMembers(MEMBER_QUERY));
    expect(error).to.include({ code: 'rate-limited', message: 'Slow down.', status: 429, retryable: true });
    expect(handler.hits).to.equal(4);
  });

  it('waits as long as Retry-After asks before retrying', async () => {
    const handler = counted((hit) =>
      hit === 1 ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }) : HttpResponse.json(ACCOUNT),
    );
    worker.use(http.get(url('/account'), handler));
    const started = performance.now();
    expect(await source().getAccount()).to.deep.equal(ACCOUNT);
    expect(performance.now() - started).to.be.at.least(950);
    expect(handler.hits).to.equal(2);
  });

  it('gives up at once when Retry-After exceeds maxRetryDelayMs', async () => {
    const handler = counted(() => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '120' } }));
    worker.use(http.get(url('/account'), handler));
    const error = await rejection(source({ maxRetryDelayMs: 5000 }).getAccount());
    expect(error).to.include({ code: 'server', status: 503, message: 'GET /account: the server answered 503 Service Unavailable' });
    expect(handler.hits).to.equal(1);
  });

  it('sends the same Idempotency-Key on every retry of a transfer, and a new one per call', async () => {
    const keys: (string | null)[] = [];
    const bodies: unknown[] = [];
    worker.use(
      http.post(url('/transfers'), async ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        bodies.push(await request.json());
        return keys.length % 3 === 0 ? HttpResponse.json(ALLOCATION) : new HttpResponse(null, { status: 503 });
      }),
    );
    const rest = source();
    const transfer = { fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: 25 };
    expect(await rest.transferCredits(transfer)).to.deep.equal(ALLOCATION);
    expect(await rest.transferCredits(transfer)).to.deep.equal(ALLOCATION);
    expect(keys).to.have.length(6);
    expect(keys[0]).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys.slice(0, 3)).to.deep.equal([keys[0], keys[0], keys[0]]);
    expect(keys.slice(3)).to.deep.equal([keys[3], keys[3], keys[3]]);
    expect(keys[3]).to.not.equal(keys[0]);
    expect(bodies).to.deep.equal(Array(6).fill(transfer));
  });

  it('sends the caller idempotencyKey as given', async () => {
    let key: string | null = null;
    worker.use(
      http.post(url('/transfers'), ({ request }) => {
        key = request.headers.get('idempotency-key');
        return HttpResponse.json(ALLOCATION);
      }),
    );
    await source().transferCredits({ fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: 1, idempotencyKey: 'transfer-42' });
    expect(key).to.equal('transfer-42');
  });

  it('resolves a retried DELETE that finds the workspace already gone with the fresh allocation', async () => {
    const after: Allocation = { ...ALLOCATION, workspaces: [ALLOCATION.workspaces[0]], totalCredits: 700 };
    const del = counted((hit) =>
      hit === 1
        ? new HttpResponse(null, { status: 504 })
        : HttpResponse.json(errorBody('unknown-workspace', 'There is no workspace "a".', 'workspaceId'), { status: 404 }),
    );
    const get = counted(() => HttpResponse.json(after));
    worker.use(http.delete(url('/workspaces/:id'), del), http.get(url('/allocation'), get));
    expect(await source().deleteWorkspace('a')).to.deep.equal(after);
    expect(del.hits).to.equal(2);
    expect(get.hits).to.equal(1);
  });

  it('rejects unknown-workspace for a DELETE no earlier attempt could have done', async () => {
    const del = counted((hit) =>
      hit === 1
        ? new HttpResponse(null, { status: 429 })
        : HttpResponse.json(errorBody('unknown-workspace', 'There is no workspace "zz".', 'workspaceId'), { status: 404 }),
    );
    const get = counted(() => HttpResponse.json(ALLOCATION));
    worker.use(http.delete(url('/workspaces/:id'), del), http.get(url('/allocation'), get));
    const error = await rejection(source().deleteWorkspace('zz'));
    expect(error).to.include({ code: 'unknown-workspace', message: 'There is no workspace "zz".', field: 'workspaceId', status: 404 });
    expect(del.hits).to.equal(2);
    expect(get.hits).to.equal(0);
  });
});

describe('RestDataSource: error answers', () => {
  it('maps the error body to a DataSourceError with its code, message, field, status and endpoint', async () => {
    worker.use(
      http.post(url('/transfers'), () =>
        HttpResponse.json(errorBody('insufficient-credits', 'A has 250 credits available; cannot transfer 900.', 'amount'), { status: 409 }),
      ),
    );
    const error = await rejection(source().transferCredits({ fromWorkspaceId: 'a', toWorkspaceId: 'p', amount: 900 }));
    expect(error).to.be.instanceOf(DataSourceError);
    expect(error).to.include({
      code: 'insufficient-credits',
      message: 'A has 250 credits available; cannot transfer 900.',
      field: 'amount',
      status: 409,
      endpoint: 'POST /transfers',
    });
  });

  it('maps statuses without a contract body: 403 forbidden, 404 not-supported, 400 invalid-response', async () => {
    worker.use(
      http.put(url('/mode'), () => new HttpResponse('<h1>Forbidden</h1>', { status: 403 })),
      http.get(url('/allocation'), () => new HttpResponse('Not Found', { status: 404 })),
      http.get(url('/account'), () => HttpResponse.json({ message: 'bad' }, { status: 400 })),
    );
    expect((await rejection(source().setCreditMode('shared-pool'))).code).to.equal('forbidden');
    expect(await rejection(source().getAllocation())).to.include({ code: 'not-supported', status: 404 });
    expect(await rejection(source().getAccount())).to.include({
      code: 'invalid-response',
      status: 400,
      message: 'GET /account: the server answered 400 Bad Request without a contract error body',
    });
  });

  it('names an unknown error code and falls back to the status', async () => {
    worker.use(http.get(url('/account'), () => HttpResponse.json(errorBody('quota-exceeded', 'Plan limit.'), { status: 403 })));
    expect(await rejection(source().getAccount())).to.include({
      code: 'forbidden',
      message: 'GET /account: the server answered 403 Forbidden with an unknown error code "quota-exceeded": Plan limit.',
    });
  });

  it('has a status for every error code', () => {
    expect(ERROR_STATUS['unknown-workspace']).to.equal(404);
    expect(ERROR_STATUS['insufficient-credits']).to.equal(409);
    expect(ERROR_STATUS['invalid-amount']).to.equal(422);
    expect(ERROR_STATUS['not-supported']).to.equal(501);
    expect(Object.keys(ERROR_STATUS)).to.have.length(21);
  });
});

describe('RestDataSource: malformed answers', () => {
  const answering = (path: string, body: unknown) => {
    const handler = counted(() =>
      typeof body === 'string' ? new HttpResponse(body, { status: 200 }) : HttpResponse.json(body as Record<string, unknown>),
    );
    worker.use(http.get(url(path), handler));
    return handler;
  };

  it('names the row and the value of a wrong credit amount', async () => {
    const rows = FOUR_DAYS.map((r, i) => (i === 3 ? { ...r, credits: '12a' } : r));
    const handler = answering('/usage', usage(rows));
    const error = await rejection(source().queryUsage(DAY_QUERY));
    expect(error).to.include({
      code: 'invalid-response',
      message: 'GET /usage: rows[3].credits must be a finite number ≥ 0, got "12a"',
      field: 'rows[3].credits',
      endpoint: 'GET /usage',
      retryable: false,
    });
    expect(handler.hits).to.equal(1);
  });

  it('accepts the same answer when it is well-formed', async () => {
    answering('/usage', usage(FOUR_DAYS));
    const result: UsageResult = await source().queryUsage(DAY_QUERY);
    expect(result.rows.map((r) => r.credits)).to.deep.equal([10, 20, 0, 12.5]);
  });

  it('names a missing field', async () => {
    const { timeZone: _dropped, ...account } = ACCOUNT;
    answering('/account', account);
    expect(await rejection(source().getAccount())).to.include({
      code: 'invalid-response',
      message: 'GET /account: account.timeZone must be a valid IANA time zone, got nothing',
      field: 'account.timeZone',
    });
  });

  it('names an extra field', async () => {
    answering('/usage', usage(FOUR_DAYS, { total: 42.5 }));
    expect(await rejection(source().queryUsage(DAY_QUERY))).to.include({
      code: 'invalid-response',
      message: 'GET /usage: result has an unknown field "total"',
      field: 'result.total',
    });
  });

  it('names a field of the wrong type', async () => {
    answering('/allocation', { ...ALLOCATION, totalCredits: '1000' });
    expect(await rejection(source().getAllocation())).to.include({
      code: 'invalid-response',
      message: 'GET /allocation: totalCredits must be a finite number ≥ 0, got "1000"',
    });
  });

  it('names a repeated row', async () => {
    answering('/usage', usage([FOUR_DAYS[0], FOUR_DAYS[1], { ...FOUR_DAYS[1], credits: 5 }]));
    expect(await rejection(source().queryUsage(DAY_QUERY))).to.include({
      code: 'invalid-response',
      message: 'GET /usage: rows[2] repeats period 2024-03-02',
      field: 'rows[2]',
    });
  });

  it('refuses a row outside the asked range and a member page that contradicts its query', async () => {
    answering('/usage', usage([{ period: '2024-03-09', key: null, credits: 1 }]));
    expect((await rejection(source().queryUsage(DAY_QUERY))).message).to.equal(
      'GET /usage: rows[0].period must be within 2024-03-01…2024-03-07, got "2024-03-09"',
    );
    const member = PAGE.members[0];
    answering('/members', { members: [member, { ...member, id: 'm2' }, { ...member, id: 'm3' }], total: 3 });
    expect((await rejection(source().queryMembers(MEMBER_QUERY))).message).to.equal(
      'GET /members: members holds 3 rows, more than the limit (2)',
    );
    answering('/members', { members: [member], total: 0 });
    expect((await rejection(source().queryMembers(MEMBER_QUERY))).message).to.equal(
      'GET /members: total (0) is less than offset + rows (1)',
    );
    answering('/members', { members: [], total: 4 });
    expect(await source().queryMembers({ ...MEMBER_QUERY, offset: 10 })).to.deep.equal({ members: [], total: 4 });
  });

  it('refuses a body that is not JSON, naming the endpoint', async () => {
    const handler = answering('/members', '<!doctype html><p>Sign in</p>');
    expect(await rejection(source().queryMembers(MEMBER_QUERY))).to.include({
      code: 'invalid-response',
      message: 'GET /members: the answer is not JSON (it starts "<!doctype html><p>Si")',
      endpoint: 'GET /members',
    });
    expect(handler.hits).to.equal(1);
  });

  it('refuses an empty body where JSON is due', async () => {
    worker.use(http.post(url('/transfers'), () => new HttpResponse(null, { status: 204 })));
    expect(await rejection(source().transferCredits({ fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: 1 }))).to.include({
      code: 'invalid-response',
      message: 'POST /transfers: the answer has no body, expected JSON',
    });
  });

  it('checks month periods against the account billing cycle, reading the account once', async () => {
    const account = counted(() => HttpResponse.json(ACCOUNT));
    let months = ['2024-02', '2024-03'];
    worker.use(
      http.get(url('/account'), account),
      http.get(url('/usage'), () => HttpResponse.json(usage(months.map((period) => ({ period, key: null, credits: 1 }))))),
    );
    const rest = source();
    // 2024-03-10 lies in the billing month that starts on 15 February.
    const query: UsageQuery = { start: '2024-03-10', end: '2024-03-20', granularity: 'month' };
    const [a, b] = await Promise.all([rest.queryUsage(query), rest.queryUsage(query)]);
    expect(a.rows.map((r) => r.period)).to.deep.equal(['2024-02', '2024-03']);
    expect(b.rows).to.deep.equal(a.rows);
    months = ['2024-04'];
    expect((await rejection(rest.queryUsage(query))).message).to.equal(
      'GET /usage: rows[0].period must be within 2024-02…2024-03, got "2024-04"',
    );
    expect(account.hits).to.equal(1);
  });

  it('refuses reason keys the account does not declare', async () => {
    worker.use(
      http.get(url('/account'), () => HttpResponse.json(ACCOUNT)),
      http.get(url('/usage'), () =>
        HttpResponse.json(usage([{ period: 'total', key: 'video', credits: 1 }], { labels: { video: 'Video' } })),
      ),
    );
    const rest = source();
    await rest.getAccount();
    expect((await rejection(rest.queryUsage({ ...DAY_QUERY, granularity: 'total', groupBy: 'reason' }))).message).to.equal(
      'GET /usage: rows[0].key must be one of the account\'s reasons, got "video"',
    );
  });
});

describe('RestDataSource: refusals before sending', () => {
  it('refuses invalid queries and writes without making a request', async () => {
    const hits = counted(() => HttpResponse.json({}));
    worker.use(http.all(url('/*'), hits));
    const rest = source();
    expect(await rejection(rest.queryUsage({ ...DAY_QUERY, start: '2024-03-09' }))).to.include({
      code: 'invalid-query',
      message: 'queryUsage: query.start (2024-03-09) is after query.end (2024-03-07)',
      field: 'query.start',
    });
    expect(await rejection(rest.queryUsage({ ...DAY_QUERY, top: 3 }))).to.include({ code: 'invalid-query', field: 'query.top' });
    expect(await rejection(rest.queryUsage({ ...DAY_QUERY, granularity: 'week' as 'day' }))).to.include({
      code: 'invalid-query',
      field: 'query.granularity',
    });
    expect(await rejection(rest.queryMembers({ ...MEMBER_QUERY, limit: 0 }))).to.include({
      code: 'invalid-query',
      message: 'queryMembers: query.limit must be a whole number from 1 to 10000, got 0',
    });
    expect(await rejection(rest.transferCredits({ fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: NaN }))).to.include({
      code: 'invalid-amount',
      field: 'transfer.amount',
    });
    expect(await rejection(rest.transferCredits({ fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: 1, idempotencyKey: 'has space' }))).to.include({
      code: 'invalid-input',
      field: 'transfer.idempotencyKey',
    });
    expect(await rejection(rest.setCreditMode('pooled' as 'shared-pool'))).to.include({ code: 'invalid-mode', field: 'mode' });
    expect(await rejection(rest.setMemberLimit('m1', Infinity))).to.include({ code: 'invalid-limit', field: 'limit' });
    expect(await rejection(rest.deleteWorkspace(''))).to.include({ code: 'invalid-input', field: 'workspaceId' });
    expect(hits.hits).to.equal(0);
  });
});
