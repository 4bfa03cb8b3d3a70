/**
 * Response heads: full `status`/`description`/`log_id`/`internal_status`, brief `s`/`d`/`li`/`is`
 * (spec §3.1, §3.2). `Internal_status` is accepted as an alias (§15 #32).
 */
import type { ResponseHead } from '../types.js';
import { type Json, type WireReader, compact } from './read.js';

/** Which head naming a response uses. */
export type HeadKind = 'full' | 'brief';

/** Wire names of the head fields per kind. */
export const HEAD_KEYS = {
  full: { status: 'status', description: 'description', logId: 'log_id', internalStatus: 'internal_status' },
  brief: { status: 's', description: 'd', logId: 'li', internalStatus: 'is' },
} as const;

/**
 * Decodes a head. `status` and `internal_status` are required; `description` defaults to '' (it is
 * optional in the general API and only a display text); `log_id` is optional.
 */
export function decodeHead(kind: HeadKind, r: WireReader): ResponseHead {
  const k = HEAD_KEYS[kind];
  const internalKey = kind === 'full' && !r.has(k.internalStatus) && r.has('Internal_status') ? 'Internal_status' : k.internalStatus;
  const logId = r.optInt(k.logId);
  const head = {
    status: r.int(k.status),
    description: r.optStr(k.description) ?? '',
    internalStatus: r.int(internalKey),
  };
  return logId === undefined ? head : { ...head, logId };
}

/** Encodes a head in the seeds' order. */
export function encodeHead(kind: HeadKind, h: ResponseHead): Json {
  const k = HEAD_KEYS[kind];
  return compact({ [k.status]: h.status, [k.description]: h.description, [k.logId]: h.logId, [k.internalStatus]: h.internalStatus });
}
