/**
 * What the ESC/POS encoder needs to know about the paper and the printer. The document it prints
 * (ReceiptDoc) is the domain's: src/kernel/receipt-doc.ts.
 */

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
  /** The cash drawer's pin (ESC p m: 2 → m 0, 5 → m 1); 2 when absent, the common wiring. */
  readonly drawerPin?: 2 | 5;
}

/** A 58 mm printer with a cutter, the most common Chinese receipt printer. */
export const LAYOUT_58MM: PrintLayout = { columns: 32, dots: 384, cutter: true, minBarcodeModule: 2, qrModule: 6 };
/** An 80 mm printer with a cutter. */
export const LAYOUT_80MM: PrintLayout = { columns: 48, dots: 576, cutter: true, minBarcodeModule: 2, qrModule: 8 };
