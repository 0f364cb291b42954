/**
 * `RestDataSource`: the built-in adapter that speaks the REST/JSON contract
 * documented in `docs/rest-contract.md` over `fetch`.
 *
 * - Every query is validated before it is sent; every answer is validated
 *   before it is returned, so a wrong field becomes one `invalid-response`
 *   error naming the endpoint and the field path.
 * - Auth: static `headers` and/or a `getToken` callback for a short-lived
 *   bearer token, asked again (`{ refresh: true }`) after a 401.
 * - Each attempt has a timeout; the caller's `AbortSignal` cancels the
 *   request in flight and any backoff wait.
 * - Every endpoint of the contract is safe to repeat, so failed attempts
 *   (network, timeout, 5xx, 429) are retried with exponential backoff:
 *   reads and PUTs are idempotent, `POST /transfers` carries an
 *   `Idempotency-Key` (the same one on every retry) and `DELETE` reconciles a
 *   retry that finds the workspace already gone.
 *
 * Runs wherever `fetch`, `AbortController`, `Headers` and `crypto` exist
 * (browsers, Node 20+).
 */
import { DataSourceError, errorMessage, isDataSourceError, throwIfAborted, type DataSourceErrorCode } from './errors.js';
import { raceAbort, sleep } from './abort.js';
import type {
  AccountInfo,
  Allocation,
  CreditDataSource,
  CreditMode,
  MemberPage,
  MemberQuery,
  TransferRequest,
  UsageFilter,
  UsageQuery,
  UsageResult,
} from './types.js';
import {
  checker,
  DIMENSIONS,
  validateAccount,
  validateAllocation,
  validateCreditMode,
  validateMemberPage,
  validateMemberQuery,
  validateUsageQuery,
  validateUsageResult,
} from './validate.js';

/**
 * Gives the bearer token for the `Authorization` header. Called before every
 * attempt, so keep it cheap (cache the token until it is about to expire);
 * `refresh` is `true` right after the server answered 401, when a cached
 * token should be replaced. Returning `null`, `undefined` or `''` sends no
 * `Authorization` header.
 */
export type TokenProvider = (context: { refresh: boolean }) =>
  | string
  | null
  | undefined
  | Promise<string | null | undefined>;

export interface RestDataSourceOptions {
  /** Where the contract's endpoints live, e.g. `https://api.example.com/credits/v1` or `/api/credits`. */
  baseUrl: string;
  /** Sent with every request (e.g. an API key). `Authorization` from `getToken` wins over one given here. */
  headers?: Record<string, string>;
  /** Short-lived bearer token; see {@link TokenProvider}. */
  getToken?: TokenProvider;
  /** The `fetch` to use; defaults to the global one (looked up on every call). */
  fetch?: typeof fetch;
  /** `fetch`'s `credentials` mode, e.g. `'include'` for cookie auth across origins. */
  credentials?: RequestCredentials;
  /** Milliseconds one attempt may take, answer body included. Default 15000; `0` disables. */
  timeoutMs?: number;
  /** How many times a failed attempt is repeated. Default 2 (three attempts in all). */
  retries?: number;
  /** Base delay of the exponential backoff: attempt n waits `retryDelayMs × 2ⁿ` ± 25 %. Default 200. */
  retryDelayMs?: number;
  /**
   * Longest wait between attempts. A `Retry-After` asking for more ends the
   * retries at once with `rate-limited` / `server`. Default 30000.
   */
  maxRetryDelayMs?: number;
}

/**
 * The HTTP status the contract pairs with each error code (what a server
 * sends, and what the mock handlers send). The client trusts the `code` of an
 * error body over the status; without one it maps the status (see
 * `docs/rest-contract.md`).
 */
export const ERROR_STATUS: Readonly<Record<DataSourceErrorCode, number>> = Object.freeze({
  'invalid-query': 400,
  'invalid-input': 400,
  'invalid-amount': 422,
  'invalid-limit': 422,
  'invalid-mode': 422,
  'same-workspace': 422,
  'insufficient-credits': 409,
  'shared-pool-mode': 409,
  'primary-undeletable': 409,
  'idempotency-conflict': 409,
  'unknown-workspace': 404,
  'unknown-member': 404,
  'not-supported': 501,
  forbidden: 403,
  unauthorized: 401,
  'rate-limited': 429,
  'invalid-response': 502,
  network: 502,
  server: 500,
  timeout: 504,
  aborted: 499,
});

/** The JSON body of every non-2xx answer. */
export interface RestErrorBody {
  error: { code: DataSourceErrorCode; message: string; field?: string };
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface Call {
  method: Method;
  /** Path below the base URL, ids already encoded. */
  path: string;
  /** Names the endpoint in messages: `GET /usage`, `DELETE /workspaces/{id}`. */
  endpoint: string;
  /** Encoded query string, without `?`. */
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** The answer carries no body (204); any 2xx body is ignored. */
  expectNoBody?: boolean;
  /**
   * Called with the final error when an earlier attempt may have reached the
   * server (network failure, timeout, 5xx); may turn it into a result.
   */
  recover?: (error: DataSourceError) => Promise<unknown>;
}

interface RawAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

const DEFAULTS = { timeoutMs: 15_000, retries: 2, retryDelayMs: 200, maxRetryDelayMs: 30_000 };
const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{1,255}$/;
const MAX_TIMER = 2_147_483_647;

/** The built-in adapter for a backend that implements the REST/JSON contract. */
export class RestDataSource implements CreditDataSource {
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly getToken?: TokenProvider;
  private readonly fetchImpl: typeof fetch;
  private readonly credentials?: RequestCredentials;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  /** The last account read, for checking usage answers (billing cycle day, reasons). */
  private account?: AccountInfo;
  private accountLoad?: Promise<AccountInfo>;

  constructor(options: RestDataSourceOptions) {
    const c = checker({ where: 'RestDataSource', code: 'invalid-input' });
    const o = c.object(options, 'options', [
      'baseUrl', 'headers', 'getToken', 'fetch', 'credentials', 'timeoutMs', 'retries', 'retryDelayMs', 'maxRetryDelayMs',
    ]);
    const baseUrl = c.string(o.baseUrl, 'options.baseUrl');
    if (/[?#]/.test(baseUrl)) c.fail('options.baseUrl', 'must not hold a query or fragment', baseUrl);
    if (o.headers !== undefined) c.record(o.headers, 'options.headers', (v, p) => c.string(v, p, { empty: true }));
    for (const fn of ['getToken', 'fetch'] as const) {
      if (o[fn] !== undefined && typeof o[fn] !== 'function') c.fail(`options.${fn}`, 'must be a function', o[fn]);
    }
    const ms = (key: keyof typeof DEFAULTS, max: number) =>
      o[key] === undefined ? DEFAULTS[key] : c.integer(o[key], `options.${key}`, 0, max);

    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.headers = { ...options.headers };
    this.getToken = options.getToken;
    const custom = options.fetch;
    this.fetchImpl = custom ?? ((input, init) => globalThis.fetch(input, init));
    this.credentials = options.credentials;
    this.timeoutMs = ms('timeoutMs', MAX_TIMER);
    this.retries = ms('retries', 10);
    this.retryDelayMs = ms('retryDelayMs', MAX_TIMER);
    this.maxRetryDelayMs = ms('maxRetryDelayMs', MAX_TIMER);
  }

  // ---------------------------------------------------------------- reads

  /** `GET /account`. Also remembered for checking later usage answers. */
  async getAccount(signal?: AbortSignal): Promise<AccountInfo> {
    const endpoint = 'GET /account';
    const value = await this.send({ method: 'GET', path: '/account', endpoint, signal });
    const account = validateAccount(value, { where: endpoint, endpoint });
    this.account = account;
    return account;
  }

  /** `GET /usage?start&end&granularity[&groupBy][&top][&filter.<dimension>…]`. */
  async queryUsage(query: UsageQuery, signal?: AbortSignal): Promise<UsageResult> {
    const endpoint = 'GET /usage';
    validateUsageQuery(query);
    throwIfAborted(signal);
    // Month periods depend on the billing cycle day, reason keys on the
    // account's reasons: read the account once when the answer needs it.
    const account =
      this.account ?? (query.granularity === 'month' || query.groupBy === 'reason' ? await this.loadAccount(signal) : undefined);
    const params: [string, string][] = [
      ['start', query.start],
      ['end', query.end],
      ['granularity', query.granularity],
    ];
    if (query.groupBy !== undefined) params.push(['groupBy', query.groupBy]);
    if (query.top !== undefined) params.push(['top', String(query.top)]);
    pushFilter(params, query.filter);
    const value = await this.send({ method: 'GET', path: '/usage', endpoint, query: encodeQuery(params), signal });
    return validateUsageResult(value, query, { where: endpoint, endpoint }, {
      billingCycleDay: account?.billingCycleDay,
      reasons: account?.reasons.map((r) => r.id),
    });
  }

  /** `GET /allocation`. */
  async getAllocation(signal?: AbortSignal): Promise<Allocation> {
    const endpoint = 'GET /allocation';
    const value = await this.send({ method: 'GET', path: '/allocation', endpoint, signal });
    return validateAllocation(value, { where: endpoint, endpoint });
  }

  /** `GET /members?start&end&sort&direction[&search]&offset&limit[&filter.<dimension>…]`. */
  async queryMembers(query: MemberQuery, signal?: AbortSignal): Promise<MemberPage> {
    const endpoint = 'GET /members';
    validateMemberQuery(query);
    const params: [string, string][] = [
      ['start', query.start],
      ['end', query.end],
      ['sort', query.sort],
      ['direction', query.direction],
    ];
    if (query.search !== undefined) params.push(['search', query.search]);
    params.push(['offset', String(query.offset)], ['limit', String(query.limit)]);
    pushFilter(params, query.filter);
    const value = await this.send({ method: 'GET', path: '/members', endpoint, query: encodeQuery(params), signal });
    return validateMemberPage(value, query, { where: endpoint, endpoint });
  }

  // ---------------------------------------------------------------- writes

  /**
   * `POST /transfers` with an `Idempotency-Key` header: the request's
   * `idempotencyKey`, or a fresh random one per call. Retries send the same key.
   */
  async transferCredits(transfer: TransferRequest, signal?: AbortSignal): Promise<Allocation> {
    const endpoint = 'POST /transfers';
    const c = checker({ where: 'transferCredits', code: 'invalid-input' });
    const t = c.object(transfer, 'transfer', ['fromWorkspaceId', 'toWorkspaceId', 'amount', 'idempotencyKey']);
    c.string(t.fromWorkspaceId, 'transfer.fromWorkspaceId', { empty: true });
    c.string(t.toWorkspaceId, 'transfer.toWorkspaceId', { empty: true });
    if (typeof t.amount !== 'number' || !Number.isFinite(t.amount)) {
      // JSON cannot carry NaN or Infinity; everything else is the server's to judge.
      checker({ where: 'transferCredits', code: 'invalid-amount' }).fail('transfer.amount', 'must be a finite number', t.amount);
    }
    if (t.idempotencyKey !== undefined && (typeof t.idempotencyKey !== 'string' || !IDEMPOTENCY_KEY_RE.test(t.idempotencyKey))) {
      c.fail('transfer.idempotencyKey', 'must be 1–255 visible ASCII characters', t.idempotencyKey);
    }
    const key = transfer.idempotencyKey ?? randomUuid();
    const value = await this.send({
      method: 'POST',
      path: '/transfers',
      endpoint,
      body: { fromWorkspaceId: transfer.fromWorkspaceId, toWorkspaceId: transfer.toWorkspaceId, amount: transfer.amount },
      headers: { 'Idempotency-Key': key },
      signal,
    });
    return validateAllocation(value, { where: endpoint, endpoint });
  }

  /** `PUT /mode` with `{ "mode": … }`. */
  async setCreditMode(mode: CreditMode, signal?: AbortSignal): Promise<Allocation> {
    const endpoint = 'PUT /mode';
    validateCreditMode(mode, 'setCreditMode');
    const value = await this.send({ method: 'PUT', path: '/mode', endpoint, body: { mode }, signal });
    return validateAllocation(value, { where: endpoint, endpoint });
  }

  /**
   * `DELETE /workspaces/{id}`. When an earlier attempt may have reached the
   * server and a retry answers `unknown-workspace`, the first one deleted
   * it: the call then resolves with a fresh `GET /allocation` (provided the
   * workspace is indeed gone).
   */
  async deleteWorkspace(workspaceId: string, signal?: AbortSignal): Promise<Allocation> {
    const endpoint = 'DELETE /workspaces/{id}';
    checker({ where: 'deleteWorkspace', code: 'invalid-input' }).string(workspaceId, 'workspaceId');
    const value = await this.send({
      method: 'DELETE',
      path: `/workspaces/${encodeURIComponent(workspaceId)}`,
      endpoint,
      signal,
      recover: async (error) => {
        if (error.code !== 'unknown-workspace') throw error;
        const allocation = await this.getAllocation(signal);
        if (allocation.workspaces.some((w) => w.id === workspaceId)) throw error;
        return allocation;
      },
    });
    return validateAllocation(value, { where: endpoint, endpoint });
  }

  /** `PUT /members/{id}/limit` with `{ "limit": number | null }`; the server answers 204. */
  async setMemberLimit(memberId: string, limit: number | null, signal?: AbortSignal): Promise<void> {
    const endpoint = 'PUT /members/{id}/limit';
    checker({ where: 'setMemberLimit', code: 'invalid-input' }).string(memberId, 'memberId');
    if (limit !== null && (typeof limit !== 'number' || !Number.isFinite(limit))) {
      checker({ where: 'setMemberLimit', code: 'invalid-limit' }).fail('limit', 'must be a finite number or null', limit);
    }
    await this.send({
      method: 'PUT',
      path: `/members/${encodeURIComponent(memberId)}/limit`,
      endpoint,
      body: { limit },
      signal,
      expectNoBody: true,
    });
  }

  // ---------------------------------------------------------------- transport

  /** The remembered account, or one shared `GET /account` that the caller's signal can walk away from. */
  private loadAccount(signal?: AbortSignal): Promise<AccountInfo> {
    if (this.account) return Promise.resolve(this.account);
    if (!this.accountLoad) {
      const load = this.getAccount();
      this.accountLoad = load;
      const forget = () => {
        if (this.accountLoad === load) this.accountLoad = undefined;
      };
      load.then(forget, forget);
    }
    return raceAbort(this.accountLoad, signal);
  }

  /** Sends a call with retries; resolves with the parsed JSON answer (`undefined` for a 204-style call). */
  private async send(call: Call): Promise<unknown> {
    throwIfAborted(call.signal);
    let refresh = false;
    let refreshed = false;
    let ambiguous = false;
    for (let retry = 0; ; ) {
      let answer: RawAnswer;
      try {
        const headers = await this.requestHeaders(call, refresh);
        refresh = false;
        answer = await this.attempt(call, headers);
      } catch (error) {
        if (!isDataSourceError(error) || !error.retryable || retry >= this.retries) throw error;
        ambiguous = true;
        await sleep(this.backoff(retry++), call.signal);
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) {
        return call.expectNoBody ? undefined : parseJson(answer.text, call.endpoint);
      }
      const error = errorFromAnswer(answer, call.endpoint);
      if (answer.status === 401 && this.getToken && !refreshed) {
        refreshed = refresh = true;
        continue;
      }
      const retryable = answer.status === 429 || (answer.status >= 500 && answer.status !== 501);
      if (retryable && retry < this.retries) {
        const after = retryAfterMs(answer.headers.get('Retry-After'));
        if (after === undefined || after <= this.maxRetryDelayMs) {
          if (answer.status >= 500) ambiguous = true;
          await sleep(Math.max(this.backoff(retry++), after ?? 0), call.signal);
          continue;
        }
      }
      if (ambiguous && call.recover) return call.recover(error);
      throw error;
    }
  }

  private backoff(retry: number): number {
    return Math.min(this.maxRetryDelayMs, this.retryDelayMs * 2 ** retry * (0.75 + Math.random() * 0.5));
  }

  private async requestHeaders(call: Call, refresh: boolean): Promise<Headers> {
    const headers = new Headers(this.headers);
    headers.set('Accept', 'application/json');
    if (call.body !== undefined) headers.set('Content-Type', 'application/json');
    if (this.getToken) {
      let token: string | null | undefined;
      try {
        token = await this.getToken({ refresh });
      } catch (error) {
        if (isDataSourceError(error)) throw error;
        throw new DataSourceError('unauthorized', `${call.endpoint}: getToken failed: ${errorMessage(error)}`, {
          endpoint: call.endpoint,
          cause: error,
        });
      }
      throwIfAborted(call.signal);
      if (token !== null && token !== undefined && typeof token !== 'string') {
        throw new DataSourceError('invalid-input', `${call.endpoint}: getToken must give a string, got ${typeof token}`, {
          endpoint: call.endpoint,
        });
      }
      if (token) headers.set('Authorization', `Bearer ${token}`);
    }
    for (const [name, value] of Object.entries(call.headers ?? {})) headers.set(name, value);
    return headers;
  }

  /** One request: its own timeout, cancelled with the caller's signal; reads the whole body. */
  private async attempt(call: Call, headers: Headers): Promise<RawAnswer> {
    const { signal, endpoint } = call;
    throwIfAborted(signal);
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      this.timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, this.timeoutMs)
        : undefined;
    // Settles the attempt even when a custom fetch ignores its signal.
    const cancelled = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    cancelled.catch(() => {});
    try {
      const url = `${this.baseUrl}${call.path}${call.query ? `?${call.query}` : ''}`;
      const init: RequestInit = { method: call.method, headers, signal: controller.signal };
      if (call.body !== undefined) init.body = JSON.stringify(call.body);
      if (this.credentials) init.credentials = this.credentials;
      const response = await Promise.race([this.fetchImpl(url, init), cancelled]);
      const text = await Promise.race([response.text(), cancelled]);
      return { status: response.status, statusText: response.statusText, headers: response.headers, text };
    } catch (error) {
      if (signal?.aborted) throw new DataSourceError('aborted', `${endpoint}: the request was aborted.`, { endpoint, cause: signal.reason });
      if (timedOut) {
        throw new DataSourceError('timeout', `${endpoint}: no answer within ${this.timeoutMs} ms`, { endpoint, cause: error });
      }
      throw new DataSourceError('network', `${endpoint}: the request failed: ${errorMessage(error)}`, { endpoint, cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

// ------------------------------------------------------------------ helpers

/**
 * Filters travel as one parameter per id, `filter.<dimension>=<id>`, repeated
 * for a list (so ids may hold commas). An empty list — which matches nothing
 * — is one empty parameter `filter.<dimension>=` (ids are never empty).
 */
function pushFilter(params: [string, string][], filter: UsageFilter | undefined): void {
  if (!filter) return;
  for (const dim of DIMENSIONS) {
    const ids = filter[dim];
    if (ids === undefined) continue;
    if (ids.length === 0) params.push([`filter.${dim}`, '']);
    for (const id of ids) params.push([`filter.${dim}`, id]);
  }
}

/** Percent-encodes every name and value (`%20` for a space, never `+`). */
function encodeQuery(params: [string, string][]): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function parseJson(text: string, endpoint: string): unknown {
  if (text.trim() === '') {
    throw new DataSourceError('invalid-response', `${endpoint}: the answer has no body, expected JSON`, { endpoint });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const start = text.trimStart().slice(0, 20);
    throw new DataSourceError('invalid-response', `${endpoint}: the answer is not JSON (it starts ${JSON.stringify(start)})`, {
      endpoint,
      cause: error,
    });
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Turns a non-2xx answer into the error the caller sees. */
function errorFromAnswer(answer: RawAnswer, endpoint: string): DataSourceError {
  const { status } = answer;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    body = undefined;
  }
  const e = isObject(body) && isObject(body.error) ? body.error : undefined;
  const given = e && typeof e.code === 'string' ? e.code : undefined;
  const known = given !== undefined && Object.prototype.hasOwnProperty.call(ERROR_STATUS, given) ? (given as DataSourceErrorCode) : undefined;
  const message = e && typeof e.message === 'string' && e.message.trim() !== '' ? e.message : undefined;
  const field = e && typeof e.field === 'string' ? e.field : undefined;
  const said = `${endpoint}: the server answered ${status}${answer.statusText ? ` ${answer.statusText}` : ''}`;

  let code: DataSourceErrorCode;
  if (status === 401) code = 'unauthorized';
  else if (status === 429) code = 'rate-limited';
  else if (known) code = known;
  else if (status === 403) code = 'forbidden';
  else if (status === 404 || status === 405 || status === 501) code = 'not-supported';
  else if (status === 408) code = 'timeout';
  else if (status >= 500) code = 'server';
  else code = 'invalid-response';

  let text = message ?? said;
  if (given !== undefined && !known) text = `${said} with an unknown error code ${JSON.stringify(given)}${message ? `: ${message}` : ''}`;
  else if (code === 'invalid-response') text = `${said} without a contract error body`;
  return new DataSourceError(code, text, { status, endpoint, field });
}

/** `Retry-After` in milliseconds (delta-seconds or an HTTP date), or `undefined`. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** A random v4 UUID; `crypto.randomUUID` needs a secure context, `getRandomValues` does not. */
function randomUuid(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // fall through
    }
  }
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
