/**
 * The deposit receipt (spec §12 style): shop, time, the deposit number as CODE128 (and QR) so
 * "Settle deposit" can scan it, the frozen amount in double size. Labels come in from the
 * caller (i18n), so this stays a pure model the printer encodes and a preview renders.
 */
import { formatCst } from '../../kernel/china-time.js';
import { formatSignedFen } from '../../kernel/money.js';
import type { ReceiptDoc } from '../../kernel/receipt-doc.js';

/** What a deposit receipt shows. */
export interface DepositReceipt {
  readonly shopName: string;
  readonly deviceName: string;
  /** Server time in epoch ms. */
  readonly at: number;
  readonly outFreezeNo: string;
  readonly amountFen: number;
  readonly platformLabel: string;
  readonly statusLabel: string;
  readonly labels: {
    readonly title: string;
    readonly no: string;
    readonly amount: string;
    readonly state: string;
    readonly keep: string;
    readonly device: string;
    readonly time: string;
    readonly yuan: string;
  };
}

/** The receipt document: the deposit number is printed as a barcode and a QR. */
export function depositReceipt(r: DepositReceipt): ReceiptDoc {
  const l = r.labels;
  return {
    lines: [
      { kind: 'text', text: r.shopName, align: 'center', bold: true, size: 'double' },
      { kind: 'text', text: l.title, align: 'center' },
      { kind: 'separator' },
      { kind: 'columns', cells: [l.device, r.deviceName] },
      { kind: 'columns', cells: [l.time, formatCst(r.at)] },
      { kind: 'columns', cells: [l.no, r.outFreezeNo] },
      { kind: 'columns', cells: [l.state, `${r.platformLabel} ${r.statusLabel}`.trim()] },
      { kind: 'separator' },
      { kind: 'text', text: `${l.amount} ${formatSignedFen(r.amountFen)} ${l.yuan}`, align: 'center', bold: true, size: 'double' },
      { kind: 'separator' },
      { kind: 'barcode', data: r.outFreezeNo },
      { kind: 'qr', data: r.outFreezeNo },
      { kind: 'text', text: l.keep, align: 'center' },
    ],
    cut: true,
  };
}
