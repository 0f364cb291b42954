/**
 * msw request handlers that serve the REST/JSON contract
 * (`docs/rest-contract.md`) from any `CreditDataSource`: the demo and the
 * tests put a memory source behind them and talk to it through
 * `RestDataSource`, over the real `fetch` path.
 *
 * Answers are the source's results as JSON, unchanged (so a contract test can
 * compare both sides); refusals are `{ "error": { code, message, field? } }`
 * with the status from {@link ERROR_STATUS}.
 */
import { delay, http, HttpResponse, type HttpHandler, type PathParams } from 'msw';
import { DataSourceError, errorMessage, isDataSourceError } from '../data/errors.js';
import { ERROR_STATUS, type RestErrorBody } from '../data/rest.js';
import type { CreditDataSource, CreditMode, MemberQuery, UsageFilter, UsageQuery } from '../data/types.js';
import { DIMENSIONS, validateMemberQuery, validateUsageQuery } from '../data/validate.js';

export interface MockHandlerOptions {
  /** Where the endpoints live: an absolute URL, or a path resolved against the page (browser only). */
  baseUrl: string;
  /** Milliseconds every answer is held back. Default 0. */
  latencyMs?: number;
  /** Fraction (0–1) of requests that answer 503 `server` before reaching the source. Default 0. */
  failureRate?: number;
  /** Source of randomness for `failureRate`; default `Math.random`. */
  random?: () => number;
}

const FILTER_PARAMS = DIMENSIONS.map((d) => `filter.${d}`);
const USAGE_PARAMS = ['start', 'end', 'granularity', 'groupBy', 'top', ...FILTER_PARAMS];
const MEMBER_PARAMS = ['start', 'end', 'sort', 'direction', 'search', 'offset', 'limit', ...FILTER_PARAMS];

/** What one endpoint answers; `endpoint` names it in messages. */
type Answer = (request: Request, params: PathParams, endpoint: string) => Promise<Response>;

/** The handlers for every endpoint of the contract, answering from `source`. */
export function createMockHandlers(source: CreditDataSource, options: MockHandlerOptions): HttpHandler[] {
  const base = options.baseUrl.replace(/\/+$/, '');
  const latencyMs = options.latencyMs ?? 0;
  const failureRate = options.failureRate ?? 0;
  const random = options.random ?? Math.random;

  /** One endpoint, named in messages after its method and path (`DELETE /workspaces/{id}`), with latency, injected failures and error mapping around it. */
  const route = (method: 'get' | 'post' | 'put' | 'delete', path: string, answer: Answer): HttpHandler => {
    const endpoint = `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`;
    return http[method](`${base}${path}`, async ({ request, params }) => {
      if (latencyMs > 0) await delay(latencyMs);
      if (failureRate > 0 && random() < failureRate) {
        return errorResponse(new DataSourceError('server', `${endpoint}: simulated failure`), 503);
      }
      try {
        return await answer(request, params, endpoint);
      } catch (error) {
        return errorResponse(error);
      }
    });
  };

  return [
    route('get', '/account', async (request) => HttpResponse.json(await source.getAccount(request.signal))),

    route('get', '/usage', async (request, _params, endpoint) => {
      const query = usageQueryFrom(new URL(request.url).searchParams, endpoint);
      return HttpResponse.json(await source.queryUsage(query, request.signal));
    }),

    route('get', '/allocation', async (request) => HttpResponse.json(await source.getAllocation(request.signal))),

    route('get', '/members', async (request, _params, endpoint) => {
      const query = memberQueryFrom(new URL(request.url).searchParams, endpoint);
      return HttpResponse.json(await source.queryMembers(query, request.signal));
    }),

    route('post', '/transfers', async (request, _params, endpoint) => {
      if (!source.transferCredits) throw notSupported(endpoint);
      const key = request.headers.get('Idempotency-Key');
      if (!key) throw badInput(endpoint, 'Idempotency-Key', 'the Idempotency-Key header is required');
      const body = await jsonBody(request, endpoint, ['fromWorkspaceId', 'toWorkspaceId', 'amount']);
      const allocation = await source.transferCredits(
        {
          fromWorkspaceId: body.fromWorkspaceId as string,
          toWorkspaceId: body.toWorkspaceId as string,
          amount: body.amount as number,
          idempotencyKey: key,
        },
        request.signal,
      );
      return HttpResponse.json(allocation);
    }),

    route('put', '/mode', async (request, _params, endpoint) => {
      if (!source.setCreditMode) throw notSupported(endpoint);
      const body = await jsonBody(request, endpoint, ['mode']);
      return HttpResponse.json(await source.setCreditMode(body.mode as CreditMode, request.signal));
    }),

    route('delete', '/workspaces/:id', async (request, params, endpoint) => {
      if (!source.deleteWorkspace) throw notSupported(endpoint);
      return HttpResponse.json(await source.deleteWorkspace(String(params.id), request.signal));
    }),

    route('put', '/members/:id/limit', async (request, params, endpoint) => {
      if (!source.setMemberLimit) throw notSupported(endpoint);
      const body = await jsonBody(request, endpoint, ['limit']);
      await source.setMemberLimit(String(params.id), body.limit as number | null, request.signal);
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}

// ------------------------------------------------------------------ parsing

/** Reads the parameters of a query string strictly: known names only, single-valued ones once. */
function readParams(params: URLSearchParams, endpoint: string, allowed: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of params) {
    if (!allowed.includes(name)) throw badQuery(endpoint, name, `${endpoint}: unknown parameter "${name}"`);
    const list = out.get(name) ?? [];
    if (list.length > 0 && !name.startsWith('filter.')) {
      throw badQuery(endpoint, name, `${endpoint}: parameter "${name}" is given more than once`);
    }
    list.push(value);
    out.set(name, list);
  }
  return out;
}

/** A whole number stays a number; anything else stays text, so validation names it as sent. */
const numeric = (v: string): number | string => (/^-?\d+$/.test(v) ? Number(v) : v);

function filterFrom(params: Map<string, string[]>): UsageFilter | undefined {
  let filter: UsageFilter | undefined;
  for (const dim of DIMENSIONS) {
    const values = params.get(`filter.${dim}`);
    // One empty value stands for an empty list (ids are never empty).
    if (values) (filter ??= {})[dim] = values.filter((v) => v !== '');
  }
  return filter;
}

function usageQueryFrom(search: URLSearchParams, endpoint: string): UsageQuery {
  const p = readParams(search, endpoint, USAGE_PARAMS);
  const one = (name: string) => p.get(name)?.[0];
  const query: Record<string, unknown> = { start: one('start'), end: one('end'), granularity: one('granularity') };
  if (p.has('groupBy')) query.groupBy = one('groupBy');
  if (p.has('top')) query.top = numeric(one('top')!);
  const filter = filterFrom(p);
  if (filter) query.filter = filter;
  return validateUsageQuery(query, endpoint);
}

function memberQueryFrom(search: URLSearchParams, endpoint: string): MemberQuery {
  const p = readParams(search, endpoint, MEMBER_PARAMS);
  const one = (name: string) => p.get(name)?.[0];
  const query: Record<string, unknown> = {
    start: one('start'),
    end: one('end'),
    sort: one('sort'),
    direction: one('direction'),
  };
  if (p.has('search')) query.search = one('search');
  query.offset = p.has('offset') ? numeric(one('offset')!) : undefined;
  query.limit = p.has('limit') ? numeric(one('limit')!) : undefined;
  const filter = filterFrom(p);
  if (filter) query.filter = filter;
  return validateMemberQuery(query, endpoint);
}

/** The request's JSON object body, with exactly the given fields (all required). */
async function jsonBody(request: Request, endpoint: string, fields: readonly string[]): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    throw badInput(endpoint, 'body', `${endpoint}: the body must be JSON`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badInput(endpoint, 'body', `${endpoint}: the body must be a JSON object`);
  }
  const o = body as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!fields.includes(k)) throw badInput(endpoint, `body.${k}`, `${endpoint}: the body has an unknown field "${k}"`);
  }
  for (const k of fields) {
    if (!(k in o)) throw badInput(endpoint, `body.${k}`, `${endpoint}: the body is missing "${k}"`);
  }
  return o;
}

// ------------------------------------------------------------------ errors

const badQuery = (endpoint: string, field: string, message: string) =>
  new DataSourceError('invalid-query', message, { field, endpoint });

const badInput = (endpoint: string, field: string, message: string) =>
  new DataSourceError('invalid-input', message.startsWith(endpoint) ? message : `${endpoint}: ${message}`, { field, endpoint });

const notSupported = (endpoint: string) =>
  new DataSourceError('not-supported', `${endpoint}: this data source does not offer it`, { endpoint });

/** The contract's error answer for anything a handler or the source threw. */
function errorResponse(error: unknown, status?: number): Response {
  const e = isDataSourceError(error)
    ? error
    : new DataSourceError('server', errorMessage(error), { cause: error });
  const body: RestErrorBody = { error: e.toJSON() };
  return HttpResponse.json(body, { status: status ?? ERROR_STATUS[e.code] });
}
