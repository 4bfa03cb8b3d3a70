/** Small pieces the boot and bind flows share. */
import type { PingResponse } from '@cpay/protocol';
import type { Clock } from './ports.js';
import type { CallOutcome } from '../../platform/net/ports.js';

/** A Clock that can learn the server offset from a ping. */
export interface SyncableClock extends Clock {
  /**
   * Sets the offset from a ping answer: `serverSeconds` (whole seconds) as seen between the local
   * scheduler times `sentAt` and `receivedAt`. Returns the new offset in ms.
   */
  sync(serverSeconds: number, sentAt: number, receivedAt: number): number;
}

/** The server time (seconds) of a successful ping, or undefined when the ping did not succeed. */
export function pingSeconds(outcome: CallOutcome<PingResponse>): number | undefined {
  if (outcome.kind !== 'reply' || outcome.reply.status !== 0) return undefined;
  const ts = outcome.reply.body?.timestamp;
  return typeof ts === 'number' && Number.isFinite(ts) && ts > 0 ? ts : undefined;
}

/** One line for the UI: why a call did not produce a usable answer. */
export function describeOutcome(outcome: CallOutcome<unknown>): string {
  switch (outcome.kind) {
    case 'reply':
      return outcome.reply.description || `status ${outcome.reply.status}/${outcome.reply.internalStatus}`;
    case 'unknown':
      return `${outcome.reason}: ${outcome.detail}`;
    case 'not_sent':
      return `${outcome.reason}: ${outcome.detail}`;
  }
}
