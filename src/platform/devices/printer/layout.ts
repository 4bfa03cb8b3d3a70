/**
 * Width-aware text layout for a fixed-pitch printer: an ASCII character takes one column and a
 * Chinese character two, which is exactly its GBK byte length, so width = encoded length.
 */
import { printWidth } from './gbk.js';

/** Splits text into lines of at most `width` columns, never splitting a double-width character. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of text) {
    const w = printWidth(ch);
    if (used + w > width && line !== '') {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += ch;
    used += w;
  }
  lines.push(line);
  return lines;
}

/** Spaces to pad `text` to `width` columns on the given side (no-op when already wider). */
export function pad(text: string, width: number, side: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - printWidth(text)));
  return side === 'left' ? fill + text : text + fill;
}

/** Cuts text to at most `width` columns. */
export function truncate(text: string, width: number): string {
  return wrap(text, width)[0] ?? '';
}

/**
 * Lays out a two-column row: label left, value right. When both do not fit on one line, the label
 * wraps and the value goes right-aligned on the last line (or its own line).
 */
export function twoColumns(left: string, right: string, width: number): string[] {
  const rw = printWidth(right);
  const lefts = wrap(left, width);
  const last = lefts.pop() ?? '';
  if (printWidth(last) + 1 + rw <= width) return [...lefts, pad(last, width - rw, 'right') + right];
  return [...lefts, last, pad(right, width, 'left')];
}

/**
 * Lays out a three-column row (e.g. item, quantity, amount): the second and third cells are
 * right-aligned in fixed columns (20 % and 30 % of the width); the first wraps in the rest.
 */
export function threeColumns(cells: readonly [string, string, string], width: number): string[] {
  const w3 = Math.ceil(width * 0.3);
  const w2 = Math.floor(width * 0.2);
  const w1 = width - w2 - w3;
  const firsts = wrap(cells[0], w1 - 1);
  const tail = pad(truncate(cells[1], w2), w2, 'left') + pad(truncate(cells[2], w3), w3, 'left');
  const last = firsts.pop() ?? '';
  return [...firsts, pad(last, w1, 'right') + tail];
}
