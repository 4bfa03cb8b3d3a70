/**
 * A kept shift as the handover receipt's data (src/kernel/receipt-handover.ts). Pure.
 */
import type { HandoverReceipt } from '../../kernel/receipt-handover.js';
import type { ReceiptLang } from '../../kernel/receipt-labels.js';
import { DENOMINATIONS, type ShiftClose, type ShiftRecord } from './shift.js';

/** Where and when it is printed. */
export interface HandoverHeader {
  readonly shopName: string;
  readonly deviceName: string;
  readonly at: number;
  readonly lang?: ReceiptLang;
  readonly reprint?: boolean;
}

/** The receipt of a closed shift. */
export function handoverOf(s: ShiftRecord & { readonly close: ShiftClose }, h: HandoverHeader): HandoverReceipt {
  const c = s.close;
  const cash = c.lines.find((l) => l.method === 'cash');
  return {
    ...h,
    cashiers: s.cashiers.map((x) => x.staffName),
    from: c.fromMs,
    to: c.toMs,
    rows: c.lines.flatMap((l) =>
      l.method === 'total' ? [] : [{ method: l.method, count: l.count, amountFen: l.amount, refundCount: l.refundCount, refundFen: l.refundAmount }],
    ),
    ...(c.feesFen !== undefined ? { feesFen: c.feesFen } : {}),
    ...(c.creditedFen !== undefined ? { creditedFen: c.creditedFen } : {}),
    ...(c.cpayError !== undefined ? { cpayError: c.cpayError } : {}),
    ...(c.deposits
      ? {
          deposits: {
            count: c.deposits.count,
            frozenFen: c.deposits.frozen,
            consumedFen: c.deposits.consumed,
            releasedFen: c.deposits.released,
            heldFen: c.deposits.held,
          },
        }
      : {}),
    ...(c.drawerOpens !== undefined ? { drawerOpens: c.drawerOpens } : {}),
    floatFen: c.floatFen,
    cashSalesFen: cash?.amount ?? 0,
    cashRefundsFen: cash?.refundAmount ?? 0,
    expectedFen: c.expectedCashFen,
    counts: DENOMINATIONS.flatMap((d) => {
      const pieces = c.counts[d] ?? 0;
      return pieces > 0 ? [{ denominationFen: d, pieces }] : [];
    }),
    countedFen: c.countedFen,
    differenceFen: c.differenceFen,
  };
}
