/**
 * Vault and repositories against Chromium's real IndexedDB and WebCrypto: the vault key is a
 * non-extractable CryptoKey, secrets are sealed, and a dump after binding has no key in clear.
 */
import { encryptAuthenKey } from '@cpay/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { BindingService } from '../../features/binding/binding-service.js';
import { BindingRepo } from './binding-repo.js';
import { openTerminalDb, type Db } from './db.js';
import { dumpDatabase } from '../../testing/dump.test-helper.js';
import { SecretStore } from './secret-store.js';
import { Vault } from './vault.js';

const INITIAL_KEY = 'K3Q9D2M7X1C8V5B4N6Z0L2P8R4T6Y1W3';
const PAYMENT_KEY = 'Pk4sL0vE9q2Zr7Tb1Xc8Nw5Jm3Hd6Fa0';
const SN = 'CPAYSIM_WEB1_SIM0000001';
const opened: Db[] = [];

async function freshDb(): Promise<Db> {
  const name = `test-${crypto.randomUUID()}`;
  const db = await openTerminalDb(name);
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
});

describe('Vault', () => {
  it('generates a non-extractable AES-GCM key once and reuses it', async () => {
    const db = await freshDb();
    const v1 = await Vault.open(db);
    const key = await db.get('secrets', 'vault-key');
    expect(key).toBeInstanceOf(CryptoKey);
    expect((key as CryptoKey).extractable).toBe(false);
    expect((key as CryptoKey).algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key as CryptoKey)).rejects.toThrow();
    const sealed = await v1.seal('secret');
    const v2 = await Vault.open(db);
    expect(await v2.unseal(sealed)).toBe('secret');
  });

  it('uses a fresh IV per seal and rejects tampered data', async () => {
    const vault = await Vault.open(await freshDb());
    const a = await vault.seal(INITIAL_KEY);
    const b = await vault.seal(INITIAL_KEY);
    expect(Array.from(a.iv)).not.toEqual(Array.from(b.iv));
    const bytes = new Uint8Array(a.data.slice(0));
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expect(vault.unseal({ iv: a.iv, data: bytes.buffer })).rejects.toMatchObject({ code: 'vault_corrupt' });
  });

  it('a vault from another database cannot open the secrets', async () => {
    const sealed = await (await Vault.open(await freshDb())).seal(INITIAL_KEY);
    const other = await Vault.open(await freshDb());
    await expect(other.unseal(sealed)).rejects.toMatchObject({ name: 'StorageError' });
  });
});

describe('binding storage', () => {
  it('stores identity and binding sealed; the dump has no key in clear', async () => {
    const db = await freshDb();
    const vault = await Vault.open(db);
    const repo = new BindingRepo(db, vault);
    const secrets = new SecretStore(db, vault);
    await repo.saveIdentity(SN, INITIAL_KEY);
    const service = new BindingService(repo, secrets, { serverNow: () => 1_700_000_000_000 }, () => 'lower');
    const eAuthenKey = await encryptAuthenKey(PAYMENT_KEY, INITIAL_KEY);
    const record = await service.adopt(SN, {
      outMchId: 'm',
      outSubMchId: 's',
      cloudCashierId: '01000052',
      authenType: 1,
      eAuthenKey,
      outShopId: 'shop',
      shopName: '云支付演示店',
      deviceId: 'dev',
      deviceName: '一号机',
    });
    expect(record).toMatchObject({ sn: SN, shopName: '云支付演示店', method: 'qr', boundAt: 1_700_000_000_000 });
    expect(await service.key('payment')).toBe(PAYMENT_KEY);
    expect(await service.key('initial')).toBe(INITIAL_KEY);
    expect(await new BindingRepo(db, vault).get()).toEqual(record);

    const dump = await dumpDatabase(db);
    expect(dump).toContain('云支付演示店'); // the dump really covers the stores
    for (const secret of [INITIAL_KEY, PAYMENT_KEY, eAuthenKey]) {
      expect(dump).not.toContain(secret);
      expect(dump.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(localStorage.length).toBe(0);
  });

  it('keeps the payment key in memory for the session; adopt, unbind and forget drop it', async () => {
    const db = await freshDb();
    const vault = await Vault.open(db);
    const repo = new BindingRepo(db, vault);
    const secrets = new SecretStore(db, vault);
    await repo.saveIdentity(SN, INITIAL_KEY);
    let reads = 0;
    const counting = {
      get: (name: 'initial-key' | 'payment-key') => {
        if (name === 'payment-key') reads += 1;
        return secrets.get(name);
      },
    } as unknown as SecretStore;
    const service = new BindingService(repo, counting, { serverNow: () => 0 }, () => 'lower');
    const info = { outMchId: 'm', outSubMchId: 's', cloudCashierId: '1', authenType: 1, outShopId: 'o', shopName: 'x', deviceId: 'd', deviceName: 'n' };
    await service.adopt(SN, { ...info, authenKey: PAYMENT_KEY }, 'legacy');
    expect(await service.key('payment')).toBe(PAYMENT_KEY);
    expect(await service.key('payment')).toBe(PAYMENT_KEY);
    expect(reads).toBe(1);
    await service.adopt(SN, { ...info, authenKey: 'another-payment-key-0000000000000' }, 'legacy');
    expect(await service.key('payment')).toBe('another-payment-key-0000000000000');
    expect(reads).toBe(2);
    await repo.clearBinding();
    service.forget();
    await expect(service.key('payment')).rejects.toMatchObject({ name: 'StorageError' });
    await expect(service.key('payment')).rejects.toMatchObject({ name: 'StorageError' });
    expect(reads).toBe(4); // a missing key is not cached
  });

  it('unbind wipes the payment key and binding but keeps the identity; erase wipes all', async () => {
    const db = await freshDb();
    const vault = await Vault.open(db);
    const repo = new BindingRepo(db, vault);
    await repo.saveIdentity(SN, INITIAL_KEY);
    await repo.save(
      {
        sn: SN,
        outMchId: 'm',
        outSubMchId: 's',
        cloudCashierId: '1',
        authenType: 1,
        outShopId: 'o',
        shopName: 'x',
        deviceId: 'd',
        deviceName: 'n',
        method: 'qr',
        boundAt: 0,
      },
      PAYMENT_KEY,
    );
    await repo.clearBinding();
    expect(await repo.get()).toBeUndefined();
    expect(await db.get('secrets', 'payment-key')).toBeUndefined();
    expect(await repo.getSn()).toBe(SN);
    expect(await new SecretStore(db, vault).get('initial-key')).toBe(INITIAL_KEY);
    await repo.clearAll();
    expect(await repo.getSn()).toBeUndefined();
    expect(await db.get('secrets', 'initial-key')).toBeUndefined();
    expect(await db.get('secrets', 'vault-key')).toBeInstanceOf(CryptoKey);
  });
});
