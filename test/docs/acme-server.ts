/**
 * The imaginary Acme metering API of `docs/examples/acme-adapter.ts`, served
 * with msw from raw events. It is written from Acme's side, independently of
 * the library: its own day bucketing (Intl), billing periods, sums in
 * millicredits, sorting and paging — so comparing the adapter's answers with
 * a `MemoryDataSource` fed the same events checks the mapping for real.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type {
  AcmeAggregate,
  AcmeAggregateRequest,
  AcmeBudgetMove,
  AcmeFault,
  AcmeFaultKind,
  AcmeOrg,
  AcmeSpaceType,
  AcmeSpaces,
  AcmeUserPage,
} from '../../docs/examples/acme-adapter.js';
import type { MemoryDataSourceOptions } from '../../src/data/memory.js';

export interface AcmeUser {
  user_id: string;
  email: string | null;
  full_name: string | null;
  daily_cap_mc: number | null;
}

export interface AcmeSpace {
  id: string;
  label: string;
  type: AcmeSpaceType;
  is_default: boolean;
  /** Ignored for the default space, which holds what is not budgeted elsewhere. */
  budget_mc: number;
}

export interface AcmeEvent {
  /** Epoch milliseconds. */
  at: number;
  mc: number;
  user: string;
  space: string;
  meter: string;
}

export interface AcmeWorld {
  token: string;
  org: AcmeOrg;
  users: AcmeUser[];
  spaces: AcmeSpace[];
  events: AcmeEvent[];
  org_total_mc: number;
  /** Epoch seconds every answer reports as `computed_at`. */
  now: number;
}

/** Every request the server saw, `METHOD /path?query`. */
export type RequestLog = string[];

const fault = (status: number, kind: AcmeFaultKind, detail: string) =>
  HttpResponse.json<AcmeFault>({ fault: { kind, detail } }, { status });

/** The same organisation as `MemoryDataSource` input, in the contract's terms. */
export function asMemoryInput(world: AcmeWorld): MemoryDataSourceOptions {
  const o = world.org;
  return {
    account: {
      name: o.display_name,
      timeZone: o.tz,
      billingCycleDay: o.billing_anchor_day,
      ...(o.included_mc_per_month === null ? {} : { monthlyAllowance: o.included_mc_per_month / 1000 }),
      ...(o.daily_cap_mc === null ? {} : { dailyLimit: o.daily_cap_mc / 1000 }),
      units: [],
      reasons: o.meters.map((m) => ({ id: m.code, label: m.title })),
      role: ({ OWNER: 'owner', ADMIN: 'admin', SPACE_MANAGER: 'manager', MEMBER: 'member', READ_ONLY: 'viewer' } as const)[o.viewer_role],
    },
    members: world.users.map((u) => ({
      id: u.user_id,
      ...(u.email === null ? {} : { email: u.email }),
      ...(u.full_name === null ? {} : { name: u.full_name }),
      ...(u.daily_cap_mc === null ? {} : { dailyLimit: u.daily_cap_mc / 1000 }),
    })),
    workspaces: world.spaces.map((s) => ({
      id: s.id,
      name: s.label,
      kind: s.type === 'SHARED' ? 'team' : 'personal',
      ...(s.is_default ? { primary: true } : { allocated: s.budget_mc / 1000 }),
    })),
    events: world.events.map((e) => ({ time: e.at, credits: e.mc / 1000, memberId: e.user, workspaceId: e.space, reason: e.meter })),
    totalCredits: world.org_total_mc / 1000,
  };
}

/** msw handlers for the Acme API at `base`; state (budgets, idempotency keys) lives in `world`. */
export function acmeHandlers(base: string, world: AcmeWorld, log: RequestLog = []): HttpHandler[] {
  const tz = world.org.tz;
  const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
  const localDay = (ms: number) => dayFormat.format(ms);
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  const userName = (u: AcmeUser) => u.email ?? u.full_name ?? `#${u.user_id.slice(0, 8)}`;
  const spaceOf = new Map(world.spaces.map((s) => [s.id, s]));
  const userOf = new Map(world.users.map((u) => [u.user_id, u]));
  const moves = new Map<string, string>();

  /** First day of the billing period holding `day`: the anchor day, clamped to short months. */
  const periodStart = (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    const anchor = (year: number, month: number) => Math.min(world.org.billing_anchor_day, new Date(Date.UTC(year, month, 0)).getUTCDate());
    const [py, pm] = d >= anchor(y, m) ? [y, m] : m === 1 ? [y - 1, 12] : [y, m - 1];
    return `${py}-${String(pm).padStart(2, '0')}-${String(anchor(py, pm)).padStart(2, '0')}`;
  };

  const matches = (e: AcmeEvent, where: AcmeAggregateRequest['where'] = {}) =>
    (!where.user_ids?.length || where.user_ids.includes(e.user)) &&
    (!where.space_ids?.length || where.space_ids.includes(e.space)) &&
    (!where.space_types?.length || where.space_types.includes(spaceOf.get(e.space)!.type)) &&
    (!where.meter_codes?.length || where.meter_codes.includes(e.meter));

  const inRange = (from: string, to: string, where?: AcmeAggregateRequest['where']) =>
    world.events.filter((e) => {
      const day = localDay(e.at);
      return day >= from && day <= to && matches(e, where);
    });

  const budgets = () => {
    const consumed = new Map<string, number>();
    for (const e of world.events) consumed.set(e.space, (consumed.get(e.space) ?? 0) + e.mc);
    const elsewhere = world.spaces.filter((s) => !s.is_default).reduce((sum, s) => sum + s.budget_mc, 0);
    return world.spaces.map((s) => {
      const budget = s.is_default ? world.org_total_mc - elsewhere : s.budget_mc;
      return { space: s, budget, consumed: consumed.get(s.id) ?? 0 };
    });
  };

  /** Auth and the request log around every endpoint. */
  const guarded =
    (handler: (request: Request) => Promise<Response> | Response) =>
    ({ request }: { request: Request }) => {
      const url = new URL(request.url);
      log.push(`${request.method} ${url.pathname.slice(new URL(base, location.href).pathname.length)}${url.search}`);
      if (request.headers.get('Authorization') !== `Bearer ${world.token}`) {
        return fault(401, 'NOT_AUTHENTICATED', 'Sign in again.');
      }
      return handler(request);
    };

  return [
    http.get(`${base}/org`, guarded(() => HttpResponse.json(world.org))),

    http.post(
      `${base}/usage/aggregate`,
      guarded(async (request) => {
        const q = (await request.json()) as AcmeAggregateRequest;
        const sums = new Map<string, AcmeAggregate['buckets'][number]>();
        const names: Record<string, string> = {};
        for (const e of inRange(q.from, q.to, q.where)) {
          const day = localDay(e.at);
          const start = q.interval === 'DAY' ? day : q.interval === 'BILLING_MONTH' ? periodStart(day) : q.from;
          let group: string | null = null;
          if (q.split_by === 'user') {
            group = e.user;
            names[group] = userName(userOf.get(e.user)!);
          } else if (q.split_by === 'space') {
            group = e.space;
            names[group] = spaceOf.get(e.space)!.label;
          } else if (q.split_by === 'space_type') {
            group = spaceOf.get(e.space)!.type;
          } else if (q.split_by === 'meter') {
            group = e.meter;
            names[group] = world.org.meters.find((m) => m.code === e.meter)!.title;
          }
          const id = `${start}|${group}`;
          const bucket = sums.get(id) ?? { start, group, mc: 0 };
          bucket.mc += e.mc;
          sums.set(id, bucket);
        }
        // Acme lists the largest buckets first.
        const buckets = [...sums.values()].sort((a, b) => b.mc - a.mc);
        return HttpResponse.json<AcmeAggregate>({ buckets, names, computed_at: world.now });
      }),
    ),

    http.get(
      `${base}/usage/users`,
      guarded((request) => {
        const p = new URL(request.url).searchParams;
        const where = { user_ids: p.getAll('user_id'), space_ids: p.getAll('space_id'), space_types: p.getAll('space_type') as AcmeSpaceType[], meter_codes: p.getAll('meter') };
        const rows = new Map<string, { perMeter: Record<string, number>; total: number; days: Map<string, number> }>();
        for (const e of inRange(p.get('from')!, p.get('to')!, where)) {
          const row = rows.get(e.user) ?? { perMeter: Object.fromEntries(world.org.meters.map((m) => [m.code, 0])), total: 0, days: new Map() };
          row.perMeter[e.meter] += e.mc;
          row.total += e.mc;
          const day = localDay(e.at);
          row.days.set(day, (row.days.get(day) ?? 0) + e.mc);
          rows.set(e.user, row);
        }
        const needle = (p.get('q') ?? '').trim().toLowerCase();
        let users = world.users.filter(
          (u) => rows.has(u.user_id) && [u.email, u.full_name, u.user_id].filter(Boolean).join('\n').toLowerCase().includes(needle),
        );
        const orderBy = p.get('order_by')!;
        const dir = p.get('order') === 'asc' ? 1 : -1;
        const value = (u: AcmeUser) => (orderBy === 'total' ? rows.get(u.user_id)!.total : rows.get(u.user_id)!.perMeter[orderBy.slice('meter.'.length)]);
        const byName = (a: AcmeUser, b: AcmeUser) => collator.compare(userName(a), userName(b));
        users.sort(orderBy === 'name' ? (a, b) => byName(a, b) * dir : (a, b) => (value(a) - value(b)) * dir || byName(a, b));
        const matched = users.length;
        const skip = Number(p.get('skip'));
        users = users.slice(skip, skip + Number(p.get('take')));
        return HttpResponse.json<AcmeUserPage>({
          users: users.map((u) => {
            const row = rows.get(u.user_id)!;
            return {
              user_id: u.user_id,
              email: u.email,
              full_name: u.full_name,
              per_meter_mc: row.perMeter,
              total_mc: row.total,
              peak_day_mc: Math.max(...row.days.values()),
              daily_cap_mc: u.daily_cap_mc,
            };
          }),
          matched,
        });
      }),
    ),

    http.get(
      `${base}/spaces`,
      guarded(() =>
        HttpResponse.json<AcmeSpaces>({
          pooling: 'SPLIT',
          org_total_mc: world.org_total_mc,
          retired_consumed_mc: 0,
          spaces: budgets().map(({ space, budget, consumed }) => {
            const byMeter = Object.fromEntries(world.org.meters.map((m) => [m.code, 0]));
            for (const e of world.events) if (e.space === space.id) byMeter[e.meter] += e.mc;
            return {
              id: space.id,
              label: space.label,
              type: space.type,
              is_default: space.is_default,
              budget_mc: budget,
              consumed_mc: consumed,
              consumed_by_meter_mc: byMeter,
              state: budget - consumed <= 0 ? 'BLOCKED' : 'ACTIVE',
            };
          }),
        }),
      ),
    ),

    http.post(
      `${base}/budget-moves`,
      guarded(async (request) => {
        const key = request.headers.get('Idempotency-Key');
        if (!key) return fault(400, 'BAD_REQUEST', 'An Idempotency-Key header is required.');
        const move = (await request.json()) as AcmeBudgetMove;
        const fingerprint = JSON.stringify(move);
        const seen = moves.get(key);
        if (seen !== undefined) {
          return seen === fingerprint ? HttpResponse.json({ move_id: key }, { status: 201 }) : fault(409, 'KEY_REUSED', 'That key was used for another move.');
        }
        const from = spaceOf.get(move.from_space);
        const to = spaceOf.get(move.to_space);
        if (!from || !to) return fault(404, 'NO_SUCH_SPACE', `No space ${!from ? move.from_space : move.to_space}.`);
        if (from === to) return fault(422, 'SAME_SPACE', 'Pick two different spaces.');
        if (!Number.isInteger(move.mc) || move.mc <= 0) return fault(422, 'BAD_AMOUNT', 'Move a positive number of millicredits.');
        const balance = budgets().find((b) => b.space === from)!;
        if (balance.budget - balance.consumed < move.mc) {
          return fault(409, 'BALANCE_TOO_LOW', `${from.label} has only ${(balance.budget - balance.consumed) / 1000} credits left.`);
        }
        if (!from.is_default) from.budget_mc -= move.mc;
        if (!to.is_default) to.budget_mc += move.mc;
        moves.set(key, fingerprint);
        return HttpResponse.json({ move_id: key }, { status: 201 });
      }),
    ),
  ];
}
