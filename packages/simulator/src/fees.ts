/**
 * The simulator's fee (手续费, `poundage` / brief `pdg`): a flat rate on every paid order, given back
 * pro rata on refunds, so the overview's poundage and income fields (003 L13610-13646: pdg = debit
 * fees − reversal returns − refund returns; ia = amount credited) are exercised. The rate is ours
 * (the seeds give none): SimOptions.feeRateBps, default 60 = 0.60 %, per order rounded half up to
 * whole fen (so a 0.02 acceptance payment carries no fee).
 */
import type { SimState } from './state.js';

/** Default fee rate in basis points (1/10 000): 0.60 %. */
export const DEFAULT_FEE_RATE_BPS = 60;

/** The fee on `fen` (a payment or, returned, a refund) at the state's rate. */
export function poundageOf(state: SimState, fen: number): number {
  const bps = state.options.feeRateBps ?? DEFAULT_FEE_RATE_BPS;
  return Math.floor((fen * bps + 5_000) / 10_000);
}
