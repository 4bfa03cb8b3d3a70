/**
 * What a check_bill_device_bind_info reply means to the terminal, as data. The seeds give no
 * internal_status table for binding (spec §16); the values below are the simulator's
 * (packages/simulator, README table) and any other non-zero status falls back to `rejected`,
 * whose message is cpay's own `description` (spec §5.1 step 3).
 */
import type { ResponseHead } from '@cpay/protocol';

/** Why a binding check did not pass. */
export type CheckFailure = 'unbound' | 'bound_elsewhere' | 'key_mismatch' | 'clock_skew' | 'rejected';

/** internal_status → failure kind (simulator codes; see the module comment). */
const BY_INTERNAL_STATUS: Readonly<Record<number, CheckFailure>> = {
  3105: 'clock_skew',
  3301: 'unbound',
  3302: 'bound_elsewhere',
  3303: 'key_mismatch',
  3214: 'bound_elsewhere', // legacy: device_id already bound to another sn (spec §9.2)
};

/** Statuses after which the same check may simply be sent again (spec §9.1: 3 unknown, 103 retry later). */
const RETRY_STATUSES: readonly number[] = [3, 103];

/** Classification of one check reply. */
export type CheckVerdict = { readonly kind: 'ok' } | { readonly kind: 'retry' } | { readonly kind: 'failed'; readonly failure: CheckFailure };

/** Classifies a check reply's head. */
export function classifyCheck(head: ResponseHead): CheckVerdict {
  if (head.status === 0) return { kind: 'ok' };
  if (RETRY_STATUSES.includes(head.status)) return { kind: 'retry' };
  return { kind: 'failed', failure: BY_INTERNAL_STATUS[head.internalStatus] ?? 'rejected' };
}
