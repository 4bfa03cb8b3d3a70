/**
 * Receipts once, in the real app: the fault rig plugs a fake USB printer into the page (the same
 * init script as test/e2e/devices-hardware), keeps the paper of every page (a reload plugs a fresh
 * printer, so the rig saves the paper first), and at the end every paid order must have exactly one
 * payment receipt on the paper, across reloads and cut-off prints (a print resumed after a reload
 * continues the same receipt on the next page's paper); an unpaid order has none.
 */
import { decodeEscPos } from '../../src/platform/devices/printer/decode.js';
import type { TruthOrder } from './truth.js';

/** One receipt as the paper shows it. */
export interface PaperReceipt {
  readonly text: string;
  readonly barcodes: readonly string[];
}

/** Cuts the paper into receipts at each cut command (GS V A/B n); a trailing part without a cut is kept. */
export function splitReceipts(paper: Uint8Array): PaperReceipt[] {
  const out: PaperReceipt[] = [];
  let start = 0;
  const push = (end: number): void => {
    if (end <= start) return;
    const d = decodeEscPos(paper.subarray(start, end));
    out.push({ text: d.lines.map((l) => l.text).join('\n'), barcodes: d.barcodes });
  };
  for (let i = 0; i + 3 < paper.length; i += 1) {
    if (paper[i] === 0x1d && paper[i + 1] === 0x56 && (paper[i + 2] === 0x41 || paper[i + 2] === 0x42)) {
      push(i + 4);
      start = i + 4;
      i += 3;
    }
  }
  push(paper.length);
  return out;
}

/** Payment receipts carry the payment title (a refund receipt names the same order in its barcode). */
const isPayment = (r: PaperReceipt): boolean => r.text.includes('收款凭证') || r.text.includes('PAYMENT RECEIPT');

/** Every paid order has exactly one payment receipt; an unpaid one has none. */
export function receiptViolations(orders: readonly TruthOrder[], receipts: readonly PaperReceipt[]): string[] {
  const v: string[] = [];
  const payments = receipts.filter(isPayment);
  for (const o of orders) {
    if (o.out_freeze_no !== undefined) continue; // a deposit consumption has no payment receipt
    const n = payments.filter((r) => r.barcodes.includes(o.out_trade_no)).length;
    if (o.paid && n !== 1) v.push(`paid order ${o.out_trade_no}: ${n} payment receipts on the paper`);
    if (!o.paid && n > 0) v.push(`unpaid order ${o.out_trade_no}: ${n} payment receipts on the paper`);
  }
  return v;
}
