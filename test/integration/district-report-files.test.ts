import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createMonthlyReturn, type MonthlyReturn } from '../../src/core/returns/index.js';
import { toCsv, toXlsx } from '../../src/services/district-report-files.js';
import { NOVEMBER_ROWS } from '../unit/returns/fixture.js';

function november(district = 'Quetta'): MonthlyReturn {
  const builder = createMonthlyReturn({ district, month: '2026-11' });
  NOVEMBER_ROWS.forEach((row) => builder.add(row));
  return builder.result();
}

/** RFC 4180 read back: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      field = '';
      record = [];
      i++;
    } else field += ch;
  }
  if (field || record.length) throw new Error('the last record does not end with CRLF');
  return records;
}

/** A zip's entries by name (stored or deflated): enough to look inside an .xlsx without a spreadsheet library. */
function unzip(zip: Buffer): Map<string, string> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const [nameLength, extraLength, commentLength] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)];
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(body) : body).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const decode = (xml: string) => xml.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');

/** A sheet's cells as text by reference ("A1" -> "تھانہ"), shared strings resolved. */
function cells(files: Map<string, string>, sheet: number): Map<string, { text: string; style: string | null }> {
  const shared = [...(files.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    decode([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const xml = files.get(`xl/worksheets/sheet${sheet}.xml`)!;
  const out = new Map<string, { text: string; style: string | null }>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attributes = m[2]!;
    const inner = m[3] ?? '';
    const value = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? decode(/<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1] ?? '');
    const text = /t="s"/.test(attributes) ? shared[Number(value)]! : value;
    out.set(m[1]!, { text, style: /s="(\d+)"/.exec(attributes)?.[1] ?? null });
  }
  return out;
}

describe('the monthly return as CSV', () => {
  it('starts with a UTF-8 byte-order mark, ends records with CRLF, and reads back with the same figures', () => {
    const csv = toCsv(november(), 'en');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const [header, ...records] = parseCsv(csv.slice(1));
    expect(header).toEqual(['Month', 'District', 'Police station', 'Table', 'Figure', 'Category', 'Gender', 'Age band', 'Breakdown', 'Count', 'Out of', 'Percent', 'Key']);
    for (const record of records) expect(record).toHaveLength(header!.length);
    const produced = records.find((r) => r[2] === 'All stations' && r[12] === 'production.within_24h')!;
    expect(produced).toEqual(['2026-11', 'Quetta', 'All stations', 'Custody and court', 'Produced before the court (A6)', '', '', '', 'Produced within 24 h', '2', '5', '40', 'production.within_24h']);
    const lockup = records.find((r) => r[2] === 'QTA01' && r[12] === 'lockup_or_jail')!;
    expect(lockup.slice(9, 12)).toEqual(['2', '3', '66.7']);
  });

  it('writes the Urdu labels in Urdu, with the same stable keys', () => {
    const [header, ...records] = parseCsv(toCsv(november(), 'ur').slice(1));
    expect(header![2]).toBe('تھانہ');
    expect(header![9]).toBe('تعداد');
    const guardian = records.find((r) => r[2] === 'تمام تھانے' && r[12] === 'guardian_informed.within_target')!;
    expect(guardian[4]).toBe('سرپرست کو اطلاع (A2)');
    expect(guardian[8]).toBe('2 گھنٹوں کے اندر');
    expect(guardian.slice(9, 12)).toEqual(['2', '5', '40']);
    const child = records.find((r) => r[2] === 'QTA01' && r[12] === 'children.in_conflict.female.10_13')!;
    expect(child.slice(5, 8)).toEqual(['کم عمر ملزم', 'لڑکی', '10 سے 13 سال']);
  });

  it('quotes fields with commas and quotes, and defuses text a spreadsheet would run as a formula', () => {
    const quoted = toCsv(november('Quetta, "City"'), 'en');
    expect(quoted).toContain(',"Quetta, ""City""",');
    expect(parseCsv(quoted.slice(1))[1]![1]).toBe('Quetta, "City"');
    const formula = parseCsv(toCsv(november('=HYPERLINK("x")'), 'en').slice(1));
    expect(formula[1]![1]).toBe(`'=HYPERLINK("x")`);
  });
});

describe('the monthly return as XLSX', () => {
  it('has an About sheet, one sheet per table and a Data sheet, named in the language', async () => {
    const en = unzip(await toXlsx(november(), 'en'));
    const names = (files: Map<string, string>) => [...files.get('xl/workbook.xml')!.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => decode(m[1]!));
    expect(names(en)).toEqual(['About', 'Summary', 'Children', 'Custody and court', 'Bail', 'Diversion', 'Missing children', 'Referrals', 'Data']);
    const ur = unzip(await toXlsx(november(), 'ur'));
    expect(names(ur)).toEqual(['تعارف', 'خلاصہ', 'بچے', 'حراست اور عدالت', 'ضمانت', 'ڈائیورژن', 'گمشدہ بچے', 'ریفرل', 'ڈیٹا']);
  });

  it('writes the summary with a bold, frozen header row, column widths and the figures as numbers', async () => {
    const files = unzip(await toXlsx(november(), 'en'));
    const sheet = files.get('xl/worksheets/sheet2.xml')!;
    expect(sheet).toMatch(/<col [^>]*width="16"/);
    expect(sheet).toMatch(/state="frozen"/);
    expect(sheet).not.toMatch(/rightToLeft="1"/);
    const summary = cells(files, 2);
    expect(summary.get('A1')!.text).toBe('Police station');
    expect(summary.get('A2')!.text).toBe('QTA01');
    expect(summary.get('A4')!.text).toBe('All stations');
    expect(summary.get('B4')!.text).toBe('12');
    expect(summary.get('E4')!.text).toBe('2');
    expect(summary.get('F4')!.text).toBe('40');
    // Header and district total share a bold style; a station's row does not.
    const styles = files.get('xl/styles.xml')!;
    const fonts = [.../<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)![1]!.matchAll(/<font>([\s\S]*?)<\/font>|<font\/>/g)].map((m) => m[0]);
    const xfs = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.matchAll(/<xf\b([^>]*)>/g)].map((m) => Number(/fontId="(\d+)"/.exec(m[1]!)?.[1] ?? 0));
    const isBold = (style: string | null) => style !== null && /<b\/>/.test(fonts[xfs[Number(style)]!] ?? '');
    expect(isBold(summary.get('A1')!.style)).toBe(true);
    expect(isBold(summary.get('B4')!.style)).toBe(true);
    expect(isBold(summary.get('B2')!.style)).toBe(false);
    expect(isBold(summary.get('A2')!.style)).toBe(false);
    expect(xfs.length).toBeGreaterThan(1);
  });

  it('sets the Urdu sheets right to left, with the Urdu words', async () => {
    const files = unzip(await toXlsx(november(), 'ur'));
    for (let sheet = 1; sheet <= 9; sheet++) expect(files.get(`xl/worksheets/sheet${sheet}.xml`)).toMatch(/rightToLeft="1"/);
    const summary = cells(files, 2);
    expect(summary.get('A1')!.text).toBe('تھانہ');
    expect(summary.get('A4')!.text).toBe('تمام تھانے');
    const data = cells(files, 9);
    expect(data.get('M1')!.text).toBe('کوڈ');
    expect([...data.values()].some((c) => c.text === 'گرفتاری کے 24 گھنٹوں میں عدالت میں پیشی (A6)' || c.text === 'عدالت میں پیشی (A6)')).toBe(true);
  });
});
