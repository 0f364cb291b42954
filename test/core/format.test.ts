import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  formatCredits,
  formatDate,
  formatDateRange,
  formatMonth,
  formatNumber,
  formatPercent,
  isolate,
  memberLabel,
  toUnit,
} from '../../src/core/format.js';
import * as core from '../../src/core/index.js';
import { epochDay, formatDay } from '../../src/core/time.js';

/** ICU puts narrow/no-break and thin spaces in some patterns; compare them as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f\u2009]/g, ' ');
/** Newer CLDR puts thin spaces around the range dash ("1 – 30 Nov"), older none ("1–30 Nov"). */
const dashed = (text: string) => plain(text).replace(/ *– */g, '–');

const CONVERSATIONS = { perCredit: 600, label: 'conversations', labelOne: 'conversation' };

describe('core/format', () => {
  describe('units and numbers', () => {
    it('converts credits to a display unit', () => {
      expect(toUnit(48210)).to.equal(48210);
      expect(toUnit(48210, CONVERSATIONS)).to.equal(28_926_000);
      expect(toUnit(2.5, { perCredit: 0.5 })).to.equal(1.25);
      expect(() => toUnit(1, { perCredit: 0 })).to.throw(RangeError, "perCredit must be a positive number, got 0");
      expect(() => toUnit(1, { perCredit: NaN })).to.throw(RangeError, 'got NaN');
    });

    it('groups digits the way each locale does', () => {
      expect(formatNumber(48210, 'en-US')).to.equal('48,210');
      expect(formatNumber(48210, 'de-DE')).to.equal('48.210');
      expect(plain(formatNumber(48210, 'fr-FR'))).to.equal('48 210');
      expect(formatNumber(1234567.891, 'en-IN')).to.equal('12,34,567.89');
      expect(formatNumber(1234.5, 'de-DE')).to.equal('1.234,5');
    });

    it('rounds to two decimals by default and takes fraction and compact options', () => {
      expect(formatNumber(1234.5678, 'en-US')).to.equal('1,234.57');
      expect(formatNumber(1234.5678, 'en-US', { maximumFractionDigits: 0 })).to.equal('1,235');
      expect(formatNumber(3, 'en-US', { minimumFractionDigits: 2 })).to.equal('3.00');
      expect(formatNumber(1250, 'en-US', { notation: 'compact' })).to.equal('1.25K');
      expect(formatNumber(1250, 'en-US', { notation: 'compact', maximumFractionDigits: 1 })).to.equal('1.3K');
      expect(formatNumber(-42, 'en-US')).to.equal('-42');
    });

    it('falls back to the default locale for a malformed tag instead of throwing', () => {
      expect(formatNumber(48210, 'en_US')).to.equal(formatNumber(48210));
      expect(formatNumber(48210, '')).to.equal(formatNumber(48210));
    });

    it('formats credits with their label, singular for one', () => {
      expect(formatCredits(48210, { locale: 'en-US' })).to.equal('48,210 credits');
      expect(formatCredits(1, { locale: 'en-US' })).to.equal('1 credit');
      expect(formatCredits(0, { locale: 'en-US' })).to.equal('0 credits');
      expect(formatCredits(1.5, { locale: 'en-US' })).to.equal('1.5 credits');
      // The built-in English labels follow English plural rules in any locale.
      expect(formatCredits(0, { locale: 'fr-FR' })).to.equal('0 credits');
      expect(formatCredits(48210, { locale: 'de-DE' })).to.equal('48.210 credits');
    });

    it('formats credits in a display unit', () => {
      expect(formatCredits(48210, { locale: 'en-US', unit: CONVERSATIONS })).to.equal('28,926,000 conversations');
      expect(formatCredits(1 / 600, { locale: 'en-US', unit: CONVERSATIONS })).to.equal('1 conversation');
      expect(formatCredits(2, { locale: 'en-US', unit: { perCredit: 1000, label: 'tokens' } })).to.equal('2,000 tokens');
      expect(formatCredits(0.001, { locale: 'en-US', unit: { perCredit: 1000, label: 'tokens' } })).to.equal('1 tokens');
      expect(formatCredits(7, { locale: 'en-US', unit: { perCredit: 2 } })).to.equal('14');
      // A unit's own labels follow the locale's rules (French "one" covers 0 and 1).
      const credits = { perCredit: 1, label: 'crédits', labelOne: 'crédit' };
      expect(formatCredits(0, { locale: 'fr-FR', unit: credits })).to.equal('0 crédit');
      expect(formatCredits(2, { locale: 'fr-FR', unit: credits })).to.equal('2 crédits');
    });

    it('formats ratios as percentages', () => {
      expect(formatPercent(0.256, 'en-US')).to.equal('25.6%');
      expect(formatPercent(1, 'en-US')).to.equal('100%');
      expect(formatPercent(1.5, 'en-US')).to.equal('150%');
      expect(formatPercent(0.12345, 'en-US', { maximumFractionDigits: 2 })).to.equal('12.35%');
      expect(plain(formatPercent(0.256, 'de-DE'))).to.equal('25,6 %');
    });
  });

  describe('dates', () => {
    it('formats calendar dates in several styles and locales', () => {
      expect(formatDate('2026-11-22', 'en-US')).to.equal('Nov 22, 2026');
      expect(formatDate('2026-11-22', 'en-US', 'short')).to.equal('11/22/26');
      expect(formatDate('2026-11-22', 'en-US', 'long')).to.equal('November 22, 2026');
      expect(formatDate('2026-11-22', 'en-US', 'day-month')).to.equal('Nov 22');
      expect(formatDate('2026-11-22', 'en-GB')).to.equal('22 Nov 2026');
      expect(formatDate('2026-11-22', 'de-DE', 'long')).to.equal('22. November 2026');
      expect(formatDate('2026-11-22', 'ja-JP', 'long')).to.equal('2026年11月22日');
    });

    it('never shifts the date: first and last days of the year stay put', () => {
      expect(formatDate('2026-01-01', 'en-US')).to.equal('Jan 1, 2026');
      expect(formatDate('2026-12-31', 'en-US')).to.equal('Dec 31, 2026');
      expect(formatDate('2028-02-29', 'en-GB', 'long')).to.equal('29 February 2028');
    });

    it('refuses impossible dates and unknown styles', () => {
      expect(() => formatDate('2026-02-30', 'en-US')).to.throw(RangeError, 'not a real calendar date');
      expect(() => formatDate('2026-02-01', 'en-US', 'tiny' as 'short')).to.throw(RangeError, 'date style must be one of');
    });

    it('every formatted day shows its own day of the month (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: epochDay(1971, 1, 1), max: epochDay(2099, 12, 31) }), (d) => {
          const iso = formatDay(d);
          const [y, m, day] = iso.split('-').map(Number);
          // en-CA short style is ISO-like: YYYY-MM-DD.
          expect(formatDate(iso, 'en-CA', 'short')).to.equal(iso);
          expect(formatDate(iso, 'en-GB', 'short')).to.equal(`${String(day).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`);
        }),
        { numRuns: 500 },
      );
    });

    it('formats ranges compactly with the locale\'s range pattern', () => {
      expect(dashed(formatDateRange('2026-11-01', '2026-11-30', 'en-GB'))).to.equal('1–30 Nov 2026');
      expect(dashed(formatDateRange('2026-11-01', '2026-11-30', 'en-GB', { year: false }))).to.equal('1–30 Nov');
      expect(dashed(formatDateRange('2026-11-01', '2026-11-30', 'en-US'))).to.equal('Nov 1–30, 2026');
      expect(dashed(formatDateRange('2026-10-28', '2026-11-03', 'en-GB'))).to.equal('28 Oct–3 Nov 2026');
      expect(dashed(formatDateRange('2026-12-28', '2027-01-03', 'en-GB'))).to.equal('28 Dec 2026–3 Jan 2027');
      expect(dashed(formatDateRange('2026-11-05', '2026-11-05', 'en-GB'))).to.equal('5 Nov 2026');
      expect(() => formatDateRange('2026-11-05', '2026-11-04', 'en-GB')).to.throw(RangeError, 'start 2026-11-05 is after end 2026-11-04');
    });

    it('formats billing-month keys', () => {
      expect(formatMonth('2026-11', 'en-US')).to.equal('Nov 2026');
      expect(formatMonth('2026-11', 'en-US', 'long')).to.equal('November 2026');
      expect(formatMonth('2027-01', 'de-DE', 'long')).to.equal('Januar 2027');
      expect(() => formatMonth('2026-13', 'en-US')).to.throw(RangeError, 'month must be YYYY-MM, got "2026-13"');
      expect(() => formatMonth('2026-11-01', 'en-US')).to.throw(RangeError, 'month must be YYYY-MM');
    });
  });

  describe('isolate', () => {
    it('wraps text in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE', () => {
      expect(isolate('Sales')).to.equal('\u2068Sales\u2069');
      expect(isolate('')).to.equal('\u2068\u2069');
      expect(isolate('#u_7e1fb9')).to.equal('\u2068#u_7e1fb9\u2069');
    });

    it('keeps the text itself unchanged, overrides and right-to-left letters included', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme' }), (text) => {
          const out = isolate(text);
          expect(out.slice(1, -1)).to.equal(text);
          expect(out[0]).to.equal('\u2068');
          expect(out.at(-1)).to.equal('\u2069');
        }),
      );
      expect(isolate('\u202Egnp.exe')).to.equal('\u2068\u202Egnp.exe\u2069');
      expect(isolate('مساحة العمل')).to.equal('\u2068مساحة العمل\u2069');
    });

    it('is exported from the core entry point', () => {
      expect(core.isolate).to.equal(isolate);
    });
  });

  describe('memberLabel', () => {
    it('prefers the email, then the name, then a short id', () => {
      expect(memberLabel({ id: 'u_1', email: 'ana@example.com', name: 'Ana' })).to.equal('ana@example.com');
      expect(memberLabel({ id: 'u_1', email: '  ', name: 'Ana Lima' })).to.equal('Ana Lima');
      expect(memberLabel({ id: 'a1b2c3d4e5f6a7b8', email: '', name: '' })).to.equal('#a1b2c3d4');
      expect(memberLabel({ id: 'u7' })).to.equal('#u7');
    });

    it('returns names as plain text, markup and all', () => {
      expect(memberLabel({ id: 'x', name: '<img src=x onerror=alert(1)>' })).to.equal('<img src=x onerror=alert(1)>');
    });
  });

  describe('core index', () => {
    it('exports the display formatMonth by that name and the key builder as monthKey', () => {
      expect(core.formatMonth('2026-11', 'en-US')).to.equal('Nov 2026');
      expect(core.monthKey(2026, 11)).to.equal('2026-11');
      expect(core.pivot).to.be.a('function');
      expect(core.resolvePreset).to.be.a('function');
      expect(core.toCsv).to.be.a('function');
      expect(core.forecast).to.be.a('function');
      expect(core.createDayBucketer).to.be.a('function');
    });
  });
});
