/**
 * The refund screen's one status line, from the folded state: progress while a refund runs,
 * then the result. "Accepted" (application taken, money not yet back) and "refunded" differ.
 */
import { formatFen } from '../../kernel/money.js';
import type { RefundState } from './refund-events.js';
import { tr } from '../../i18n/refund.js';

/** A status line: what kind (for tests and styling), its tone and text. */
export interface RefundStatusLine {
  readonly kind: 'submitting' | 'accepted_waiting' | 'refunded' | 'accepted' | 'manual' | 'failed' | 'unknown';
  readonly tone: 'ok' | 'warn' | 'bad';
  readonly text: string;
}

/** The line for a state, or undefined when there is nothing to say. */
export function refundStatusLine(s: RefundState): RefundStatusLine | undefined {
  const p = s.progress;
  if (p?.type === 'submitting')
    return { kind: 'submitting', tone: 'warn', text: tr('refund.progress.submitting', { amount: formatFen(p.amount), orn: p.outRefundNo }) };
  if (p?.type === 'accepted') return { kind: 'accepted_waiting', tone: 'warn', text: tr('refund.progress.accepted') };
  const r = s.result;
  if (!r) return undefined;
  const amount = formatFen(r.amount);
  switch (r.outcome) {
    case 'refunded':
      return { kind: 'refunded', tone: 'ok', text: tr('refund.result.refunded', { amount }) };
    case 'accepted':
      return { kind: 'accepted', tone: 'ok', text: tr('refund.result.accepted', { amount }) };
    case 'manual':
      return { kind: 'manual', tone: 'warn', text: tr('refund.result.manual', { detail: r.description }) };
    case 'failed':
      return { kind: 'failed', tone: 'bad', text: tr('refund.result.failed', { detail: r.description }) };
    case 'unknown':
      return { kind: 'unknown', tone: 'warn', text: tr('refund.result.unknown', { detail: r.description }) };
  }
}
