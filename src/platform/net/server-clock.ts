import type { SchedulerLike } from 'rxjs';
import type { SyncableClock } from '../../kernel/flow/flow-support.js';

/**
 * Local clock + server offset (spec §5.1 note: a browser cannot set the system clock). Local time
 * comes from the injected scheduler so tests run it in virtual time. Every `timestamp` sent to
 * cpay is `serverNow()`.
 */
export class ServerClock implements SyncableClock {
  private offsetMs = 0;

  constructor(private readonly scheduler: SchedulerLike) {}

  /** Milliseconds since the epoch on the server's clock (as far as we know it). */
  serverNow(): number {
    return this.scheduler.now() + this.offsetMs;
  }

  /**
   * The server stamped whole seconds somewhere between `sentAt` and `receivedAt`; assume the
   * middle of the round trip and the middle of that second.
   */
  sync(serverSeconds: number, sentAt: number, receivedAt: number): number {
    this.offsetMs = Math.round(serverSeconds * 1000 + 500 - (sentAt + receivedAt) / 2);
    return this.offsetMs;
  }

  /** The current offset (for the status bar and diagnostics). */
  get offset(): number {
    return this.offsetMs;
  }
}
