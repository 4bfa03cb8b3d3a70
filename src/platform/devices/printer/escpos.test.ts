import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, receiptText } from './decode.js';
import { encodeReceipt } from './escpos.js';
import { encodeGbk, printWidth } from './gbk.js';
import { fromGoldenHex, toGoldenHex } from './golden.js';
import type { ReceiptDoc } from '../../../kernel/receipt-doc.js';
import { LAYOUT_58MM, LAYOUT_80MM, type PrintLayout } from './model.js';
import { paymentReceipt, refundReceipt, shiftReceipt } from '../../../kernel/receipt.js';

const FIXTURES = new URL('../../../../test/fixtures/devices/escpos/', import.meta.url);
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

/**
 * Compares with the golden file; UPDATE_GOLDEN=1 writes it (review the diff before committing).
 * A missing golden file fails: writing it here would make the comparison pass by construction.
 */
function golden(name: string, doc: ReceiptDoc, layout: PrintLayout): Uint8Array {
  const enc = encodeReceipt(doc, layout);
  const file = new URL(`${name}.hex`, FIXTURES);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, toGoldenHex(enc));
  if (!existsSync(file))
    throw new Error(
      `golden file ${name}.hex is missing: run UPDATE_GOLDEN=1 npx vitest run --project node ${'src/platform/devices/printer/escpos.test.ts'} and review it`,
    );
  expect(hex(enc.bytes)).toBe(hex(fromGoldenHex(readFileSync(file, 'utf8'))));
  return enc.bytes;
}

const AT = Date.UTC(2026, 10, 22, 2, 3, 4); // 10:03:04 in China
const header = { shopName: '腾讯云支付测试店', deviceName: '1号收银台', cashier: '张三', at: AT };

describe('GBK encoding', () => {
  it('encodes Chinese as GBK double bytes and ASCII as is', () => {
    expect(hex(encodeGbk('中文 A'))).toBe('d6 d0 ce c4 20 41');
    expect(hex(encodeGbk('微信收款'))).toBe('ce a2 d0 c5 ca d5 bf ee');
    expect(hex(encodeGbk('￥¥'))).toBe('a3 a4 a3 a4'); // U+00A5 is not in GBK: printed as fullwidth ￥
  });

  it('prints characters outside the two-byte range as ?', () => {
    expect(hex(encodeGbk('😀𠀀'))).toBe('3f 3f');
  });

  it('round-trips every GBK character through the platform decoder', () => {
    const sample = '收款退款会员卡支付宝微信元角分汇总笔数合计净额（）：，。';
    expect(new TextDecoder('gb18030').decode(encodeGbk(sample))).toBe(sample);
    expect(printWidth('微信 0.02')).toBe(9);
  });
});

describe('ESC/POS encoder', () => {
  it('emits exactly the expected bytes for a small Chinese document', () => {
    const enc = encodeReceipt({ lines: [{ kind: 'text', text: '收款', align: 'center', bold: true }], cut: true }, LAYOUT_58MM);
    expect(hex(enc.bytes)).toBe(['1b 40 1c 26', '1b 61 01 1b 45 01 1d 21 00 ca d5 bf ee 0a', '1b 64 03 1d 56 42 00'].join(' '));
    expect(enc.lineStarts).toEqual([0, 4, 18]);
  });

  it('matches the golden payment receipt (58 mm, Chinese, barcode and QR)', () => {
    const bytes = golden(
      'payment-58mm',
      paymentReceipt({ ...header, outTradeNo: '0100005220261122000123', platform: 'wechat', amountFen: 2, status: 'success' }),
      LAYOUT_58MM,
    );
    const d = decodeEscPos(bytes);
    expect(d.barcodes).toEqual(['0100005220261122000123']);
    expect(d.qr).toEqual(['0100005220261122000123']);
    expect(d.cuts).toBe(1);
    expect(receiptText(bytes)).toContain('金额 0.02 元');
    expect(receiptText(bytes)).toContain('支付方式                微信支付');
  });

  it('matches the golden refund receipt (80 mm)', () => {
    const bytes = golden(
      'refund-80mm',
      refundReceipt({ ...header, outTradeNo: '0100005220261122000123', outRefundNo: '0100005220261122000124', platform: 'alipay', refundFen: 1 }),
      LAYOUT_80MM,
    );
    expect(receiptText(bytes)).toContain('退款金额 0.01 元');
  });

  it('matches the golden shift summary: a mixed-width three-column table', () => {
    const rows = [
      { platform: 'wechat', count: 12, amountFen: 123456 },
      { platform: 'alipay', count: 3, amountFen: 2 },
      { platform: 'card', count: 1, amountFen: 99900 },
    ] as const;
    const bytes = golden('shift-58mm', shiftReceipt({ ...header, from: AT - 8 * 3600e3, to: AT, rows, refunds: { count: 1, amountFen: 1 } }), LAYOUT_58MM);
    const text = receiptText(bytes);
    expect(text).toContain(`微信支付${' '.repeat(8)}    12   1234.56`);
    expect(text).toContain(`净收款${' '.repeat(10)}${' '.repeat(6)}   2233.57`);
    expect(text).toContain(`退款${' '.repeat(12)}     1     -0.01`);
    expect(decodeEscPos(bytes).drawerKicks).toBe(1);
  });

  it('lays out a mixed-width table so no line exceeds the paper', () => {
    const doc: ReceiptDoc = {
      lines: [
        { kind: 'columns', cells: ['商品名称很长很长的一个商品 Deluxe', 'x2', '¥12.00'] },
        { kind: 'columns', cells: ['Coffee 咖啡', '1', '8.00'] },
        { kind: 'columns', cells: ['一个非常非常非常长的标签需要换行显示', '0.02'] },
        { kind: 'text', text: '双倍大小的中文标题会自动换行到两行', size: 'double' },
      ],
    };
    for (const layout of [LAYOUT_58MM, LAYOUT_80MM]) {
      const bytes = golden(`table-${layout.columns}col`, doc, layout);
      for (const line of decodeEscPos(bytes).lines) {
        const factor = line.size & 0x10 ? 2 : 1;
        expect(printWidth(line.text) * factor).toBeLessThanOrEqual(layout.columns);
      }
    }
  });

  it('never leaves Chinese mode or selects a single-byte code page', () => {
    const bytes = encodeReceipt(
      paymentReceipt({ ...header, outTradeNo: '01000052A1', platform: 'alipay', amountFen: 100, status: 'unknown', lang: 'en' }),
      LAYOUT_58MM,
    ).bytes;
    const d = decodeEscPos(bytes);
    expect(d.leftChineseMode).toBe(false);
    expect(d.commands).not.toContain('ESC t');
    expect(hex(bytes)).not.toMatch(/1c 2e|1b 74/);
  });

  it('prints a CODE128 in code set C for digit runs and falls back to text when too wide', () => {
    const short = encodeReceipt({ lines: [{ kind: 'barcode', data: '01000052123' }] }, LAYOUT_58MM).bytes;
    expect(hex(short)).toContain('1d 6b 49 0a 7b 42 30 7b 43 0a 00 05 15 17'); // {B "0" {C 10 00 05 21 23
    const long = 'sz0100lmnxABCDEFGHIJKLMNOPQRSTUV';
    const d = decodeEscPos(encodeReceipt({ lines: [{ kind: 'barcode', data: long }] }, LAYOUT_58MM).bytes);
    expect(d.barcodes).toEqual([]);
    expect(d.lines.map((l) => l.text)).toEqual([long]);
  });
});
