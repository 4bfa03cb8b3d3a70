/**
 * Ending a scan-code order that has no final state yet (cashier cancel, or the 2-minute
 * give-up): query first, because the customer may have paid a moment ago; close_order only an
 * order that is still open; if the close is refused or unanswered, query once more. An order
 * whose truth cannot be learnt stays unknown for background reconciliation, never failed.
 */
import { concatMap, map, of, type Observable } from 'rxjs';
import { classifyStatus, TradeType, type OrderClient, type PayPlatformName } from '@cpay/protocol';
import type { PayDeps, PayTerminal } from '../pay/pay-deps.js';
import { fullProbe, guardedCall } from '../../kernel/flow/poll-order.js';
import type { Probe } from '../../kernel/flow/poll-order.js';

/** The general-API identity a scan-code order needs on top of the brief one. */
export interface ScanPayTerminal extends PayTerminal {
  readonly outMchId: string;
  readonly outSubMchId: string;
  readonly client: OrderClient;
}

/** How the order ended: paid or declined by the server, closed by us, or still unknown. */
export type CloseVerdict = { readonly kind: 'final'; readonly probe: Probe } | { readonly kind: 'closed' } | { readonly kind: 'unknown' };

/** The general-API query for an order (fresh nonce each time). */
export function scanProbe(deps: PayDeps, t: ScanPayTerminal, outTradeNo: string, platform: PayPlatformName): () => Observable<Probe> {
  return fullProbe(deps.cpay, () => ({
    mchKey: mchKeyOf(t, platform),
    client: t.client,
    outTradeNo,
    tradeType: TradeType.scanCode,
    nonce: deps.nonce(),
  }));
}

/** pay_mch_key for a platform (scan-code pay is WeChat or Alipay only). */
export function mchKeyOf(t: ScanPayTerminal, platform: PayPlatformName) {
  const payPlatform = platform === 'alipay' ? 2 : 1;
  return { payPlatform, outMchId: t.outMchId, outSubMchId: t.outSubMchId, outShopId: t.outShopId } as const;
}

/** Query → close if still open → query again if the close did not go through. */
export function closeUnlessPaid(deps: PayDeps, t: ScanPayTerminal, outTradeNo: string, platform: PayPlatformName): Observable<CloseVerdict> {
  const probe = scanProbe(deps, t, outTradeNo, platform);
  const close$ = guardedCall(() =>
    deps.cpay.call('close_order', {
      mchKey: mchKeyOf(t, platform),
      client: t.client,
      outTradeNo,
      tradeType: TradeType.scanCode,
      nonce: deps.nonce(),
    }),
  );
  return probe().pipe(
    concatMap((before): Observable<CloseVerdict> => {
      if (before.decision.kind === 'final') return of({ kind: 'final', probe: before });
      return close$.pipe(
        concatMap((closed): Observable<CloseVerdict> => {
          const ok = closed.kind === 'reply' && classifyStatus(closed.reply.status, closed.reply.internalStatus) === 'success';
          if (ok) return of({ kind: 'closed' });
          return probe().pipe(map((after): CloseVerdict => (after.decision.kind === 'final' ? { kind: 'final', probe: after } : { kind: 'unknown' })));
        }),
      );
    }),
  );
}
