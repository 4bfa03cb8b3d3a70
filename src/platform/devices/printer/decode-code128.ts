/**
 * Reads a `GS k 73` CODE128 payload (`{B`/`{C` switches, `{{` for a literal brace) back into text.
 */

/** Decodes the payload bytes of `GS k 73 n d1…dn`. */
export function decodeCode128(payload: Uint8Array): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let out = '';
  for (let i = 0; i < payload.length; i++) {
    const b = payload[i] ?? 0;
    if (b === 0x7b) {
      const next = payload[++i] ?? 0;
      if (next === 0x7b) out += '{';
      else if (next === 0x41 || next === 0x42 || next === 0x43) set = String.fromCharCode(next) as 'A' | 'B' | 'C';
      continue;
    }
    out += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}
