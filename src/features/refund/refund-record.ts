/**
 * One refund's private bookkeeping and its ledger writes: the first write (status `created`)
 * must succeed before anything is sent; later writes failing must not stop a refund that may
 * already be moving money, so they are reported through `warn` and the refund goes on.
 */
import { catchError, defer, from, map, of, type Observable } from 'rxjs';
import { PayPlatform, type Fen, type PayPlatformName, type RefundRequest } from '@cpay/protocol';
import type { RefundOrderView, RefundResult } from './refund-events.js';
import type { RefundRecord, RefundStatus } from './refund.js';
import type { RefundDeps, RefundTerminal } from './refund-deps.js';

/** Mutable bookkeeping of one refund, private to its run. */
export interface RefundRun {
  readonly view: RefundOrderView;
  readonly amount: Fen;
  /** Built once: resends send it identically (same out_refund_no, so cpay cannot apply it twice). */
  readonly request: RefundRequest;
  record: RefundRecord;
  accepted: boolean;
  resends: { not_sent: number; retry_later: number; unknown: number };
  result: RefundResult | undefined;
}

/** Writes a ledger transition; a failed write is reported and the refund goes on. */
export function recordRefund(run: RefundRun, deps: RefundDeps, status: RefundStatus, description?: string): Observable<RefundRecord> {
  return defer(() => {
    run.record = { ...run.record, status, updatedAt: deps.clock.serverNow(), ...(description === undefined ? {} : { description }) };
    const written = run.record;
    return from(deps.ledger.put(written)).pipe(
      map(() => written),
      catchError((err: unknown) => {
        deps.warn(`refund ledger write failed for ${written.outRefundNo} (${status}); the refund goes on`, err);
        return of(written);
      }),
    );
  });
}

/** Seed cap of authorization_name (003 L3973: String(32)). */
const AUTHORIZATION_NAME_MAX = 32;

/**
 * The refund's permission fields (003 L3946-3981): without any staff the operator is the merchant
 * admin; otherwise authorization_staff_id and authorization_name are the authorising manager's when
 * one authorised, else the signed-in staff member's own (a name only with its id).
 */
function permissionFields(t: RefundTerminal): { isSubMchAdmin: boolean; authorizationStaffId?: string; authorizationName?: string } {
  const id = t.authorizationStaffId ?? t.staffId;
  if (id === undefined) return { isSubMchAdmin: true };
  const name = (t.authorizationStaffId !== undefined ? t.authorizationName : t.staffName)?.trim();
  return {
    isSubMchAdmin: false,
    authorizationStaffId: id,
    ...(name ? { authorizationName: [...name].slice(0, AUTHORIZATION_NAME_MAX).join('') } : {}),
  };
}

/**
 * pay_mch_key and order_client as a terminal fills them for refund and query_refund_order
 * (spec §7.6, §10.4 step 6): the binding's merchant and shop, the order's platform, the device.
 * Without a configured staff id the operator counts as the merchant admin (api_version 1 does
 * not check it anyway).
 */
export function envelopeParts(t: RefundTerminal, platform: PayPlatformName): Pick<RefundRequest, 'mchKey' | 'client'> {
  return {
    mchKey: {
      payPlatform: PayPlatform[platform],
      outMchId: t.outMchId,
      outSubMchId: t.outSubMchId,
      outShopId: t.outShopId,
      ...permissionFields(t),
    },
    client: {
      deviceId: t.deviceId,
      terminalType: t.terminalType,
      sdkVersion: t.sdkVersion,
      spbillCreateIp: t.spbillCreateIp,
      snCode: t.snCode,
      ...(t.staffId === undefined ? {} : { staffId: t.staffId }),
      ...(t.subTerminalType === undefined ? {} : { subTerminalType: t.subTerminalType }),
    },
  };
}
