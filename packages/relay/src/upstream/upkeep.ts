/**
 * Background upkeep of the upstream connections, done server-side because a browser cannot
 * (spec §2.2-§2.3): `/cpay/ping` health probes of every domain, the 2-minute keep-alive exchange
 * (`GET /`, answer discarded) on the active domain, and an on-demand warm-up that makes sure a
 * connection to the active domain is open before the customer code is scanned.
 */
import { UPSTREAM_ERRORS, classifyUpstreamError } from '../errors.js';
import type { RelayLogger } from '../log.js';
import type { Domain, DomainSet } from './domains.js';

/** Timing of the upkeep loops. */
export interface UpkeepSettings {
  readonly healthIntervalMs: number;
  readonly keepAliveIntervalMs: number;
  readonly probeTimeoutMs: number;
}

/** Result of a warm-up, returned by `POST /relay/warmup`. */
export interface WarmupResult {
  readonly warmed: boolean;
  readonly origin: string;
  readonly ms: number;
  readonly error?: string;
}

/**
 * A warm-up finds the connection fresh (no upstream exchange) when a warm-up exchange with the
 * active domain succeeded within this time. The app pings every 0.5 s while the customer gets the
 * code ready (keeping the tablet's own link awake); the upstream sees one `GET /` when a sale
 * starts after a quiet spell, and one per 10 s while a wait goes on: an exchange in flight when
 * the code arrives would make the payment open a second, cold connection.
 */
export const WARM_FRESH_MS = 10_000;

/** Starts and stops the probe and keep-alive timers; coalesces concurrent warm-ups. */
export class Upkeep {
  private timers: NodeJS.Timeout[] = [];
  private warming: Promise<WarmupResult> | undefined;
  /** The last successful keep-alive exchange (warm-ups within WARM_FRESH_MS of it need none). */
  private lastWarm: { readonly origin: string; readonly at: number } | undefined;

  constructor(
    private readonly set: DomainSet,
    private readonly s: UpkeepSettings,
    private readonly logger: RelayLogger,
  ) {}

  /** Probes every domain once now, then on the intervals (timers do not keep the process alive). */
  start(): Promise<void> {
    const probe = setInterval(() => void this.probeAll(), this.s.healthIntervalMs);
    const keep = setInterval(() => void this.keepAlive(this.set.active()), this.s.keepAliveIntervalMs);
    probe.unref();
    keep.unref();
    this.timers = [probe, keep];
    return this.probeAll();
  }

  /** Stops the timers. */
  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** `POST /cpay/ping` on every domain; updates health. */
  async probeAll(): Promise<void> {
    await Promise.all(this.set.domains.map((d) => this.probe(d)));
  }

  /** Opens (or confirms) a connection to the active domain; concurrent callers share one exchange. */
  warmup(): Promise<WarmupResult> {
    const active = this.set.active();
    if (this.lastWarm?.origin === active.origin && Date.now() - this.lastWarm.at < WARM_FRESH_MS)
      return Promise.resolve({ warmed: true, origin: active.origin, ms: 0 });
    this.warming ??= this.keepAlive(this.set.active()).finally(() => {
      this.warming = undefined;
    });
    return this.warming;
  }

  private async probe(d: Domain): Promise<void> {
    const started = performance.now();
    try {
      const res = await d.pool.request({
        method: 'POST',
        path: '/cpay/ping',
        headers: { 'content-type': 'application/json' },
        body: '',
        headersTimeout: this.s.probeTimeoutMs,
        bodyTimeout: this.s.probeTimeoutMs,
      });
      await res.body.dump();
      if (res.statusCode >= 200 && res.statusCode < 300) this.set.markUp(d, performance.now() - started);
      else this.set.markDown(d, `ping answered HTTP ${res.statusCode}`);
    } catch (err) {
      this.set.markDown(d, classifyUpstreamError(err));
    }
  }

  /** The spec's keep-alive exchange: `GET /` over the pooled connection, answer read and discarded. */
  private async keepAlive(d: Domain): Promise<WarmupResult> {
    const started = performance.now();
    try {
      const res = await d.pool.request({ method: 'GET', path: '/', headersTimeout: this.s.probeTimeoutMs, bodyTimeout: this.s.probeTimeoutMs });
      await res.body.dump();
      this.lastWarm = { origin: d.origin, at: Date.now() };
      return { warmed: true, origin: d.origin, ms: round(performance.now() - started) };
    } catch (err) {
      const kind = classifyUpstreamError(err);
      if (UPSTREAM_ERRORS[kind].failover) this.set.markDown(d, kind);
      this.logger.warn({ msg: 'keep-alive exchange failed', upstream: d.origin, error: kind });
      return { warmed: false, origin: d.origin, ms: round(performance.now() - started), error: kind };
    }
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
