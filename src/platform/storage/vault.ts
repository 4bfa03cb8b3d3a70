import { StorageError } from '../../kernel/errors.js';
import type { Db } from './db.js';
import type { Sealed } from './schema.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Encrypts secrets at rest with an AES-GCM-256 key that WebCrypto generated as NON-extractable
 * and that lives only in IndexedDB (structured-cloned CryptoKey): script can use it but never read
 * its bytes, so a dump of the database or of localStorage reveals no key material.
 */
export class Vault {
  private constructor(private readonly key: CryptoKey) {}

  /** Loads the vault key from `db`, generating and storing it on first use. */
  static async open(db: Db, subtle: SubtleCrypto = crypto.subtle): Promise<Vault> {
    const stored = await db.get('secrets', 'vault-key');
    if (stored instanceof CryptoKey) return new Vault(stored);
    if (stored !== undefined)
      throw new StorageError('vault_corrupt', 'The vault key entry is not a CryptoKey; erase the terminal identity in settings and provision again.', false);
    const key = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await db.put('secrets', key, 'vault-key');
    return new Vault(key);
  }

  /** Encrypts `plain` with a fresh random IV. */
  async seal(plain: string): Promise<Sealed> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, this.key, encoder.encode(plain));
    return { iv, data };
  }

  /** Decrypts what {@link seal} produced; a tampered or foreign blob is a StorageError. */
  async unseal(sealed: Sealed): Promise<string> {
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, this.key, sealed.data);
      return decoder.decode(plain);
    } catch (cause) {
      throw new StorageError(
        'vault_corrupt',
        'A stored secret could not be decrypted (the vault key changed or the data is damaged); provision or bind again.',
        false,
        { cause },
      );
    }
  }
}

/** True when `value` has the shape of a {@link Sealed} record. */
export function isSealed(value: unknown): value is Sealed {
  return typeof value === 'object' && value !== null && 'iv' in value && 'data' in value && value.data instanceof ArrayBuffer;
}
