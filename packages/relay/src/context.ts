/**
 * What route handlers share: the per-request log context and the relay-wide dependencies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedOptions } from './options.js';
import type { RateLimiter } from './rate-limit.js';
import type { RelayMetrics } from './metrics.js';
import type { DomainSet } from './upstream/domains.js';
import type { Upkeep } from './upstream/upkeep.js';

/** Per-request fields that end up in the access log line. */
export interface RequestContext {
  readonly id: string;
  readonly started: number;
  readonly pathname: string;
  readonly clientKey: string;
  endpoint?: string;
  upstream?: string;
  upstreamStatus?: number;
  relayError?: string;
  outcome?: string;
}

/** Relay-wide state handed to every route. */
export interface RelayDeps {
  readonly opts: ResolvedOptions;
  readonly mode: 'sandbox' | 'live';
  readonly domains: DomainSet;
  readonly upkeep: Upkeep;
  readonly limiter: RateLimiter | undefined;
  readonly startedAt: number;
  /** True once `close()` has begun: readiness fails, new work is refused by the closing server. */
  closing: boolean;
  readonly metrics: RelayMetrics;
  /** The Host names served (the allow-list), for `/relay/status`. */
  readonly hosts: readonly string[];
}

/** A route: handles the request completely (including errors) and resolves when done. */
export type Route = (ctx: RequestContext, req: IncomingMessage, res: ServerResponse, deps: RelayDeps) => Promise<void>;
