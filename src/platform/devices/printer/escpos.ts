/**
 * Pure ESC/POS encoder: receipt model → printer bytes, Chinese text in GBK.
 *
 * Every line starts by restating alignment, emphasis and size, so each line is self-contained:
 * the print queue may resume a job at any line boundary after a reconnect without the rest of
 * the receipt inheriting the wrong mode. The encoder also returns those boundaries.
 */
import { CUT, INIT, drawerKick, LF, align, bold, code128, feed, qr, size, widthFactor } from './commands.js';
import { code128Modules, code128Payload } from './code128.js';
import { encodeGbk } from './gbk.js';
import { threeColumns, twoColumns, wrap } from './layout.js';
import type { Align, ReceiptDoc, ReceiptLine, TextSize } from '../../../kernel/receipt-doc.js';
import type { PrintLayout } from './model.js';

/** Encoded receipt: the bytes and the offsets where a new line (a safe resume point) begins. */
export interface EncodedReceipt {
  readonly bytes: Uint8Array;
  readonly lineStarts: readonly number[];
}

interface Style {
  readonly align: Align;
  readonly bold: boolean;
  readonly size: TextSize;
}
const PLAIN: Style = { align: 'left', bold: false, size: 'normal' };

/** One printed line in the given style. */
function styled(text: string, style: Style): number[] {
  return [...align(style.align), ...bold(style.bold), ...size(style.size), ...encodeGbk(text), LF];
}

/** Encodes a receipt for a printer with the given layout. */
export function encodeReceipt(doc: ReceiptDoc, layout: PrintLayout): EncodedReceipt {
  const chunks: number[][] = [[...INIT]];
  for (const line of doc.lines) chunks.push(...encodeLine(line, layout));
  if (doc.openDrawer) chunks.push(drawerKick(layout.drawerPin ?? 2));
  chunks.push(layout.cutter && doc.cut !== false ? [...feed(3), ...CUT] : feed(4));
  const lineStarts: number[] = [];
  let offset = 0;
  for (const c of chunks) {
    lineStarts.push(offset);
    offset += c.length;
  }
  return { bytes: Uint8Array.from(chunks.flat()), lineStarts };
}

/** Only a drawer kick for the printer's drawer pin (a manager's "open the drawer"): no paper moves. */
export function encodeDrawerKick(layout: PrintLayout): EncodedReceipt {
  return { bytes: Uint8Array.from(drawerKick(layout.drawerPin ?? 2)), lineStarts: [0] };
}

/** Bytes of one model line, as one array per printed line. */
export function encodeLine(line: ReceiptLine, layout: PrintLayout): number[][] {
  switch (line.kind) {
    case 'text': {
      const style: Style = { align: line.align ?? 'left', bold: line.bold ?? false, size: line.size ?? 'normal' };
      const width = Math.floor(layout.columns / widthFactor(style.size));
      return wrap(line.text, width).map((t) => styled(t, style));
    }
    case 'separator':
      return [styled((line.char ?? '-').repeat(layout.columns), PLAIN)];
    case 'columns': {
      const style: Style = { ...PLAIN, bold: line.bold ?? false };
      const rows = line.cells.length === 2 ? twoColumns(line.cells[0], line.cells[1], layout.columns) : threeColumns(line.cells, layout.columns);
      return rows.map((t) => styled(t, style));
    }
    case 'qr':
      return [[...align('center'), ...qr(encodeGbk(line.data), layout.qrModule), LF]];
    case 'barcode':
      return [barcode(line.data, layout)];
    case 'feed':
      return [feed(line.lines)];
  }
}

/** CODE128 with the widest module that fits the paper; plain text when even the narrowest does not. */
function barcode(data: string, layout: PrintLayout): number[] {
  const payload = code128Payload(data);
  const modules = code128Modules(payload.symbols) + 20; // + quiet zones
  const moduleDots = Math.min(3, Math.floor(layout.dots / modules));
  if (moduleDots < layout.minBarcodeModule) return styled(data, { ...PLAIN, align: 'center' });
  return [...align('center'), ...code128(payload.bytes, moduleDots), LF];
}
