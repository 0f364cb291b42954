/**
 * docs/openapi.json describes the REST contract the mock handlers serve:
 * every route both ways, every parameter, the error codes and statuses of
 * `ERROR_STATUS`, and — through real requests to `createMockHandlers` over a
 * memory source — every answer, success or error, validates against the
 * documented schema. The requests `RestDataSource` sends validate too.
 */
import { expect } from '@open-wc/testing';
import { http, type HttpHandler } from 'msw';
import { generateDemoData } from '../../src/data/demo-data.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import { ERROR_STATUS, RestDataSource } from '../../src/data/rest.js';
import type { CreditDataSource, Dimension, Granularity } from '../../src/data/types.js';
import { createMockHandlers } from '../../src/mocks/index.js';
import { mockWorker } from '../msw.js';
import { page, slug, headings } from './helpers.js';
import { checkKeywords, resolvePointer, validate, type Schema } from './json-schema.js';

const BASE = '/api';
const NOW = Date.UTC(2024, 5, 20, 18);
const DEMO = { seed: 3, members: 25, workspaces: 5, months: 4, now: NOW, billingCycleDay: 15 };
const RANGE = { start: '2024-04-01', end: '2024-06-20' };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  operationId: string;
  parameters?: ({ $ref: string } | Parameter)[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, Schema> };
}

let spec: OpenApi;
const deref = <T>(node: T | { $ref: string }): T =>
  node && typeof node === 'object' && '$ref' in node ? deref(resolvePointer(spec, (node as { $ref: string }).$ref) as T) : (node as T);

/** Every operation: `GET /usage` → its definition and path template. */
function operations(): { key: string; method: string; template: string; op: Operation }[] {
  return Object.entries(spec.paths).flatMap(([template, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${template}`, method: m.toUpperCase(), template, op: item[m]! })),
  );
}

function operationFor(method: string, pathname: string) {
  const found = operations().find(
    (o) => o.method === method && new RegExp(`^${o.template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname),
  );
  if (!found) throw new Error(`${method} ${pathname} is not in docs/openapi.json`);
  return found;
}

const parametersOf = (op: Operation) => (op.parameters ?? []).map((p) => deref<Parameter>(p));

// ------------------------------------------------------------------ the server

const worker = mockWorker();
before(async () => {
  spec = JSON.parse(await page('docs/openapi.json')) as OpenApi;
});

/** Problems found in requests seen on the way to the mock handlers. */
let requestProblems: string[] = [];
/** Which (operation, status) pairs the tests produced. */
const seen = new Set<string>();

/** Checks each request against the document, then lets it through to the mock handlers. */
const requestChecker = http.all(`${BASE}/*`, async ({ request }) => {
  const url = new URL(request.url);
  const where = `${request.method} ${url.pathname}${url.search}`;
  let found;
  try {
    found = operationFor(request.method, url.pathname.slice(BASE.length));
  } catch (error) {
    requestProblems.push(`${where}: ${(error as Error).message}`);
    return undefined;
  }
  requestProblems.push(...requestIssues(found.op, url, request.headers).map((p) => `${where}: ${p}`));
  const body = found.op.requestBody;
  if (body) {
    const text = await request.clone().text();
    try {
      requestProblems.push(...validate(body.content['application/json'].schema, JSON.parse(text), spec, 'body').map((p) => `${where}: ${p}`));
    } catch {
      requestProblems.push(`${where}: the body is not JSON`);
    }
  }
  return undefined;
});

/** What is wrong with a request's query string and headers under an operation. */
function requestIssues(op: Operation, url: URL, headers: Headers): string[] {
  const problems: string[] = [];
  const params = parametersOf(op);
  for (const name of new Set(url.searchParams.keys())) {
    if (!params.some((p) => p.in === 'query' && p.name === name)) problems.push(`unknown query parameter "${name}"`);
  }
  for (const p of params) {
    const schema = deref(p.schema);
    if (p.in === 'header') {
      const value = headers.get(p.name);
      if (value === null) {
        if (p.required) problems.push(`missing header ${p.name}`);
      } else problems.push(...validate(schema, value, spec, p.name));
      continue;
    }
    if (p.in !== 'query') continue;
    const values = url.searchParams.getAll(p.name);
    if (values.length === 0) {
      if (p.required) problems.push(`missing query parameter "${p.name}"`);
      continue;
    }
    if (schema.type === 'array') {
      problems.push(...validate(schema, values, spec, p.name));
      continue;
    }
    if (values.length > 1) problems.push(`"${p.name}" is given more than once`);
    const type = deref(schema).type;
    const value = type === 'integer' || type === 'number' ? (/^-?\d+(\.\d+)?$/.test(values[0]) ? Number(values[0]) : values[0]) : values[0];
    problems.push(...validate(schema, value, spec, p.name));
  }
  return problems;
}

function serve(source: CreditDataSource, options: Partial<Parameters<typeof createMockHandlers>[1]> = {}): void {
  worker.resetHandlers(requestChecker, ...createMockHandlers(source, { baseUrl: BASE, ...options }));
}

const demo = () => new MemoryDataSource(generateDemoData(DEMO));
beforeEach(() => {
  requestProblems = [];
  serve(demo());
});

interface Answer {
  status: number;
  body: unknown;
}

/**
 * Sends a request to the mock server and checks the answer against the
 * document: a documented status, JSON that validates against that status's
 * schema (an error body for every error), no body for 204.
 */
async function call(
  method: string,
  path: string,
  init: { query?: [string, string][]; body?: unknown; rawBody?: string; headers?: Record<string, string>; checkRequest?: boolean } = {},
): Promise<Answer> {
  const query = init.query ? `?${init.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (init.body !== undefined || init.rawBody !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${BASE}${path}${query}`, {
    method,
    headers,
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  // Deliberately bad requests are meant to break the document; the others must not.
  if (init.checkRequest !== false) expect(requestProblems.join('\n'), 'the request breaks docs/openapi.json').to.equal('');
  requestProblems = [];
  const { key, op } = operationFor(method, path.split('?')[0]);
  const where = `${key} → ${response.status}`;
  const documented = op.responses[String(response.status)];
  expect(documented, `${where} is not a documented status`).to.not.equal(undefined);
  seen.add(`${key} ${response.status}`);
  const answer = deref(documented);
  const text = await response.text();
  if (response.status === 204) {
    expect(text, `${where} has a body`).to.equal('');
    expect(answer.content).to.equal(undefined);
    return { status: 204, body: undefined };
  }
  expect(response.headers.get('content-type') ?? '', where).to.match(/^application\/json/);
  const body = JSON.parse(text);
  const schema = answer.content?.['application/json']?.schema;
  expect(schema, `${where}: no JSON schema documented`).to.not.equal(undefined);
  expect(validate(schema, body, spec), `${where}: ${text.slice(0, 300)}`).to.deep.equal([]);
  if (response.status >= 400) expect(ERROR_STATUS_OK(response.status, (body as { error: { code: string } }).error.code), where).to.equal(true);
  return { status: response.status, body };
}

/** The contract pairs each code with a status; `server` may also come as 503 (the simulated failure). */
const ERROR_STATUS_OK = (status: number, code: string) =>
  ERROR_STATUS[code as keyof typeof ERROR_STATUS] === status || (code === 'server' && (status === 502 || status === 503));

const codeOf = (a: Answer) => (a.body as { error: { code: string } }).error.code;
const usage = (query: [string, string][]) => call('GET', '/usage', { query });
const members = (query: [string, string][]) => call('GET', '/members', { query });
const memberQuery = (extra: [string, string][] = []): [string, string][] => {
  const query = new Map<string, string>([['start', RANGE.start], ['end', RANGE.end], ['sort', 'total'], ['direction', 'desc'], ['offset', '0'], ['limit', '10']]);
  const repeated = extra.filter(([k]) => k.startsWith('filter.'));
  for (const [k, v] of extra) if (!k.startsWith('filter.')) query.set(k, v);
  return [...query, ...repeated];
};

// ------------------------------------------------------------------ tests

describe('docs: openapi.json', () => {
  describe('the document', () => {
    it('is OpenAPI 3.1 whose references all resolve and whose schemas stay in the checked subset', () => {
      expect(spec.openapi).to.equal('3.1.0');
      const refs: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            if (k === '$ref') refs.push(v as string);
            else walk(v);
          }
        }
      };
      walk(spec);
      expect(refs.length).to.be.greaterThan(50);
      for (const ref of refs) expect(() => resolvePointer(spec, ref), ref).to.not.throw();
      const problems: string[] = [];
      for (const [name, schema] of Object.entries(spec.components.schemas)) problems.push(...checkKeywords(schema, `#/components/schemas/${name}`));
      for (const { key, op } of operations()) {
        for (const p of parametersOf(op)) problems.push(...checkKeywords(p.schema, `${key} parameter ${p.name}`));
        if (op.requestBody) problems.push(...checkKeywords(op.requestBody.content['application/json'].schema, `${key} body`));
        for (const [status, r] of Object.entries(op.responses)) {
          const schema = deref(r).content?.['application/json']?.schema;
          if (schema) problems.push(...checkKeywords(schema, `${key} ${status}`));
        }
      }
      expect(problems).to.deep.equal([]);
    });

    it('names each operation after its client method, declares its path parameters, and links the prose', async () => {
      const ids = operations().map((o) => o.op.operationId);
      expect(ids).to.have.members(['getAccount', 'queryUsage', 'getAllocation', 'queryMembers', 'transferCredits', 'setCreditMode', 'deleteWorkspace', 'setMemberLimit']);
      const anchors = new Set(headings(await page('docs/rest-contract.md')).map(slug));
      for (const { key, template, op } of operations()) {
        expect(typeof (RestDataSource.prototype as unknown as Record<string, unknown>)[op.operationId], key).to.equal('function');
        const inPath = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        const declared = parametersOf(op).filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name), key).to.deep.equal(inPath);
        expect(declared.every((p) => p.required === true), key).to.equal(true);
        const link = /docs\/rest-contract\.md#([\w-]+)/.exec((op as { description?: string }).description ?? '');
        expect(link && anchors.has(link[1]), `${key} links an existing section of docs/rest-contract.md`).to.equal(true);
      }
    });

    it('lists exactly the error codes of ERROR_STATUS, each under the status the contract pairs it with', () => {
      expect(spec.components.schemas.ErrorCode.enum).to.have.members(Object.keys(ERROR_STATUS));
      for (const { key, op } of operations()) {
        for (const [status, r] of Object.entries(op.responses)) {
          if (Number(status) < 400) continue;
          const schema = deref(r).content!['application/json'].schema as { allOf: Schema[] };
          const codes = ((schema.allOf[1].properties as Record<string, Schema>).error.properties as Record<string, Schema>).code.enum as string[];
          for (const code of codes) expect(ERROR_STATUS_OK(Number(status), code), `${key} ${status} ${code}`).to.equal(true);
        }
      }
    });

    it('has exactly the routes the mock handlers serve', () => {
      const handlers = createMockHandlers(demo(), { baseUrl: BASE }) as HttpHandler[];
      const served = handlers.map((h) => `${String(h.info.method).toUpperCase()} ${String(h.info.path).slice(BASE.length).replace(/:(\w+)/g, '{$1}')}`);
      expect(served.sort()).to.deep.equal(operations().map((o) => o.key).sort());
    });

    it('is linked from docs/rest-contract.md', async () => {
      expect(await page('docs/rest-contract.md')).to.contain('](openapi.json)');
    });
  });

  describe('parameters', () => {
    for (const path of ['/usage', '/members']) {
      it(`GET ${path}: the server takes every documented parameter, and refuses any other or a missing required one`, async () => {
        const { op } = operationFor('GET', path);
        const base: [string, string][] = path === '/usage' ? [['start', RANGE.start], ['end', RANGE.end], ['granularity', 'day']] : memberQuery();
        for (const p of parametersOf(op).filter((p) => p.in === 'query')) {
          const value = p.name === 'groupBy' ? 'reason' : p.name === 'top' ? '3' : p.name === 'search' ? 'a' : p.name === 'filter.workspaceKind' ? 'team' : p.name === 'filter.reason' ? 'chat' : undefined;
          const query = base.some(([k]) => k === p.name) ? base : [...base, ...(value === undefined ? [] : ([[p.name, value]] as [string, string][]))];
          if (p.name === 'top' && path === '/usage') query.push(['groupBy', 'member']);
          if (p.name === 'filter.member' || p.name === 'filter.workspace') continue; // ids: below
          expect((await call('GET', path, { query })).status, p.name).to.equal(200);
          if (p.required) {
            const without = await call('GET', path, { query: query.filter(([k]) => k !== p.name), checkRequest: false });
            expect([without.status, codeOf(without)], `without ${p.name}`).to.deep.equal([400, 'invalid-query']);
          }
        }
        const unknown = await call('GET', path, { query: [...base, ['bogus', '1']], checkRequest: false });
        expect([unknown.status, codeOf(unknown)]).to.deep.equal([400, 'invalid-query']);
        const repeated = await call('GET', path, { query: [...base, ['start', RANGE.start]], checkRequest: false });
        expect(codeOf(repeated)).to.equal('invalid-query');
      });
    }

    it('filter.<dimension>: repeated, one value per id (OR), dimensions combined (AND); one empty value is an empty list', async () => {
      const memory = demo();
      const ids = (await memory.queryUsage({ ...RANGE, granularity: 'total', groupBy: 'member' })).rows.map((r) => r.key!);
      const [w] = (await memory.queryUsage({ ...RANGE, granularity: 'total', groupBy: 'workspace' })).rows.map((r) => r.key!);
      const base: [string, string][] = [['start', RANGE.start], ['end', RANGE.end], ['granularity', 'total']];
      const total = async (extra: [string, string][]) => ((await usage([...base, ...extra])).body as { rows: { credits: number }[] }).rows.reduce((s, r) => s + r.credits, 0);
      const one = await total([['filter.member', ids[0]]]);
      const two = await total([['filter.member', ids[0]], ['filter.member', ids[1]]]);
      expect(two).to.be.greaterThan(one);
      expect(await total([['filter.member', ids[0]], ['filter.member', ids[1]], ['filter.workspace', w]])).to.be.at.most(two);
      expect(await total([['filter.member', '']])).to.equal(0);
      const unknown = await usage([...base, ['filter.workspace', 'nowhere']]);
      expect([unknown.status, codeOf(unknown)]).to.deep.equal([400, 'invalid-query']);
      expect((await members(memberQuery([['filter.workspace', w], ['filter.reason', 'chat'], ['filter.reason', 'image']]))).status).to.equal(200);
    });
  });

  describe('answers validate against the documented schemas', () => {
    it('GET /account', async () => {
      expect((await call('GET', '/account')).status).to.equal(200);
    });

    it('GET /usage: every granularity and grouping, with top, and the refusals', async () => {
      const groupings: (Dimension | undefined)[] = [undefined, 'member', 'workspace', 'workspaceKind', 'reason'];
      for (const granularity of ['day', 'month', 'total'] as Granularity[]) {
        for (const groupBy of groupings) {
          const query: [string, string][] = [['start', RANGE.start], ['end', RANGE.end], ['granularity', granularity]];
          if (groupBy) query.push(['groupBy', groupBy]);
          const answer = await usage(query);
          expect(answer.status).to.equal(200);
          expect((answer.body as { rows: unknown[] }).rows.length).to.be.greaterThan(0);
          if (groupBy) expect((await usage([...query, ['top', '2']])).status).to.equal(200);
        }
      }
      for (const bad of [
        [['start', '2024-06-21'], ['end', '2024-06-20'], ['granularity', 'day']],
        [['start', '2024-02-30'], ['end', '2024-03-01'], ['granularity', 'day']],
        [['start', RANGE.start], ['end', RANGE.end], ['granularity', 'week']],
        [['start', RANGE.start], ['end', RANGE.end], ['granularity', 'day'], ['top', '3']],
        [['start', RANGE.start], ['end', RANGE.end], ['granularity', 'day'], ['groupBy', 'member'], ['top', '0']],
      ] as [string, string][][]) {
        const answer = await call('GET', '/usage', { query: bad, checkRequest: false });
        expect([answer.status, codeOf(answer)], JSON.stringify(bad)).to.deep.equal([400, 'invalid-query']);
      }
    });

    it('GET /allocation', async () => {
      expect((await call('GET', '/allocation')).status).to.equal(200);
    });

    it('GET /members: sorts, search, paging, and the refusals', async () => {
      for (const extra of [[], [['search', 'an']], [['offset', '1000']]] as [string, string][][]) {
        expect((await members(memberQuery(extra))).status).to.equal(200);
      }
      expect((await members([['start', RANGE.start], ['end', RANGE.end], ['sort', 'member'], ['direction', 'asc'], ['offset', '5'], ['limit', '5']])).status).to.equal(200);
      expect((await members([['start', RANGE.start], ['end', RANGE.end], ['sort', 'image'], ['direction', 'desc'], ['offset', '0'], ['limit', '3']])).status).to.equal(200);
      const badSort = await call('GET', '/members', { query: [['start', RANGE.start], ['end', RANGE.end], ['sort', 'bogus'], ['direction', 'asc'], ['offset', '0'], ['limit', '3']] });
      expect([badSort.status, codeOf(badSort)]).to.deep.equal([400, 'invalid-query']);
      const badLimit = await call('GET', '/members', { query: memberQuery().map(([k, v]) => [k, k === 'limit' ? '0' : v]), checkRequest: false });
      expect(codeOf(badLimit)).to.equal('invalid-query');
    });

    it('POST /transfers: success, idempotent repeat, and every refusal', async () => {
      const allocation = (await call('GET', '/allocation')).body as { primaryWorkspaceId: string; workspaces: { id: string; remaining: number }[] };
      const primary = allocation.primaryWorkspaceId;
      const other = allocation.workspaces.find((w) => w.id !== primary)!.id;
      const transfer = (body: unknown, key: string | undefined = crypto.randomUUID(), checkRequest = true) =>
        call('POST', '/transfers', { body, headers: key === undefined ? {} : { 'Idempotency-Key': key }, checkRequest });
      const ok = await transfer({ fromWorkspaceId: primary, toWorkspaceId: other, amount: 10 }, 'key-1');
      expect(ok.status).to.equal(200);
      expect((await transfer({ fromWorkspaceId: primary, toWorkspaceId: other, amount: 10 }, 'key-1')).body).to.deep.equal(ok.body);
      const refusals: [unknown, string | undefined, number, string][] = [
        [{ fromWorkspaceId: primary, toWorkspaceId: other, amount: 11 }, 'key-1', 409, 'idempotency-conflict'],
        [{ fromWorkspaceId: other, toWorkspaceId: primary, amount: 1e9 }, undefined, 409, 'insufficient-credits'],
        [{ fromWorkspaceId: primary, toWorkspaceId: 'nowhere', amount: 1 }, undefined, 404, 'unknown-workspace'],
        [{ fromWorkspaceId: primary, toWorkspaceId: primary, amount: 1 }, undefined, 422, 'same-workspace'],
        [{ fromWorkspaceId: primary, toWorkspaceId: other, amount: -1 }, undefined, 422, 'invalid-amount'],
      ];
      for (const [body, key, status, code] of refusals) {
        const answer = await transfer(body, key);
        expect([answer.status, codeOf(answer)], code).to.deep.equal([status, code]);
      }
      for (const [body, key] of [
        [{ fromWorkspaceId: primary, toWorkspaceId: other, amount: 1 }, undefined],
        [{ fromWorkspaceId: primary, toWorkspaceId: other }, 'k'],
        [{ fromWorkspaceId: primary, toWorkspaceId: other, amount: 1, note: 'x' }, 'k'],
        [[1, 2], 'k'],
      ] as [unknown, string | undefined][]) {
        const answer = key === undefined
          ? await call('POST', '/transfers', { body, checkRequest: false })
          : await transfer(body, key, false);
        expect([answer.status, codeOf(answer)], JSON.stringify(body)).to.deep.equal([400, 'invalid-input']);
      }
      const notJson = await call('POST', '/transfers', { rawBody: '{', headers: { 'Idempotency-Key': 'k2' }, checkRequest: false });
      expect(codeOf(notJson)).to.equal('invalid-input');
      await call('PUT', '/mode', { body: { mode: 'shared-pool' } });
      const pooled = await transfer({ fromWorkspaceId: primary, toWorkspaceId: other, amount: 1 });
      expect([pooled.status, codeOf(pooled)]).to.deep.equal([409, 'shared-pool-mode']);
    });

    it('PUT /mode: both modes, and the refusals', async () => {
      expect((await call('PUT', '/mode', { body: { mode: 'shared-pool' } })).status).to.equal(200);
      expect((await call('PUT', '/mode', { body: { mode: 'workspace-budget' } })).status).to.equal(200);
      const bad = await call('PUT', '/mode', { body: { mode: 'pooled' }, checkRequest: false });
      expect([bad.status, codeOf(bad)]).to.deep.equal([422, 'invalid-mode']);
      const missing = await call('PUT', '/mode', { body: {}, checkRequest: false });
      expect([missing.status, codeOf(missing)]).to.deep.equal([400, 'invalid-input']);
    });

    it('DELETE /workspaces/{id}: success, an id with awkward characters, and the refusals', async () => {
      const allocation = (await call('GET', '/allocation')).body as { primaryWorkspaceId: string; workspaces: { id: string }[] };
      const victim = allocation.workspaces.find((w) => w.id !== allocation.primaryWorkspaceId)!.id;
      expect((await call('DELETE', `/workspaces/${encodeURIComponent(victim)}`)).status).to.equal(200);
      const again = await call('DELETE', `/workspaces/${encodeURIComponent(victim)}`);
      expect([again.status, codeOf(again)]).to.deep.equal([404, 'unknown-workspace']);
      const odd = await call('DELETE', `/workspaces/${encodeURIComponent('team/α 1,2')}`);
      expect([odd.status, codeOf(odd)]).to.deep.equal([404, 'unknown-workspace']);
      const primary = await call('DELETE', `/workspaces/${encodeURIComponent(allocation.primaryWorkspaceId)}`);
      expect([primary.status, codeOf(primary)]).to.deep.equal([409, 'primary-undeletable']);
    });

    it('PUT /members/{id}/limit: 204 without a body, and the refusals', async () => {
      const page = (await members(memberQuery())).body as { members: { id: string }[] };
      const id = page.members[0].id;
      expect((await call('PUT', `/members/${encodeURIComponent(id)}/limit`, { body: { limit: 50 } })).status).to.equal(204);
      expect((await call('PUT', `/members/${encodeURIComponent(id)}/limit`, { body: { limit: null } })).status).to.equal(204);
      const negative = await call('PUT', `/members/${encodeURIComponent(id)}/limit`, { body: { limit: -1 } });
      expect([negative.status, codeOf(negative)]).to.deep.equal([422, 'invalid-limit']);
      const nobody = await call('PUT', '/members/nobody/limit', { body: { limit: 5 } });
      expect([nobody.status, codeOf(nobody)]).to.deep.equal([404, 'unknown-member']);
      const missing = await call('PUT', `/members/${encodeURIComponent(id)}/limit`, { body: {}, checkRequest: false });
      expect([missing.status, codeOf(missing)]).to.deep.equal([400, 'invalid-input']);
    });

    it('403 for a role that may not write', async () => {
      const data = generateDemoData(DEMO);
      serve(new MemoryDataSource({ ...data, account: { ...data.account, role: 'viewer' } }));
      const allocation = (await call('GET', '/allocation')).body as { primaryWorkspaceId: string; workspaces: { id: string }[] };
      const other = allocation.workspaces.find((w) => w.id !== allocation.primaryWorkspaceId)!.id;
      const answers = [
        await call('POST', '/transfers', { body: { fromWorkspaceId: allocation.primaryWorkspaceId, toWorkspaceId: other, amount: 1 }, headers: { 'Idempotency-Key': 'v1' } }),
        await call('PUT', '/mode', { body: { mode: 'shared-pool' } }),
        await call('DELETE', `/workspaces/${other}`),
        await call('PUT', '/members/any/limit', { body: { limit: 5 } }),
      ];
      expect(answers.map((a) => [a.status, codeOf(a)])).to.deep.equal(Array(4).fill([403, 'forbidden']));
    });

    it('501 for every write a read-only source lacks', async () => {
      const memory = demo();
      serve({
        getAccount: (s) => memory.getAccount(s),
        queryUsage: (q, s) => memory.queryUsage(q, s),
        getAllocation: (s) => memory.getAllocation(s),
        queryMembers: (q, s) => memory.queryMembers(q, s),
      });
      const answers = [
        await call('POST', '/transfers', { body: { fromWorkspaceId: 'a', toWorkspaceId: 'b', amount: 1 }, headers: { 'Idempotency-Key': 'r1' } }),
        await call('PUT', '/mode', { body: { mode: 'shared-pool' } }),
        await call('DELETE', '/workspaces/a'),
        await call('PUT', '/members/a/limit', { body: { limit: 5 } }),
      ];
      expect(answers.map((a) => [a.status, codeOf(a)])).to.deep.equal(Array(4).fill([501, 'not-supported']));
    });

    it('500 when the source fails, 503 when the server is unavailable', async () => {
      const broken = () => Promise.reject(new Error('The database is down.'));
      serve({ getAccount: broken, queryUsage: broken, getAllocation: broken, queryMembers: broken, transferCredits: broken, setCreditMode: broken, deleteWorkspace: broken, setMemberLimit: broken });
      for (const [method, path, body] of [
        ['GET', '/account'],
        ['GET', '/allocation'],
        ['PUT', '/mode', { mode: 'shared-pool' }],
        ['DELETE', '/workspaces/a'],
        ['PUT', '/members/a/limit', { limit: 1 }],
      ] as [string, string, unknown?][]) {
        const answer = await call(method, path, { body });
        expect([answer.status, codeOf(answer)], `${method} ${path}`).to.deep.equal([500, 'server']);
      }
      expect((await usage([['start', RANGE.start], ['end', RANGE.end], ['granularity', 'day']])).status).to.equal(500);
      expect((await members(memberQuery())).status).to.equal(500);
      expect((await call('POST', '/transfers', { body: { fromWorkspaceId: 'a', toWorkspaceId: 'b', amount: 1 }, headers: { 'Idempotency-Key': 'b1' } })).status).to.equal(500);

      serve(demo(), { failureRate: 1 });
      for (const { method, template } of operations()) {
        const path = template.replace('{id}', 'x');
        const body = method === 'GET' || method === 'DELETE' ? undefined : path === '/mode' ? { mode: 'shared-pool' } : path === '/transfers' ? { fromWorkspaceId: 'a', toWorkspaceId: 'b', amount: 1 } : { limit: 1 };
        const query = path === '/usage' ? [['start', RANGE.start], ['end', RANGE.end], ['granularity', 'day']] : path === '/members' ? memberQuery() : undefined;
        const answer = await call(method, path, { body, query: query as [string, string][] | undefined, headers: path === '/transfers' ? { 'Idempotency-Key': 'u1' } : {} });
        expect([answer.status, codeOf(answer)], `${method} ${path}`).to.deep.equal([503, 'server']);
      }
    });

    it('produced a success and an error for every operation', () => {
      for (const { key, op } of operations()) {
        const statuses = Object.keys(op.responses).filter((s) => seen.has(`${key} ${s}`));
        expect(statuses.some((s) => s < '300'), `${key}: a success`).to.equal(true);
        expect(statuses.some((s) => s >= '400'), `${key}: an error`).to.equal(true);
      }
    });
  });

  it('every request RestDataSource sends matches the document', async () => {
    const memory = demo();
    serve(memory);
    const rest = new RestDataSource({ baseUrl: BASE, retries: 0 });
    await rest.getAccount();
    const ids = (await memory.queryUsage({ ...RANGE, granularity: 'total', groupBy: 'member' })).rows.map((r) => r.key!);
    const groupings: (Dimension | undefined)[] = [undefined, 'member', 'workspace', 'workspaceKind', 'reason'];
    for (const granularity of ['day', 'month', 'total'] as Granularity[]) {
      for (const groupBy of groupings) {
        await rest.queryUsage({ ...RANGE, granularity, ...(groupBy ? { groupBy, top: 3 } : {}) });
      }
    }
    await rest.queryUsage({ ...RANGE, granularity: 'day', filter: { member: [ids[0], ids[1]], workspaceKind: ['personal'], reason: ['chat'], workspace: [] } });
    await rest.queryMembers({ ...RANGE, sort: 'member', direction: 'asc', search: 'a b', offset: 2, limit: 5, filter: { reason: ['image'] } });
    const allocation = await rest.getAllocation();
    const other = allocation.workspaces.find((w) => !w.primary)!.id;
    await rest.transferCredits({ fromWorkspaceId: allocation.primaryWorkspaceId, toWorkspaceId: other, amount: 5 });
    await rest.transferCredits({ fromWorkspaceId: allocation.primaryWorkspaceId, toWorkspaceId: other, amount: 5, idempotencyKey: 'my-key-1' });
    await rest.setCreditMode('shared-pool');
    await rest.setCreditMode('workspace-budget');
    await rest.deleteWorkspace(other);
    await rest.setMemberLimit(ids[0], 12.5);
    await rest.setMemberLimit(ids[0], null);
    expect(requestProblems).to.deep.equal([]);
  });
});
