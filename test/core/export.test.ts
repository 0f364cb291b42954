import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { csvCell, downloadName, toCsv, toJson } from '../../src/core/export.js';

/** A strict RFC 4180 reader: records end with CRLF; quoted fields may hold anything. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const fail = (why: string) => {
    throw new Error(`bad CSV at ${i}: ${why}`);
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) fail('unterminated quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('quote inside an unquoted field');
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else fail(`expected , or CRLF, got ${JSON.stringify(text[i])}`);
  }
  if (record.length) fail('last record not ended by CRLF');
  return records;
}

describe('core/export', () => {
  describe('csvCell', () => {
    it('leaves plain text and numbers alone', () => {
      expect(csvCell('ana@example.com')).to.equal('ana@example.com');
      expect(csvCell('Ana Lima')).to.equal('Ana Lima');
      expect(csvCell(48210)).to.equal('48210');
      expect(csvCell(0.1)).to.equal('0.1');
      expect(csvCell(-5)).to.equal('-5');
      expect(csvCell(-0.25)).to.equal('-0.25');
      expect(csvCell('')).to.equal('');
    });

    it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
      expect(csvCell('Lima, Ana')).to.equal('"Lima, Ana"');
      expect(csvCell('say "hi"')).to.equal('"say ""hi"""');
      expect(csvCell('two\nlines')).to.equal('"two\nlines"');
      expect(csvCell('two\r\nlines')).to.equal('"two\r\nlines"');
      expect(csvCell('"')).to.equal('""""');
    });

    it('neutralises strings a spreadsheet would run as a formula', () => {
      expect(csvCell('=SUM(A1:A9)')).to.equal("'=SUM(A1:A9)");
      expect(csvCell('+1')).to.equal("'+1");
      expect(csvCell('-1+1')).to.equal("'-1+1");
      expect(csvCell('-5')).to.equal("'-5");
      expect(csvCell('@cmd')).to.equal("'@cmd");
      expect(csvCell('\tx')).to.equal("'\tx");
      expect(csvCell('\rx')).to.equal('"\'\rx"');
      expect(csvCell('=HYPERLINK("http://x","click")')).to.equal('"\'=HYPERLINK(""http://x"",""click"")"');
      expect(csvCell('=1,2')).to.equal('"\'=1,2"');
      // Only the first character matters.
      expect(csvCell('a=b')).to.equal('a=b');
      expect(csvCell(' =1')).to.equal(' =1');
    });

    it('writes empty, boolean, bigint, date and object values predictably', () => {
      expect(csvCell(null)).to.equal('');
      expect(csvCell(undefined)).to.equal('');
      expect(csvCell(NaN)).to.equal('');
      expect(csvCell(Infinity)).to.equal('');
      expect(csvCell(true)).to.equal('true');
      expect(csvCell(12n)).to.equal('12');
      expect(csvCell(new Date(Date.UTC(2026, 10, 22, 9, 30)))).to.equal('2026-11-22T09:30:00.000Z');
      expect(csvCell({ a: 1, b: 'x' })).to.equal('"{""a"":1,""b"":""x""}"');
    });
  });

  describe('toCsv', () => {
    it('writes a header and rows with CRLF line ends', () => {
      const csv = toCsv(
        ['member', 'chat', 'image', 'total'],
        [
          ['ana@example.com', 120, 30.5, 150.5],
          ['=cmd|"/c calc"!A1', 0, 0, 0],
          ['Lima, Ana', -3, null, -3],
        ],
      );
      expect(csv).to.equal(
        'member,chat,image,total\r\n' +
          'ana@example.com,120,30.5,150.5\r\n' +
          '"\'=cmd|""/c calc""!A1",0,0,0\r\n' +
          '"Lima, Ana",-3,,-3\r\n',
      );
    });

    it('writes only the header without rows, and a BOM on request', () => {
      expect(toCsv(['a', 'b'], [])).to.equal('a,b\r\n');
      expect(toCsv(['a'], [['é']], { bom: true })).to.equal('\uFEFFa\r\né\r\n');
    });

    it('refuses a row whose length differs from the header', () => {
      expect(() => toCsv(['a', 'b'], [[1, 2], [3]])).to.throw(RangeError, 'CSV row 1 has 1 fields, the header has 2');
    });

    it('round-trips through an RFC 4180 reader (property)', () => {
      const text = fc.string({
        unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', "'", 'é', '😀'),
        maxLength: 12,
      });
      const value = fc.oneof(text, fc.integer({ min: -1e9, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
      const expected = (v: string | number) => {
        if (typeof v === 'number') return String(v);
        return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
      };
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 5 }).chain((width) =>
            fc.tuple(fc.array(text, { minLength: width, maxLength: width }), fc.array(fc.array(value, { minLength: width, maxLength: width }), { maxLength: 6 })),
          ),
          ([header, rows]) => {
            const parsed = parseCsv(toCsv(header, rows));
            expect(parsed).to.deep.equal([header, ...rows].map((r) => r.map(expected)));
            rows.forEach((row, r) =>
              row.forEach((v, c) => {
                const cell = parsed[r + 1][c];
                // Numbers come back as the same numbers; no string cell can start a formula.
                if (typeof v === 'number') expect(Number(cell)).to.equal(v);
                else expect(cell).to.not.match(/^[=+\-@\t\r]/);
              }),
            );
          },
        ),
        { numRuns: 500 },
      );
    });
  });

  describe('toJson', () => {
    it('pretty-prints with two spaces and a final newline', () => {
      expect(toJson({ member: 'ana@example.com', total: 150.5, byReason: { chat: 120 } })).to.equal(
        '{\n  "member": "ana@example.com",\n  "total": 150.5,\n  "byReason": {\n    "chat": 120\n  }\n}\n',
      );
      expect(JSON.parse(toJson([1, 'a', null]))).to.deep.equal([1, 'a', null]);
    });
  });

  describe('downloadName', () => {
    it('builds prefix_start_end.ext', () => {
      expect(downloadName('credit-usage', '2026-11-01', '2026-11-30', 'csv')).to.equal('credit-usage_2026-11-01_2026-11-30.csv');
      expect(downloadName('members', '2026-11-05', '2026-11-05', '.JSON')).to.equal('members_2026-11-05.json');
    });

    it('makes any prefix safe as a file name', () => {
      expect(downloadName('Credit usage: Acme/EU', '2026-11-01', '2026-11-30', 'csv')).to.equal('Credit-usage-Acme-EU_2026-11-01_2026-11-30.csv');
      expect(downloadName('../../etc/passwd', '2026-11-01', '2026-11-30', 'csv')).to.equal('etc-passwd_2026-11-01_2026-11-30.csv');
      expect(downloadName('Überblick März', '2026-11-01', '2026-11-30', 'csv')).to.equal('Uberblick-Marz_2026-11-01_2026-11-30.csv');
      expect(downloadName('名前', '2026-11-01', '2026-11-30', 'c/s\\v')).to.equal('export_2026-11-01_2026-11-30.csv');
      expect(downloadName('x'.repeat(200), '2026-11-01', '2026-11-30', 'csv')).to.equal(`${'x'.repeat(80)}_2026-11-01_2026-11-30.csv`);
    });

    it('refuses dates that are not dates', () => {
      expect(() => downloadName('a', '2026-02-30', '2026-03-01', 'csv')).to.throw(RangeError, 'start must be a YYYY-MM-DD date, got "2026-02-30"');
      expect(() => downloadName('a', '2026-02-01', '../x', 'csv')).to.throw(RangeError, 'end must be a YYYY-MM-DD date');
    });
  });
});
