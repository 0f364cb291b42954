#!/usr/bin/env node
// Runs every PostgreSQL block of docs/sql-at-scale.md, in order, in a fresh
// database of a real PostgreSQL (12 or later, with ICU), loads a demo
// organisation into it, and checks the answers of the documented queries
// against MemoryDataSource given the same events.
//
//   PGHOST=/tmp/pg PGPORT=5432 PGUSER=postgres node test/docs/sql/check-postgres.mjs
//
// It needs `psql` on the PATH and a role that may create databases; it
// creates and drops the database `credit_docs_sql_check`. Not part of
// `npm test` (CI has no PostgreSQL).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const DB = 'credit_docs_sql_check';
const ACCOUNT = 1;
const work = mkdtempSync(join(tmpdir(), 'credit-sql-'));
let failures = 0;

// ------------------------------------------------------------------ helpers

function psql(sql, { db = DB, csv = false } = {}) {
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db];
  if (csv) args.push('--csv');
  return execFileSync('psql', args, { input: sql, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Parses psql's CSV output (header row first) into objects. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const literal = (v) => {
  if (v === null || v === undefined) return 'NULL';
  if (Array.isArray(v)) return `ARRAY[${v.map(literal).join(', ')}]::text[]`;
  if (typeof v === 'number') return String(v);
  return `'${String(v).replace(/'/g, "''")}'`;
};

/** PREPAREs a documented statement and EXECUTEs it with `params`; returns the rows. */
function run(block, params, { before = '', after = '' } = {}) {
  const sql = `${before}\nPREPARE q AS ${block.replace(/;\s*$/, '')};\nEXECUTE q(${params.map(literal).join(', ')});\nDEALLOCATE q;\n${after}`;
  return parseCsv(psql(sql, { csv: true }));
}

function check(name, actual, expected) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a === e) {
    console.log(`ok   ${name}`);
  } else {
    failures++;
    console.log(`FAIL ${name}\n  expected ${e.slice(0, 800)}\n  actual   ${a.slice(0, 800)}`);
  }
}

const num = (s) => (s === '' || s === undefined ? undefined : Number(s));
const round = (n) => Math.round(n * 1e6) / 1e6;
const byPeriodKey = (a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0);
const rowsOf = (rows) => rows.map((r) => ({ period: r.period, key: r.key === '' ? null : r.key, credits: round(Number(r.credits)) })).sort(byPeriodKey);
const memoryRows = (result) => result.rows.map((r) => ({ ...r, credits: round(r.credits) })).sort(byPeriodKey);

// ------------------------------------------------------------------ the page

const markdown = readFileSync('docs/sql-at-scale.md', 'utf8');
const blocks = [...markdown.matchAll(/^```sql postgres\n([\s\S]*?)\n```$/gm)].map((m) => m[1]);
/** The query block whose first line is `-- <title>`. */
const query = (title) => {
  const found = blocks.find((b) => b.startsWith(`-- ${title}`));
  if (!found) throw new Error(`docs/sql-at-scale.md has no PostgreSQL block titled "${title}"`);
  return found;
};

// ------------------------------------------------------------------ the data

await build({ entryPoints: ['src/data/index.ts'], bundle: true, format: 'esm', platform: 'node', outfile: join(work, 'data.mjs'), logLevel: 'silent' });
const { MemoryDataSource, generateDemoData } = await import(pathToFileURL(join(work, 'data.mjs')).href);

const data = generateDemoData({ seed: 11, members: 30, workspaces: 6, months: 4, now: Date.UTC(2024, 3, 15, 12), timeZone: 'America/New_York', billingCycleDay: 31 });
const memory = new MemoryDataSource(data);
const account = data.account;

psql(`DROP DATABASE IF EXISTS ${DB};`, { db: 'postgres' });
psql(`CREATE DATABASE ${DB};`, { db: 'postgres' });

try {
  // Every block without parameters, in order: tables, functions, collations.
  for (const block of blocks.filter((b) => !/\$\d/.test(b))) psql(block);
  console.log(`ok   ${blocks.filter((b) => !/\$\d/.test(b)).length} schema blocks ran`);

  const csv = (name, rows) => {
    const file = join(work, `${name}.csv`);
    writeFileSync(file, rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`)).join(',')).join('\n') + '\n');
    return file;
  };
  const files = {
    reasons: csv('reasons', account.reasons.map((r, i) => [ACCOUNT, r.id, r.label, i])),
    members: csv('members', data.members.map((m) => [ACCOUNT, m.id, m.email, m.name, m.dailyLimit])),
    workspaces: csv('workspaces', data.workspaces.map((w) => [ACCOUNT, w.id, w.name, w.kind, w.primary === true, w.allocated ?? 0])),
    events: csv(
      'events',
      data.events.map((e, i) => [ACCOUNT, `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, new Date(e.time).toISOString(), e.credits, e.memberId, e.workspaceId, e.reason]),
    ),
  };
  psql(`
    INSERT INTO accounts (id, name, time_zone, billing_cycle_day, total_credits) VALUES (${ACCOUNT}, ${literal(account.name)}, ${literal(account.timeZone)}, ${account.billingCycleDay}, ${data.totalCredits});
    \\copy reasons (account_id, id, label, position) FROM '${files.reasons}' WITH (FORMAT csv)
    \\copy members (account_id, id, email, name, daily_limit) FROM '${files.members}' WITH (FORMAT csv)
    \\copy workspaces (account_id, id, name, kind, is_primary, allocated) FROM '${files.workspaces}' WITH (FORMAT csv)
    \\copy usage_events (account_id, event_id, occurred_at, credits, member_id, workspace_id, reason) FROM '${files.events}' WITH (FORMAT csv)
  `);
  console.log(`ok   loaded ${data.events.length} events, ${data.members.length} members, ${data.workspaces.length} workspaces`);

  // The rollup, over everything ingested so far (run twice over adjoining windows).
  run(query('rollup:'), ['-infinity', '2000-01-01T00:00:00Z']);
  run(query('rollup:'), ['2000-01-01T00:00:00Z', 'infinity']);
  const [{ n, total }] = parseCsv(psql('SELECT count(*) AS n, sum(credits) AS total FROM usage_daily;', { csv: true }));
  check('the rollup holds every credit', Number(total), data.events.reduce((s, e) => s + e.credits, 0));
  console.log(`     (${n} rollup rows for ${data.events.length} events)`);

  const range = { start: '2024-01-20', end: '2024-04-15' };
  const memberIds = (await memory.queryUsage({ ...range, granularity: 'total', groupBy: 'member' })).rows.map((r) => r.key);

  // queryUsage by day and reason, with filters.
  const byReason = query("queryUsage: granularity 'day', groupBy 'reason'");
  check(
    'usage by day and reason, filtered to two members in team workspaces',
    rowsOf(run(byReason, [ACCOUNT, range.start, range.end, memberIds.slice(0, 2), null, ['team'], null])),
    memoryRows(await memory.queryUsage({ ...range, granularity: 'day', groupBy: 'reason', filter: { member: memberIds.slice(0, 2), workspaceKind: ['team'] } })),
  );
  check(
    'usage by day and reason, two reasons, no other filter',
    rowsOf(run(byReason, [ACCOUNT, range.start, range.end, null, null, null, ['image', 'ocr']])),
    memoryRows(await memory.queryUsage({ ...range, granularity: 'day', groupBy: 'reason', filter: { reason: ['image', 'ocr'] } })),
  );
  check('an empty filter list matches nothing', run(byReason, [ACCOUNT, range.start, range.end, [], null, null, null]), []);

  // Billing months (cycle day 31: periods start on the last day of short months).
  check(
    'usage by billing month',
    rowsOf(run(query("queryUsage: granularity 'month'"), [ACCOUNT, range.start, range.end])),
    memoryRows(await memory.queryUsage({ ...range, granularity: 'month' })),
  );
  const periods = parseCsv(psql(`SELECT billing_period('2024-03-30', 31) AS a, billing_period('2024-03-31', 31) AS b, billing_period('2024-02-28', 31) AS c, billing_period('2024-02-29', 31) AS d, billing_period('2024-01-14', 15) AS e;`, { csv: true }))[0];
  check('billing_period clamps the cycle day to short months', periods, { a: '2024-02', b: '2024-03', c: '2024-01', d: '2024-02', e: '2023-12' });

  // The total by workspace kind.
  check(
    'usage in total by workspace kind',
    rowsOf(run(query("queryUsage: granularity 'total'"), [ACCOUNT, range.start, range.end])),
    memoryRows(await memory.queryUsage({ ...range, granularity: 'total', groupBy: 'workspaceKind' })),
  );

  // Top N + Others, and the labels of the keys.
  const top = await memory.queryUsage({ ...range, granularity: 'day', groupBy: 'member', top: 3 });
  check('top 3 members by day, the rest in __others__', rowsOf(run(query("queryUsage: granularity 'day', groupBy 'member', top"), [ACCOUNT, range.start, range.end, 3])), memoryRows(top));
  const keys = Object.keys(top.labels).filter((k) => k !== '__others__');
  const labels = Object.fromEntries(run(query('labels of member keys'), [ACCOUNT, keys]).map((r) => [r.id, r.label]));
  check('labels of the member keys', Object.fromEntries(keys.map((k) => [k, labels[k]])), Object.fromEntries(keys.map((k) => [k, top.labels[k]])));

  // Members: sorted by total, searched, paged.
  const membersQuery = query("queryMembers: sort 'total' desc");
  for (const [search, limit, offset] of [['', 10, 0], ['', 7, 7], ['AN', 5, 0], ['  nakamura ', 10, 0], ['%', 10, 0]]) {
    const rows = run(membersQuery, [ACCOUNT, range.start, range.end, search, limit, offset]);
    const page = await memory.queryMembers({ ...range, sort: 'total', direction: 'desc', search, offset, limit });
    check(
      `members, search ${JSON.stringify(search)}, limit ${limit}, offset ${offset}`,
      {
        total: rows.length > 0 ? Number(rows[0].matches) : page.total,
        members: rows.map((r) => ({ id: r.id, total: Number(r.total), peakDaily: Number(r.peak_daily), byReason: JSON.parse(r.by_reason), dailyLimit: num(r.daily_limit) })),
      },
      { total: page.total, members: page.members.map((m) => ({ id: m.id, total: m.total, peakDaily: m.peakDaily, byReason: m.byReason, dailyLimit: m.dailyLimit })) },
    );
  }

  // Allocation, a transfer (and its retry), a deleted workspace.
  const allocationQuery = query('getAllocation');
  const allocation = () => {
    const rows = run(allocationQuery, [ACCOUNT]);
    const live = rows.filter((r) => r.deleted === 'f');
    return {
      usedByDeleted: round(rows.filter((r) => r.deleted === 't').reduce((s, r) => s + Number(r.used), 0)),
      workspaces: live
        .map((r) => ({ id: r.id, primary: r.primary === 't', allocated: round(Number(r.allocated)), used: round(Number(r.used)), remaining: round(Number(r.remaining)), usedByReason: JSON.parse(r.used_by_reason), blocked: r.blocked === 't' }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
  };
  const fromMemory = (a) => ({
    usedByDeleted: round(a.usedByDeleted),
    workspaces: a.workspaces
      .map((w) => ({ id: w.id, primary: w.primary, allocated: round(w.allocated), used: round(w.used), remaining: round(w.remaining), usedByReason: w.usedByReason, blocked: w.blocked }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
  });
  check('the allocation', allocation(), fromMemory(await memory.getAllocation()));

  const primary = data.workspaces.find((w) => w.primary).id;
  const target = data.workspaces.find((w) => !w.primary).id;
  const transfer = (key) =>
    psql(`BEGIN;
      PREPARE s1 AS ${query('transfer, step 1').replace(/;\s*$/, '')}; EXECUTE s1(${ACCOUNT}, ${literal(primary)}, ${literal(target)});
      PREPARE s2 AS ${query('transfer, step 2').replace(/;\s*$/, '')}; EXECUTE s2(${ACCOUNT}, ${literal(primary)}, ${literal(target)}, ${literal(key)}, 250);
      PREPARE s3 AS ${query('transfer, step 3').replace(/;\s*$/, '')}; EXECUTE s3(${ACCOUNT}, ${literal(primary)}, ${literal(target)}, 250);
      COMMIT;`, { csv: true });
  check('step 2 claims a new key (one row back)', transfer('key-1').includes('idempotency_key\nkey-1\n'), true);
  await memory.transferCredits({ fromWorkspaceId: primary, toWorkspaceId: target, amount: 250, idempotencyKey: 'key-1' });
  check('the allocation after a transfer', allocation(), fromMemory(await memory.getAllocation()));
  const again = run(query('transfer, step 2'), [ACCOUNT, primary, target, 'key-1', 250]);
  check('a reused key claims nothing', again, []);

  psql(`UPDATE workspaces SET deleted_at = now() WHERE account_id = ${ACCOUNT} AND id = ${literal(target)};`);
  await memory.deleteWorkspace(target);
  check('the allocation after deleting a workspace', allocation(), fromMemory(await memory.getAllocation()));

  psql(`UPDATE accounts SET mode = 'shared-pool' WHERE id = ${ACCOUNT};`);
  await memory.setCreditMode('shared-pool');
  check('the allocation in shared-pool mode', allocation(), fromMemory(await memory.getAllocation()));
} catch (error) {
  failures++;
  console.log(`FAIL ${error.stderr ?? error.message}`);
} finally {
  psql(`DROP DATABASE IF EXISTS ${DB};`, { db: 'postgres' });
  rmSync(work, { recursive: true, force: true });
}

console.log(failures === 0 ? '\nEvery PostgreSQL example of docs/sql-at-scale.md ran and agreed with MemoryDataSource.' : `\n${failures} check(s) failed.`);
process.exit(failures === 0 ? 0 : 1);
