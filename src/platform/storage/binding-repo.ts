import type { Db } from './db.js';
import type { BindingRecord } from '../../kernel/binding.js';
import type { Vault } from './vault.js';

/**
 * The terminal's identity and binding: the provisioned sn (clear; it is printed on the casing),
 * the binding identifiers (clear; no secret), and the payment key (sealed, in `secrets`).
 * The payment key and the record are written in one transaction so a crash never leaves one
 * without the other.
 */
export class BindingRepo {
  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
  ) {}

  /** The provisioned full sn, if any. */
  async getSn(): Promise<string | undefined> {
    const sn = await this.db.get('binding', 'sn');
    return typeof sn === 'string' ? sn : undefined;
  }

  /** Stores the provisioned full sn together with the sealed initial key. */
  async saveIdentity(sn: string, initialKey: string): Promise<void> {
    const sealed = await this.vault.seal(initialKey);
    const tx = this.db.transaction(['binding', 'secrets'], 'readwrite');
    await Promise.all([tx.objectStore('binding').put(sn, 'sn'), tx.objectStore('secrets').put(sealed, 'initial-key'), tx.done]);
  }

  /** The current binding, if the terminal is bound. */
  async get(): Promise<BindingRecord | undefined> {
    const rec = await this.db.get('binding', 'current');
    return typeof rec === 'object' ? rec : undefined;
  }

  /** Stores a new binding and its payment key (sealed), replacing the previous one. */
  async save(record: BindingRecord, paymentKey: string): Promise<void> {
    const sealed = await this.vault.seal(paymentKey);
    const tx = this.db.transaction(['binding', 'secrets'], 'readwrite');
    await Promise.all([tx.objectStore('binding').put(record, 'current'), tx.objectStore('secrets').put(sealed, 'payment-key'), tx.done]);
  }

  /** Forgets the binding and the payment key (local unbind); the identity stays. */
  async clearBinding(): Promise<void> {
    const tx = this.db.transaction(['binding', 'secrets'], 'readwrite');
    await Promise.all([tx.objectStore('binding').delete('current'), tx.objectStore('secrets').delete('payment-key'), tx.done]);
  }

  /** Forgets everything that identifies the terminal (factory reset of identity and binding). */
  async clearAll(): Promise<void> {
    const tx = this.db.transaction(['binding', 'secrets'], 'readwrite');
    const secrets = tx.objectStore('secrets');
    await Promise.all([tx.objectStore('binding').clear(), secrets.delete('payment-key'), secrets.delete('initial-key'), tx.done]);
  }
}
