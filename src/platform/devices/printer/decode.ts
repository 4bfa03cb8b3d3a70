/**
 * Test decoder: ESC/POS bytes back into text lines and commands (GBK via `TextDecoder('gb18030')`).
 * Used by the golden tests, the fake printer and the end-to-end tests ("the receipt says 微信").
 * It knows the commands our encoder emits plus a few common ones, and throws on anything else,
 * so an unexpected command is a failing test rather than garbage on paper.
 */
import { decodeCode128 } from './decode-code128.js';

/** A printed text line with the modes in force when it was printed. */
export interface DecodedLine {
  readonly text: string;
  readonly align: 'left' | 'center' | 'right';
  readonly bold: boolean;
  /** GS ! value: 0x00 normal, 0x11 double, 0x01 tall, 0x10 wide. */
  readonly size: number;
}

/** Everything a receipt's bytes say. */
export interface DecodedReceipt {
  readonly lines: DecodedLine[];
  readonly qr: string[];
  readonly barcodes: string[];
  /** Command names in order (`ESC @`, `FS &`, `GS V`, …), without the text. */
  readonly commands: string[];
  /** Byte offset of each command in `commands`. */
  readonly offsets: number[];
  readonly cuts: number;
  readonly drawerKicks: number;
  /** True if `FS .` (leave Chinese mode) was ever sent: must stay false for our printers. */
  readonly leftChineseMode: boolean;
}

const ALIGNS = ['left', 'center', 'right'] as const;

interface Cursor {
  bytes: Uint8Array;
  i: number;
}
type Mutable = { -readonly [K in keyof DecodedReceipt]: DecodedReceipt[K] };
type Handler = (c: Cursor, out: Mutable, mode: { align: DecodedLine['align']; bold: boolean; size: number }) => void;

const at = (c: Cursor, k: number): number => c.bytes[c.i + k] ?? 0;

/** Handlers keyed by the command's prefix bytes (hex), longest prefix first. Data, not a switch. */
const HANDLERS: readonly (readonly [string, string, Handler])[] = [
  [
    '1b40',
    'ESC @',
    (c, _o, m) => {
      c.i += 2;
      m.align = 'left';
      m.bold = false;
      m.size = 0;
    },
  ],
  [
    '1b61',
    'ESC a',
    (c, _o, m) => {
      m.align = ALIGNS[at(c, 2) % 48] ?? 'left';
      c.i += 3;
    },
  ],
  [
    '1b45',
    'ESC E',
    (c, _o, m) => {
      m.bold = (at(c, 2) & 1) === 1;
      c.i += 3;
    },
  ],
  [
    '1d21',
    'GS !',
    (c, _o, m) => {
      m.size = at(c, 2);
      c.i += 3;
    },
  ],
  [
    '1b64',
    'ESC d',
    (c) => {
      c.i += 3;
    },
  ],
  [
    '1b70',
    'ESC p',
    (c, o) => {
      o.drawerKicks++;
      c.i += 5;
    },
  ],
  [
    '1c26',
    'FS &',
    (c) => {
      c.i += 2;
    },
  ],
  [
    '1c2e',
    'FS .',
    (c, o) => {
      o.leftChineseMode = true;
      c.i += 2;
    },
  ],
  [
    '1d5642',
    'GS V',
    (c, o) => {
      o.cuts++;
      c.i += 4;
    },
  ],
  [
    '1d5641',
    'GS V',
    (c, o) => {
      o.cuts++;
      c.i += 4;
    },
  ],
  [
    '1d68',
    'GS h',
    (c) => {
      c.i += 3;
    },
  ],
  [
    '1d77',
    'GS w',
    (c) => {
      c.i += 3;
    },
  ],
  [
    '1d48',
    'GS H',
    (c) => {
      c.i += 3;
    },
  ],
  [
    '1d6b49',
    'GS k',
    (c, o) => {
      const n = at(c, 3);
      o.barcodes.push(decodeCode128(c.bytes.subarray(c.i + 4, c.i + 4 + n)));
      c.i += 4 + n;
    },
  ],
  [
    '1d286b',
    'GS ( k',
    (c, o) => {
      const len = at(c, 3) | (at(c, 4) << 8);
      if (at(c, 6) === 0x50) o.qr.push(new TextDecoder('gb18030').decode(c.bytes.subarray(c.i + 8, c.i + 5 + len)));
      c.i += 5 + len;
    },
  ],
];

function hexAt(c: Cursor, n: number): string {
  return Array.from(c.bytes.subarray(c.i, c.i + n), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Decodes a whole byte stream. Throws on a command it does not know. */
export function decodeEscPos(bytes: Uint8Array): DecodedReceipt {
  const out: Mutable = { lines: [], qr: [], barcodes: [], commands: [], offsets: [], cuts: 0, drawerKicks: 0, leftChineseMode: false };
  const mode = { align: 'left' as DecodedLine['align'], bold: false, size: 0 };
  const c: Cursor = { bytes, i: 0 };
  let text: number[] = [];
  while (c.i < bytes.length) {
    const b = at(c, 0);
    if (b === 0x0a) {
      out.lines.push({ text: new TextDecoder('gb18030').decode(Uint8Array.from(text)), ...mode });
      text = [];
      c.i++;
    } else if (b === 0x1b || b === 0x1c || b === 0x1d) {
      const h = HANDLERS.find(([prefix]) => hexAt(c, prefix.length / 2) === prefix);
      if (!h) throw new Error(`unknown ESC/POS command ${hexAt(c, 3)} at offset ${c.i}`);
      out.commands.push(h[1]);
      out.offsets.push(c.i);
      h[2](c, out, mode);
    } else {
      text.push(b);
      c.i++;
    }
  }
  return out;
}

/** Just the text of the printed lines, trailing spaces removed (handy in assertions). */
export function receiptText(bytes: Uint8Array): string[] {
  return decodeEscPos(bytes).lines.map((l) => l.text.trimEnd());
}
