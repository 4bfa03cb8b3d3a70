/**
 * The terminal's binding as the domain knows it: the non-secret identifiers every feature's requests
 * and the status bar need in clear. Stored by src/platform/storage/binding-repo.ts (the storage
 * depends on this type, never the other way).
 */
export interface BindingRecord {
  readonly sn: string;
  readonly outMchId: string;
  readonly outSubMchId: string;
  readonly cloudCashierId: string;
  readonly authenType: number;
  readonly outShopId: string;
  readonly shopName: string;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly deviceShiftType?: number;
  readonly staffId?: string;
  readonly staffName?: string;
  /** How the binding was made: the mini-program QR flow or the legacy configuration QR. */
  readonly method: 'qr' | 'legacy';
  /** Server time (ms) when the binding was stored. */
  readonly boundAt: number;
}
