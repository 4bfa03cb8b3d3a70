import { hashPin, isPinRecord, verifyPin, type PinRecord } from '../../features/refund/refund-pin.js';
import type { PinGate } from '../../features/refund/refund-deps.js';
import type { Db } from './db.js';

/** Settings key of the manager PIN hash (the settings store holds no secrets in clear). */
export const REFUND_PIN_KEY = 'refund-pin';

/**
 * The manager PIN asked before refunds, kept as a PBKDF2 hash in the `settings` store. No PIN
 * stored means refunds need none (the shop configures one in settings).
 */
export class RefundPinRepo implements PinGate {
  constructor(
    private readonly db: Db,
    private readonly iterations?: number,
  ) {}

  private async record(): Promise<PinRecord | undefined> {
    const v = await this.db.get('settings', REFUND_PIN_KEY);
    return isPinRecord(v) ? v : undefined;
  }

  /** True when a PIN is configured. */
  async required(): Promise<boolean> {
    return (await this.record()) !== undefined;
  }

  /** True when `pin` matches the configured PIN (false when none is configured). */
  async verify(pin: string): Promise<boolean> {
    const r = await this.record();
    return r !== undefined && verifyPin(pin, r);
  }

  /** Sets (or with `undefined`, removes) the PIN. Throws RangeError for a PIN of the wrong shape. */
  async set(pin: string | undefined): Promise<void> {
    if (pin === undefined) {
      await this.db.delete('settings', REFUND_PIN_KEY);
      return;
    }
    await this.db.put('settings', await hashPin(pin, this.iterations), REFUND_PIN_KEY);
  }
}
