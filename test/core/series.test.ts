import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { creditsBy, OTHERS_KEY, periodsOf, pivot, sumSeries, topN, type Series, type SeriesRow } from '../../src/core/series.js';

const s = (key: string | null, values: number[]): Series => ({ key, values, total: values.reduce((a, b) => a + b, 0) });

describe('core/series', () => {
  describe('creditsBy', () => {
    const rows: SeriesRow[] = [
      { period: '2026-11-01', key: 'chat', credits: 5 },
      { period: '2026-11-01', key: 'ocr', credits: 2.5 },
      { period: '2026-11-02', key: 'chat', credits: 1 },
      { period: '2026-11-02', key: null, credits: 4 },
    ];

    it('sums credits per group, leaving ungrouped rows out', () => {
      expect([...creditsBy(rows, 'key')]).to.deep.equal([['chat', 6], ['ocr', 2.5]]);
    });

    it('sums credits per period, grouped or not', () => {
      expect([...creditsBy(rows, 'period')]).to.deep.equal([['2026-11-01', 7.5], ['2026-11-02', 5]]);
    });
  });

  describe('periodsOf', () => {
    it('lists every day, across month and leap-year ends', () => {
      expect(periodsOf('2028-02-27', '2028-03-02', 'day')).to.deep.equal(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01', '2028-03-02']);
      expect(periodsOf('2026-12-31', '2027-01-01', 'day')).to.deep.equal(['2026-12-31', '2027-01-01']);
      expect(periodsOf('2026-11-05', '2026-11-05', 'day')).to.deep.equal(['2026-11-05']);
      expect(periodsOf('2026-01-01', '2026-12-31', 'day')).to.have.length(365);
    });

    it('lists the billing months touching the range, named by the month they start in', () => {
      expect(periodsOf('2026-01-10', '2026-03-01', 'month')).to.deep.equal(['2026-01', '2026-02', '2026-03']);
      expect(periodsOf('2026-01-10', '2026-04-20', 'month', 15)).to.deep.equal(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04']);
      expect(periodsOf('2026-01-15', '2026-04-14', 'month', 15)).to.deep.equal(['2026-01', '2026-02', '2026-03']);
      expect(periodsOf('2026-02-27', '2026-02-28', 'month', 31)).to.deep.equal(['2026-01', '2026-02']);
      expect(periodsOf('2025-12-01', '2026-11-30', 'month')).to.have.length(12);
    });

    it('refuses reversed ranges, impossible dates and unknown granularities', () => {
      expect(() => periodsOf('2026-11-02', '2026-11-01', 'day')).to.throw(RangeError, 'start 2026-11-02 is after end 2026-11-01');
      expect(() => periodsOf('2026-02-30', '2026-03-01', 'day')).to.throw(RangeError, 'start "2026-02-30" is not a real calendar date');
      expect(() => periodsOf('2026-01-01', '2026-02-01', 'week' as 'day')).to.throw(RangeError, 'granularity');
      expect(() => periodsOf('2026-01-01', '2026-02-01', 'month', 0)).to.throw(RangeError, 'billingCycleDay');
    });
  });

  describe('pivot', () => {
    const periods = ['2026-11-01', '2026-11-02', '2026-11-03'];

    it('aligns rows to every period, fills zeros and orders by total', () => {
      const rows: SeriesRow[] = [
        { period: '2026-11-01', key: 'alice', credits: 10 },
        { period: '2026-11-03', key: 'alice', credits: 5 },
        { period: '2026-11-02', key: 'bob', credits: 40 },
        { period: '2026-11-01', key: 'carol', credits: 1 },
      ];
      expect(pivot(rows, periods)).to.deep.equal({
        periods,
        series: [s('bob', [0, 40, 0]), s('alice', [10, 0, 5]), s('carol', [1, 0, 0])],
        totals: [11, 40, 5],
      });
    });

    it('adds up duplicate rows and keeps the ungrouped (null) series', () => {
      const rows: SeriesRow[] = [
        { period: '2026-11-02', key: null, credits: 2.5 },
        { period: '2026-11-02', key: null, credits: 0.5 },
        { period: '2026-11-03', key: null, credits: 7 },
      ];
      expect(pivot(rows, periods)).to.deep.equal({ periods, series: [s(null, [0, 3, 7])], totals: [0, 3, 7] });
    });

    it('puts Others last even when it is the largest', () => {
      const rows: SeriesRow[] = [
        { period: '2026-11-01', key: OTHERS_KEY, credits: 900 },
        { period: '2026-11-01', key: 'chat', credits: 10 },
        { period: '2026-11-02', key: 'image', credits: 20 },
      ];
      expect(pivot(rows, periods).series.map((x) => x.key)).to.deep.equal(['image', 'chat', OTHERS_KEY]);
    });

    it('keeps ties in first-seen order, with listed keys first and zero-filled', () => {
      const rows: SeriesRow[] = [
        { period: '2026-11-01', key: 'speech', credits: 5 },
        { period: '2026-11-02', key: 'chat', credits: 5 },
      ];
      const result = pivot(rows, periods, { keys: ['ocr', 'chat', 'image'] });
      expect(result.series.map((x) => x.key)).to.deep.equal(['chat', 'speech', 'ocr', 'image']);
      expect(result.series[2]).to.deep.equal(s('ocr', [0, 0, 0]));
      expect(result.totals).to.deep.equal([5, 5, 0]);
    });

    it('gives empty series and zero totals without rows', () => {
      expect(pivot([], periods)).to.deep.equal({ periods, series: [], totals: [0, 0, 0] });
    });

    it('throws for a row outside the periods, naming it', () => {
      const rows: SeriesRow[] = [
        { period: '2026-11-01', key: 'a', credits: 1 },
        { period: '2026-10-31', key: 'b', credits: 1 },
      ];
      expect(() => pivot(rows, periods)).to.throw(
        RangeError,
        'row 1 (period "2026-10-31", key "b") is outside the periods 2026-11-01 … 2026-11-03',
      );
    });

    it('throws for non-finite credits and duplicate periods', () => {
      expect(() => pivot([{ period: '2026-11-01', key: 'a', credits: NaN }], periods)).to.throw(RangeError, 'has credits NaN');
      expect(() => pivot([{ period: '2026-11-01', key: 'a', credits: '3' as unknown as number }], periods)).to.throw(
        RangeError,
        'not a finite number',
      );
      expect(() => pivot([], ['2026-11-01', '2026-11-01'])).to.throw(RangeError, 'period "2026-11-01" is listed twice');
    });

    it('totals equal the sum of all rows per period (property)', () => {
      const row = fc.record({
        period: fc.constantFrom(...periods),
        key: fc.constantFrom('a', 'b', 'c', null, OTHERS_KEY),
        credits: fc.integer({ min: 0, max: 1_000_000 }),
      });
      fc.assert(
        fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
          const result = pivot(rows, periods);
          const expected = periods.map((p) => rows.filter((r) => r.period === p).reduce((a, r) => a + r.credits, 0));
          expect(result.totals).to.deep.equal(expected);
          expect(sumSeries(result.series, periods.length)).to.deep.equal(result.totals);
          const totals = result.series.filter((x) => x.key !== OTHERS_KEY).map((x) => x.total);
          expect(totals).to.deep.equal([...totals].sort((a, b) => b - a));
          const othersAt = result.series.findIndex((x) => x.key === OTHERS_KEY);
          if (othersAt >= 0) expect(othersAt).to.equal(result.series.length - 1);
        }),
      );
    });
  });

  describe('topN', () => {
    const series = [s('a', [5, 1]), s('b', [1, 1]), s('c', [10, 0]), s('d', [0, 3])];

    it('keeps the n largest and folds the rest into Others, last', () => {
      expect(topN(series, 2)).to.deep.equal([s('c', [10, 0]), s('a', [5, 1]), s(OTHERS_KEY, [1, 4])]);
    });

    it('merges an existing Others series instead of ranking it', () => {
      const withOthers = [s(OTHERS_KEY, [100, 100]), ...series];
      expect(topN(withOthers, 1)).to.deep.equal([s('c', [10, 0]), s(OTHERS_KEY, [106, 105])]);
      expect(topN(withOthers, 10)).to.deep.equal([s('c', [10, 0]), s('a', [5, 1]), s('d', [0, 3]), s('b', [1, 1]), s(OTHERS_KEY, [100, 100])]);
    });

    it('adds no Others when nothing is folded', () => {
      expect(topN(series, 4).map((x) => x.key)).to.deep.equal(['c', 'a', 'd', 'b']);
      expect(topN([], 3)).to.deep.equal([]);
    });

    it('n = 0 folds everything; a custom others key works', () => {
      expect(topN(series, 0)).to.deep.equal([s(OTHERS_KEY, [16, 5])]);
      expect(topN(series, 3, 'rest')).to.deep.equal([s('c', [10, 0]), s('a', [5, 1]), s('d', [0, 3]), s('rest', [1, 1])]);
    });

    it('does not modify its input', () => {
      const input = [s('a', [1, 2]), s('b', [3, 4]), s('c', [0, 1])];
      const copy = structuredClone(input);
      const result = topN(input, 1);
      result[0].values[0] = 999;
      expect(input).to.deep.equal(copy);
    });

    it('refuses a bad n and misaligned series', () => {
      expect(() => topN(series, -1)).to.throw(RangeError, 'got -1');
      expect(() => topN(series, 1.5)).to.throw(RangeError, 'got 1.5');
      expect(() => topN([s('a', [1, 2]), s('b', [1])], 1)).to.throw(RangeError, 'series "b" has 1 values, expected 2');
    });

    it('preserves every period\'s sum and keeps the largest series (property)', () => {
      const keys = ['chat', 'image', 'speech', 'ocr', 'workflow', 'search', OTHERS_KEY];
      const row = fc.record({
        period: fc.constantFrom('2026-01', '2026-02', '2026-03', '2026-04'),
        key: fc.constantFrom(...keys),
        credits: fc.integer({ min: 0, max: 2 ** 40 }),
      });
      const periods = ['2026-01', '2026-02', '2026-03', '2026-04'];
      fc.assert(
        fc.property(fc.array(row, { maxLength: 60 }), fc.integer({ min: 0, max: 8 }), (rows, n) => {
          const { series: all, totals } = pivot(rows, periods);
          const top = topN(all, n);
          // The stacks a chart draws add up to the same totals, exactly.
          expect(sumSeries(top, periods.length)).to.deep.equal(totals);
          const named = all.filter((x) => x.key !== OTHERS_KEY);
          const kept = top.filter((x) => x.key !== OTHERS_KEY);
          expect(kept.length).to.equal(Math.min(n, named.length));
          const smallestKept = Math.min(...kept.map((x) => x.total));
          for (const x of named) {
            if (!kept.some((k) => k.key === x.key)) expect(x.total).to.be.at.most(smallestKept);
          }
          const hasOthers = top.some((x) => x.key === OTHERS_KEY);
          expect(hasOthers).to.equal(named.length > n || all.some((x) => x.key === OTHERS_KEY));
          if (hasOthers) expect(top[top.length - 1].key).to.equal(OTHERS_KEY);
          for (const x of top) expect(x.total).to.equal(x.values.reduce((a, b) => a + b, 0));
        }),
        { numRuns: 500 },
      );
    });
  });
});
