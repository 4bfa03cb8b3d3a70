/**
 * Unicode → GBK (GB18030 two-byte range) encoder built from the platform's own decoder.
 *
 * Neither browsers nor Node ship a GBK *encoder* (`TextEncoder` is UTF-8 only), but every
 * WHATWG-compliant runtime ships the `gb18030` *decoder*. We decode every two-byte sequence once
 * (lead 0x81–0xFE × trail 0x40–0xFE except 0x7F), invert the result into a 64K-entry table and
 * keep it for the page's lifetime. Measured cost: docs/decisions/0003-escpos-and-gb18030.md.
 * Four-byte GB18030 sequences are deliberately not produced: Chinese receipt printers ship
 * GBK/GB2312 fonts, so characters outside the two-byte range print as `?`.
 */

/** Byte printed for a character the printer's font cannot have. */
export const REPLACEMENT = 0x3f; // '?'

/** Look-alikes for common characters GBK lacks (printed width follows the substitute). */
export const SUBSTITUTES: Readonly<Record<string, string>> = { '¥': '￥', '•': '·', '–': '-', '—': '－' };

let table: Uint16Array | undefined;

/** Builds (once) the table code unit → (lead << 8 | trail); 0 means "no two-byte code". */
export function gbkTable(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(0x10000);
  const decoder = new TextDecoder('gb18030');
  const trails: number[] = [];
  for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) trails.push(b);
  const row = new Uint8Array(trails.length * 2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    trails.forEach((trail, i) => {
      row[2 * i] = lead;
      row[2 * i + 1] = trail;
    });
    const text = decoder.decode(row);
    // Every valid two-byte sequence decodes to exactly one BMP code unit.
    if (text.length !== trails.length) throw new Error(`gb18030 decoder returned ${text.length} chars for lead 0x${lead.toString(16)}`);
    for (let i = 0; i < trails.length; i++) {
      const cu = text.charCodeAt(i);
      if (cu !== 0xfffd && t[cu] === 0) t[cu] = (lead << 8) | (trails[i] ?? 0);
    }
  }
  table = t;
  return t;
}

/** FNV-1a over the table's bytes: lets tests prove Node and Chromium build the same table. */
export function gbkTableHash(): string {
  let h = 0x811c9dc5;
  for (const v of gbkTable()) {
    h = Math.imul(h ^ (v & 0xff), 0x01000193) >>> 0;
    h = Math.imul(h ^ (v >> 8), 0x01000193) >>> 0;
  }
  return h.toString(16);
}

/** Encodes text to GBK bytes: ASCII as is, CJK as two bytes, anything else as `?` per character. */
export function encodeGbk(text: string): Uint8Array {
  const t = gbkTable();
  const out: number[] = [];
  for (const original of text) {
    const ch = SUBSTITUTES[original] ?? original;
    const cp = ch.codePointAt(0) ?? REPLACEMENT;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const code = cp <= 0xffff ? (t[cp] ?? 0) : 0;
    if (code === 0) out.push(REPLACEMENT);
    else out.push(code >> 8, code & 0xff);
  }
  return Uint8Array.from(out);
}

/** Printed width in columns: one per single byte, two per double-byte character. */
export function printWidth(text: string): number {
  return encodeGbk(text).length;
}
