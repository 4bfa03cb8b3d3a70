import { nextOrderNo } from '../../kernel/order-no.js';
import { StorageError } from '../../kernel/errors.js';
import type { OrderNumberPort } from '../../kernel/flow/ports.js';
import type { Db } from './db.js';

/** Where the number's inputs come from: the binding's device id and the server clock. */
export interface OrderNumberSources {
  deviceKey(): string;
  serverNow(): number;
}

/**
 * OrderNumberPort over the `counters` store (one "last forward value" per prefix). The new
 * forward value is computed by the domain's `nextOrderNo` and committed in the same transaction
 * BEFORE the number is returned, so a crash can skip a number but never hand one out twice.
 */
export class OrderNumberRepo implements OrderNumberPort {
  constructor(
    private readonly db: Db,
    private readonly sources: OrderNumberSources,
  ) {}

  /** The next unused order number for `prefix` (the binding's cloud_cashier_id). */
  async next(prefix: string): Promise<string> {
    const tx = this.db.transaction('counters', 'readwrite');
    const store = tx.objectStore('counters');
    const lastForward = await store.get(prefix);
    const result = nextOrderNo({ prefix, deviceKey: this.sources.deviceKey(), lastForward, nowMs: this.sources.serverNow() });
    if (!result.ok) {
      tx.abort();
      await tx.done.catch(() => undefined); // the abort is ours; its rejection carries no news
      throw new StorageError(
        'storage_failed',
        `No order number for prefix "${prefix}": ${result.error.kind}; check the binding's cloud_cashier_id and the clock.`,
        false,
      );
    }
    await store.put(result.forward, prefix);
    await tx.done;
    return result.orderNo;
  }
}
