import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  MAX_RANGE_DAYS,
  RANGE_PRESETS,
  formatRangeValue,
  lastDays,
  parseRangeValue,
  resolvePreset,
  validateCustomRange,
  type NamedRangePreset,
} from '../../src/core/ranges.js';
import { addDays, dayCount, epochDay, formatDay } from '../../src/core/time.js';

// 2026-11-22 12:00 UTC: the same date in London, Los Angeles (04:00) and Kolkata (17:30).
const NOON = Date.parse('2026-11-22T12:00:00Z');
const LA = { timeZone: 'America/Los_Angeles', billingCycleDay: 1, now: NOON };

describe('core/ranges', () => {
  describe('resolvePreset', () => {
    it('last N days end today, today included', () => {
      expect(resolvePreset('7d', LA)).to.deep.equal({ start: '2026-11-16', end: '2026-11-22', preset: '7d' });
      expect(resolvePreset('14d', LA)).to.deep.equal({ start: '2026-11-09', end: '2026-11-22', preset: '14d' });
      expect(resolvePreset('30d', LA)).to.deep.equal({ start: '2026-10-24', end: '2026-11-22', preset: '30d' });
      expect(resolvePreset('90d', LA)).to.deep.equal({ start: '2026-08-25', end: '2026-11-22', preset: '90d' });
    });

    it('"today" is today in the account time zone', () => {
      const now = Date.parse('2026-11-22T06:00:00Z');
      // 22:00 on the 21st in Los Angeles, 11:45 on the 22nd in Kathmandu, 19:45 in Chatham.
      expect(resolvePreset('7d', { ...LA, now })).to.deep.equal({ start: '2026-11-15', end: '2026-11-21', preset: '7d' });
      expect(resolvePreset('7d', { timeZone: 'Asia/Kathmandu', billingCycleDay: 1, now }).end).to.equal('2026-11-22');
      const lateUtc = Date.parse('2026-11-22T11:30:00Z');
      expect(resolvePreset('7d', { timeZone: 'Pacific/Chatham', billingCycleDay: 1, now: lateUtc }).end).to.equal('2026-11-23');
    });

    it('the current billing month runs to the period\'s last day, even in the future', () => {
      expect(resolvePreset('billing-month', LA)).to.deep.equal({ start: '2026-11-01', end: '2026-11-30', preset: 'billing-month' });
      expect(resolvePreset('billing-month', { ...LA, billingCycleDay: 15 })).to.deep.equal({
        start: '2026-11-15',
        end: '2026-12-14',
        preset: 'billing-month',
      });
      expect(resolvePreset('billing-month', { ...LA, billingCycleDay: 23 })).to.deep.equal({
        start: '2026-10-23',
        end: '2026-11-22',
        preset: 'billing-month',
      });
    });

    it('the previous billing month is the period before, across year ends and short months', () => {
      expect(resolvePreset('previous-billing-month', LA)).to.deep.equal({
        start: '2026-10-01',
        end: '2026-10-31',
        preset: 'previous-billing-month',
      });
      const jan5 = Date.parse('2026-01-05T12:00:00Z');
      expect(resolvePreset('billing-month', { ...LA, billingCycleDay: 10, now: jan5 })).to.include({ start: '2025-12-10', end: '2026-01-09' });
      expect(resolvePreset('previous-billing-month', { ...LA, billingCycleDay: 10, now: jan5 })).to.include({
        start: '2025-11-10',
        end: '2025-12-09',
      });
      const mar10 = Date.parse('2026-03-10T12:00:00Z');
      expect(resolvePreset('billing-month', { ...LA, billingCycleDay: 31, now: mar10 })).to.include({ start: '2026-02-28', end: '2026-03-30' });
      expect(resolvePreset('previous-billing-month', { ...LA, billingCycleDay: 31, now: mar10 })).to.include({
        start: '2026-01-31',
        end: '2026-02-27',
      });
    });

    it('the billing month turns over at midnight in the account zone', () => {
      const now = Date.parse('2026-11-15T07:30:00Z'); // 23:30 on the 14th in Los Angeles
      expect(resolvePreset('billing-month', { timeZone: 'America/Los_Angeles', billingCycleDay: 15, now })).to.include({
        start: '2026-10-15',
        end: '2026-11-14',
      });
      expect(resolvePreset('billing-month', { timeZone: 'UTC', billingCycleDay: 15, now })).to.include({
        start: '2026-11-15',
        end: '2026-12-14',
      });
    });

    it('refuses custom, unknown presets, bad zones and bad cycle days', () => {
      expect(() => resolvePreset('custom' as NamedRangePreset, LA)).to.throw(RangeError, 'a custom range needs explicit dates');
      expect(() => resolvePreset('8d' as NamedRangePreset, LA)).to.throw(RangeError, 'range preset "8d" is not one of 7d, 14d');
      expect(() => resolvePreset('7d', { ...LA, timeZone: 'Mars/Base' })).to.throw(RangeError, '"Mars/Base" is not a valid IANA time zone');
      expect(() => resolvePreset('billing-month', { ...LA, billingCycleDay: 0 })).to.throw(RangeError, 'billingCycleDay');
      expect(() => resolvePreset('billing-month', { ...LA, billingCycleDay: 32 })).to.throw(RangeError, 'got 32');
      expect(() => resolvePreset('billing-month', { ...LA, billingCycleDay: 1.5 })).to.throw(RangeError, 'got 1.5');
    });

    it('every preset contains today or ends before it, and billing months tile (property)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2060-01-01T00:00:00Z') }),
          fc.integer({ min: 1, max: 31 }),
          fc.constantFrom('UTC', 'America/Los_Angeles', 'Pacific/Chatham', 'Asia/Kathmandu'),
          (now, billingCycleDay, timeZone) => {
            const ctx = { timeZone, billingCycleDay, now };
            const current = resolvePreset('billing-month', ctx);
            const previous = resolvePreset('previous-billing-month', ctx);
            const week = resolvePreset('7d', ctx);
            expect(current.start <= week.end && week.end <= current.end).to.equal(true);
            expect(addDays(previous.end, 1)).to.equal(current.start);
            expect(dayCount(current.start, current.end)).to.be.within(28, 31);
            expect(dayCount(week.start, week.end)).to.equal(7);
          },
        ),
        { numRuns: 500 },
      );
    });
  });

  describe('lastDays', () => {
    it('covers exactly N days ending today', () => {
      expect(lastDays(1, LA)).to.deep.equal({ start: '2026-11-22', end: '2026-11-22' });
      expect(lastDays(366, LA)).to.deep.equal({ start: '2025-11-22', end: '2026-11-22' });
      expect(() => lastDays(0, LA)).to.throw(RangeError, 'from 1 to 3660');
      expect(() => lastDays(2.5, LA)).to.throw(RangeError, 'got 2.5');
    });
  });

  describe('parseRangeValue', () => {
    it('accepts the named presets', () => {
      for (const preset of RANGE_PRESETS) {
        expect(parseRangeValue(preset, LA)).to.deep.equal(resolvePreset(preset, LA));
      }
      expect(parseRangeValue(' 30d ', LA)).to.deep.equal({ start: '2026-10-24', end: '2026-11-22', preset: '30d' });
    });

    it('accepts any Nd from 1 to 3660 as a custom range', () => {
      expect(parseRangeValue('45d', LA)).to.deep.equal({ start: '2026-10-09', end: '2026-11-22', preset: 'custom' });
      expect(parseRangeValue('1d', LA)).to.deep.equal({ start: '2026-11-22', end: '2026-11-22', preset: 'custom' });
      expect(parseRangeValue('3660d', LA).start).to.equal(formatDay(epochDay(2026, 11, 22) - 3659));
      expect(() => parseRangeValue('3661d', LA)).to.throw(RangeError, 'range "3661d" must cover 1 to 3660 days');
      expect(() => parseRangeValue('0d', LA)).to.throw(RangeError, 'range "0d" must cover 1 to 3660 days');
      expect(MAX_RANGE_DAYS).to.equal(3660);
    });

    it('accepts explicit start/end dates', () => {
      expect(parseRangeValue('2026-11-01/2026-11-30', LA)).to.deep.equal({ start: '2026-11-01', end: '2026-11-30', preset: 'custom' });
      expect(parseRangeValue('2026-11-05/2026-11-05', LA)).to.deep.equal({ start: '2026-11-05', end: '2026-11-05', preset: 'custom' });
    });

    it('throws a RangeError saying what is wrong', () => {
      expect(() => parseRangeValue('2026-02-30/2026-03-05', LA)).to.throw(RangeError, 'start 2026-02-30 is not a real calendar date');
      expect(() => parseRangeValue('2026-02-01/2026-02-29', LA)).to.throw(RangeError, 'end 2026-02-29 is not a real calendar date');
      expect(() => parseRangeValue('2026-11-30/2026-11-01', LA)).to.throw(RangeError, 'the start date is after the end date');
      expect(() => parseRangeValue('2000-01-01/2026-01-01', LA)).to.throw(RangeError, 'longer than 3660 days');
      for (const bad of ['last-week', '', '7', '7 d', 'd7', '2026-11-01', '2026-11-01..2026-11-30', '-7d']) {
        expect(() => parseRangeValue(bad, LA), bad).to.throw(RangeError, 'use 7d, 14d, 30d, 90d, billing-month, previous-billing-month');
      }
    });

    it('round-trips through formatRangeValue', () => {
      for (const value of ['7d', 'billing-month', 'previous-billing-month', '2026-11-01/2026-11-30']) {
        expect(formatRangeValue(parseRangeValue(value, LA))).to.equal(value);
      }
      expect(formatRangeValue(parseRangeValue('45d', LA))).to.equal('2026-10-09/2026-11-22');
    });
  });

  describe('validateCustomRange', () => {
    const opts = { timeZone: 'America/Los_Angeles', now: NOON };

    it('accepts a valid past range up to today', () => {
      expect(validateCustomRange('2026-11-01', '2026-11-22', opts)).to.deep.equal({
        ok: true,
        range: { start: '2026-11-01', end: '2026-11-22', preset: 'custom' },
      });
    });

    it('names each problem', () => {
      expect(validateCustomRange('2026-02-30', '2026-03-05', opts)).to.deep.equal({
        ok: false,
        error: 'invalid-start',
        message: 'The start date "2026-02-30" isn\'t a valid date.',
      });
      expect(validateCustomRange('', '2026-03-05', opts)).to.deep.include({ error: 'invalid-start', message: "The start date (empty) isn't a valid date." });
      expect(validateCustomRange('2026-03-01', '03/05/2026', opts)).to.deep.equal({
        ok: false,
        error: 'invalid-end',
        message: 'The end date "03/05/2026" isn\'t a valid date.',
      });
      expect(validateCustomRange('2026-11-10', '2026-11-09', opts)).to.deep.equal({
        ok: false,
        error: 'start-after-end',
        message: 'The start date must be on or before the end date.',
      });
      expect(validateCustomRange('2026-11-20', '2026-11-23', opts)).to.deep.equal({
        ok: false,
        error: 'in-future',
        message: "The end date can't be after today (2026-11-22).",
      });
      expect(validateCustomRange('2026-08-01', '2026-11-01', { ...opts, maxDays: 90 })).to.deep.equal({
        ok: false,
        error: 'too-long',
        message: 'The range can be at most 90 days.',
      });
      expect(validateCustomRange('2026-11-01', '2026-11-02', { ...opts, maxDays: 1 })).to.deep.include({
        message: 'The range can be at most 1 day.',
      });
    });

    it('allows exactly maxDays and judges "today" in the account zone', () => {
      expect(validateCustomRange('2026-08-24', '2026-11-21', { ...opts, maxDays: 90 }).ok).to.equal(true);
      const now = Date.parse('2026-11-22T06:00:00Z'); // still the 21st in Los Angeles
      expect(validateCustomRange('2026-11-01', '2026-11-22', { timeZone: 'America/Los_Angeles', now })).to.deep.include({
        error: 'in-future',
        message: "The end date can't be after today (2026-11-21).",
      });
      expect(validateCustomRange('2026-11-01', '2026-11-22', { timeZone: 'Asia/Kolkata', now }).ok).to.equal(true);
    });

    it('defaults maxDays to 3660', () => {
      expect(validateCustomRange('2016-11-15', '2026-11-22', opts).ok).to.equal(true);
      expect(validateCustomRange('2016-11-14', '2026-11-22', opts)).to.deep.include({ error: 'too-long' });
    });
  });
});
