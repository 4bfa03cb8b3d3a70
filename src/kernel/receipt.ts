/**
 * Receipt models: a payment, a refund and a shift summary, as `ReceiptDoc`s the encoder prints
 * and the preview renders. Amounts arrive as integer fen and leave as yuan strings.
 */
import { formatCst } from './china-time.js';
import { formatSignedFen } from './money.js';
import type { ReceiptDoc, ReceiptLine } from './receipt-doc.js';
import { PLATFORM_LABELS, RECEIPT_LABELS, STATUS_LABELS, type ReceiptLang, type ReceiptPlatform, type ReceiptStatus } from './receipt-labels.js';

/** Who and where: printed at the top of every receipt. */
export interface ReceiptHeader {
  readonly shopName: string;
  readonly deviceName: string;
  readonly cashier?: string;
  /** Server time in epoch ms. */
  readonly at: number;
  readonly lang?: ReceiptLang;
  /** Printed on an explicit reprint, so a second copy is never mistaken for a second payment. */
  readonly reprint?: boolean;
}

/** A payment receipt's data. */
export interface PaymentReceipt extends ReceiptHeader {
  readonly outTradeNo: string;
  readonly platform: ReceiptPlatform;
  readonly amountFen: number;
  /** The order's real state: a reprint of a refunded or failed order must say so, never "paid". */
  readonly status: PaymentReceiptStatus;
  /** Cash sales: what the customer handed over and the change given back (fen). */
  readonly tenderedFen?: number;
  readonly changeFen?: number;
}

/** What a payment receipt can state. */
export type PaymentReceiptStatus = Extract<ReceiptStatus, 'success' | 'refunded' | 'unknown' | 'failed'>;

/** How a refund ended, as a refund receipt states it (the refund flow's outcomes). */
export type RefundReceiptOutcome = 'accepted' | 'refunded' | 'failed';

/** The printed status of each refund outcome: data, not branches. */
const REFUND_STATUS: { readonly [O in RefundReceiptOutcome]: ReceiptStatus } = {
  accepted: 'refund_accepted',
  refunded: 'refund_success',
  failed: 'refund_failed',
};

/** A refund receipt's data. */
export interface RefundReceipt extends ReceiptHeader {
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly platform: ReceiptPlatform;
  readonly refundFen: number;
  /**
   * How the refund ended: `refunded` (the money went back), `accepted` (cpay took it, still
   * processing) or `failed`. Absent means `accepted`, the only claim true of every refund cpay took.
   */
  readonly outcome?: RefundReceiptOutcome;
}

/** A shift summary's data: one row per platform. */
export interface ShiftReceipt extends ReceiptHeader {
  readonly from: number;
  readonly to: number;
  readonly rows: readonly { readonly platform: ReceiptPlatform; readonly count: number; readonly amountFen: number }[];
  readonly refunds: { readonly count: number; readonly amountFen: number };
  /** cpay's fees (pdg, may be negative) and the amount credited (ia) over the window, as the on-screen summary shows them. */
  readonly fees?: { readonly feesFen: number; readonly creditedFen: number };
}

function header(h: ReceiptHeader, title: string): ReceiptLine[] {
  const l = RECEIPT_LABELS[h.lang ?? 'zh-CN'];
  const lines: ReceiptLine[] = [
    { kind: 'text', text: h.shopName, align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: title + (h.reprint ? l.reprint : ''), align: 'center' },
    { kind: 'separator' },
    { kind: 'columns', cells: [l.device, h.deviceName] },
  ];
  if (h.cashier) lines.push({ kind: 'columns', cells: [l.cashier, h.cashier] });
  lines.push({ kind: 'columns', cells: [l.time, formatCst(h.at)] });
  return lines;
}

/**
 * The shop's own lines (fleet defaults `receiptHeader` / `receiptFooter`, one text line per `\n`)
 * added to any receipt: the header under the shop name, the footer at the end. Empty text adds nothing.
 */
export function withShopLines(doc: ReceiptDoc, header: string, footer: string): ReceiptDoc {
  const lines = (text: string): ReceiptLine[] =>
    text.trim() === '' ? [] : text.split('\n').map((t): ReceiptLine => ({ kind: 'text', text: t, align: 'center' }));
  const top = lines(header);
  const bottom = lines(footer);
  if (top.length === 0 && bottom.length === 0) return doc;
  return { ...doc, lines: [...doc.lines.slice(0, 1), ...top, ...doc.lines.slice(1), ...bottom] };
}

/** A payment receipt: amount in double size, order number as CODE128 and QR (refunds scan it). */
export function paymentReceipt(p: PaymentReceipt): ReceiptDoc {
  const lang = p.lang ?? 'zh-CN';
  const l = RECEIPT_LABELS[lang];
  return {
    lines: [
      ...header(p, l.payment),
      { kind: 'columns', cells: [l.orderNo, p.outTradeNo] },
      { kind: 'columns', cells: [l.platform, PLATFORM_LABELS[lang][p.platform]] },
      { kind: 'columns', cells: [l.status, STATUS_LABELS[lang][p.status]] },
      { kind: 'separator' },
      { kind: 'text', text: `${l.amount} ${formatSignedFen(p.amountFen)} ${l.yuan}`, align: 'center', bold: true, size: 'double' },
      ...(p.tenderedFen === undefined
        ? []
        : [
            { kind: 'columns', cells: [l.tendered, formatSignedFen(p.tenderedFen)] } as const,
            { kind: 'columns', cells: [l.change, formatSignedFen(p.changeFen ?? 0)] } as const,
          ]),
      { kind: 'separator' },
      { kind: 'barcode', data: p.outTradeNo },
      { kind: 'qr', data: p.outTradeNo },
      { kind: 'text', text: l.footer, align: 'center' },
    ],
    cut: true,
  };
}

/** A refund receipt: both numbers, the refunded amount, and the original order's barcode. */
export function refundReceipt(r: RefundReceipt): ReceiptDoc {
  const lang = r.lang ?? 'zh-CN';
  const l = RECEIPT_LABELS[lang];
  return {
    lines: [
      ...header(r, l.refund),
      { kind: 'columns', cells: [l.orderNo, r.outTradeNo] },
      { kind: 'columns', cells: [l.refundNo, r.outRefundNo] },
      { kind: 'columns', cells: [l.platform, PLATFORM_LABELS[lang][r.platform]] },
      { kind: 'columns', cells: [l.status, STATUS_LABELS[lang][REFUND_STATUS[r.outcome ?? 'accepted']]] },
      { kind: 'separator' },
      { kind: 'text', text: `${l.refundAmount} ${formatSignedFen(r.refundFen)} ${l.yuan}`, align: 'center', bold: true, size: 'double' },
      { kind: 'separator' },
      { kind: 'barcode', data: r.outTradeNo },
    ],
    cut: true,
  };
}

/** The shift summary: a platform / count / amount table, refunds and the net total. */
export function shiftReceipt(s: ShiftReceipt): ReceiptDoc {
  const lang = s.lang ?? 'zh-CN';
  const l = RECEIPT_LABELS[lang];
  const gross = s.rows.reduce((sum, r) => sum + r.amountFen, 0);
  const count = s.rows.reduce((sum, r) => sum + r.count, 0);
  return {
    lines: [
      ...header(s, l.shift),
      { kind: 'columns', cells: [l.from, formatCst(s.from)] },
      { kind: 'columns', cells: [l.to, formatCst(s.to)] },
      { kind: 'separator' },
      { kind: 'columns', cells: [l.platform, l.count, l.amount], bold: true },
      ...s.rows.map((r): ReceiptLine => ({ kind: 'columns', cells: [PLATFORM_LABELS[lang][r.platform], String(r.count), formatSignedFen(r.amountFen)] })),
      { kind: 'separator' },
      { kind: 'columns', cells: [l.total, String(count), formatSignedFen(gross)] },
      { kind: 'columns', cells: [l.refunds, String(s.refunds.count), formatSignedFen(-s.refunds.amountFen)] },
      { kind: 'columns', cells: [l.net, '', formatSignedFen(gross - s.refunds.amountFen)], bold: true },
      ...(s.fees
        ? ([
            { kind: 'columns', cells: [l.fees, '', formatSignedFen(s.fees.feesFen)] },
            { kind: 'columns', cells: [l.credited, '', formatSignedFen(s.fees.creditedFen)], bold: true },
          ] satisfies ReceiptLine[])
        : []),
    ],
    cut: true,
    openDrawer: true,
  };
}
