/**
 * The receipt document the ESC/POS encoder prints and the on-screen preview renders.
 * Presentation only: amounts are already formatted strings here (see receipt.ts).
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

/** What the encoder needs to know about the printer (from printer/profiles.ts). */
export interface PrintLayout {
  /** Characters per line in the normal font: 32 on 58 mm paper, 48 on 80 mm. */
  readonly columns: number;
  /** Printable dots per line: 384 on 58 mm, 576 on 80 mm (barcode width). */
  readonly dots: number;
  readonly cutter: boolean;
  /** Narrowest CODE128 module the firmware accepts with GS w (Epson: 2; many clones: 1). */
  readonly minBarcodeModule: number;
  /** QR module size in dots (GS ( k fn 67), 1–16. */
  readonly qrModule: number;
}

/** A 58 mm printer with a cutter, the most common Chinese receipt printer. */
export const LAYOUT_58MM: PrintLayout = { columns: 32, dots: 384, cutter: true, minBarcodeModule: 2, qrModule: 6 };
/** An 80 mm printer with a cutter. */
export const LAYOUT_80MM: PrintLayout = { columns: 48, dots: 576, cutter: true, minBarcodeModule: 2, qrModule: 8 };
