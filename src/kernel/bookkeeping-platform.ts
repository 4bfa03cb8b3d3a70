/**
 * PayPlatform 4 (记账模式, 003 L443): a bookkeeping sale's `payPlatform` (cash / card recorded on
 * this terminal, never sent to cpay). One constant for the bookkeeping model, the shift handover and
 * the journal's v7 `bookkeeping` index; a leaf module, so the storage code on the first screen does
 * not pull a model into it.
 */
export const BOOKKEEPING_PAY_PLATFORM = 4 as const;
