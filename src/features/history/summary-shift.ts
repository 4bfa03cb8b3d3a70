/**
 * Shifts recorded locally (issue #7): the summary's default window is the open shift, or the
 * day (CST) when none is open. The port is IndexedDB in the app (settings store).
 */
import type { Shift } from './summary.js';

/** Where shifts are kept. Times are server ms. */
export interface ShiftPort {
  /** The open shift, or the last closed one. */
  current(): Promise<Shift | undefined>;
  /** Opens a new shift at `at` (closing an open one at the same time). */
  start(at: number): Promise<Shift>;
  /** Closes the open shift at `at`; undefined when none is open. */
  end(at: number): Promise<Shift | undefined>;
  /** Closed shifts, newest first (at most the last 50). */
  history(): Promise<readonly Shift[]>;
}
