/** The shifts export (issue 20): one row per shift, oldest first, yuan and fen, a shift without a count marked. */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { shiftsCsv, type ShiftCsvLabels } from './shift-csv.js';
import { closeWith, shiftFigures, type ShiftRecord } from './shift.js';

const L: ShiftCsvLabels = {
  startedAt: '开班时间',
  endedAt: '交班时间',
  cashiers: '收银员',
  float: '备用金（元）',
  methodAmount: (m) => `${m}收款（元）`,
  methodCount: (m) => `${m}笔数`,
  refunds: '退款（元）',
  net: '净收款（元）',
  fees: '手续费（元）',
  expected: '应有现金（元）',
  counted: '实点现金（元）',
  difference: '差额（元）',
  differenceFen: '差额（分）',
  cpayError: '备注',
  notCounted: '未点钞',
};

describe('shiftsCsv', () => {
  it('rows oldest first with the count, expected cash and difference; an old shift without a count says so', () => {
    const sale = { outTradeNo: 'C', method: 'cash' as const, amount: 1_000, at: 5 };
    const f = shiftFigures({ fromMs: 0, toMs: 10, floatFen: 20_000, sales: [sale], refunds: [], cpayError: '网络, 不通' });
    const closed: ShiftRecord = {
      startedAt: 0,
      endedAt: 10,
      floatFen: 20_000,
      cashiers: [{ staffName: '张三' }, { staffName: '李四' }],
      close: closeWith(f, { 10000: 2, 1000: 1, 100: 1 }),
    };
    const old: ShiftRecord = { startedAt: -100, endedAt: -50, floatFen: 0, cashiers: [] };
    const text = shiftsCsv([closed, old], L);
    expect(text.startsWith('\uFEFF开班时间,交班时间,收银员,备用金（元）,wechat笔数,wechat收款（元）')).toBe(true);
    const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true, delimiter: ',' }).data;
    expect(rows).toHaveLength(2);
    expect(rows[0]?.['备注']).toBe('未点钞');
    const r = rows[1] ?? {};
    expect([
      r['收银员'],
      r['备用金（元）'],
      r['cash笔数'],
      r['cash收款（元）'],
      r['应有现金（元）'],
      r['实点现金（元）'],
      r['差额（元）'],
      r['差额（分）'],
      r['备注'],
    ]).toEqual(['张三 / 李四', '200.00', '1', '10.00', '210.00', '211.00', '1.00', '100', '网络, 不通']);
  });
});
