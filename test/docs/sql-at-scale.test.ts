/**
 * docs/sql-at-scale.md: every SQL block says which engine it is for and
 * uses that engine's parameters; every PostgreSQL query is one the
 * PostgreSQL check (test/docs/sql/check-postgres.mjs, run against a real
 * server — see its header) executes and compares with MemoryDataSource.
 */
import { expect } from '@open-wc/testing';
import { codeBlocks, page, source } from './helpers.js';

let md: string;
before(async () => {
  md = await page('docs/sql-at-scale.md');
});

const sql = () => codeBlocks(md).filter((b) => b.lang === 'sql');

/** Text without string literals and comments, for counting brackets. */
const bare = (code: string) =>
  code
    .replace(/--[^\n]*/g, '')
    .replace(/\$\$[\s\S]*?\$\$/g, "''")
    .replace(/'(?:[^'\\]|\\.|'')*'/g, "''");

describe('docs: sql-at-scale.md', () => {
  it('marks every SQL block postgres or clickhouse, and has both', () => {
    const engines = sql().map((b) => b.meta);
    expect(engines.every((e) => e === 'postgres' || e === 'clickhouse'), engines.join(', ')).to.equal(true);
    expect(engines.filter((e) => e === 'postgres').length).to.be.greaterThan(8);
    expect(engines.filter((e) => e === 'clickhouse').length).to.be.greaterThan(6);
  });

  it('uses $n parameters on PostgreSQL and {name:Type} parameters on ClickHouse', () => {
    for (const b of sql()) {
      if (b.meta === 'postgres') expect(/\{\w+:\w+/.test(b.code), b.code.slice(0, 80)).to.equal(false);
      else expect(/\$\d/.test(b.code), b.code.slice(0, 80)).to.equal(false);
    }
  });

  it('balances brackets and ends every statement with a semicolon', () => {
    for (const b of sql()) {
      const text = bare(b.code);
      expect((text.match(/\(/g) ?? []).length, b.code.slice(0, 80)).to.equal((text.match(/\)/g) ?? []).length);
      expect(b.code.trimEnd().endsWith(';'), b.code.slice(0, 80)).to.equal(true);
    }
  });

  it('every PostgreSQL query is run by the PostgreSQL check', async () => {
    const script = await source('test/docs/sql/check-postgres.mjs');
    for (const b of sql().filter((x) => x.meta === 'postgres' && /\$\d/.test(x.code))) {
      const title = /^-- ([^:]+:?[^\n]*)/.exec(b.code)?.[1];
      expect(title, `a titled block: ${b.code.slice(0, 80)}`).to.not.equal(undefined);
      const used = [...script.matchAll(/query\((['"])(.*?)\1\)/g)].map((m) => m[2]);
      expect(used.some((u) => title!.startsWith(u)), `check-postgres.mjs runs "${title}"`).to.equal(true);
    }
  });

  it('names a ClickHouse result column after no source column it aggregates elsewhere', () => {
    // In ClickHouse an alias replaces the column of the same name throughout the query.
    for (const b of sql().filter((x) => x.meta === 'clickhouse' && /^\s*(WITH|SELECT)/.test(x.code))) {
      for (const m of b.code.matchAll(/\b(sum|max|min|count|uniq)\((\w+)\)\s+AS\s+(\w+)/g)) {
        if (m[2] === m[3]) expect.fail(`${m[0]} in:\n${b.code}`);
      }
    }
  });
});
