/** Browser facilities the screens drive (implemented in src/platform/). */
import type { Observable } from 'rxjs';

/** Screen wake lock state. */
export type WakeLockState = 'held' | 'released' | 'unsupported';

/** Kiosk/fullscreen, wake lock and app updates. */
export interface Platform {
  readonly fullscreen$: Observable<boolean>;
  toggleFullscreen(): Promise<void>;
  readonly wakeLock$: Observable<WakeLockState>;
  setWakeLock(on: boolean): Promise<void>;
  /** Applies a waiting update (reloads). Refused (false) while a sale is in progress. */
  applyUpdate(): boolean;
}
