import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  MS_PER_DAY,
  addDays,
  assertTimeZone,
  billingPeriodOf,
  createDayBucketer,
  dayCount,
  daysInMonth,
  eachDay,
  epochDay,
  formatDay,
  isValidTimeZone,
  parseDay,
  parseInstant,
  shiftBillingPeriod,
  startOfZonedDay,
  timeZoneOffset,
  todayIn,
  tryParseDay,
  zonedDay,
} from '../../src/core/time.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const dayOf = (instant: number, zone: string) => formatDay(zonedDay(instant, zone));
const periodOf = (date: string, cycleDay: number) => {
  const p = billingPeriodOf(parseDay(date), cycleDay);
  return { start: formatDay(p.start), end: formatDay(p.end), key: p.key };
};

const ZONES = ['America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'];

describe('core/time', () => {
  describe('calendar dates', () => {
    it('parses real dates and refuses impossible or malformed ones', () => {
      expect(formatDay(parseDay('2026-02-28'))).to.equal('2026-02-28');
      expect(tryParseDay('2028-02-29')).to.equal(epochDay(2028, 2, 29));
      expect(tryParseDay('2026-02-29')).to.equal(undefined);
      expect(tryParseDay('2026-02-30')).to.equal(undefined);
      expect(tryParseDay('2026-04-31')).to.equal(undefined);
      expect(tryParseDay('2026-13-01')).to.equal(undefined);
      expect(tryParseDay('2026-00-10')).to.equal(undefined);
      expect(tryParseDay('2026-1-5')).to.equal(undefined);
      expect(tryParseDay('2026-01-05T00:00Z')).to.equal(undefined);
      expect(tryParseDay(20260105)).to.equal(undefined);
      expect(() => parseDay('2026-02-30', 'start')).to.throw(RangeError, 'start "2026-02-30" is not a real calendar date');
      expect(() => parseDay('26-2-3', 'end')).to.throw(RangeError, 'end must be a YYYY-MM-DD date, got "26-2-3"');
    });

    it('knows epoch days and leap years', () => {
      expect(parseDay('1970-01-01')).to.equal(0);
      expect(parseDay('1969-12-31')).to.equal(-1);
      expect(parseDay('2000-03-01') - parseDay('2000-02-28')).to.equal(2);
      expect(parseDay('1900-03-01') - parseDay('1900-02-28')).to.equal(1);
      expect(daysInMonth(2100, 2)).to.equal(28);
      expect(daysInMonth(2400, 2)).to.equal(29);
    });

    it('adds days, counts and lists them across month and year ends', () => {
      expect(addDays('2026-12-30', 3)).to.equal('2027-01-02');
      expect(addDays('2028-03-01', -1)).to.equal('2028-02-29');
      expect(dayCount('2026-11-01', '2026-11-30')).to.equal(30);
      expect(eachDay('2026-02-27', '2026-03-02')).to.deep.equal(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
      expect(eachDay('2026-03-02', '2026-03-01')).to.deep.equal([]);
    });

    it('round-trips every day from 0000-01-01 to 9999-12-31 (property)', () => {
      const first = epochDay(0, 1, 1);
      const last = epochDay(9999, 12, 31);
      fc.assert(
        fc.property(fc.integer({ min: first, max: last }), (d) => {
          const text = formatDay(d);
          expect(text).to.match(/^\d{4}-\d{2}-\d{2}$/);
          expect(parseDay(text)).to.equal(d);
        }),
        { numRuns: 2000 },
      );
    });

    it('round-trips every valid date string and rejects invalid ones (property)', () => {
      const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
      fc.assert(
        fc.property(digits(4, 9999), digits(2, 19), digits(2, 39), (y, m, d) => {
          const text = `${y}-${m}-${d}`;
          const valid = +m >= 1 && +m <= 12 && +d >= 1 && +d <= daysInMonth(+y, +m);
          const parsed = tryParseDay(text);
          if (valid) expect(formatDay(parsed!)).to.equal(text);
          else expect(parsed).to.equal(undefined);
        }),
        { numRuns: 3000 },
      );
    });
  });

  describe('time zones', () => {
    it('validates zone names', () => {
      expect(isValidTimeZone('Asia/Kathmandu')).to.equal(true);
      expect(isValidTimeZone('Mars/Olympus_Mons')).to.equal(false);
      expect(isValidTimeZone('')).to.equal(false);
      expect(() => assertTimeZone('Nowhere/Special')).to.throw(RangeError, '"Nowhere/Special" is not a valid IANA time zone');
    });

    it('reads offsets including half and three-quarter hours', () => {
      expect(timeZoneOffset('Asia/Kolkata', at('2026-06-15T12:00:00Z'))).to.equal(5.5 * HOUR);
      expect(timeZoneOffset('Asia/Kathmandu', at('2026-06-15T12:00:00Z'))).to.equal(5.75 * HOUR);
      expect(timeZoneOffset('Pacific/Chatham', at('2026-06-15T12:00:00Z'))).to.equal(12.75 * HOUR);
      expect(timeZoneOffset('Pacific/Chatham', at('2026-01-15T12:00:00Z'))).to.equal(13.75 * HOUR);
      expect(timeZoneOffset('America/Los_Angeles', at('2026-01-15T12:00:00Z'))).to.equal(-8 * HOUR);
      expect(timeZoneOffset('America/Los_Angeles', at('2026-07-15T12:00:00Z'))).to.equal(-7 * HOUR);
      expect(timeZoneOffset('UTC', at('2026-07-15T12:00:00.999Z'))).to.equal(0);
    });

    it('puts instants on the local calendar day', () => {
      // 07:30Z on 8 March is still 23:30 on 7 March in Los Angeles (PST, UTC−8).
      expect(dayOf(at('2026-03-08T07:30:00Z'), 'America/Los_Angeles')).to.equal('2026-03-07');
      expect(dayOf(at('2026-03-08T07:59:59.999Z'), 'America/Los_Angeles')).to.equal('2026-03-07');
      expect(dayOf(at('2026-03-08T08:00:00Z'), 'America/Los_Angeles')).to.equal('2026-03-08');
      // A local 23:30 written with its offset lands on that local day.
      expect(dayOf(at('2026-03-07T23:30:00-08:00'), 'America/Los_Angeles')).to.equal('2026-03-07');
      expect(dayOf(at('2026-06-15T23:30:00+05:30'), 'Asia/Kolkata')).to.equal('2026-06-15');
      expect(dayOf(at('2026-06-15T18:29:59Z'), 'Asia/Kolkata')).to.equal('2026-06-15');
      expect(dayOf(at('2026-06-15T18:30:00Z'), 'Asia/Kolkata')).to.equal('2026-06-16');
      expect(dayOf(at('2026-06-15T18:14:59Z'), 'Asia/Kathmandu')).to.equal('2026-06-15');
      expect(dayOf(at('2026-06-15T18:15:00Z'), 'Asia/Kathmandu')).to.equal('2026-06-16');
      expect(dayOf(at('2026-06-15T11:14:59Z'), 'Pacific/Chatham')).to.equal('2026-06-15');
      expect(dayOf(at('2026-06-15T11:15:00Z'), 'Pacific/Chatham')).to.equal('2026-06-16');
      expect(dayOf(at('2026-10-25T00:30:00Z'), 'Europe/London')).to.equal('2026-10-25');
      expect(dayOf(at('2026-10-24T23:30:00Z'), 'Europe/London')).to.equal('2026-10-25');
      expect(dayOf(at('2026-12-31T23:59:59.999Z'), 'UTC')).to.equal('2026-12-31');
      expect(todayIn('Pacific/Chatham', at('2026-12-31T11:00:00Z'))).to.equal('2027-01-01');
      expect(todayIn('America/Los_Angeles', at('2027-01-01T07:59:00Z'))).to.equal('2026-12-31');
    });

    // Day starts (UTC) and lengths on each zone's DST days in 2026.
    const dstDays: { zone: string; day: string; start: string; hours: number }[] = [
      { zone: 'America/Los_Angeles', day: '2026-03-08', start: '2026-03-08T08:00:00Z', hours: 23 },
      { zone: 'America/Los_Angeles', day: '2026-11-01', start: '2026-11-01T07:00:00Z', hours: 25 },
      { zone: 'America/Los_Angeles', day: '2026-07-04', start: '2026-07-04T07:00:00Z', hours: 24 },
      { zone: 'Europe/London', day: '2026-03-29', start: '2026-03-29T00:00:00Z', hours: 23 },
      { zone: 'Europe/London', day: '2026-10-25', start: '2026-10-24T23:00:00Z', hours: 25 },
      { zone: 'Pacific/Chatham', day: '2026-04-05', start: '2026-04-04T10:15:00Z', hours: 25 },
      { zone: 'Pacific/Chatham', day: '2026-09-27', start: '2026-09-26T11:15:00Z', hours: 23 },
      { zone: 'Asia/Kolkata', day: '2026-03-08', start: '2026-03-07T18:30:00Z', hours: 24 },
      { zone: 'Asia/Kathmandu', day: '2026-03-08', start: '2026-03-07T18:15:00Z', hours: 24 },
      { zone: 'UTC', day: '2026-03-08', start: '2026-03-08T00:00:00Z', hours: 24 },
    ];

    for (const { zone, day, start, hours } of dstDays) {
      it(`${zone} ${day} starts at ${start} and lasts ${hours} hours, all of it one day`, () => {
        const d = parseDay(day);
        const from = startOfZonedDay(d, zone);
        const to = startOfZonedDay(d + 1, zone);
        expect(new Date(from).toISOString()).to.equal(new Date(at(start)).toISOString());
        expect((to - from) / HOUR).to.equal(hours);

        const bucket = createDayBucketer(zone, from - MS_PER_DAY, to + MS_PER_DAY);
        expect(zonedDay(from - 1, zone)).to.equal(d - 1);
        expect(bucket(from - 1)).to.equal(d - 1);
        expect(zonedDay(to, zone)).to.equal(d + 1);
        expect(bucket(to)).to.equal(d + 1);
        // Every minute of the day, and its last millisecond, is on day d.
        for (let t = from; t < to; t += 60_000) {
          expect(zonedDay(t, zone), new Date(t).toISOString()).to.equal(d);
          expect(bucket(t), new Date(t).toISOString()).to.equal(d);
        }
        expect(bucket(to - 1)).to.equal(d);
        expect(zonedDay(to - 1, zone)).to.equal(d);
      });
    }

    it('starts a day at the transition when local midnight does not exist', () => {
      // America/Santiago springs forward at 24:00 → 01:00 (2026-09-06 starts at 01:00 −03).
      const d = parseDay('2026-09-06');
      const from = startOfZonedDay(d, 'America/Santiago');
      expect(new Date(from).toISOString()).to.equal('2026-09-06T04:00:00.000Z');
      expect(zonedDay(from - 1, 'America/Santiago')).to.equal(d - 1);
      expect(zonedDay(from, 'America/Santiago')).to.equal(d);
    });

    for (const zone of ZONES) {
      it(`bucketer agrees with zonedDay for random instants in ${zone} (property)`, () => {
        const from = at('2024-01-01T00:00:00Z');
        const to = at('2028-12-31T23:59:59.999Z');
        const bucket = createDayBucketer(zone, from, to);
        fc.assert(
          fc.property(fc.integer({ min: from - 30 * MS_PER_DAY, max: to + 30 * MS_PER_DAY }), (t) => {
            expect(bucket(t)).to.equal(zonedDay(t, zone));
          }),
          { numRuns: 3000 },
        );
      });
    }

    it('bucketer agrees with zonedDay far outside the span it was prepared for (property)', () => {
      // One bucketer per zone, prepared for a single day, then asked about
      // instants decades away: it grows (or answers outliers one by one).
      const buckets = new Map(ZONES.map((zone) => [zone, createDayBucketer(zone, at('2026-06-01T00:00:00Z'), at('2026-06-02T00:00:00Z'))]));
      fc.assert(
        fc.property(
          fc.constantFrom(...ZONES),
          fc.array(fc.integer({ min: at('1990-01-01T00:00:00Z'), max: at('2060-12-31T23:59:59Z') }), { minLength: 1, maxLength: 40 }),
          (zone, instants) => {
            const bucket = buckets.get(zone)!;
            for (const t of instants) expect(bucket(t), `${zone} ${new Date(t).toISOString()}`).to.equal(zonedDay(t, zone));
          },
        ),
        { numRuns: 200 },
      );
    });

    it('bucketer agrees with zonedDay minute by minute around every 2026 transition', () => {
      const transitions: [string, string][] = [
        ['America/Los_Angeles', '2026-03-08T10:00:00Z'],
        ['America/Los_Angeles', '2026-11-01T09:00:00Z'],
        ['Europe/London', '2026-03-29T01:00:00Z'],
        ['Europe/London', '2026-10-25T01:00:00Z'],
        ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
        ['Pacific/Chatham', '2026-09-26T14:00:00Z'],
      ];
      for (const [zone, iso] of transitions) {
        const t0 = at(iso);
        expect(timeZoneOffset(zone, t0 - 1), `${zone} just before ${iso}`).to.not.equal(timeZoneOffset(zone, t0));
        const bucket = createDayBucketer(zone, t0 - 2 * MS_PER_DAY, t0 + 2 * MS_PER_DAY);
        for (let t = t0 - 6 * HOUR; t <= t0 + 6 * HOUR; t += 60_000) {
          expect(bucket(t), `${zone} ${new Date(t).toISOString()}`).to.equal(zonedDay(t, zone));
          expect(bucket(t - 1)).to.equal(zonedDay(t - 1, zone));
        }
      }
    });
  });

  describe('parseInstant', () => {
    it('parses ISO instants with Z or an offset, and epoch milliseconds', () => {
      expect(parseInstant('2026-03-08T07:30:00Z')).to.equal(Date.UTC(2026, 2, 8, 7, 30));
      expect(parseInstant('2026-03-08T07:30Z')).to.equal(Date.UTC(2026, 2, 8, 7, 30));
      expect(parseInstant('2026-03-07T23:30:00.250-08:00')).to.equal(Date.UTC(2026, 2, 8, 7, 30, 0, 250));
      expect(parseInstant('2026-06-16T00:00:00+05:45')).to.equal(Date.UTC(2026, 5, 15, 18, 15));
      expect(parseInstant('2026-06-16T00:00:00+0545')).to.equal(Date.UTC(2026, 5, 15, 18, 15));
      expect(parseInstant(1_767_225_600_000)).to.equal(1_767_225_600_000);
    });

    it('refuses zone-less, malformed and impossible values', () => {
      for (const bad of [
        '2026-03-08T07:30:00',
        '2026-03-08',
        '2026-03-08 07:30:00Z',
        '2026-02-30T00:00:00Z',
        '2026-03-08T25:00:00Z',
        '2026-03-08T07:30:00+24:00',
        '2026-03-08T07:30:00+05:60',
        '2026-03-08T07:30:00.Z',
        'yesterday',
        '',
      ]) {
        expect(parseInstant(bad), bad).to.be.NaN;
      }
      expect(parseInstant(NaN)).to.be.NaN;
      expect(parseInstant(Infinity)).to.be.NaN;
      expect(parseInstant(null)).to.be.NaN;
      expect(parseInstant(new Date())).to.be.NaN;
    });

    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const zoned = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 59 }),
        second: fc.option(fc.integer({ min: 0, max: 59 })),
        fraction: fc.option(fc.stringMatching(/^\d{1,4}$/)),
        zone: fc.oneof(
          fc.constantFrom('Z', 'z'),
          fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.boolean()),
        ),
      })
      .map(({ year, month, day, hour, minute, second, fraction, zone }) => {
        let s = `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(day, daysInMonth(year, month)), 2)}T${pad(hour, 2)}:${pad(minute, 2)}`;
        if (second !== null) s += `:${pad(second, 2)}${fraction !== null ? `.${fraction}` : ''}`;
        if (typeof zone === 'string') return s + zone;
        const [sign, oh, om, colon] = zone;
        return `${s}${sign}${pad(oh, 2)}${colon ? ':' : ''}${pad(om, 2)}`;
      });

    it('fast path equals Date.parse on valid zoned instants (property)', () => {
      fc.assert(
        fc.property(zoned, (s) => {
          const expected = Date.parse(s);
          expect(expected, s).to.not.be.NaN;
          expect(parseInstant(s), s).to.equal(expected);
        }),
        { numRuns: 5000 },
      );
    });

    it('equals Date.parse on zoned strings with a real date, and is NaN otherwise (property)', () => {
      const shape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{0,4})?)?(Z|[+-]\d{2}:?\d{2})?$/;
      fc.assert(
        fc.property(fc.stringMatching(shape), (s) => {
          const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(s);
          const realDate = tryParseDay(s.slice(0, 10)) !== undefined;
          if (hasZone && realDate) expect(Object.is(parseInstant(s), Date.parse(s)), s).to.equal(true);
          else expect(parseInstant(s), s).to.be.NaN;
        }),
        { numRuns: 5000 },
      );
    });
  });

  describe('billing periods', () => {
    it('cycle day 1 gives calendar months', () => {
      expect(periodOf('2026-11-22', 1)).to.deep.equal({ start: '2026-11-01', end: '2026-11-30', key: '2026-11' });
      expect(periodOf('2026-12-31', 1)).to.deep.equal({ start: '2026-12-01', end: '2026-12-31', key: '2026-12' });
    });

    it('cycle day 15 spans two calendar months, named by the month it starts in', () => {
      expect(periodOf('2026-11-14', 15)).to.deep.equal({ start: '2026-10-15', end: '2026-11-14', key: '2026-10' });
      expect(periodOf('2026-11-15', 15)).to.deep.equal({ start: '2026-11-15', end: '2026-12-14', key: '2026-11' });
      expect(periodOf('2026-01-05', 15)).to.deep.equal({ start: '2025-12-15', end: '2026-01-14', key: '2025-12' });
    });

    it('cycle day 31 clamps to the end of February', () => {
      expect(periodOf('2026-02-15', 31)).to.deep.equal({ start: '2026-01-31', end: '2026-02-27', key: '2026-01' });
      expect(periodOf('2026-02-27', 31)).to.deep.equal({ start: '2026-01-31', end: '2026-02-27', key: '2026-01' });
      expect(periodOf('2026-02-28', 31)).to.deep.equal({ start: '2026-02-28', end: '2026-03-30', key: '2026-02' });
      expect(periodOf('2026-03-31', 31)).to.deep.equal({ start: '2026-03-31', end: '2026-04-29', key: '2026-03' });
      expect(periodOf('2026-04-30', 31)).to.deep.equal({ start: '2026-04-30', end: '2026-05-30', key: '2026-04' });
      // Leap year: February has a 29th.
      expect(periodOf('2028-02-28', 31)).to.deep.equal({ start: '2028-01-31', end: '2028-02-28', key: '2028-01' });
      expect(periodOf('2028-02-29', 31)).to.deep.equal({ start: '2028-02-29', end: '2028-03-30', key: '2028-02' });
    });

    it('cycle days 29 and 30 clamp in short months', () => {
      expect(periodOf('2026-02-27', 29)).to.deep.equal({ start: '2026-01-29', end: '2026-02-27', key: '2026-01' });
      expect(periodOf('2026-02-28', 29)).to.deep.equal({ start: '2026-02-28', end: '2026-03-28', key: '2026-02' });
      expect(periodOf('2028-02-29', 29)).to.deep.equal({ start: '2028-02-29', end: '2028-03-28', key: '2028-02' });
      expect(periodOf('2026-02-28', 30)).to.deep.equal({ start: '2026-02-28', end: '2026-03-29', key: '2026-02' });
      expect(periodOf('2026-04-29', 30)).to.deep.equal({ start: '2026-03-30', end: '2026-04-29', key: '2026-03' });
      expect(periodOf('2026-04-30', 30)).to.deep.equal({ start: '2026-04-30', end: '2026-05-29', key: '2026-04' });
    });

    it('shifts by whole months across years and through February', () => {
      const jan = billingPeriodOf(parseDay('2026-02-10'), 31);
      const feb = shiftBillingPeriod(jan, 1, 31);
      expect([formatDay(feb.start), formatDay(feb.end), feb.key]).to.deep.equal(['2026-02-28', '2026-03-30', '2026-02']);
      const prevYear = shiftBillingPeriod(jan, -2, 31);
      expect([formatDay(prevYear.start), formatDay(prevYear.end), prevYear.key]).to.deep.equal(['2025-11-30', '2025-12-30', '2025-11']);
      const later = shiftBillingPeriod(jan, 13, 31);
      expect([formatDay(later.start), later.key]).to.deep.equal(['2027-02-28', '2027-02']);
    });

    it('periods contain the day, tile without gaps and last 28–31 days (property)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: epochDay(1990, 1, 1), max: epochDay(2100, 12, 31) }),
          fc.integer({ min: 1, max: 31 }),
          (d, cycleDay) => {
            const p = billingPeriodOf(d, cycleDay);
            expect(p.start <= d && d <= p.end).to.equal(true);
            expect(p.end - p.start + 1).to.be.within(28, 31);
            const next = shiftBillingPeriod(p, 1, cycleDay);
            expect(next.start).to.equal(p.end + 1);
            expect(shiftBillingPeriod(next, -1, cycleDay)).to.deep.equal(p);
            expect(formatDay(p.start).slice(0, 7)).to.equal(p.key);
          },
        ),
        { numRuns: 3000 },
      );
    });
  });
});
