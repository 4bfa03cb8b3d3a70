/**
 * Fallback parser for scanners whose HID interface sends boot-keyboard reports
 * ([modifiers, reserved, key1..key6], keyboard usage page 0x07) on a vendor collection.
 * Chromium hides real keyboard collections from WebHID; a scanner seen as a plain keyboard is
 * handled by the keyboard-wedge path instead (wedge.ts).
 */
import type { HidReport } from './hid-pos.js';
import type { RawScan } from './types.js';

const SHIFT_MASK = 0x22; // left (0x02) or right (0x20) Shift
const ENTER_USAGES = new Set([0x28, 0x58]);

/** Keyboard usage → [unshifted, shifted] character (US layout). */
function usageChars(u: number): readonly [string, string] | undefined {
  if (u >= 0x04 && u <= 0x1d) {
    const c = String.fromCharCode(0x61 + u - 0x04);
    return [c, c.toUpperCase()];
  }
  if (u >= 0x1e && u <= 0x27) {
    const i = (u - 0x1e + 1) % 10;
    return [String(i), '!@#$%^&*()'[(i + 9) % 10] ?? ''];
  }
  if (u >= 0x59 && u <= 0x62) {
    const i = (u - 0x59 + 1) % 10;
    return [String(i), String(i)];
  }
  return PUNCT[u];
}

const PUNCT: Readonly<Record<number, readonly [string, string]>> = {
  0x2c: [' ', ' '],
  0x2d: ['-', '_'],
  0x2e: ['=', '+'],
  0x2f: ['[', '{'],
  0x30: [']', '}'],
  0x31: ['\\', '|'],
  0x33: [';', ':'],
  0x34: ["'", '"'],
  0x35: ['`', '~'],
  0x36: [',', '<'],
  0x37: ['.', '>'],
  0x38: ['/', '?'],
  0x63: ['.', '.'],
};

/** Parser state: keys held in the last report and the text so far. */
export interface HidBootState {
  readonly held: readonly number[];
  readonly text: string;
}

/** The empty state. */
export const HID_BOOT_IDLE: HidBootState = { held: [], text: '' };

/** Feeds one boot-keyboard report; a newly pressed Enter completes the scan. */
export function hidBootStep(state: HidBootState, report: HidReport): { state: HidBootState; scan: RawScan | null } {
  const d = report.data;
  const shift = ((d[0] ?? 0) & SHIFT_MASK) !== 0;
  const keys = Array.from(d.subarray(2, 8)).filter((k) => k > 0x03);
  let text = state.text;
  for (const k of keys.filter((k) => !state.held.includes(k))) {
    if (ENTER_USAGES.has(k)) {
      return { state: { held: keys, text: '' }, scan: text ? { text, source: 'hid', at: report.timeStamp } : null };
    }
    const chars = usageChars(k);
    if (chars) text += shift ? chars[1] : chars[0];
  }
  return { state: { held: keys, text }, scan: null };
}
