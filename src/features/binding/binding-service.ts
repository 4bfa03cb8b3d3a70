/**
 * Holds the keys on behalf of the flows: signs the QR, adopts a binding (decrypts e_authen_key
 * with the initial key and stores the payment key sealed), proves the payment key for the
 * binding check, and unbinds. Also the cpay client's key source.
 */
import { buildBindQrUrl, decryptAuthenKey, hmacSha256Hex, type BindInfo } from '@cpay/protocol';
import { BehaviorSubject, combineLatest, firstValueFrom, map, type Observable } from 'rxjs';
import { StorageError } from '../../kernel/errors.js';
import type { KeySource } from '../../platform/net/cpay-client.js';
import type { CpayPort } from '../../platform/net/ports.js';
import type { Clock } from '../../kernel/flow/ports.js';
import type { BindingRecord } from '../../kernel/binding.js';

/** Where the binding is kept (the composition root hands platform/storage/binding-repo.ts). The payment key is sealed by the store. */
export interface BindingStore {
  get(): Promise<BindingRecord | undefined>;
  save(record: BindingRecord, paymentKey: string): Promise<void>;
  clearBinding(): Promise<void>;
}

/** The sealed keys (the composition root hands platform/storage/secret-store.ts); values come back unsealed. */
export interface KeyStore {
  get(name: 'initial-key' | 'payment-key'): Promise<string | undefined>;
}

/** Outcome of an unbind: local wipe always happens; `remote` says what cpay answered, if asked. */
export interface UnbindResult {
  readonly remote: 'not_applicable' | 'confirmed' | 'failed';
  readonly detail?: string;
}

/** A binding as the flows see it: the signed-in staff member in place of the binding's staff fields. */
function withOperator(b: BindingRecord | undefined, op: { readonly staffId: string; readonly staffName: string } | undefined): BindingRecord | undefined {
  return b && op ? { ...b, staffId: op.staffId, staffName: op.staffName } : b;
}

/** The binding service. */
export class BindingService implements KeySource {
  private readonly current = new BehaviorSubject<BindingRecord | undefined>(undefined);
  /** The signed-in staff member (src/features/staff): overrides the binding's staff fields on reads. */
  private readonly operator = new BehaviorSubject<{ readonly staffId: string; readonly staffName: string } | undefined>(undefined);
  /**
   * The unsealed payment key for this session (memory only, never written in clear): reading and
   * unsealing it from IndexedDB on every call sat in front of each brief_micro_pay. Dropped on
   * adopt, unbind and forget, and whenever the stored binding changes.
   */
  private paymentKey: Promise<string> | undefined;
  /**
   * The current binding, with the signed-in staff member as its staffId/staffName (so orders,
   * refunds, deposits, receipts and device reports carry who is on shift).
   */
  readonly binding$: Observable<BindingRecord | undefined> = combineLatest([this.current, this.operator]).pipe(map(([b, op]) => withOperator(b, op)));

  constructor(
    private readonly repo: BindingStore,
    private readonly secrets: KeyStore,
    private readonly clock: Clock,
    private readonly qrKeyCase: () => 'lower' | 'as-stored',
  ) {}

  /** Loads the stored binding. */
  async load(): Promise<BindingRecord | undefined> {
    this.invalidateKey();
    const b = await this.repo.get();
    this.current.next(b);
    return b;
  }

  /** The current binding (with the signed-in staff member), synchronously. */
  get value(): BindingRecord | undefined {
    return withOperator(this.current.value, this.operator.value);
  }

  /** Who is on shift from now on (undefined: nobody signed in; the binding's own staff fields then apply). */
  setOperator(op: { readonly staffId: string; readonly staffName: string } | undefined): void {
    const cur = this.operator.value;
    if (cur?.staffId === op?.staffId && cur?.staffName === op?.staffName) return;
    this.operator.next(op === undefined ? undefined : { staffId: op.staffId, staffName: op.staffName });
  }

  /** KeySource: the initial or payment key; rejects when absent. */
  async key(kind: 'initial' | 'payment'): Promise<string> {
    if (kind === 'payment') {
      const cached = this.paymentKey ?? (this.paymentKey = this.readKey('payment'));
      // A failed read (no key, vault locked) is not kept: the next call reads again.
      return cached.catch((err: unknown) => {
        if (this.paymentKey === cached) this.paymentKey = undefined;
        throw err;
      });
    }
    return this.readKey(kind);
  }

  /** Drops the cached payment key (the key changed or is gone). */
  invalidateKey(): void {
    this.paymentKey = undefined;
  }

  private async readKey(kind: 'initial' | 'payment'): Promise<string> {
    const key = await this.secrets.get(kind === 'initial' ? 'initial-key' : 'payment-key');
    if (key === undefined)
      throw new StorageError(
        'vault_locked',
        kind === 'initial' ? 'No initial key is stored: provision the terminal first.' : 'No payment key is stored: bind the terminal first.',
        false,
      );
    return key;
  }

  /** The binding QR URL (spec §5.3), signed with the initial key. */
  async buildQrUrl(sn: string, p: { activator: string; nonce: string; miniProgramUrl: string }): Promise<string> {
    return buildBindQrUrl({ ...p, sn, initialKey: await this.key('initial'), keyCase: this.qrKeyCase() });
  }

  /** HMAC(payment key, nonce): check_bill_device_bind_info's hash_content. */
  async proveKey(nonce: string): Promise<string> {
    return hmacSha256Hex(await this.key('payment'), nonce);
  }

  /** Stores a binding from get_bill_device_bind_info (or the legacy reply, whose key is clear). */
  async adopt(sn: string, info: BindInfo, method: BindingRecord['method'] = 'qr'): Promise<BindingRecord> {
    const paymentKey = info.eAuthenKey !== undefined ? await decryptAuthenKey(info.eAuthenKey, await this.key('initial')) : info.authenKey;
    if (paymentKey === undefined)
      throw new StorageError(
        'vault_corrupt',
        'The binding reply carried no payment key (neither e_authen_key nor authen_key); generate a new QR and bind again.',
        false,
      );
    const record: BindingRecord = {
      sn,
      method,
      boundAt: this.clock.serverNow(),
      outMchId: info.outMchId,
      outSubMchId: info.outSubMchId,
      cloudCashierId: info.cloudCashierId,
      authenType: info.authenType,
      outShopId: info.outShopId,
      shopName: info.shopName,
      deviceId: info.deviceId,
      deviceName: info.deviceName,
      ...(info.deviceShiftType === undefined ? {} : { deviceShiftType: info.deviceShiftType }),
      ...(info.staffId === undefined ? {} : { staffId: info.staffId }),
      ...(info.staffName === undefined ? {} : { staffName: info.staffName }),
    };
    this.invalidateKey();
    await this.repo.save(record, paymentKey);
    this.invalidateKey();
    this.current.next(record);
    return record;
  }

  /**
   * Unbinds: for a legacy binding first asks cpay (unbind_device_sn_code, spec §6.12; the new flow
   * has no unbind API), then always wipes the binding and payment key locally.
   */
  async unbind(cpay: CpayPort): Promise<UnbindResult> {
    const b = this.current.value;
    let result: UnbindResult = { remote: 'not_applicable' };
    if (b?.method === 'legacy') {
      const outcome = await firstValueFrom(
        cpay.call('unbind_device_sn_code', { outSubMchId: b.outSubMchId, outShopId: b.outShopId, deviceId: b.deviceId, snCode: b.sn }),
      );
      const ok = outcome.kind === 'reply' && (outcome.reply.status === 0 || outcome.reply.internalStatus === 3215);
      result = ok ? { remote: 'confirmed' } : { remote: 'failed', detail: outcome.kind === 'reply' ? outcome.reply.description : outcome.detail };
    }
    this.invalidateKey();
    await this.repo.clearBinding();
    this.invalidateKey();
    this.current.next(undefined);
    return result;
  }

  /** Forgets the in-memory binding after an identity erase. */
  forget(): void {
    this.invalidateKey();
    this.current.next(undefined);
  }
}
