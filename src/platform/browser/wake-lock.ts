import { BehaviorSubject, type Observable } from 'rxjs';
import type { WakeLockState } from '../../app/context/platform.js';

/** The slice of `navigator.wakeLock` we use (injected, not read from globals). */
export interface WakeLockApi {
  request(type: 'screen'): Promise<{ release(): Promise<void>; addEventListener(type: 'release', cb: () => void): void }>;
}

/**
 * Keeps the screen on while wanted. The browser drops the lock when the page is hidden, so it is
 * requested again when the page becomes visible.
 */
export class ScreenWakeLock {
  private readonly state = new BehaviorSubject<WakeLockState>('released');
  /** Current state. */
  readonly state$: Observable<WakeLockState> = this.state.asObservable();
  private wanted = false;
  private sentinel: { release(): Promise<void> } | undefined;

  /** Re-acquires when the page becomes visible again; attached only while the lock is wanted. */
  private readonly onVisibility = () => {
    if (this.doc.visibilityState === 'visible') void this.acquire();
  };

  constructor(
    private readonly api: WakeLockApi | undefined,
    private readonly doc: Document,
  ) {
    if (!api) this.state.next('unsupported');
  }

  /** Turns the lock on or off. */
  async set(on: boolean): Promise<void> {
    if (on && !this.wanted) this.doc.addEventListener('visibilitychange', this.onVisibility);
    if (!on && this.wanted) this.doc.removeEventListener('visibilitychange', this.onVisibility);
    this.wanted = on;
    if (on) return this.acquire();
    await this.sentinel?.release();
    this.sentinel = undefined;
    if (this.api) this.state.next('released');
  }

  private async acquire(): Promise<void> {
    if (!this.api || this.sentinel) return;
    try {
      const s = await this.api.request('screen');
      this.sentinel = s;
      this.state.next('held');
      s.addEventListener('release', () => {
        this.sentinel = undefined;
        this.state.next('released');
      });
    } catch (err) {
      // Not allowed right now (hidden page, power saving): stay released and try on the next visibility change.
      console.info('wake lock not granted:', err instanceof Error ? err.message : String(err));
      this.state.next('released');
    }
  }
}
