/**
 * scan_code_pay with the spec §9 status rules: the identical request again after 3 / unknown
 * (bounded) and after 103 (3 s); 101/102/104 fail unless an earlier send may have created the
 * order, in which case the order is treated as unknown (and closed unless paid by the caller).
 */
import { of, switchMap, timer, type Observable } from 'rxjs';
import { classifyStatus, type Fen, type PayPlatformName, type ScanCodePayRequest } from '@cpay/protocol';
import type { FailReason } from '../domain/payment.js';
import type { PayDeps } from './pay-deps.js';
import type { OrderRecorder } from './pay-journal.js';
import { guardedCall } from './poll-order.js';
import { mayResend, resendDelay, type ResendReason } from './policy.js';
import { mchKeyOf, type ScanPayTerminal } from './scan-pay-close.js';

/** Bookkeeping of one scan-code order, private to its run. */
export interface ScanRun {
  readonly outTradeNo: string;
  readonly amount: Fen;
  readonly platform: PayPlatformName;
  readonly recorder: OrderRecorder;
  readonly terminal: ScanPayTerminal;
  mayHaveReached: boolean;
}

/** What creating the order gave: the QR content, a failure, or no knowing. */
export type Created =
  | { readonly kind: 'qr'; readonly codeUrl: string }
  | { readonly kind: 'fail'; readonly reason: FailReason; readonly description: string }
  | { readonly kind: 'unknown' };

/** Status outcome → what to do, for a scan_code_pay reply that is not a plain success. */
const ON_STATUS: Readonly<Record<string, ResendReason | FailReason>> = {
  unknown: 'unknown', retry_later: 'retry_later', new_number: 'new_number', final: 'refused', caller_error: 'caller_error', never_cancel: 'unknown',
};
const RESEND: ReadonlySet<string> = new Set<ResendReason>(['unknown', 'retry_later', 'not_sent']);

/** Creates the order; resends are identical (same nonce), as §9.1 requires. */
export function createScanOrder(run: ScanRun, deps: PayDeps): Observable<Created> {
  const t = run.terminal;
  const request: ScanCodePayRequest = {
    outTradeNo: run.outTradeNo, totalFee: run.amount, body: t.body, mchKey: mchKeyOf(t, run.platform), client: t.client, nonce: deps.nonce(),
    ...(run.platform === 'wechat' ? { productId: run.outTradeNo } : {}),
  };
  const attempt = (resends: Readonly<Record<ResendReason, number>>): Observable<Created> =>
    guardedCall(() => deps.cpay.call('scan_code_pay', request)).pipe(switchMap((outcome): Observable<Created> => {
      let next: ResendReason | FailReason;
      let description = '';
      if (outcome.kind === 'reply') {
        const status = classifyStatus(outcome.reply.status, outcome.reply.internalStatus);
        const codeUrl = outcome.reply.body?.codeUrl;
        if (status === 'success' && codeUrl) return of({ kind: 'qr', codeUrl });
        next = status === 'success' ? 'unknown' : ON_STATUS[status] ?? 'unknown';
        description = outcome.reply.description;
      } else {
        next = outcome.kind === 'unknown' ? 'unknown' : 'not_sent';
        description = `${outcome.reason}: ${outcome.detail}`;
      }
      const reachedBefore = run.mayHaveReached;
      if (outcome.kind !== 'not_sent') run.mayHaveReached = true;
      if (RESEND.has(next)) {
        const reason = next as ResendReason;
        if (mayResend(reason, resends[reason])) {
          return timer(resendDelay(reason, resends[reason], deps.random()), deps.scheduler)
            .pipe(switchMap(() => attempt({ ...resends, [reason]: resends[reason] + 1 })));
        }
        return of(run.mayHaveReached ? { kind: 'unknown' } : { kind: 'fail', reason: 'not_sent', description });
      }
      return of(reachedBefore ? { kind: 'unknown' } : { kind: 'fail', reason: next as FailReason, description });
    }));
  return attempt({ unknown: 0, retry_later: 0, not_sent: 0 });
}
