/**
 * CSV encoding of the exports (issue 20): UTF-8 BOM, CRLF, quoting of commas, quotes and line
 * breaks, Chinese kept as is, formula-looking text defused while signed amounts stay numbers;
 * papaparse reads the file back to the same cells.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { CSV_BOM, encodeCsv, yuanCell } from './csv.js';

const parse = (text: string): string[][] => {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  const r = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true, delimiter: ',' });
  expect(r.errors).toEqual([]);
  return r.data;
};

describe('encodeCsv', () => {
  it('starts with the BOM, ends every line with CRLF (the last too)', () => {
    const text = encodeCsv(
      ['a', 'b'],
      [
        ['1', '2'],
        ['3', '4'],
      ],
    );
    expect(text).toBe('\uFEFFa,b\r\n1,2\r\n3,4\r\n');
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas, quotes (doubled) and line breaks; leaves plain Chinese unquoted', () => {
    const cells = ['微信支付', '奶茶, 大杯', '他说"好"', '第一行\n第二行', 'a\r\nb'];
    const text = encodeCsv(['名称', '备注', '引号', '换行', 'CRLF'], [cells]);
    expect(text).toContain('微信支付,"奶茶, 大杯","他说""好""","第一行\n第二行","a\r\nb"\r\n');
    expect(parse(text)).toEqual([['名称', '备注', '引号', '换行', 'CRLF'], cells]);
  });

  it('defuses text a spreadsheet would run as a formula; signed amounts and numbers stay as they are', () => {
    const text = encodeCsv(['x'], [['=1+2'], ['@SUM(A1)'], ['+cmd'], ['-x'], ['-1.00'], ['+2.50'], ['12'], [-3], ['\tTAB']]);
    const cells = parse(text)
      .slice(1)
      .map((r) => r[0]);
    expect(cells).toEqual(["'=1+2", "'@SUM(A1)", "'+cmd", "'-x", '-1.00', '+2.50', '12', '-3', "'\tTAB"]);
  });

  it('amounts: fen → yuan with two decimals and a sign', () => {
    expect([yuanCell(0), yuanCell(5), yuanCell(123_456), yuanCell(-100)]).toEqual(['0.00', '0.05', '1234.56', '-1.00']);
  });

  it('an empty table is the header alone', () => {
    expect(encodeCsv(['时间', '金额（元）'], [])).toBe('\uFEFF时间,金额（元）\r\n');
  });
});
