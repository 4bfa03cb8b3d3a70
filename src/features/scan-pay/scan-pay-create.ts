/**
 * scan_code_pay with the spec §9 status rules: the identical request again after 3 / unknown
 * (bounded) and after 103 (3 s); 101/102/104 fail unless an earlier send may have created the
 * order, in which case the order is treated as unknown (and closed unless paid by the caller).
 */
import { of, switchMap, timer, type Observable } from 'rxjs';
import { classifyStatus, type Fen, type PayPlatformName, type ScanCodePayRequest, type ScanCodePayResponse, type StatusOutcome } from '@cpay/protocol';
import type { FailReason } from '../../kernel/payment.js';
import type { CallOutcome } from '../../platform/net/ports.js';
import type { PayDeps } from '../pay/pay-deps.js';
import type { OrderRecorder } from '../../kernel/flow/pay-journal.js';
import { guardedCall } from '../../kernel/flow/poll-order.js';
import { mayResend, resendDelay, type ResendReason } from '../../kernel/flow/policy.js';
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

/** What one scan_code_pay outcome calls for. */
type Step = { readonly kind: 'resend'; readonly reason: ResendReason } | { readonly kind: 'fail'; readonly reason: FailReason };

/** Status outcome → step, for a scan_code_pay reply without a QR (spec §9.1; 407 treated as unknown). */
const ON_STATUS: { readonly [O in StatusOutcome]: Step } = {
  success: { kind: 'resend', reason: 'unknown' }, // status 0 without code_url: ask again
  unknown: { kind: 'resend', reason: 'unknown' },
  retry_later: { kind: 'resend', reason: 'retry_later' },
  never_cancel: { kind: 'resend', reason: 'unknown' },
  new_number: { kind: 'fail', reason: 'new_number' },
  final: { kind: 'fail', reason: 'refused' },
  caller_error: { kind: 'fail', reason: 'caller_error' },
};

/** The step and the text to show for one outcome, or the QR. */
function stepOf(outcome: CallOutcome<ScanCodePayResponse>): { readonly step: Step; readonly description: string } | { readonly codeUrl: string } {
  if (outcome.kind !== 'reply') {
    return { step: { kind: 'resend', reason: outcome.kind === 'unknown' ? 'unknown' : 'not_sent' }, description: `${outcome.reason}: ${outcome.detail}` };
  }
  const status = classifyStatus(outcome.reply.status, outcome.reply.internalStatus);
  const codeUrl = outcome.reply.body?.codeUrl;
  if (status === 'success' && codeUrl) return { codeUrl };
  return { step: ON_STATUS[status], description: outcome.reply.description };
}

/** Creates the order; resends are identical (same nonce), as §9.1 requires. */
export function createScanOrder(run: ScanRun, deps: PayDeps): Observable<Created> {
  const t = run.terminal;
  const request: ScanCodePayRequest = {
    outTradeNo: run.outTradeNo,
    totalFee: run.amount,
    body: t.body,
    mchKey: mchKeyOf(t, run.platform),
    client: t.client,
    nonce: deps.nonce(),
    ...(run.platform === 'wechat' ? { productId: run.outTradeNo } : {}),
  };
  const attempt = (resends: Readonly<Record<ResendReason, number>>): Observable<Created> =>
    guardedCall(() => deps.cpay.call('scan_code_pay', request)).pipe(
      switchMap((outcome): Observable<Created> => {
        const next = stepOf(outcome);
        if ('codeUrl' in next) return of({ kind: 'qr', codeUrl: next.codeUrl });
        const reachedBefore = run.mayHaveReached;
        if (outcome.kind !== 'not_sent') run.mayHaveReached = true;
        const { step, description } = next;
        if (step.kind === 'fail') return of(reachedBefore ? { kind: 'unknown' } : { kind: 'fail', reason: step.reason, description });
        const done = resends[step.reason];
        if (mayResend(step.reason, done)) {
          return timer(resendDelay(step.reason, done, deps.random()), deps.scheduler).pipe(switchMap(() => attempt({ ...resends, [step.reason]: done + 1 })));
        }
        return of(run.mayHaveReached ? { kind: 'unknown' } : { kind: 'fail', reason: 'not_sent', description });
      }),
    );
  return attempt({ unknown: 0, retry_later: 0, not_sent: 0 });
}
