/**
 * ESC/POS command bytes, one function per command, named after the Epson reference.
 * Only commands that are safe on Chinese-mode printers are here: nothing sends `FS .` (cancel
 * Chinese character mode) or `ESC t` (a single-byte code page), which would break GBK text.
 */
import type { Align, TextSize } from '../../../kernel/receipt-doc.js';

const ESC = 0x1b,
  GS = 0x1d,
  FS = 0x1c;

/** ESC @ — initialise (clears modes, not the Chinese-mode memory switch), then FS & — Chinese mode on. */
export const INIT = [ESC, 0x40, FS, 0x26] as const;

/** LF — print and feed one line. */
export const LF = 0x0a;

const ALIGN = { left: 0, center: 1, right: 2 } as const satisfies Record<Align, number>;
const SIZE = { normal: 0x00, tall: 0x01, wide: 0x10, double: 0x11 } as const satisfies Record<TextSize, number>;

/** ESC a n — justification. */
export const align = (a: Align): number[] => [ESC, 0x61, ALIGN[a]];
/** ESC E n — emphasised (bold) on/off. */
export const bold = (on: boolean): number[] => [ESC, 0x45, on ? 1 : 0];
/** GS ! n — character size (applies to ASCII and Chinese characters alike). */
export const size = (s: TextSize): number[] => [GS, 0x21, SIZE[s]];
/** How many times wider a character of this size is. */
export const widthFactor = (s: TextSize): number => (s === 'double' || s === 'wide' ? 2 : 1);
/** ESC d n — print and feed n lines. */
export const feed = (n: number): number[] => [ESC, 0x64, Math.max(0, Math.min(255, n))];

/** GS V 66 0 — feed to the cutter and cut (partial cut: the receipt stays hanging). */
export const CUT = [GS, 0x56, 0x42, 0x00] as const;
/** The drawer connector pin a printer's drawer is wired to (DK port pin 2 or pin 5). */
export type DrawerPin = 2 | 5;
/**
 * ESC p m t1 t2 — cash-drawer kick: m = 0 for pin 2, 1 for pin 5; pulse on t1 × 2 ms (50 ms),
 * off t2 × 2 ms (500 ms): the Epson reference values every drawer we know opens with.
 */
export const drawerKick = (pin: DrawerPin): number[] => [ESC, 0x70, pin === 5 ? 0x01 : 0x00, 0x19, 0xfa];

/** GS ( k sequence: function `fn` with parameters, for symbol type 49 (QR). */
function qrFn(fn: number, params: readonly number[]): number[] {
  const len = params.length + 2;
  return [GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, fn, ...params];
}

/** GS ( k — QR model 2, module size, error correction M, store data, print. */
export function qr(data: Uint8Array, moduleDots: number): number[] {
  return [
    ...qrFn(0x41, [0x32, 0x00]),
    ...qrFn(0x43, [Math.max(1, Math.min(16, moduleDots))]),
    ...qrFn(0x45, [0x31]),
    ...qrFn(0x50, [0x30, ...data]),
    ...qrFn(0x51, [0x30]),
  ];
}

/** GS h, GS w, GS H, GS k 73 — CODE128 with human-readable text below. `payload` includes `{B`/`{C`. */
export function code128(payload: readonly number[], moduleDots: number): number[] {
  return [GS, 0x68, 80, GS, 0x77, moduleDots, GS, 0x48, 0x02, GS, 0x6b, 73, payload.length, ...payload];
}
