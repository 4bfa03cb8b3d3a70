import type { Db } from './db.js';
import type { SecretName } from './schema.js';
import { isSealed, type Vault } from './vault.js';

/**
 * Named secrets (initial key, payment key) sealed by the {@link Vault}. The only module that
 * hands out clear keys; callers are the cpay client's key provider and the binding service.
 */
export class SecretStore {
  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
  ) {}

  /** Seals and stores `value` under `name`, replacing any previous value. */
  async put(name: SecretName, value: string): Promise<void> {
    await this.db.put('secrets', await this.vault.seal(value), name);
  }

  /** The clear secret, or undefined when none is stored. */
  async get(name: SecretName): Promise<string | undefined> {
    const sealed = await this.db.get('secrets', name);
    return isSealed(sealed) ? this.vault.unseal(sealed) : undefined;
  }

  /** Removes the secret. */
  async delete(name: SecretName): Promise<void> {
    await this.db.delete('secrets', name);
  }
}
