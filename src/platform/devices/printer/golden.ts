/**
 * Golden-file helpers for ESC/POS bytes (test-only; imported by *.test.ts, never by the app).
 * Format: one printed line per text line as hex pairs; `#` starts a comment (the decoded text).
 */
import type { EncodedReceipt } from './escpos.js';
import { decodeEscPos } from './decode.js';

/** Renders encoded bytes as the golden text: each line-start segment on its own line. */
export function toGoldenHex(enc: EncodedReceipt): string {
  const starts = [...enc.lineStarts, enc.bytes.length];
  const out: string[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    const seg = enc.bytes.subarray(starts[k], starts[k + 1]);
    const hex = Array.from(seg, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const text = safeText(seg);
    out.push(text ? `${hex}  # ${text}` : hex);
  }
  return out.join('\n') + '\n';
}

function safeText(seg: Uint8Array): string {
  try {
    return decodeEscPos(seg)
      .lines.map((l) => l.text.trimEnd())
      .join(' / ');
  } catch {
    return ''; // a segment that starts mid-command has no text of its own
  }
}

/** Parses golden text back to bytes (comments and whitespace ignored). */
export function fromGoldenHex(text: string): Uint8Array {
  const hex = text
    .split('\n')
    .map((l) => l.replace(/#.*$/, ''))
    .join(' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return Uint8Array.from(hex.map((h) => Number.parseInt(h, 16)));
}
