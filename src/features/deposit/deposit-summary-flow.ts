/**
 * The deposits of a shift summary window: the deposit journal's records, each checked against
 * cpay with query_freeze_order (at most 3 at a time: `mergeMap` with a limit, order does not
 * matter for a sum), folded by domain/deposit-summary.ts. A deposit cpay does not answer for
 * keeps its local figures; the summary says how many of each. Never errors.
 */
import { catchError, defer, from, map, mergeMap, of, toArray, type Observable } from 'rxjs';
import { summariseDeposits, serverFigures, type DepositFigures, type DepositSummary } from './deposit-summary.js';
import type { DepositRecord } from './deposit.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { depositClient, depositMchKey } from './deposit-deps.js';
import { guardedCall } from '../../kernel/flow/poll-order.js';
import type { ScanPayTerminal } from '../scan-pay/scan-pay-close.js';

/** Ports of the deposit summary. */
export interface DepositSummaryDeps {
  /** Deposits created in [from, to) (server ms). */
  readonly between: (from: number, to: number) => Promise<readonly DepositRecord[]>;
  readonly cpay: CpayPort;
  readonly terminal: () => ScanPayTerminal;
  readonly nonce: () => string;
}

/** cpay's figures for one deposit, or undefined (not asked: failed/unnamed; or no verified answer). */
export function checkDeposit(r: DepositRecord, deps: Pick<DepositSummaryDeps, 'cpay' | 'terminal' | 'nonce'>): Observable<DepositFigures | undefined> {
  const platform = r.platform;
  if (!platform || r.status === 'failed') return of(undefined);
  return guardedCall(() => {
    const t = deps.terminal();
    return deps.cpay.call('query_freeze_order', {
      mchKey: depositMchKey(t, platform),
      client: depositClient(t),
      outFreezeNo: r.outFreezeNo,
      nonce: deps.nonce(),
    });
  }).pipe(map((o) => (o.kind === 'reply' && o.reply.status === 0 && o.reply.body ? serverFigures(o.reply.body.freeze) : undefined)));
}

/** The deposit summary for [fromMs, toMs]; an unreadable journal gives an empty one. */
export function loadDepositSummary(w: { readonly fromMs: number; readonly toMs: number }, deps: DepositSummaryDeps): Observable<DepositSummary> {
  return defer(() => from(deps.between(w.fromMs, w.toMs + 1))).pipe(
    mergeMap((records) => from(records)),
    mergeMap((record) => checkDeposit(record, deps).pipe(map((server) => ({ record, server }))), 3),
    toArray(),
    map(summariseDeposits),
    catchError((e: unknown) => {
      console.warn('[summary] deposits could not be read', e);
      return of(summariseDeposits([]));
    }),
  );
}
