import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { forecast, monthProjection } from '../../src/core/forecast.js';
import { addDays, dayCount } from '../../src/core/time.js';

const NOVEMBER = { periodStart: '2026-11-01', periodEnd: '2026-11-30' };

describe('core/forecast', () => {
  describe('forecast', () => {
    it('projects a period in progress', () => {
      expect(forecast({ ...NOVEMBER, today: '2026-11-10', usedSoFar: 1000, remaining: 4000, total: 5000 })).to.deep.equal({
        status: 'in-progress',
        daysInPeriod: 30,
        daysElapsed: 10,
        daysLeft: 20,
        used: 1000,
        burnRate: 100,
        projectedTotal: 3000,
        remaining: 4000,
        exhausted: false,
        // 4000 left at 100 a day lasts 40 more days: past the period's end.
        projectedRunOut: '2026-12-20',
        runsOutInPeriod: false,
        usedRatio: 0.2,
        projectedRatio: 0.6,
      });
    });

    it('runs out on the day the balance reaches zero', () => {
      // 1500 left at 100/day: 15 more days.
      const exact = forecast({ ...NOVEMBER, today: '2026-11-10', usedSoFar: 1000, remaining: 1500 });
      expect(exact).to.include({ projectedRunOut: '2026-11-25', runsOutInPeriod: true });
      // 1550 left: 15 full days leave 50, gone during the 16th.
      expect(forecast({ ...NOVEMBER, today: '2026-11-10', usedSoFar: 1000, remaining: 1550 })).to.include({
        projectedRunOut: '2026-11-26',
        runsOutInPeriod: true,
      });
      // Running out exactly on the last day still counts as in the period.
      expect(forecast({ ...NOVEMBER, today: '2026-11-10', usedSoFar: 1000, remaining: 2000 })).to.include({
        projectedRunOut: '2026-11-30',
        runsOutInPeriod: true,
      });
      expect(forecast({ ...NOVEMBER, today: '2026-11-10', usedSoFar: 1000, remaining: 2001 })).to.include({
        projectedRunOut: '2026-12-01',
        runsOutInPeriod: false,
      });
    });

    it('an exhausted balance runs out today', () => {
      for (const remaining of [0, -25]) {
        expect(forecast({ ...NOVEMBER, today: '2026-11-18', usedSoFar: 5025, remaining })).to.include({
          exhausted: true,
          projectedRunOut: '2026-11-18',
          runsOutInPeriod: true,
        });
      }
    });

    it('zero usage has no burn rate and no run-out', () => {
      expect(forecast({ ...NOVEMBER, today: '2026-11-10', usedSoFar: 0, remaining: 5000 })).to.include({
        burnRate: 0,
        projectedTotal: 0,
        projectedRunOut: null,
        runsOutInPeriod: false,
        exhausted: false,
      });
    });

    it('counts today: the first day is one elapsed day', () => {
      expect(forecast({ ...NOVEMBER, today: '2026-11-01', usedSoFar: 50, remaining: 950 })).to.include({
        daysElapsed: 1,
        daysLeft: 29,
        burnRate: 50,
        projectedTotal: 1500,
        projectedRunOut: '2026-11-20',
      });
      expect(forecast({ ...NOVEMBER, today: '2026-11-30', usedSoFar: 3000, remaining: 2000 })).to.include({
        daysElapsed: 30,
        daysLeft: 0,
        burnRate: 100,
        projectedTotal: 3000,
        projectedRunOut: '2026-12-20',
        runsOutInPeriod: false,
      });
    });

    it('an upcoming period has nothing elapsed and no projection', () => {
      expect(forecast({ ...NOVEMBER, today: '2026-10-28', usedSoFar: 0, remaining: 5000, total: 5000 })).to.deep.equal({
        status: 'upcoming',
        daysInPeriod: 30,
        daysElapsed: 0,
        daysLeft: 30,
        used: 0,
        burnRate: 0,
        projectedTotal: 0,
        remaining: 5000,
        exhausted: false,
        projectedRunOut: null,
        runsOutInPeriod: false,
        usedRatio: 0,
        projectedRatio: 0,
      });
    });

    it('a complete period reports its average and projects nothing', () => {
      expect(forecast({ ...NOVEMBER, today: '2026-12-03', usedSoFar: 2400, remaining: 2600, total: 5000 })).to.deep.equal({
        status: 'complete',
        daysInPeriod: 30,
        daysElapsed: 30,
        daysLeft: 0,
        used: 2400,
        burnRate: 80,
        projectedTotal: 2400,
        remaining: 2600,
        exhausted: false,
        projectedRunOut: null,
        runsOutInPeriod: false,
        usedRatio: 0.48,
        projectedRatio: 0.48,
      });
      expect(forecast({ ...NOVEMBER, today: '2026-12-03', usedSoFar: 5000, remaining: 0 })).to.include({
        exhausted: true,
        projectedRunOut: null,
      });
    });

    it('sums daily totals up to today only', () => {
      const daily = [10, 20, 30, 999, 999, ...new Array(25).fill(0)];
      expect(forecast({ ...NOVEMBER, today: '2026-11-03', dailyTotals: daily, remaining: 100 })).to.include({
        used: 60,
        burnRate: 20,
        projectedTotal: 600,
        projectedRunOut: '2026-11-08',
      });
      // A short list (days with no data yet) counts as zeros.
      expect(forecast({ ...NOVEMBER, today: '2026-11-05', dailyTotals: [50, 50], remaining: 100 })).to.include({ used: 100, burnRate: 20 });
      // usedSoFar wins when both are given.
      expect(forecast({ ...NOVEMBER, today: '2026-11-03', usedSoFar: 90, dailyTotals: daily, remaining: 100 })).to.include({ used: 90 });
    });

    it('reports no run-out more than a century away, and no ratios without a positive total', () => {
      expect(forecast({ ...NOVEMBER, today: '2026-11-10', usedSoFar: 1, remaining: 1e9, total: 0 })).to.include({
        projectedRunOut: null,
        usedRatio: null,
        projectedRatio: null,
      });
    });

    it('refuses missing usage, bad dates and non-finite numbers', () => {
      expect(() => forecast({ ...NOVEMBER, today: '2026-11-10', remaining: 1 })).to.throw(RangeError, 'needs usedSoFar or dailyTotals');
      expect(() => forecast({ ...NOVEMBER, today: '2026-11-31', usedSoFar: 1, remaining: 1 })).to.throw(RangeError, 'today "2026-11-31"');
      expect(() => forecast({ periodStart: '2026-12-01', periodEnd: '2026-11-30', today: '2026-11-10', usedSoFar: 1, remaining: 1 })).to.throw(
        RangeError,
        'periodStart 2026-12-01 is after periodEnd 2026-11-30',
      );
      expect(() => forecast({ ...NOVEMBER, today: '2026-11-10', usedSoFar: NaN, remaining: 1 })).to.throw(RangeError, 'usedSoFar must be a finite number');
      expect(() => forecast({ ...NOVEMBER, today: '2026-11-10', usedSoFar: 1, remaining: Infinity })).to.throw(RangeError, 'remaining');
      expect(() => forecast({ ...NOVEMBER, today: '2026-11-03', dailyTotals: [1, NaN, 1], remaining: 1 })).to.throw(RangeError, 'dailyTotals[1]');
    });

    it('the balance lasts until the run-out day and not past it (property)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 29 }),
          fc.integer({ min: 1, max: 100_000 }),
          fc.integer({ min: 1, max: 1_000_000 }),
          (elapsedBefore, used, remaining) => {
            const today = addDays(NOVEMBER.periodStart, elapsedBefore);
            const f = forecast({ ...NOVEMBER, today, usedSoFar: used, remaining });
            expect(f.daysElapsed + f.daysLeft).to.equal(30);
            if (f.projectedRunOut === null) {
              // Only a balance lasting more than a century has no date.
              expect(remaining / f.burnRate).to.be.above(36_500);
              return;
            }
            const daysAhead = dayCount(today, f.projectedRunOut!) - 1;
            // After daysAhead more days at the burn rate the balance is gone; one day fewer it was not.
            expect(remaining - daysAhead * f.burnRate).to.be.at.most(1e-6);
            expect(remaining - (daysAhead - 1) * f.burnRate).to.be.above(0);
            expect(f.runsOutInPeriod).to.equal(f.projectedRunOut! <= NOVEMBER.periodEnd);
          },
        ),
      );
    });
  });

  describe('monthProjection', () => {
    it('adds the projected remainder to the month in progress', () => {
      expect(monthProjection({ ...NOVEMBER, today: '2026-11-10', usedSoFar: 1000 })).to.deep.equal({
        status: 'in-progress',
        used: 1000,
        projectedRemainder: 2000,
        projectedTotal: 3000,
      });
      expect(monthProjection({ periodStart: '2026-02-01', periodEnd: '2026-02-28', today: '2026-02-07', dailyTotals: [7, 7, 7, 7, 7, 7, 7] })).to.deep.equal({
        status: 'in-progress',
        used: 49,
        projectedRemainder: 147,
        projectedTotal: 196,
      });
    });

    it('projects nothing for a finished or upcoming month', () => {
      expect(monthProjection({ ...NOVEMBER, today: '2026-12-01', usedSoFar: 2400 })).to.deep.equal({
        status: 'complete',
        used: 2400,
        projectedRemainder: 0,
        projectedTotal: 2400,
      });
      expect(monthProjection({ ...NOVEMBER, today: '2026-10-31', usedSoFar: 0 })).to.deep.equal({
        status: 'upcoming',
        used: 0,
        projectedRemainder: 0,
        projectedTotal: 0,
      });
    });
  });
});
