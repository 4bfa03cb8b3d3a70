/**
 * The handover receipt (issue 20) as the printer encodes it (80 mm and 58 mm, zh-CN and English):
 * per-method lines, the cash check, the count by denomination, the difference with its word, a
 * drawer kick and a cut.
 */
import { describe, expect, it } from 'vitest';
import { receiptText } from '../platform/devices/printer/decode.js';
import { encodeReceipt } from '../platform/devices/printer/escpos.js';
import { LAYOUT_58MM, LAYOUT_80MM } from '../platform/devices/printer/model.js';
import { denominationPrinted, denominationText, differenceText, handoverReceipt, type HandoverReceipt } from './receipt-handover.js';

const H: HandoverReceipt = {
  shopName: '一号店',
  deviceName: '收银台1',
  cashiers: ['张三', '李四'],
  at: Date.UTC(2026, 11, 7, 10, 0, 0),
  from: Date.UTC(2026, 11, 7, 1, 0, 0),
  to: Date.UTC(2026, 11, 7, 9, 30, 0),
  rows: [
    { method: 'wechat', count: 2, amountFen: 1_600, refundCount: 1, refundFen: 300 },
    { method: 'alipay', count: 1, amountFen: 700, refundCount: 0, refundFen: 0 },
    { method: 'cash', count: 2, amountFen: 1_550, refundCount: 1, refundFen: 250 },
    { method: 'card', count: 1, amountFen: 4_200, refundCount: 0, refundFen: 0 },
  ],
  feesFen: 9,
  creditedFen: 1_991,
  floatFen: 20_000,
  cashSalesFen: 1_550,
  cashRefundsFen: 250,
  expectedFen: 21_300,
  counts: [
    { denominationFen: 10_000, pieces: 2 },
    { denominationFen: 1_000, pieces: 1 },
    { denominationFen: 100, pieces: 4 },
    { denominationFen: 50, pieces: 1 },
  ],
  countedFen: 21_450,
  differenceFen: 150,
};

const text = (h: HandoverReceipt, layout = LAYOUT_80MM) => receiptText(encodeReceipt(handoverReceipt(h), layout).bytes).map((l) => l.trim());
const line = (lines: string[], start: string) => lines.find((l) => l.startsWith(start)) ?? `(no line ${start})`;

describe('handover receipt', () => {
  it('prints methods, refunds, net, fees, the cash check, the count and the difference (zh-CN, 80 mm)', () => {
    const t = text(H);
    expect(t).toContain('交接班小票');
    expect(line(t, '收银员')).toMatch(/张三、李四$/);
    expect(line(t, '微信支付')).toMatch(/^微信支付\s+2\s+16\.00$/);
    expect(line(t, '现金')).toMatch(/^现金\s+2\s+15\.50$/);
    expect(line(t, '银行卡')).toMatch(/^银行卡\s+1\s+42\.00$/);
    expect(line(t, '收款合计')).toMatch(/\s6\s+80\.50$/);
    expect(line(t, '退款·现金')).toMatch(/1\s+-2\.50$/);
    expect(line(t, '净收款')).toMatch(/75\.00$/);
    expect(line(t, '备用金')).toMatch(/200\.00$/);
    expect(line(t, '现金收款')).toMatch(/\+15\.50$/);
    expect(line(t, '现金退款')).toMatch(/-2\.50$/);
    expect(line(t, '应有现金')).toMatch(/213\.00$/);
    expect(line(t, '100元 × 2')).toMatch(/200\.00$/);
    expect(line(t, '0.5元 × 1')).toMatch(/0\.50$/);
    expect(line(t, '实点现金')).toMatch(/214\.50$/);
    expect(t.some((l) => l.replace(/\s+/g, ' ') === '差额 +1.50 长款')).toBe(true);
    expect(t.some((l) => l.startsWith('交班人签字'))).toBe(true);
  });

  it('kicks the drawer and cuts; fits 58 mm; English words', () => {
    const doc = handoverReceipt(H);
    expect(doc.openDrawer).toBe(true);
    expect(doc.cut).toBe(true);
    const bytes = encodeReceipt(doc, LAYOUT_58MM).bytes;
    expect(bytes.length).toBeGreaterThan(0);
    const en = text({ ...H, lang: 'en', differenceFen: -100, reprint: true });
    expect(en).toContain('SHIFT HANDOVER(REPRINT)');
    expect(line(en, 'Expected cash')).toMatch(/213\.00$/);
    expect(en.some((l) => l.replace(/\s+/g, ' ') === 'Difference -1.00 short')).toBe(true);
  });

  it('says when cpay figures are missing, and prints deposits and drawer openings when known', () => {
    const t = text({
      ...H,
      feesFen: undefined,
      creditedFen: undefined,
      cpayError: '网络不通',
      deposits: { count: 1, frozenFen: 5_000, consumedFen: 3_000, releasedFen: 2_000, heldFen: 0 },
      drawerOpens: 3,
    });
    expect(t.join('\n')).toContain('云支付数据未取到：网络不通');
    expect(t.some((l) => l.startsWith('手续费'))).toBe(false);
    expect(line(t, '退还')).toMatch(/20\.00$/);
    expect(line(t, '钱箱打开次数')).toMatch(/3$/);
  });

  it('denominations and differences as words', () => {
    expect([10_000, 5_000, 100, 50, 10].map(denominationText)).toEqual(['¥100', '¥50', '¥1', '¥0.5', '¥0.1']);
    expect([denominationPrinted(10_000), denominationPrinted(10, 'en')]).toEqual(['100元', '0.1 yuan']);
    expect([differenceText(100), differenceText(-50), differenceText(0), differenceText(1, 'en')]).toEqual([
      '+1.00 长款',
      '-0.50 短款',
      '0.00 平账',
      '+0.01 over',
    ]);
  });
});
