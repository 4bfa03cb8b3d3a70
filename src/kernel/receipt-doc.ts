/**
 * The receipt document: what every receipt model (src/kernel/receipt.ts, the deposit receipt, the
 * device test page) builds, the printer's ESC/POS encoder prints and the on-screen preview renders.
 * Presentation only: amounts are already formatted strings here. The domain owns it; the printer
 * (src/platform/devices/printer/) only renders it for a paper width (PrintLayout, there).
 */

/** Horizontal alignment of a text line. */
export type Align = 'left' | 'center' | 'right';

/**
 * Character size: `double` = 2× width and height, `tall` = 2× height, `wide` = 2× width.
 * Wide sizes halve the number of columns on the line.
 */
export type TextSize = 'normal' | 'double' | 'tall' | 'wide';

/** One line (or block) of a receipt. */
export type ReceiptLine =
  | { readonly kind: 'text'; readonly text: string; readonly align?: Align; readonly bold?: boolean; readonly size?: TextSize }
  | { readonly kind: 'separator'; readonly char?: '-' | '=' | '*' }
  /** Label/value rows: two cells (left, right-aligned) or three (left, right, right). */
  | { readonly kind: 'columns'; readonly cells: readonly [string, string] | readonly [string, string, string]; readonly bold?: boolean }
  | { readonly kind: 'qr'; readonly data: string }
  /** CODE128 of an order number (code set C for even digit runs, so numeric numbers stay short). */
  | { readonly kind: 'barcode'; readonly data: string }
  | { readonly kind: 'feed'; readonly lines: number };

/** A whole receipt. */
export interface ReceiptDoc {
  readonly lines: readonly ReceiptLine[];
  /** Cut the paper at the end (ignored when the printer has no cutter). */
  readonly cut?: boolean;
  /** Kick the cash drawer (cash payments, shift end). */
  readonly openDrawer?: boolean;
}
