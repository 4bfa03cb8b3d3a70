/**
 * In-memory LocalRefundBooks for unit tests: the journal and the ledger are Maps, read and written
 * in one synchronous step (atomic, as the IndexedDB transaction of
 * platform/storage/local-refund-books.ts is); `log` sees each write in order.
 */
import type { JournalEntry } from '../kernel/flow/ports.js';
import type { LocalRefundBooks } from '../features/refund/refund-deps.js';
import type { RefundRecord } from '../features/refund/refund.js';

/** Local books over `journal` and `ledger`. */
export function memoryLocalRefundBooks(
  stores: { readonly journal: Map<string, JournalEntry>; readonly ledger: Map<string, RefundRecord> },
  log: (line: string) => void = () => undefined,
): LocalRefundBooks {
  return {
    atomically: (outTradeNo, decide) => {
      const refunds = [...stores.ledger.values()].filter((r) => r.outTradeNo === outTradeNo).sort((a, b) => a.createdAt - b.createdAt);
      const step = decide(stores.journal.get(outTradeNo), refunds);
      if (step.refund) {
        log(`ledger ${step.refund.outRefundNo} ${step.refund.status}`);
        stores.ledger.set(step.refund.outRefundNo, step.refund);
      }
      if (step.sale) {
        log(`journal ${step.sale.outTradeNo} ${step.sale.recordState ?? ''}`);
        stores.journal.set(step.sale.outTradeNo, step.sale);
      }
      return Promise.resolve(step.result);
    },
  };
}
